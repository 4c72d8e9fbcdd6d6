import Foundation
import Testing

/// `headache-triage run` end to end: scripts in, JSON and text out, errors with FILE:LINE. On
/// small rules of the tests' own (Tests/CommandLineRules and its `scripts/`); what the clinical
/// rules decide for the public examples is in their cases (`rules/tests/spec-*.case`).
@Suite struct ScriptedRunTests {
    static var scriptNames: [String] { CommandLineRules.scriptNames }

    static func object(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "not a JSON object: \(stdout.prefix(200))")
    }

    @Test func scriptsArePresent() {
        #expect(Self.scriptNames.count >= 5, "Tests/CommandLineRules/scripts should hold the answer scripts")
    }

    /// Each script's first line ends with the triage it gives (`# ... -> urgent`); its JSON names
    /// the file, gives the facts as read, and the rules it was run with.
    @Test(arguments: scriptNames)
    func scriptGivesItsTriageWithTheFileAndTheRules(name: String) throws {
        let script = CommandLineRules.script(name)
        let text = try String(contentsOf: URL(fileURLWithPath: script), encoding: .utf8)
        let expected = try #require(text.split(separator: "\n").first?.components(separatedBy: "-> ").last)
        let result = try CommandLineRules.run("run", ["--json", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let actual = try Self.object(result.stdout)
        #expect(actual["triage"] as? String == expected, "\(name)")
        #expect(actual["file"] as? String == script)
        let rules = try #require(actual["rules"] as? [String: Any])
        #expect(rules["name"] as? String == "Command line test rules")
        #expect(rules["version"] as? String == "1.0.0")
        #expect((rules["sha256"] as? String)?.count == 64)
        // Every answer of the file is a fact; a story's facts are listed with the words they came from.
        let facts = try #require(actual["facts"] as? [String: Any])
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("story:") {
            let id = String(line.prefix { $0 != ":" })
            #expect(facts[id] != nil, "\(name): \(id)")
        }
        let storyFacts = try #require(actual["story_facts"] as? [[String: Any]])
        #expect(storyFacts.isEmpty == !text.contains("\nstory: "), "\(name)")
        #expect(storyFacts.allSatisfy { !(($0["words"] as? String) ?? "").isEmpty }, "\(name)")
    }

    /// An urgent triage whose level stops the assessment leaves the rest to the doctor: the JSON
    /// says so, with no pattern, contributors, focus or self-care, though the answers meet them.
    @Test func urgentResultLeavesThePatternUnassessed() throws {
        let calm = try String(contentsOf: URL(fileURLWithPath: CommandLineRules.script("calm")), encoding: .utf8)
        let before = try Self.object(try CommandLineRules.run("run", ["--json", "-"], stdin: calm).stdout)
        #expect(before["triage"] as? String == "self_care")
        #expect(before["pattern"] as? String == "pressing")
        #expect((before["contributors"] as? [Any])?.isEmpty == false)
        #expect((before["self_care"] as? [Any])?.isEmpty == false)
        #expect(((before["nmt"] as? [String: Any])?["focus"] as? [Any])?.isEmpty == false)

        let script = calm.replacingOccurrences(of: "fever: no", with: "fever: yes")
        let result = try CommandLineRules.run("run", ["--json", "-"], stdin: script)
        let object = try Self.object(result.stdout)
        #expect(object["triage"] as? String == "urgent")
        #expect(object["pattern"] as? String == "not_assessed")
        #expect(object["pattern_code"] is NSNull, "\(object["pattern_code"] ?? "")")
        #expect((object["contributors"] as? [Any])?.isEmpty == true)
        #expect((object["self_care"] as? [Any])?.isEmpty == true)
        let nmt = try #require(object["nmt"] as? [String: Any])
        #expect(nmt["status"] as? String == "not_advised")
        #expect((nmt["focus"] as? [Any])?.isEmpty == true)
        // The answers the file gives for questions never asked are still listed.
        let facts = try #require(object["facts"] as? [String: Any])
        #expect(facts["neck_tension"] as? String == "yes" && facts["screen_hours"] as? Double == 8)
        #expect(!((object["asked"] as? [String]) ?? []).contains("neck_tension"))
    }

    /// Lists compare as sets; everything else as text.
    static func same(_ a: Any, _ b: Any?) -> Bool {
        guard let b else { return false }
        if let x = a as? [Any], let y = b as? [Any] { return Set(x.map { "\($0)" }) == Set(y.map { "\($0)" }) }
        return "\(a)" == "\(b)"
    }

    @Test func severalFilesGiveAJSONArray() throws {
        let names = Self.scriptNames.prefix(2).map(CommandLineRules.script)
        let result = try CommandLineRules.run("run", ["--json"] + names)
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["file"] as? String } == names.map { $0 })
    }

    @Test func standardInputAndUnansweredQuestions() throws {
        let result = try CommandLineRules.run("run", ["--json", "-"], stdin: "# only two answers\nsudden_onset: no\nage: 30\n")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.object(result.stdout)
        #expect(object["file"] as? String == "<stdin>")
        let unanswered = try #require(object["unanswered"] as? [String])
        #expect(unanswered.contains("weakness"))
        #expect(!unanswered.contains("age"))
        let facts = try #require(object["facts"] as? [String: Any])
        #expect(facts["age"] as? Int == 30)
        #expect(facts["weakness"] as? String == "unsure")
        // A not-sure answer to an emergency question counts as its level's `when unsure:` (urgent), never self-care.
        #expect(object["triage"] as? String == "urgent")
        #expect(object["red_flags_unsure"] as? [String] == ["weakness"], "\(object["red_flags_unsure"] ?? "")")
    }

    @Test func answersInAnyOrderGiveTheSameOutcome() throws {
        let script = try String(contentsOf: URL(fileURLWithPath: CommandLineRules.script("calm")), encoding: .utf8)
        let reversed = script.split(separator: "\n").reversed().joined(separator: "\n") + "\n"
        let a = try CommandLineRules.run("run", ["--json", "-"], stdin: script)
        let b = try CommandLineRules.run("run", ["--json", "-"], stdin: reversed)
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
    }

    /// The file's answer to a question its story covers corrects the story, asked or not
    /// (found by the answers fuzzer: the emergency stop came before the question).
    @Test func fileAnswerCorrectsTheStoryEvenWhenNotAsked() throws {
        let story = "story: dull ache at the back of my head, my shoulders are tight\n"
        let script = story + "sudden_onset: yes\nneck_tension: no\n"
        let result = try CommandLineRules.run("run", ["--json", "-"], stdin: script)
        let object = try Self.object(result.stdout)
        let facts = try #require(object["facts"] as? [String: Any])
        #expect(facts["neck_tension"] as? String == "no")
        #expect(object["triage"] as? String == "emergency")
        #expect(!((object["asked"] as? [String]) ?? []).contains("neck_tension"), "the emergency stop came first")
        let storyOnly = try CommandLineRules.run("run", ["--json", "-"], stdin: story + "sudden_onset: no\n")
        let storyFacts = try #require(try Self.object(storyOnly.stdout)["facts"] as? [String: Any])
        #expect(storyFacts["neck_tension"] as? String == "yes", "without the correction the story's fact holds")

        // Saved and replayed, the correction still holds (found by replaying 100,000 generated transcripts).
        let folder = try Binary.temporaryFolder()
        let saved = try CommandLineRules.run("run", ["--transcripts", folder.path, "-"], stdin: script)
        #expect(saved.status == 0)
        let check = try CommandLineRules.run("run", ["--check", folder.path])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("1 transcript checked, 0 outcomes changed"))
    }

    @Test func unknownIdIsReportedWithFileLineAndSuggestion() throws {
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("case.txt")
        try "sudden_onset: no\n\nfver: no\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandLineRules.run("run", ["--json", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):3:1: error: unknown question id 'fver'"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'fever'?"))
    }

    @Test func unacceptableAnswerIsReportedAtItsColumn() throws {
        let result = try CommandLineRules.run("run", ["-"], stdin: "sudden_onset: no\nweakness: no\nage: 400\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:3:6: error: '400' is outside the range of 'age' (1 to 120)"), "\(result.stderr)")
    }

    @Test func textSummarySaysWhatToDoAndThatItIsNotADiagnosis() throws {
        let result = try CommandLineRules.run("run", [CommandLineRules.script("thunderclap")])
        #expect(result.status == 0)
        // The level's title, in capitals, then its advice and the flag's message, from the rules.
        #expect(result.stdout.hasPrefix("EMERGENCY\nCall an ambulance now.\n"), "\(result.stdout)")
        #expect(result.stdout.contains("- A headache that comes on suddenly needs help at once."))
        #expect(result.stdout.contains("not a diagnosis"))
    }

    @Test func missingFileIsAClearError() throws {
        let result = try CommandLineRules.run("run", ["/nonexistent/case.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/case.txt: no such file"))
    }
}
