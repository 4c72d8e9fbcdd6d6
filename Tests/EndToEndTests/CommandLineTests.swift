import Foundation
import Testing

/// Help, usage errors and `check`, through the built executable, on small rules of the tests' own
/// (Tests/CommandLineRules, or rules written by the test).
@Suite struct CommandLineTests {
    @Test(arguments: [[], ["run"], ["check"], ["chat"]])
    func everyCommandHasHelp(command: [String]) throws {
        let rules = command == ["check"] ? [] : ["--rules", CommandLineRules.folder.path]
        let result = try Binary.run(command + rules + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test func usageErrorIsOneLineAndNonZero() throws {
        let result = try CommandLineRules.run("run", ["--no-such-option", "x"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--no-such-option"))
    }

    @Test func checkAcceptsRulesWithoutErrors() throws {
        let result = try Binary.run(["check", CommandLineRules.folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == "\(CommandLineRules.folder.path): ok: 8 questions, 4 red flags, 3 patterns, 2 pieces of advice\n", "\(result.stdout)")
    }

    @Test("check counts one of a kind in the singular")
    func checkCountsInTheSingular() throws {
        let folder = Binary.packageRoot.appendingPathComponent("Tests/NestedDefinitionRules").path
        let result = try Binary.run(["check", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(folder): ok: 4 questions, 1 red flag, 0 patterns, 1 piece of advice\n", "\(result.stdout)")
    }

    /// With no path, `check` checks the rules built into the program (they load, whatever they
    /// say: DefaultRulesTests holds them to it).
    @Test func checkWithNoPathChecksTheBuiltInRules() throws {
        let builtIn = try Binary.run(["check"])
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        #expect(builtIn.stdout.hasPrefix("built-in rules: ok: "), "\(builtIn.stdout)")
    }

    @Test func checkPointsAtAMisspelledFactAndSuggestsTheName() throws {
        let folder = try CommandLineRules.copy()
        let flags = folder.appendingPathComponent("red-flags.rules")
        let text = try String(contentsOf: flags, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("when:") && $0.contains("sudden_onset") })
        lines[index] = lines[index].replacingOccurrences(of: "sudden_onset", with: "sudden_onst")
        try lines.joined(separator: "\n").write(to: flags, atomically: true, encoding: .utf8)
        let column = try #require(lines[index].range(of: "sudden_onst")).lowerBound.utf16Offset(in: lines[index]) + 1

        let result = try Binary.run(["check", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(flags.path):\(index + 1):\(column): error: unknown fact 'sudden_onst'"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'sudden_onset'?"))
        // The line itself, with the marks under the misspelt name.
        #expect(result.stderr.contains("\(index + 1) | \(lines[index])"), "\(result.stderr)")
        #expect(result.stderr.contains("| " + String(repeating: " ", count: column - 1) + "^^^^^^^^^^^\n"), "\(result.stderr)")
    }

    @Test func checkReportsEveryProblemInOneRun() throws {
        let folder = try Binary.temporaryFolder()
        try """
        name: Broken
        version: 1

        question fever
          ask: Fever?
          answer: yes/no

        flag hot
          level: emergency
          when: fevr and fever > 3

        flag other
          when: fever
        """.write(to: folder.appendingPathComponent("main.rules"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["check", folder.path])
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count >= 3, "\(result.stderr)")
        #expect(result.stderr.contains("main.rules:10:9: error: unknown fact 'fevr'"))
    }
}
