import Foundation
import Testing

/// `chat --json` (docs/protocol.md): the conversation as JSON Lines, one line of text a turn. On
/// small rules of the tests' own (Tests/CommandLineRules): a story, a screen of two emergency
/// questions, then age and the rest one at a time.
@Suite struct ChatProtocolTests {
    /// A calm consultation, as typed: the story gives the quality and the tight neck.
    static let calm = [
        "story": "a dull ache, my shoulders are tight",
        "sudden_onset": "no", "weakness": "no", "age": "41", "fever": "no", "side": "both sides", "quality": "pressing",
        "neck_tension": "yes", "screen_hours": "8",
    ]

    static func chat(_ arguments: [String], stdin: String) throws -> Binary.Result {
        try CommandLineRules.run("chat", arguments, stdin: stdin)
    }

    static func messages(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    /// A whole consultation, story and screens included: every prompt carries its turn, ids,
    /// text and options; turns count up by one; the ending's result is `run --json`'s.
    @Test func wholeConsultation() throws {
        var answers = Self.calm
        let story = try #require(answers["story"])
        answers["story"] = nil
        // The story's facts are kept ("yes"); the rest is asked.
        let withStory = answers.filter { !["quality", "neck_tension"].contains($0.key) }
        let script = "story: \(story)\n" + withStory.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined()
        let run = try CommandLineRules.run("run", ["--json", "-"], stdin: script)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let prompts = try #require(expected["prompts"] as? [[String]])
        #expect((expected["story_facts"] as? [Any])?.count == 2, "the story gives two facts")
        let lines = [story, "yes"] + prompts.map { ids in ids.count == 1 ? answers[ids[0]] ?? "not sure" : ScreenAnswers.line(ids, answers) }

        let chat = try Self.chat(["--json", "--no-save"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        let messages = try Self.messages(chat.stdout)
        #expect(messages.first?["type"] as? String == "greeting")
        // The prompts of the consultation; the one after the ending (kind "done") is not a turn.
        let shown = messages.filter { $0["type"] as? String == "prompt" && $0["kind"] as? String != "done" }
        #expect(shown.count == lines.count, "one prompt a typed line")
        #expect(shown.compactMap { $0["turn"] as? Int } == Array(1...shown.count))
        #expect(shown.map { $0["kind"] as? String } == ["story", "confirm"] + prompts.map { $0.count == 1 ? "question" : "screen" })
        // Each prompt after the confirmation asks exactly the ids run --json reports, with a text and options.
        for (prompt, ids) in zip(shown.dropFirst(2), prompts) {
            #expect(prompt["ids"] as? [String] == ids)
            #expect(!((prompt["text"] as? String) ?? "").isEmpty)
            #expect(prompt["options"] is [String])
            if ids.count > 1 { #expect((prompt["options"] as? [String])?.count == ids.count, "a screen lists one line a question") }
        }
        #expect(shown.contains { ($0["ids"] as? [String])?.count ?? 0 > 1 }, "screens are part of it")
        // What each answer was understood as comes back fact by fact.
        let understood = messages.filter { $0["type"] as? String == "understood" }.compactMap { $0["facts"] as? [String: Any] }
        #expect(understood.contains { $0["sudden_onset"] as? String == "no" })
        #expect(understood.contains { $0["age"] as? Double == 41 })

        let ending = try #require(messages.last { $0["type"] as? String == "ending" })
        let result = try #require(ending["result"] as? [String: Any])
        for key in ["triage", "pattern", "red_flags", "red_flags_unsure", "contributors", "self_care", "turns", "asked"] {
            #expect(String(describing: result[key] ?? "") == String(describing: expected[key] ?? ""), "\(key) differs from run --json")
        }
        #expect(result["turns"] as? Int == shown.count)
        // The ending's text is the level's title and advice, from the rules.
        #expect(((ending["text"] as? String) ?? "").contains("SELF-CARE IS REASONABLE FOR NOW\nYou can look after this at home."), "\(ending["text"] ?? "")")
    }

    /// A line the program cannot read asks again: a new prompt, with the next turn number.
    @Test func unreadableAnswerIsAskedAgainAsANewTurn() throws {
        let chat = try Self.chat(["--json", "--no-save"], stdin: "\nnone\nhow old?\n35\n")
        let messages = try Self.messages(chat.stdout)
        let ages = messages.filter { ($0["ids"] as? [String]) == ["age"] }
        #expect(ages.compactMap { $0["turn"] as? Int } == [3, 4])
        #expect(messages.contains { ($0["text"] as? String)?.hasPrefix("Sorry, I did not understand that.") == true })
        #expect(messages.last?["type"] as? String == "ended", "the input ended before the ending")
    }

    /// A command's output is a message, and the same prompt comes again with the same turn.
    @Test func commandsShowThePromptAgain() throws {
        let chat = try Self.chat(["--json", "--no-save"], stdin: "\nhelp\n1\n")
        let messages = try Self.messages(chat.stdout)
        let screens = messages.filter { $0["kind"] as? String == "screen" }
        #expect(screens.count == 2 && screens.allSatisfy { $0["turn"] as? Int == 2 })
        let ending = try #require(messages.last { $0["type"] as? String == "ending" })
        #expect((ending["result"] as? [String: Any])?["triage"] as? String == "emergency")
    }

    /// Every sentence around the questions comes from the rules: another wording is a rules
    /// folder, not a different program.
    @Test func theWordingComesFromTheRules() throws {
        let rules = try CommandLineRules.copy()
        let main = rules.appendingPathComponent("main.rules")
        try (String(contentsOf: main, encoding: .utf8) + "include wording.rules\n").write(to: main, atomically: true, encoding: .utf8)
        try """
        wording french
          story prompt: Racontez votre mal de tete avec vos mots :
          why heading: Pourquoi :

        """.write(to: rules.appendingPathComponent("wording.rules"), atomically: true, encoding: .utf8)
        // The command words too: "aide" asks for help.
        let words = rules.appendingPathComponent("words.rules")
        let text = try String(contentsOf: words, encoding: .utf8)
        #expect(text.contains("command words: help = help,"))
        try text.replacingOccurrences(of: "command words: help = help,", with: "command words: aide = help,")
            .write(to: words, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["check", rules.path]).status == 0)
        let chat = try Binary.run(["--no-save", "--rules", rules.path], stdin: "\naide\n1\n")
        #expect(chat.stdout.contains("Racontez votre mal de tete avec vos mots :"), "\(chat.stdout)")
        #expect(chat.stdout.contains("Pourquoi :"))
        #expect(chat.stdout.contains("Commands: help (this list)"), "aide gives the command list")
        #expect(!chat.stdout.contains("In your own words"))
        #expect(!chat.stdout.contains("Why:"))
    }
}
