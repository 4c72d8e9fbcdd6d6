import Foundation
import Testing
import TriageKit

/// Every input a fuzzer once crashed on (kept in Fuzz/regressions/TARGET/) must now give a
/// clear error with a place, never a crash or a hang.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    static func inputs(_ target: String) -> [String] {
        let folder = root.appendingPathComponent(target)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    /// Reads an input, unpacking `.gz` files (large inputs are kept compressed).
    static func bytes(_ path: String) throws -> [UInt8] {
        guard path.hasSuffix(".gz") else { return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test(arguments: inputs("rules"))
    func rulesInputGivesALocatedError(path: String) throws {
        let loaded = RulesLoader(source: InMemoryRules(bytes: ["main.rules": try Self.bytes(path)])).load()
        #expect(loaded.rules == nil, "this input is not a valid rule set")
        let first = try #require(loaded.diagnostics.first { $0.severity == .error })
        #expect(first.location.file == "main.rules" && first.location.line >= 1 && first.location.column >= 1)
    }

    @Test(arguments: inputs("answers"))
    func answersInputRunsToAnOutcome(path: String) throws {
        let rules = try #require(FixtureRules.loaded.rules)
        let script = AnswersScript(file: "case.txt", bytes: try Self.bytes(path))
        let result = ScriptedRun(rules: rules).run(script)
        #expect(!result.outcome.triage.id.isEmpty)
        for d in result.diagnostics { #expect(d.location.line >= 1) }
    }

    @Test(arguments: inputs("understanding"))
    func understandingInputIsReadOrRefused(path: String) throws {
        let rules = try #require(FixtureRules.loaded.rules)
        let text = String(decoding: try Self.bytes(path), as: UTF8.self)
        let reader = AnswerReader(rules: rules)
        for question in rules.questions { _ = reader.read(text, for: question) }
        _ = StoryReader(rules: rules).read(text)
    }

    @Test func theRegressionsFolderIsThere() {
        #expect(!Self.inputs("rules").isEmpty)
    }
}
