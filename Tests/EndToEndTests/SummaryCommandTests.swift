import Foundation
import Testing

/// `headache-triage summary`: a saved conversation turned into a summary file, written whole
/// and private, or not at all. On the summary's small rules (Tests/SummaryRules), with a
/// conversation made with them (its `office` example, started 2026-11-30T14:51:28Z).
@Suite("summary command")
struct SummaryCommandTests {
    static let rules = Binary.packageRoot.appendingPathComponent("Tests/SummaryRules")
    static let transcript = rules.appendingPathComponent("transcripts/office.transcript").path
    static let examples = rules.appendingPathComponent("examples")

    /// `summary` on the summary's rules, with `arguments`.
    static func summary(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Binary.Result {
        try Binary.run(["summary", "--rules", rules.path] + arguments, environment: environment, timeout: timeout)
    }

    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    static func contents(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("writes HTML and Markdown by the extension, readable by its owner alone, and says where")
    func writesByExtension() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["visit.html", "visit.md"] {
            let path = folder.appendingPathComponent(name).path
            let run = try Self.summary([Self.transcript, "-o", path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(path))
            #expect(try Self.mode(path) == 0o600)
        }
        let html = try String(contentsOfFile: folder.appendingPathComponent("visit.html").path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        // Self-contained: nothing is fetched, nothing runs.
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src=\"http"))
        let markdown = try String(contentsOfFile: folder.appendingPathComponent("visit.md").path, encoding: .utf8)
        #expect(markdown.hasPrefix("# "))
        // Dated by the conversation, not by the day the summary was made.
        #expect(markdown.contains("2026-11-30T14:51:28Z"))
        #expect(html.contains("2026-11-30T14:51:28Z"))
        #expect(Self.contents(folder) == ["visit.html", "visit.md"])
    }

    @Test("a transcript whose recorded outcome the rules in use no longer give: the summary says so")
    func changedOutcome() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOfFile: Self.transcript, encoding: .utf8)
        #expect(original.contains("#= triage: self_care"))
        let edited = folder.appendingPathComponent("edited.transcript")
        try original.replacingOccurrences(of: "#= triage: self_care", with: "#= triage: consult").write(to: edited, atomically: true, encoding: .utf8)
        let run = try Self.summary([edited.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("triage: consult -> self_care"))
        let unchanged = try Self.summary([Self.transcript])
        #expect(!unchanged.stderr.contains("decide differently"))
    }

    @Test("without -o, prints Markdown")
    func printsMarkdown() throws {
        let run = try Self.summary([Self.transcript])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# "))
        #expect(run.stdout.contains("Neuromuscular therapy"))
    }

    @Test("an unreadable transcript: a clear message, and no file")
    func unreadableTranscript() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("visit.html").path
        let missing = try Self.summary([folder.appendingPathComponent("nothing.transcript").path, "-o", out])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file"))
        #expect(missing.stderr.contains("no summary written"))

        let garbage = folder.appendingPathComponent("garbage.transcript")
        try Data("this is not a transcript\nat all\n".utf8).write(to: garbage)
        let bad = try Self.summary([garbage.path, "-o", out])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("expected 'question_id: answer'"))
        #expect(bad.stderr.contains("no summary written"))

        let empty = folder.appendingPathComponent("empty.transcript")
        try Data("# nothing but a comment\n".utf8).write(to: empty)
        let none = try Self.summary([empty.path, "-o", out])
        #expect(none.status == 1)
        #expect(none.stderr.contains("holds no answers"))
        #expect(Self.contents(folder) == ["empty.transcript", "garbage.transcript"])
    }

    @Test("an unwritable output path: a clear message, and no file, not even a partial one")
    func unwritableOutput() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noFolder = try Self.summary([Self.transcript, "-o", folder.appendingPathComponent("missing/visit.html").path])
        #expect(noFolder.status == 1)
        #expect(noFolder.stderr.contains("does not exist"))
        #expect(noFolder.stderr.contains("nothing was written"))

        let aFolder = folder.appendingPathComponent("taken.html")
        try FileManager.default.createDirectory(at: aFolder, withIntermediateDirectories: false)
        let isFolder = try Self.summary([Self.transcript, "-o", aFolder.path])
        #expect(isFolder.status == 1)
        #expect(isFolder.stderr.contains("it is a folder"))

        let unknown = try Self.summary([Self.transcript, "-o", folder.appendingPathComponent("visit.docx").path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains(".html, .md or .pdf"))
        #expect(Self.contents(folder) == ["taken.html"])
    }

    @Test("a read-only folder: no file and no temporary file left",
          .enabled(if: getuid() != 0, "the superuser can write into a read-only folder"))
    func readOnlyFolder() throws {
        let folder = try Binary.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder.path)
        let run = try Self.summary([Self.transcript, "-o", folder.appendingPathComponent("visit.html").path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write the summary"))
        #expect(Self.contents(folder).isEmpty)
    }

    @Test("a PDF without Chromium says how to install it, and writes nothing")
    func pdfWithoutChromium() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.summary([Self.transcript, "-o", folder.appendingPathComponent("visit.pdf").path],
                                   environment: ["PATH": folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("apt-get install chromium"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(Self.contents(folder).isEmpty)
    }
}
