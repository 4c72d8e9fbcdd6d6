import Foundation
import Testing

/// `headache-triage test` ends with the safety sweep, on a small rules folder of the test's own:
/// a slip that lets one more "yes" lower the advice fails the test, with the rule and a case to
/// keep; saved, the case fails until the rule is fixed, and then everything passes.
@Suite struct SafetySweepCommandTests {
    static let rules = """
        name: Sweep rules
        version: 1.0
        yes words: yes
        no words: no, none
        unsure words: not sure

        question fever
          ask: Do you have a fever?
          answer: yes/no

        question rash
          ask: Do you have a rash?
          answer: yes/no

        question nausea
          ask: Do you feel sick with the headache?
          answer: yes/no

        level emergency
          advice: Call an ambulance.
          when unsure: urgent
          stops conversation: yes

        level urgent
          advice: See a doctor today.
          when unsure: consult
          stops assessment: yes

        level consult
          advice: Book an appointment.

        level self_care
          advice: Look after yourself.

        flag rash
          level: emergency
          when: rash
          message: Rash.

        flag fever
          level: urgent
          when: fever
          message: Fever.

        advice rest
          when: nausea
          text: Rest in a dark room.

        """

    /// A rules folder with a baseline and one passing case.
    static func folder(rules text: String) throws -> URL {
        let folder = try Binary.temporaryFolder().appendingPathComponent("rules")
        let tests = folder.appendingPathComponent("tests")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("main.rules"), atomically: true, encoding: .utf8)
        try "fever: no\nrash: no\nnausea: no\n".write(to: tests.appendingPathComponent("baseline.answers"), atomically: true, encoding: .utf8)
        try "# fever -> urgent\nfever: yes\n#= triage: urgent\n".write(to: tests.appendingPathComponent("fever.case"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func saneRulesPassTheSweep() throws {
        let folder = try Self.folder(rules: Self.rules)
        let result = try Binary.run(["test", "--rules", folder.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\nsafety sweep: 1,000 random consultations, no answer made the advice less safe\n"),
                "\(result.stdout)")
    }

    @Test func aYesThatLowersTheAdviceFailsTheTestUntilFixed() throws {
        let slip = Self.rules.replacingOccurrences(of: "when: fever\n", with: "when: fever and not nausea\n")
        let folder = try Self.folder(rules: slip)
        let failing = try Binary.run(["test", "--rules", folder.path])
        #expect(failing.status == 1, "\(failing.stdout)")
        // The cases pass: only the sweep fails.
        #expect(failing.stdout.contains("1 passed, 0 failed\n"), "\(failing.stdout)")
        #expect(failing.stdout.contains("UNSAFE: one more \"yes\" made the advice less safe"), "\(failing.stdout)")
        #expect(failing.stdout.contains("answering 'nausea' yes instead of no took the level the warning signs call for from "),
                "\(failing.stdout)")
        #expect(failing.stdout.contains("red flag 'fever' no longer counts as it did; its condition: fever: yes and nausea: no"), "\(failing.stdout)")
        #expect(failing.stdout.contains("problems (above): fix the rules, then test again\n"), "\(failing.stdout)")

        // The lines it offers, saved as a case: the case fails too, as the sweep found.
        let marker = "save these lines as \(folder.path)/tests/NAME.case:\n"
        let offered = try #require(failing.stdout.components(separatedBy: marker).dropFirst().first, "\(failing.stdout)")
        let lines = offered.split(separator: "\n").prefix { $0.hasPrefix("    ") }.map { $0.dropFirst(4) }
        #expect(lines.first?.hasPrefix("# 'nausea' yes instead of no: the advice must be at least ") == true, "\(lines)")
        #expect(lines.contains("nausea: yes") && lines.last?.hasPrefix("#= triage: ") == true, "\(lines)")
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("tests/sweep.case"), atomically: true, encoding: .utf8)
        let kept = try Binary.run(["test", "--rules", folder.path])
        #expect(kept.status == 1)
        #expect(kept.stdout.contains("FAIL \(folder.path)/tests/sweep.case"), "\(kept.stdout)")

        // Fixed: the case and the sweep pass.
        try Self.rules.write(to: folder.appendingPathComponent("main.rules"), atomically: true, encoding: .utf8)
        let fixed = try Binary.run(["test", "--rules", folder.path])
        #expect(fixed.status == 0, "\(fixed.stdout)")
        #expect(fixed.stdout.contains("2 passed, 0 failed\nsafety sweep: 1,000 random consultations, no answer made the advice less safe\n"),
                "\(fixed.stdout)")
    }
}
