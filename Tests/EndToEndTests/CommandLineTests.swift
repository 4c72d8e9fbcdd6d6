import Foundation
import Testing

/// Help, usage errors and `check`, through the built executable.
@Suite struct CommandLineTests {
    @Test(arguments: [[], ["run"], ["check"], ["chat"]])
    func everyCommandHasHelp(command: [String]) throws {
        let result = try Binary.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }

    @Test func usageErrorIsOneLineAndNonZero() throws {
        let result = try Binary.run(["run", "--no-such-option", "x"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--no-such-option"))
    }

    @Test func checkAcceptsTheShippedRules() throws {
        let result = try Binary.run(["check", Binary.fixtureRules.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"))
        let builtIn = try Binary.run(["check"])
        #expect(builtIn.status == 0)
    }

    @Test func checkPointsAtAMisspelledFactAndSuggestsTheName() throws {
        let folder = try Binary.temporaryFolder()
        let rules = Binary.fixtureRules
        for file in try FileManager.default.contentsOfDirectory(atPath: rules.path) where file.hasSuffix(".rules") {
            try FileManager.default.copyItem(at: rules.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let flags = folder.appendingPathComponent("red-flags.rules")
        let text = try String(contentsOf: flags, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("when:") && $0.contains("sudden_onset") })
        lines[index] = lines[index].replacingOccurrences(of: "sudden_onset", with: "sudden_onst")
        try lines.joined(separator: "\n").write(to: flags, atomically: true, encoding: .utf8)
        let column = try #require(lines[index].range(of: "sudden_onst")).lowerBound.utf16Offset(in: lines[index]) + 1

        let result = try Binary.run(["check", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("red-flags.rules:\(index + 1):\(column): error: unknown fact 'sudden_onst'"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'sudden_onset'?"))
        #expect(result.stderr.contains("^"))
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
