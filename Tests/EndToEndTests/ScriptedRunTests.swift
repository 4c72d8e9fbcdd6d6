import Foundation
import Testing

/// `headache-triage run` end to end: scripts in, JSON and text out, errors with FILE:LINE.
@Suite struct ScriptedRunTests {
    static let examples = Binary.packageRoot.appendingPathComponent("Tests/TriageKitTests/Resources/spec-examples")

    static var exampleNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func examplesArePresent() {
        #expect(Self.exampleNames.count >= 5, "the spec examples should be copied into Tests/TriageKitTests/Resources")
    }

    @Test(arguments: exampleNames)
    func specExampleGivesItsExpectedOutcome(name: String) throws {
        let script = Self.examples.appendingPathComponent("\(name).txt").path
        let result = try Binary.run(["run", "--json", script])
        #expect(result.status == 0, "\(result.stderr)")
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let expectedData = try Data(contentsOf: Self.examples.appendingPathComponent("\(name).expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        for (key, value) in expected {
            if key == "nmt", let nmt = value as? [String: Any], let got = actual["nmt"] as? [String: Any] {
                for (k, v) in nmt { #expect(Self.same(v, got[k]), "\(name): nmt.\(k) expected \(v), got \(got[k] ?? "nothing")") }
            } else {
                #expect(Self.same(value, actual[key]), "\(name): \(key) expected \(value), got \(actual[key] ?? "nothing")")
            }
        }
        #expect(actual["file"] as? String == script)
        let rules = try #require(actual["rules"] as? [String: Any])
        #expect((rules["sha256"] as? String)?.count == 64)
    }

    /// An urgent triage leaves the rest to the doctor: the JSON says so, with nothing else given.
    @Test func urgentResultLeavesThePatternUnassessed() throws {
        let script = try String(contentsOf: Self.examples.appendingPathComponent("office-tension.txt"), encoding: .utf8)
            .replacingOccurrences(of: "fever: no", with: "fever: yes")
        let result = try Binary.run(["run", "--json", "-"], stdin: script)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["triage"] as? String == "urgent")
        #expect(object["pattern"] as? String == "not_assessed")
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
        let names = Self.exampleNames.prefix(2).map { Self.examples.appendingPathComponent("\($0).txt").path }
        let result = try Binary.run(["run", "--json"] + names)
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["file"] as? String } == names.map { $0 })
    }

    @Test func standardInputAndUnansweredQuestions() throws {
        let result = try Binary.run(["run", "--json", "-"], stdin: "# only two answers\nsudden_onset: no\nage: 30\n")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let unanswered = try #require(object["unanswered"] as? [String])
        #expect(unanswered.contains("neuro_symptoms"))
        #expect(!unanswered.contains("age"))
        let facts = try #require(object["facts"] as? [String: Any])
        #expect(facts["age"] as? Int == 30)
        #expect(facts["neuro_symptoms"] as? String == "unsure")
        // Not-sure answers to emergency questions make the triage urgent, never self-care.
        #expect(object["triage"] as? String == "urgent")
    }

    @Test func answersInAnyOrderGiveTheSameOutcome() throws {
        let script = try String(contentsOf: Self.examples.appendingPathComponent("office-tension.txt"), encoding: .utf8)
        let reversed = script.split(separator: "\n").reversed().joined(separator: "\n") + "\n"
        let a = try Binary.run(["run", "--json", "-"], stdin: script)
        let b = try Binary.run(["run", "--json", "-"], stdin: reversed)
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
    }

    /// The file's answer to a question its story covers corrects the story, asked or not
    /// (found by the answers fuzzer: the emergency stop came before the question).
    @Test func fileAnswerCorrectsTheStoryEvenWhenNotAsked() throws {
        let script = "story: dull ache in my neck and the back of my head, my shoulders are tight\nsudden_onset: yes\nneck_tension: no\n"
        let result = try Binary.run(["run", "--json", "-"], stdin: script)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let facts = try #require(object["facts"] as? [String: Any])
        #expect(facts["neck_tension"] as? String == "no")
        #expect(object["triage"] as? String == "emergency")
        let storyOnly = try Binary.run(["run", "--json", "-"], stdin: "story: dull ache in my neck and the back of my head, my shoulders are tight\nsudden_onset: no\n")
        let storyFacts = try #require((try JSONSerialization.jsonObject(with: Data(storyOnly.stdout.utf8)) as? [String: Any])?["facts"] as? [String: Any])
        #expect(storyFacts["neck_tension"] as? String == "yes", "without the correction the story's fact holds")

        // Saved and replayed, the correction still holds (found by replaying 100,000 generated transcripts).
        let folder = try Binary.temporaryFolder()
        let saved = try Binary.run(["run", "--transcripts", folder.path, "-"], stdin: script)
        #expect(saved.status == 0)
        let check = try Binary.run(["run", "--check", folder.path])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("1 transcript checked, 0 outcomes changed"))
    }

    @Test func unknownIdIsReportedWithFileLineAndSuggestion() throws {
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("case.txt")
        try "sudden_onset: no\n\nfver: no\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["run", "--json", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):3:1: error: unknown question id 'fver'"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'fever'?"))
    }

    @Test func unacceptableAnswerIsReportedAtItsColumn() throws {
        let result = try Binary.run(["run", "-"], stdin: "sudden_onset: no\nage: 400\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2:6: error: '400' is outside the range of 'age'"), "\(result.stderr)")
    }

    @Test func textSummarySaysWhatToDoAndThatItIsNotADiagnosis() throws {
        let result = try Binary.run(["run", Self.examples.appendingPathComponent("thunderclap-stop.txt").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("EMERGENCY"))
        #expect(result.stdout.lowercased().contains("ambulance"))
        #expect(result.stdout.contains("not a diagnosis"))
    }

    @Test func missingFileIsAClearError() throws {
        let result = try Binary.run(["run", "/nonexistent/case.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/case.txt: no such file"))
    }
}
