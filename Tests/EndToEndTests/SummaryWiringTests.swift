import Foundation
import Testing

/// Where people get the summary: `save` at the ending, `--summary FILE`, and
/// `run --format html|markdown -o DIR`, on the summary's small rules (Tests/SummaryRules), whose
/// first question is `sudden_onset`: a "yes" to it stops the conversation as an emergency.
@Suite struct SummaryWiringTests {
    static let rules = Binary.packageRoot.appendingPathComponent("Tests/SummaryRules")
    static let examples = rules.appendingPathComponent("examples")

    /// `arguments` with `--rules` naming the summary's rules, after the command when there is one.
    static func arguments(_ arguments: [String]) -> [String] {
        let named = ["--rules", rules.path]
        guard let first = arguments.first, Binary.commandsWithRules.contains(first) else { return named + arguments }
        return [first] + named + arguments.dropFirst()
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test func saveAtTheEndingWritesTheSummaryAndSaysWhere() throws {
        let folder = try Binary.temporaryFolder()
        let path = folder.appendingPathComponent("for my doctor.html").path
        let chat = try Binary.run(Self.arguments(["--no-save"]), stdin: "\nyes\nsave \(path)\n\n")
        // Said with the path (the line may wrap on the page).
        let said = chat.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(said.contains("Saved a summary to take to your doctor or therapist:") && said.contains("for my doctor.html"), "\(chat.stdout.suffix(600))")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<html") && (html.contains("EMERGENCY") || html.contains("Emergency")))
        #expect(html.contains("A headache that reaches its worst within a few minutes"))
        #expect(try Self.mode(path) == 0o600)
    }

    @Test func saveWithoutANameGoesBesideTheTranscript() throws {
        let folder = try Binary.temporaryFolder()
        _ = try Binary.run(Self.arguments(["--transcripts", folder.path]), stdin: "\nyes\nsave\n\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let transcript = try #require(files.first { $0.hasSuffix(".transcript") })
        #expect(files.contains(String(transcript.dropLast(".transcript".count)) + ".html"), "\(files)")
    }

    @Test func summaryOptionWritesMarkdownAtTheEnding() throws {
        let folder = try Binary.temporaryFolder()
        let path = folder.appendingPathComponent("summary.md").path
        let chat = try Binary.run(Self.arguments(["--no-save", "--summary", path]), stdin: "\nyes\n\n")
        #expect(chat.status == 0)
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.hasPrefix("# "))
        #expect(markdown.contains("A headache that reaches its worst within a few minutes"))
    }

    @Test func summaryOptionRefusesAnUnknownExtensionOrFolderBeforeAnything() throws {
        let bad = try Binary.run(Self.arguments(["--no-save", "--summary", "/tmp/summary.docx"]), stdin: "")
        #expect(bad.status != 0 && bad.stderr.contains("summary.docx"))
        #expect(!bad.stdout.contains("describe your headache"), "nothing asked before the mistake is reported")
        let missing = try Binary.run(Self.arguments(["--no-save", "--summary", "/no/such/folder/s.html"]), stdin: "")
        #expect(missing.status != 0 && missing.stderr.contains("does not exist"))
    }

    @Test func runWritesOneSummaryAFile() throws {
        let folder = try Binary.temporaryFolder()
        let files = ["office.txt", "thunderclap.txt"].map { Self.examples.appendingPathComponent($0).path }
        let run = try Binary.run(Self.arguments(["run", "--format", "markdown", "-o", folder.path] + files))
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == ["office.md", "thunderclap.md"])
        let office = try String(contentsOfFile: folder.appendingPathComponent("office.md").path, encoding: .utf8)
        #expect(office.hasPrefix("# "))
        #expect(office.contains("Frequent episodic tension-type headache"))
        #expect(office.contains("Neuromuscular therapy is recommended"))
        let thunderclap = try String(contentsOfFile: folder.appendingPathComponent("thunderclap.md").path, encoding: .utf8)
        #expect(thunderclap.contains("A headache that reaches its worst within a few minutes"))
        #expect(try Self.mode(folder.appendingPathComponent("office.md").path) == 0o600)
        let html = try Binary.run(Self.arguments(["run", "--format", "html", "-o", folder.path, files[0]]))
        #expect(html.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("office.html").path))
        // The format needs its folder, and the folder its format.
        #expect(try Binary.run(Self.arguments(["run", "--format", "html", files[0]])).status != 0)
        #expect(try Binary.run(Self.arguments(["run", "-o", folder.path, files[0]])).status != 0)
    }
}
