import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Transcripts: saved as the conversation goes, replayable, and checked against rule edits, on
/// the tests' own small rules (Tests/ConversationRules).
@Suite(.serialized) struct TranscriptTests {
    static func transcript(in folder: URL) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1, "\(files)")
        return try String(contentsOf: folder.appendingPathComponent(try #require(files.first)), encoding: .utf8)
    }

    /// Starts a saved conversation and answers the first safety screen "none", the age and the
    /// second screen, then types half an answer at the third.
    static func threeAnswers(_ folder: URL) throws -> PseudoTerminal {
        let terminal = try ConversationRules.terminal(["--transcripts", folder.path])
        try terminal.expect("describe your headache")
        try InteractiveTests.type("", into: terminal)
        for (answer, next) in [("none", "How old are you?"), ("35", "started a new medicine shortly before"), ("none", "drenching night sweats")] {
            try InteractiveTests.type(answer, into: terminal)
            try terminal.expect(next)
        }
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.send("half-typed answ")
        try terminal.expect("half-typed answ")
        return terminal
    }

    @Test func killedConversationKeepsEveryAnswerGiven() throws {
        let folder = try Binary.temporaryFolder()
        let terminal = try Self.threeAnswers(folder)
        kill(terminal.processID, SIGKILL)
        _ = try? terminal.waitForExit()
        let text = try Self.transcript(in: folder)
        for id in ["sudden_onset", "fever", "eye_emergency", "blood_thinners", "new_medicine"] { #expect(text.contains("\(id): no"), "\(text)") }
        #expect(text.contains("age: 35"))
        #expect(!text.contains("half-typed"))
    }

    @Test func terminatedConversationIsMarkedEndedEarly() throws {
        let folder = try Binary.temporaryFolder()
        let terminal = try Self.threeAnswers(folder)
        kill(terminal.processID, SIGTERM)
        _ = try? terminal.waitForExit()
        #expect(!terminal.isInRawMode, "SIGTERM must leave the terminal usable")
        let text = try Self.transcript(in: folder)
        #expect(text.contains("fever: no") && text.contains("new_medicine: no"))
        #expect(text.contains("# ended early"), "\(text)")
        // An ended-early transcript still replays (it just has no outcome to compare).
        let run = try ConversationRules.run(["run", "--json", folder.path + "/" + (try FileManager.default.contentsOfDirectory(atPath: folder.path)[0])])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func hangupClosesTheTranscriptCleanly() throws {
        let folder = try Binary.temporaryFolder()
        let terminal = try Self.threeAnswers(folder)
        kill(terminal.processID, SIGHUP)
        _ = try? terminal.waitForExit()
        #expect(try Self.transcript(in: folder).contains("# ended early"))
    }

    @Test func conversationsAtTheSameTimeNeverShareAFile() throws {
        let folder = try Binary.temporaryFolder()
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            DispatchQueue.global().async {
                _ = try? ConversationRules.run(["--transcripts", folder.path], stdin: "\n1\n")
                group.leave()
            }
        }
        group.wait()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 4, "\(files)")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.components(separatedBy: "# headache-triage transcript").count == 2, "one conversation per file")
            #expect(text.contains("sudden_onset: yes"))
        }
    }

    @Test func unwritableFolderIsReportedAtOnceAndTheConversationGoesOn() throws {
        let folder = try Binary.temporaryFolder()
        let blocker = folder.appendingPathComponent("not-a-folder")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let result = try ConversationRules.run(["--transcripts", blocker.path], stdin: "\n1\n")
        #expect(result.stderr.contains("is a file, not a folder"))
        #expect(result.stdout.contains("not being saved"))
        #expect(result.stdout.contains("EMERGENCY"))
    }

    /// Saves scripted runs of three cases that differ only in screen hours.
    static func savedRuns(_ folder: URL) throws -> [String: String] {
        // The rules' own baseline: a whole script with no flag, 3 hours a day at a screen.
        let base = try ConversationRules.baselineScript()
        var names: [String: String] = [:]
        for hours in ["3", "5.5", "8"] {
            let script = base.replacingOccurrences(of: "screen_hours: 3", with: "screen_hours: \(hours)")
            let sub = folder.appendingPathComponent("h\(hours)")
            let r = try ConversationRules.run(["run", "--transcripts", sub.path, "-"], stdin: script)
            #expect(r.status == 0, "\(r.stderr)")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: sub.path).first)
            names[hours] = sub.appendingPathComponent(file).path
        }
        return names
    }

    @Test func savedTranscriptsReplayToTheSameOutcome() throws {
        let folder = try Binary.temporaryFolder()
        _ = try Self.savedRuns(folder)
        let check = try ConversationRules.run(["run", "--check", folder.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("3 transcripts checked, 0 outcomes changed"))
    }

    /// The conversations saved in the repository (transcripts/) were made with the rules the
    /// fixture copies (Tests/FixtureRules, 2.0.0), and still replay to their outcomes on them.
    @Test func repositoryTranscriptsReplayOnTheRulesTheyWereMadeWith() throws {
        let saved = try Binary.run(["run", "--check", "--rules", Binary.fixtureRules.path,
                                    Binary.packageRoot.appendingPathComponent("transcripts").path])
        #expect(saved.status == 0, "\(saved.stdout)\(saved.stderr)")
        #expect(saved.stdout.contains(" 0 outcomes changed"), "\(saved.stdout)")
    }

    /// A story fact the person dropped at the confirmation step stays dropped on replay, even when
    /// its question is never asked (found by replaying generated transcripts).
    @Test func droppedStoryFactStaysDroppedOnReplay() throws {
        let folder = try Binary.temporaryFolder()
        let chat = try ConversationRules.run(["--transcripts", folder.path], stdin: "throbbing pain behind my left eye, I feel a bit queasy\n2\n1\n")
        #expect(chat.stdout.contains("EMERGENCY"))
        let file = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)).path
        let replay = try ConversationRules.run(["run", "--json", file])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
        let facts = try #require(object["facts"] as? [String: Any])
        #expect(facts["side"] as? String == "one_side")
        #expect(facts["quality"] == nil, "quality was dropped in the conversation")
        let check = try ConversationRules.run(["run", "--check", file])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func changingOneThresholdReportsExactlyTheAffectedTranscripts() throws {
        let folder = try Binary.temporaryFolder()
        let saved = try Self.savedRuns(folder)
        let rules = try ConversationRules.copy(named: "edited-rules", into: folder)
        let therapy = rules.appendingPathComponent("therapy.rules")
        let text = try String(contentsOf: therapy, encoding: .utf8)
        #expect(text.contains("screen_hours >= 6"))
        try text.replacingOccurrences(of: "screen_hours >= 6", with: "screen_hours >= 5").write(to: therapy, atomically: true, encoding: .utf8)

        let check = try Binary.run(["run", "--check", "--rules", rules.path, folder.appendingPathComponent("h3").path,
                                    folder.appendingPathComponent("h5.5").path, folder.appendingPathComponent("h8").path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(saved["5.5"]!):"))
        #expect(!check.stdout.contains("\(saved["3"]!):"))
        #expect(!check.stdout.contains("\(saved["8"]!):"))
        #expect(check.stdout.contains("contributors: (none) -> posture"))
        #expect(check.stdout.contains("3 transcripts checked, 1 outcome changed"))
        #expect(!check.stdout.contains("SAFETY REGRESSION"))
    }

    @Test func lessUrgentTriageIsASafetyRegression() throws {
        let folder = try Binary.temporaryFolder()
        let script = try ConversationRules.baselineScript().replacingOccurrences(of: "progressive: no", with: "progressive: yes")
        let r = try ConversationRules.run(["run", "--transcripts", folder.path, "-"], stdin: script)
        #expect(r.status == 0)
        let rules = try ConversationRules.copy(named: "edited-rules", into: folder)
        let flags = rules.appendingPathComponent("red-flags.rules")
        let text = try String(contentsOf: flags, encoding: .utf8)
        try text.replacingOccurrences(of: "when: progressive", with: "when: progressive and age > 100")
            .write(to: flags, atomically: true, encoding: .utf8)
        let check = try Binary.run(["run", "--check", "--rules", rules.path, folder.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("triage: consult -> self_care"), "\(check.stdout)")
        #expect(check.stdout.contains("SAFETY REGRESSION"))
    }

    /// A whole transcript of the baseline answers, saved by `run`.
    static func goodTranscript() throws -> Data {
        let folder = try Binary.temporaryFolder()
        let r = try ConversationRules.run(["run", "--transcripts", folder.path, "-"], stdin: try ConversationRules.baselineScript())
        #expect(r.status == 0, "\(r.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        return try Data(contentsOf: folder.appendingPathComponent(file))
    }

    @Test func oldTranscriptWithARemovedQuestionStillReplaysWithAWarning() throws {
        let good = String(decoding: try Self.goodTranscript(), as: UTF8.self)
        #expect(good.contains("\nstress: no\n"))
        let text = good.replacingOccurrences(of: "\nstress: no\n", with: "\nstress: no\nold_question: yes\n")
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("old.transcript")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let check = try ConversationRules.run(["run", "--check", file.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("1 transcript checked, 0 outcomes changed"), "\(check.stdout)")
        #expect(check.stderr.contains("warning: 'old_question' is not a question in these rules"))
    }

    @Test(arguments: ["truncated", "mangled", "binary", "enormous"])
    func badTranscriptGivesAClearErrorWithItsLine(kind: String) throws {
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("\(kind).transcript")
        let good = try Self.goodTranscript()
        var expectation: String
        switch kind {
        case "truncated":
            try good.prefix(good.count / 2).write(to: file)
            expectation = "ended early"
        case "mangled":
            var text = String(decoding: good, as: UTF8.self)
            #expect(text.contains("\nfever: no\n"))
            text = text.replacingOccurrences(of: "\nfever: no\n", with: "\nfever no\n")
            try text.write(to: file, atomically: true, encoding: .utf8)
            expectation = "error: expected 'question_id: answer'"
        case "binary":
            var bytes = [UInt8](good.prefix(300))
            bytes += [0, 0xFF, 0xFE, 0, 1, 2, 3]
            try Data(bytes).write(to: file)
            expectation = "NUL byte"
        default:
            let line = String(repeating: "a", count: 1023) + "\n"
            let handle = try FileHandle(forWritingTo: { FileManager.default.createFile(atPath: file.path, contents: nil); return file }())
            for _ in 0..<(9 * 1024) { handle.write(Data(line.utf8)) }
            try handle.close()
            expectation = "the limit is 8 MiB"
        }
        let result = try ConversationRules.run(["run", "--json", file.path], timeout: 30)
        if kind == "truncated" {
            // Half a transcript is a valid script: the missing answers count as "not sure".
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\"unanswered\""))
        } else {
            #expect(result.status == 1)
            #expect(result.stderr.contains(file.path + ":"), "\(result.stderr)")
            #expect(result.stderr.contains(expectation), "\(result.stderr)")
        }
        let check = try ConversationRules.run(["run", "--check", file.path], timeout: 30)
        #expect(check.status != 0 || kind == "truncated")
        _ = expectation
    }
}

/// `headache-triage test`: the rules' own regression suite.
@Suite struct RulesTestCommandTests {
    @Test func shippedRulesPassWithNothingUnexercised() throws {
        // The shipped rules' clinical behaviour is tested here, and only here: by their own cases.
        let shipped = Binary.packageRoot.appendingPathComponent("rules")
        let result = try Binary.run(["test", "--rules", shipped.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("Not exercised"))
        #expect(result.stdout.contains(" passed, 0 failed"))
        let builtIn = try Binary.run(["test"], builtInRules: true)
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout == result.stdout.replacingOccurrences(of: shipped.path + "/", with: "rules/"))
    }

    @Test func aWarningIsShownWithItsPlaceAndFailsNothing() throws {
        let rules = try ConversationRules.copy()
        let questions = rules.appendingPathComponent("questions.rules")
        let text = try String(contentsOf: questions, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        try (text + "\nquestion nobody_reads_this\n  ask: Is this used?\n  answer: yes/no\n")
            .write(to: questions, atomically: true, encoding: .utf8)
        let result = try Binary.run(["test", "--rules", rules.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("questions.rules:\(line):10: warning: question 'nobody_reads_this' is not used by any rule"), "\(result.stdout)")
        #expect(result.stdout.contains(" passed, 0 failed"))
    }

    @Test func failureShowsADiffAndAcceptRewritesTheExpectation() throws {
        let rules = try ConversationRules.copy()
        let therapy = rules.appendingPathComponent("therapy.rules")
        try String(contentsOf: therapy, encoding: .utf8).replacingOccurrences(of: "screen_hours >= 6", with: "screen_hours >= 5")
            .write(to: therapy, atomically: true, encoding: .utf8)
        let failing = try Binary.run(["test", "--rules", rules.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL \(rules.path)/tests/edge-contributor-thresholds.case"))
        #expect(failing.stdout.contains("- expected: (none)"))
        #expect(failing.stdout.contains("+ actual:   posture"))
        let accepted = try Binary.run(["test", "--accept", "--rules", rules.path])
        #expect(accepted.stdout.contains("accepted:"))
        let again = try Binary.run(["test", "--rules", rules.path])
        #expect(again.status == 0, "\(again.stdout)")
        let rewritten = try String(contentsOf: rules.appendingPathComponent("tests/edge-contributor-thresholds.case"), encoding: .utf8)
        #expect(rewritten.contains("#= contributors: posture"))
    }

    /// The guide's walk-through: a new question with its red flag is one line in the baseline and
    /// one new case; before the baseline line, `--accept` refuses to rewrite the many cases.
    @Test func newQuestionIsOneBaselineLineAndAcceptAsksFirst() throws {
        let rules = try ConversationRules.copy()
        let question = """

            question wakes_from_sleep
              section: Safety check
              ask: Does the headache wake you up from sleep?
              answer: yes/no

            """
        let questions = rules.appendingPathComponent("questions.rules")
        let text = try String(contentsOf: questions, encoding: .utf8)
        try text.replacingOccurrences(of: "\nquestion age\n", with: question + "\nquestion age\n").write(to: questions, atomically: true, encoding: .utf8)
        let flags = rules.appendingPathComponent("red-flags.rules")
        try (try String(contentsOf: flags, encoding: .utf8) + """

            flag wakes_from_sleep
              level: consult
              when: wakes_from_sleep
              message: A headache that wakes you from sleep is worth talking over with a doctor.

            """).write(to: flags, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["check", rules.path]).status == 0)

        // Unanswered in every case, the new question is "not sure" everywhere.
        let before = try String(contentsOf: rules.appendingPathComponent("tests/flag-fever.case"), encoding: .utf8)
        let refused = try Binary.run(["test", "--accept", "--rules", rules.path])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("cases would change at once"), "\(refused.stdout)")
        #expect(refused.stdout.contains("Nothing was written"))
        #expect(try String(contentsOf: rules.appendingPathComponent("tests/flag-fever.case"), encoding: .utf8) == before)

        // One line in the baseline, one case for the flag: everything passes.
        let baseline = rules.appendingPathComponent("tests/baseline.answers")
        try (try String(contentsOf: baseline, encoding: .utf8) + "wakes_from_sleep: no\n").write(to: baseline, atomically: true, encoding: .utf8)
        try "# woken by the headache -> consult\nwakes_from_sleep: yes\n#= triage: consult\n#= red_flags: wakes_from_sleep\n"
            .write(to: rules.appendingPathComponent("tests/flag-wakes-from-sleep.case"), atomically: true, encoding: .utf8)
        let passing = try Binary.run(["test", "--rules", rules.path])
        #expect(passing.status == 0, "\(passing.stdout)")
        #expect(!passing.stdout.contains("Not exercised"))
    }

    /// `--accept --yes` writes every changed case, and keeps a case's description true.
    @Test func acceptYesWritesManyCasesAndKeepsDescriptionsTrue() throws {
        let rules = try ConversationRules.copy()
        let levels = rules.appendingPathComponent("red-flags.rules")
        // Fever becomes a consult flag: every fever case changes.
        try String(contentsOf: levels, encoding: .utf8)
            .replacingOccurrences(of: "flag fever\n  level: urgent", with: "flag fever\n  level: consult")
            .write(to: levels, atomically: true, encoding: .utf8)
        let accepted = try Binary.run(["test", "--accept", "--yes", "--rules", rules.path])
        #expect(accepted.stdout.contains("accepted:"), "\(accepted.stdout)")
        let again = try Binary.run(["test", "--rules", rules.path])
        #expect(again.status == 0, "\(again.stdout)")
        let fever = try String(contentsOf: rules.appendingPathComponent("tests/flag-fever.case"), encoding: .utf8)
        #expect(fever.hasPrefix("# fever without a stiff neck -> consult\n"), "\(fever)")
        #expect(fever.contains("#= triage: consult"))
    }
}
