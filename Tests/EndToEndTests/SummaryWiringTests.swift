import Foundation
import Testing

/// Where people get the summary: `save` at the ending, `--summary FILE`, and
/// `run --format html|markdown -o DIR`.
@Suite struct SummaryWiringTests {
    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test func saveAtTheEndingWritesTheSummaryAndSaysWhere() throws {
        let folder = try Binary.temporaryFolder()
        let path = folder.appendingPathComponent("for my doctor.html").path
        let chat = try Binary.run(["--no-save"], stdin: "\n1\nsave \(path)\n\n")
        // Said with the path (the line may wrap on the page).
        let said = chat.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(said.contains("Saved a summary to take to your doctor or therapist:") && said.contains("for my doctor.html"), "\(chat.stdout.suffix(600))")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<html") && html.contains("EMERGENCY") || html.contains("Emergency"))
        #expect(try Self.mode(path) == 0o600)
    }

    @Test func saveWithoutANameGoesBesideTheTranscript() throws {
        let folder = try Binary.temporaryFolder()
        _ = try Binary.run(["--transcripts", folder.path], stdin: "\n1\nsave\n\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let transcript = try #require(files.first { $0.hasSuffix(".transcript") })
        #expect(files.contains(String(transcript.dropLast(".transcript".count)) + ".html"), "\(files)")
    }

    @Test func summaryOptionWritesMarkdownAtTheEnding() throws {
        let folder = try Binary.temporaryFolder()
        let path = folder.appendingPathComponent("summary.md").path
        let chat = try Binary.run(["--no-save", "--summary", path], stdin: "\n1\n\n")
        #expect(chat.status == 0)
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.hasPrefix("# "))
        #expect(markdown.contains("A headache that reaches its worst within a few minutes"))
    }

    @Test func summaryOptionRefusesAnUnknownExtensionOrFolderBeforeAnything() throws {
        let bad = try Binary.run(["--no-save", "--summary", "/tmp/summary.docx"], stdin: "")
        #expect(bad.status != 0 && bad.stderr.contains("summary.docx"))
        #expect(!bad.stdout.contains("describe your headache"), "nothing asked before the mistake is reported")
        let missing = try Binary.run(["--no-save", "--summary", "/no/such/folder/s.html"], stdin: "")
        #expect(missing.status != 0 && missing.stderr.contains("does not exist"))
    }

    @Test func runWritesOneSummaryAFile() throws {
        let folder = try Binary.temporaryFolder()
        let examples = Binary.packageRoot.appendingPathComponent("Tests/TriageKitTests/Resources/spec-examples")
        let files = ["office-tension.txt", "thunderclap-stop.txt"].map { examples.appendingPathComponent($0).path }
        let run = try Binary.run(["run", "--format", "markdown", "-o", folder.path] + files)
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == ["office-tension.md", "thunderclap-stop.md"])
        let office = try String(contentsOfFile: folder.appendingPathComponent("office-tension.md").path, encoding: .utf8)
        #expect(office.contains("Frequent episodic tension-type headache"))
        #expect(try Self.mode(folder.appendingPathComponent("office-tension.md").path) == 0o600)
        let html = try Binary.run(["run", "--format", "html", "-o", folder.path, files[0]])
        #expect(html.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("office-tension.html").path))
        // The format needs its folder, and the folder its format.
        #expect(try Binary.run(["run", "--format", "html", files[0]]).status != 0)
        #expect(try Binary.run(["run", "-o", folder.path, files[0]]).status != 0)
    }
}
