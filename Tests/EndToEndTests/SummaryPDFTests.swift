import Foundation
import Testing
import TriageKit

/// The summary printed to PDF by headless Chromium: one page, with the triage, the reasons of
/// every flag and the pattern, and typed text shown as text. On the summary's small rules
/// (Tests/SummaryRules) and their examples. `.ci/run` installs Chromium and poppler-utils
/// (pdfinfo, pdftotext); without them these tests are skipped.
@Suite("summary as PDF (headless Chromium)", .serialized)
struct SummaryPDFTests {
    static func tool(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static var chromium: String? { ["chromium", "chromium-browser"].lazy.compactMap(tool).first }
    static var toolsInstalled: Bool { chromium != nil && tool("pdftotext") != nil && tool("pdfinfo") != nil }

    /// The examples in `Tests/SummaryRules/examples`.
    static let names = ["fever-unsure", "office", "overuse", "thunderclap"]

    static func rules() throws -> RuleSet { try #require(Binary.ruleSet(SummaryCommandTests.rules), "Tests/SummaryRules did not load") }

    /// Runs a tool and returns what it printed.
    static func output(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let path = tool.contains("/") ? tool : try #require(Self.tool(tool), "\(tool) is not installed")
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func pages(_ pdf: String) throws -> Int? {
        try output("pdfinfo", [pdf]).split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }

    static func text(_ pdf: String) throws -> String {
        try output("pdftotext", [pdf, "-"]).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func flat(_ text: String) -> String { text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }

    @Test("the examples are those of the rules' folder")
    func examplesAreTheFolders() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: SummaryCommandTests.examples.path).filter { $0.hasSuffix(".txt") }
        #expect(files.map { String($0.dropLast(".txt".count)) }.sorted() == Self.names)
    }

    @Test("each example prints on one page with its triage, its flags' reasons and its pattern",
          .enabled(if: toolsInstalled, "Chromium and poppler-utils are not installed (.ci/run installs them)"),
          arguments: names)
    func example(_ name: String) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = SummaryCommandTests.examples.appendingPathComponent("\(name).txt").path
        let pdf = folder.appendingPathComponent("\(name).pdf").path
        let run = try SummaryCommandTests.summary([script, "-o", pdf], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try SummaryCommandTests.mode(pdf) == 0o600)
        #expect(try Self.pages(pdf) == 1)

        // What it must say, from the same rules and answers.
        let rules = try Self.rules()
        let bytes = try #require(FileManager.default.contents(atPath: script))
        let outcome = ScriptedRun(rules: rules).run(AnswersScript(file: name, bytes: [UInt8](bytes))).outcome
        let text = try Self.text(pdf)
        var expected = [outcome.triage.title] + outcome.redFlags.map(\.message) + outcome.redFlagsUnsure.map(\.message)
        expected.append(outcome.pattern?.name ?? SummaryHeadings.english.patternNotAssessed)
        if let code = outcome.pattern?.code { expected.append("ICHD-3 \(code)") }
        for line in expected {
            #expect(text.contains(Self.flat(line)), "\(name).pdf does not say: \(line)")
        }
    }

    /// A consultation with much to say: the `office` example with two flags and five unsure ones,
    /// every contributor, focus area and piece of self-care, and a story of about 1,900
    /// characters (the answers SummaryReportTests fits to a page in smaller type).
    static func fullScript() throws -> String {
        let changes = ["fever": "not sure", "progressive": "not sure", "positional": "not sure", "cough_trigger": "not sure",
                       "weight_loss": "not sure", "new_medicine": "yes", "painkiller_days": "16", "painkiller_kind": "combination",
                       "jaw_clenching": "yes", "stress": "yes", "sleep_hours": "5", "osteoporosis": "not sure"]
        let example = try String(contentsOfFile: SummaryCommandTests.examples.appendingPathComponent("office.txt").path, encoding: .utf8)
        var lines = ["story: " + String(repeating: "a long story of many words ", count: 70).trimmingCharacters(in: .whitespaces)]
        for line in example.split(separator: "\n") where !line.hasPrefix("story:") && !line.hasPrefix("#") {
            let id = line.split(separator: ":").first.map(String.init) ?? ""
            lines.append(changes[id].map { "\(id): \($0)" } ?? String(line))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a consultation with much to say still prints on one page, in smaller type",
          .enabled(if: toolsInstalled, "Chromium and poppler-utils are not installed (.ci/run installs them)"))
    func fullConsultation() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("full.txt")
        try Self.fullScript().write(to: script, atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("full.pdf").path
        let run = try SummaryCommandTests.summary([script.path, "-o", pdf], timeout: 180)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.pages(pdf) == 1)
        let result = ScriptedRun(rules: try Self.rules()).run(AnswersScript(file: "full.txt", text: try Self.fullScript()))
        let outcome = result.outcome
        #expect(outcome.redFlags.count == 2)
        #expect(outcome.redFlagsUnsure.count == 5)
        #expect(outcome.focus.count == 5)
        #expect(outcome.selfCare.count == 7)
        #expect(result.story?.count ?? 0 > 1_800)
        // Too much for the normal type: the page is printed smaller, and still fits.
        #expect(PageFit.density(for: ConsultationReport(result: result, date: "d", program: "p")) != .normal)
        let html = folder.appendingPathComponent("full.html")
        #expect(try SummaryCommandTests.summary([script.path, "-o", html.path]).status == 0)
        #expect(!(try String(contentsOf: html, encoding: .utf8)).contains("<body class=\"normal\">"), "the page is in normal type")
        let text = try Self.text(pdf)
        for line in [outcome.triage.title] + outcome.redFlags.map(\.message) + outcome.redFlagsUnsure.map(\.message)
            + [outcome.pattern?.name ?? "?"] {
            #expect(text.contains(Self.flat(line)), "full.pdf does not say: \(line)")
        }
    }

    /// Chromium prints on US Letter unless the page asks otherwise (the tests above); A4 is
    /// longer but narrower.
    @Test("each example, and the consultation with much to say, fits one A4 page too",
          .enabled(if: toolsInstalled, "Chromium and poppler-utils are not installed (.ci/run installs them)"),
          arguments: names + ["full"])
    func a4(_ name: String) throws {
        let size = "A4"
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var script = SummaryCommandTests.examples.appendingPathComponent("\(name).txt")
        if name == "full" {
            script = folder.appendingPathComponent("full.txt")
            try Self.fullScript().write(to: script, atomically: true, encoding: .utf8)
        }
        let html = folder.appendingPathComponent("summary.html")
        let run = try SummaryCommandTests.summary([script.path, "-o", html.path])
        #expect(run.status == 0, "\(run.stderr)")
        // The page asks for no size of its own: the printer's paper is set here, as a print dialogue would.
        var page = try String(contentsOf: html, encoding: .utf8)
        page = page.replacingOccurrences(of: "</style>", with: "@page { size: \(size); }</style>")
        try page.write(to: html, atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("summary.pdf").path
        try print(html, to: pdf, in: folder)
        #expect(try Self.pages(pdf) == 1)
        #expect(try Self.output("pdfinfo", [pdf]).lowercased().contains(size.lowercased()))
    }

    @Test("a hostile story prints as the characters typed, and the page runs nothing",
          .enabled(if: toolsInstalled, "Chromium and poppler-utils are not installed (.ci/run installs them)"))
    func hostileStory() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("hostile.txt")
        let story = "<script>document.title='pwned';document.write('PWNED')</script> <img src=x onerror=\"document.body.innerHTML='PWNED'\"> [click](https://example.com) \u{1B}[31mred"
        try Data("story: \(story)\nsudden_onset: no\n".utf8).write(to: script)
        let html = folder.appendingPathComponent("hostile.html")
        #expect(try SummaryCommandTests.summary([script.path, "-o", html.path]).status == 0)
        let pdf = folder.appendingPathComponent("hostile.pdf").path
        let run = try SummaryCommandTests.summary([script.path, "-o", pdf], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        // A line may break anywhere in a long word: compared without white space.
        let text = try Self.text(pdf).filter { !$0.isWhitespace }
        for typed in ["<script>document.title='pwned';document.write('PWNED')</script>", "<img src=x onerror=",
                      "[click](https://example.com)"] {
            #expect(text.contains(typed.filter { !$0.isWhitespace }), "the PDF does not show: \(typed)")
        }
        // Had the script run, the page would say PWNED on its own.
        #expect(text.components(separatedBy: "PWNED").count - 1 == 2)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        // The page as the browser built it: the typed tags are text, not elements.
        let dom = try Self.output(try #require(Self.chromium), Self.chromiumArguments(folder) + ["--dump-dom", html.absoluteString])
        #expect(dom.contains("&lt;script&gt;"))
        #expect(!dom.contains("<script"))
        #expect(!dom.contains("<img"))
    }

    static func chromiumArguments(_ folder: URL) -> [String] {
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder.path)/profile"]
        if getuid() == 0 { arguments.append("--no-sandbox") }
        return arguments
    }

    func print(_ html: URL, to pdf: String, in folder: URL) throws {
        _ = try Self.output(try #require(Self.chromium), Self.chromiumArguments(folder) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", html.absoluteString])
    }
}
