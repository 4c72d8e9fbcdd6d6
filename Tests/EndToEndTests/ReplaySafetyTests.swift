import Foundation
import Testing

/// `run --check` calls a lost confirmed red flag, or one that became unsure, a safety
/// regression even when the triage stays the same, and ends with a count per changed field.
/// Small rules of the test's own, so the clinical rules can change without breaking it.
@Suite struct ReplaySafetyTests {
    static func rules(flagA: String, flagB: String) -> String {
        """
        name: Replay test
        version: 1
        yes words: yes
        no words: no
        unsure words: not sure

        question a
          ask: A?
          answer: yes/no

        question b
          ask: B?
          answer: yes/no

        question c
          ask: C?
          answer: yes/no

        level urgent
          advice: See a doctor today.

        level self_care
          advice: Look after yourself.

        flag fa
          level: urgent
          when: \(flagA)
          message: A.

        flag fb
          level: urgent
          when: \(flagB)
          message: B.

        advice rest
          when: c or not c
          text: Rest.

        """
    }

    /// A transcript saved with the first rules, replayed with the second.
    static func replay(before: String, after: String, answers: String) throws -> Binary.Result {
        let folder = try Binary.temporaryFolder()
        let (old, new, saved) = (folder.appendingPathComponent("old"), folder.appendingPathComponent("new"), folder.appendingPathComponent("saved"))
        for (dir, text) in [(old, before), (new, after)] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try text.write(to: dir.appendingPathComponent("main.rules"), atomically: true, encoding: .utf8)
        }
        let run = try Binary.run(["run", "--rules", old.path, "--transcripts", saved.path, "-"], stdin: answers)
        #expect(run.status == 0, "\(run.stderr)")
        return try Binary.run(["run", "--check", "--rules", new.path, saved.path])
    }

    @Test func lostAndUnsureConfirmedFlagsAreSafetyRegressionsEvenWithTheSameTriage() throws {
        let check = try Self.replay(before: Self.rules(flagA: "a", flagB: "b"),
                                    after: Self.rules(flagA: "a and c", flagB: "b and a is unsure"),
                                    answers: "a: yes\nb: yes\nc: yes\n")
        #expect(check.status == 1)
        let out = check.stdout
        #expect(!out.contains("triage:"), "the triage stays urgent: \(out)")
        #expect(out.contains("red_flags: fa, fb -> fa"), "\(out)")
        #expect(out.contains("SAFETY REGRESSION: red flag 'fb' was confirmed, now not raised"), "\(out)")
        #expect(!out.contains("red flag 'fa'"), "fa stays confirmed (c was answered yes): \(out)")
        #expect(out.contains("SAFETY REGRESSION: 1 change made an outcome less safe"), "\(out)")
        #expect(out.hasSuffix("\n"))
    }

    @Test func confirmedFlagThatBecameUnsureIsASafetyRegression() throws {
        // c is not answered: with the new rules fa depends on it and is only unsure.
        let check = try Self.replay(before: Self.rules(flagA: "a", flagB: "b"),
                                    after: Self.rules(flagA: "a and c", flagB: "b"),
                                    answers: "a: yes\nb: yes\n")
        #expect(check.status == 1)
        let out = check.stdout
        #expect(out.contains("red_flags: fa, fb -> fb"), "\(out)")
        #expect(out.contains("red_flags_unsure: (none) -> fa"), "\(out)")
        #expect(out.contains("  SAFETY REGRESSION: red flag 'fa' was confirmed, now only unsure"), "\(out)")
        #expect(out.contains("changed: red_flags 1, red_flags_unsure 1\n"), "\(out)")
    }

    @Test func unchangedReplayHasNoCountAndNoRegression() throws {
        let rules = Self.rules(flagA: "a", flagB: "b")
        let check = try Self.replay(before: rules, after: rules, answers: "a: yes\nb: no\n")
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout == "1 transcript checked, 0 outcomes changed\n")
    }

    @Test func moreUrgentTriageIsNoRegression() throws {
        let check = try Self.replay(before: Self.rules(flagA: "a", flagB: "b"), after: Self.rules(flagA: "a", flagB: "b or not b"),
                                    answers: "a: no\nb: no\n")
        #expect(check.status == 1)
        #expect(check.stdout.contains("triage: self_care -> urgent"), "\(check.stdout)")
        #expect(check.stdout.contains("changed: triage 1, red_flags 1"), "\(check.stdout)")
        #expect(!check.stdout.contains("SAFETY REGRESSION"))
    }
}
