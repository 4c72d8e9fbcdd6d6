import Foundation
import Testing
import TriageKit

/// The summary printed to PDF by headless Chromium: one page, with the triage, the reasons of
/// every flag and the pattern, and typed text shown as text. `.ci/run` installs Chromium and
/// poppler-utils (pdfinfo, pdftotext); without them these tests are skipped.
@Suite("summary as PDF (headless Chromium)", .serialized)
struct SummaryPDFTests {
    static func tool(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static var chromium: String? { ["chromium", "chromium-browser"].lazy.compactMap(tool).first }
    static var toolsInstalled: Bool { chromium != nil && tool("pdftotext") != nil && tool("pdfinfo") != nil }

    static let names = ["aura-on-the-pill", "fever-unsure", "office-tension", "opioid-overuse", "teen-migraine-aura", "thunderclap-stop"]

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

    @Test("each public example prints on one page with its triage, its flags' reasons and its pattern",
          .enabled(if: toolsInstalled, "Chromium and poppler-utils are not installed (.ci/run installs them)"),
          arguments: names)
    func example(_ name: String) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = SummaryCommandTests.examples.appendingPathComponent("\(name).txt").path
        let pdf = folder.appendingPathComponent("\(name).pdf").path
        let run = try Binary.run(["summary", script, "-o", pdf], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try SummaryCommandTests.mode(pdf) == 0o600)
        #expect(try Self.pages(pdf) == 1)

        // What it must say, from the same rules and answers.
        let rules = try #require(Binary.fixtureRuleSet())
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

    /// A consultation with much to say: six flags, every contributor and focus area, eight
    /// pieces of self-care, a long story.
    static func fullScript() throws -> String {
        let changes = ["progressive": "yes", "positional": "yes", "cough_trigger": "yes", "weight_loss": "yes",
                       "new_medicine": "yes", "painkiller_days": "16", "painkiller_kind": "combination", "jaw_clenching": "yes",
                       "stress": "yes", "sleep_hours": "5", "osteoporosis": "not sure", "high_blood_pressure": "not sure",
                       "neck_precautions": "yes", "red_eye": "not sure", "restless": "not sure"]
        let example = try String(contentsOfFile: SummaryCommandTests.examples.appendingPathComponent("office-tension.txt").path, encoding: .utf8)
        var lines = ["story: pressure on both sides of my head after long days at the computer, worse when I cough or strain; "
                     + "my jaw aches in the morning, I take co-codamol most days and I sleep badly"]
        for line in example.split(separator: "\n") where !line.hasPrefix("story:") {
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
        let run = try Binary.run(["summary", script.path, "-o", pdf], timeout: 180)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.pages(pdf) == 1)
        let rules = try #require(Binary.fixtureRuleSet())
        let outcome = ScriptedRun(rules: rules).run(AnswersScript(file: "full.txt", text: try Self.fullScript())).outcome
        #expect(outcome.redFlags.count >= 6)
        #expect(outcome.focus.count == 5)
        let text = try Self.text(pdf)
        for line in [outcome.triage.title] + outcome.redFlags.map(\.message) + [outcome.pattern?.name ?? "?"] {
            #expect(text.contains(Self.flat(line)), "full.pdf does not say: \(line)")
        }
    }

    /// Chromium prints on US Letter unless the page asks otherwise (the test above); A4 is
    /// longer but narrower.
    @Test("each public example fits one A4 page too",
          .enabled(if: toolsInstalled, "Chromium and poppler-utils are not installed (.ci/run installs them)"),
          arguments: names)
    func a4(_ name: String) throws {
        let size = "A4"
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("summary.html")
        let run = try Binary.run(["summary", SummaryCommandTests.examples.appendingPathComponent("\(name).txt").path, "-o", html.path])
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
        #expect(try Binary.run(["summary", script.path, "-o", html.path]).status == 0)
        let pdf = folder.appendingPathComponent("hostile.pdf").path
        let run = try Binary.run(["summary", script.path, "-o", pdf], timeout: 120)
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
