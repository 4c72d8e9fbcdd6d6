import Testing
@testable import TriageKit

/// What the person typed is shown as text in every format: never markup, a link or a control code.
@Suite("Summary: what was typed stays text")
struct SummaryEscapingTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "[click here](https://example.com/x) and ![pic](https://example.com/p.png)",
        "\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07} \u{9B}2J",
        "*bold* _it_ `code` <b>b</b> &amp; | a | b | www.example.com x@example.com",
        "# heading",
    ]
    static let story = hostile.joined(separator: " ")

    /// A report whose story and one answer hold every hostile text, on the small rules of
    /// OneReportEveryFormatTests.
    static func report() throws -> ConsultationReport {
        let loaded = LanguageTests.load(OneReportEveryFormatTests.rulesText)
        let rules = try #require(loaded.rules, "\(loaded.diagnostics.map(\.summaryLine))")
        let answers = ["fever": "no \(hostile[0]) \(hostile[1])", "aura": "no", "side": "one_side", "hours": "6",
                       "neck": "yes", "screen_hours": "8"]
        let script = "story: \(story)\n" + Fixtures.scriptText(answers)
        let result = ScriptedRun(rules: rules).run(AnswersScript(file: "test.txt", text: script))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.summaryLine))")
        let report = ConsultationReport(result: result, date: SummaryFixtures.date, program: SummaryFixtures.program)
        #expect(report.story == story)
        #expect(report.facts.contains { $0.id == "fever" && $0.value == .no && $0.words?.contains("alert(1)") == true })
        return report
    }

    @Test("HTML: no tag, attribute or entity from the typed text")
    func html() throws {
        let page = HTMLSummary().render(try Self.report())
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>b</b>"))
        #expect(!page.contains("onerror=alert(2)>"))
        #expect(!page.contains("\u{1B}"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(page.contains("&amp;amp;"))
        // The only script a page could run is kept out by its content policy too.
        #expect(page.contains("default-src 'none'"))
    }

    @Test("Markdown: no link, image, emphasis or HTML from the typed text")
    func markdown() throws {
        let text = MarkdownSummary().render(try Self.report())
        let lines = text.split(separator: "\n").map(String.init)
        // The lines that hold what was typed: the story, and the answer to fever.
        let typed = lines.filter { $0.contains("alert(1)") }
        #expect(typed.count == 2)
        for line in typed {
            // Everything after the renderer's own "**...**" label.
            let words = String(line[(line.range(of: "“")?.upperBound ?? line.startIndex)...])
            for special in ["<", ">", "[", "]", "*", "_", "`", "|", "&", "@"] as [Character] {
                #expect(Self.unescaped(special, in: words) == 0, "an unescaped '\(special)' in \(words)")
            }
            #expect(!words.contains("https://"))
            #expect(!words.contains("www."))
        }
        #expect(!text.contains("\u{1B}"))
        #expect(!lines.contains { $0.hasPrefix("# heading") })
    }

    /// How many times `ch` stands without a backslash before it (Markdown's escape).
    static func unescaped(_ ch: Character, in text: String) -> Int {
        var count = 0, escaped = false
        for c in text {
            if c == "\\", !escaped { escaped = true; continue }
            if c == ch, !escaped { count += 1 }
            escaped = false
        }
        return count
    }

    @Test("terminal text: no escape or control character from the typed text")
    func terminal() throws {
        let text = TextSummary().render(try Self.report())
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("<script>alert(1)</script>"))
        #expect(text.contains("[31mred"))
    }

    @Test("control characters and direction overrides are removed, line breaks become spaces")
    func plain() {
        #expect(TypedText.plain("a\u{1B}[2Jb\u{202E}c\nd\r\ne\u{0}") == "a[2Jbc d e")
        #expect(TypedText.html("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
        #expect(TypedText.markdown("1. not a list") == "1\\. not a list")
        #expect(TypedText.markdown("- not a list") == "\\- not a list")
        #expect(TypedText.markdown("see http://x.org or mailto:a") == "see http\\://x.org or mailto\\:a")
    }
}
