import Foundation
import Testing

/// `--version`: the program's version and the default rules' name, version and sha256. These
/// tests read the built-in rules on purpose, and only their name, version and sha256 as a run
/// reports them, so any edit of the shipped rules keeps them passing.
@Suite struct VersionTests {
    /// The rules identity a scripted run reports, to compare `--version` with.
    static func rulesOfARun() throws -> [String: String] {
        let result = try Binary.run(["run", "--json", "-"], builtInRules: true, stdin: "")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["rules"] as? [String: String])
    }

    @Test(arguments: [["--version"], ["run", "--version"]])
    func versionNamesProgramAndDefaultRules(arguments: [String]) throws {
        let result = try Binary.run(arguments, builtInRules: true)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stdout)")
        let program = try #require(lines.first)
        #expect(program.hasPrefix("headache-triage "))
        #expect(program.split(separator: " ").last?.allSatisfy { $0.isNumber || $0 == "." } == true)
        let rules = try Self.rulesOfARun()
        let name = try #require(rules["name"]), version = try #require(rules["version"]), sha = try #require(rules["sha256"])
        #expect(lines.dropFirst().first == "rules: \(name) \(version)")
        #expect(lines.last == "rules sha256: \(sha)")
        #expect(sha.count == 64)
    }

    @Test func transcriptsRecordTheSameProgramVersion() throws {
        let version = try Binary.run(["--version"]).stdout.split(separator: "\n").first.map(String.init) ?? ""
        let folder = try Binary.temporaryFolder()
        let result = try Binary.run(["run", "--rules", CommandLineRules.folder.path, "--transcripts", folder.path, "-"], stdin: "")
        #expect(result.status == 0, "\(result.stderr)")
        let saved = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let file = try #require(saved.first)
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains("# program: \(version)\n"), "\(text.prefix(300))")
    }
}
