import Foundation
import Testing

/// `run` and `run --explain` on rules with 40 definitions each reusing the one below twice
/// (`define d1: d0 and (d0 or e)`): walked once per definition they finish at once; walked at
/// every use they would take 2^40 steps and never finish within the binary's time limit.
@Suite struct NestedDefinitionRunTests {
    static let levels = 40

    /// The rules, shared with ReusedDefinitionTests (the engine's side of the same chain).
    static func rulesFolder() throws -> URL {
        Binary.packageRoot.appendingPathComponent("Tests/NestedDefinitionRules")
    }

    @Test func checkRunAndExplainFinish() throws {
        let rules = try Self.rulesFolder()
        let check = try Binary.run(["check", rules.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.isEmpty, "\(check.stderr)")
        let run = try Binary.run(["run", "--rules", rules.path, "-"], stdin: "a: no\n", timeout: 20)
        #expect(run.status == 0, "\(run.stderr)")
        let explain = try Binary.run(["run", "--explain", "--rules", rules.path, "-"], stdin: "a: no\n", timeout: 20)
        #expect(explain.status == 0, "\(explain.stderr)")
        let lines = explain.stdout.split(separator: "\n")
        // A few lines per definition, not one per use.
        #expect(lines.count < 10 * Self.levels, "\(lines.count) lines")
        for i in 0..<Self.levels {
            #expect(lines.filter { $0.hasSuffix("] d\(i)") }.count == 1, "d\(i) explained in full once")
            #expect(lines.filter { $0.hasSuffix("] d\(i)  (explained above)") }.count == 1, "d\(i) referred to once")
        }
    }
}
