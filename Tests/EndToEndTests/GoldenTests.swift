import Foundation
import Testing

/// Whole piped conversations on the tests' own small rules (Tests/ConversationRules), compared
/// with golden output, like cram tests. After a deliberate
/// change, `HEADACHE_TRIAGE_ACCEPT=1 swift test --filter GoldenTests` rewrites the golden files.
@Suite struct GoldenTests {
    static let folder = Binary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden")

    /// A golden conversation: the answers of one of the rules' cases, typed in the order the
    /// questions come, after a story, with commands typed before some questions.
    struct Conversation: Sendable {
        /// The case's name in Tests/ConversationRules/tests.
        var script: String
        var story: String
        /// Commands typed before question N (0-based); "back" also re-types the undone answer.
        var commands: [Int: [String]] = [:]
    }

    static let conversations: [String: Conversation] = [
        "tension-type": Conversation(script: "nmt-recommended-posture",
                                     story: "pressure on both sides of my head after long days at the computer"),
        "migraine-with-commands": Conversation(script: "pattern-migraine-like-triggers",
                                               story: "throbbing pain behind my left eye",
                                               commands: [0: ["why"], 2: ["back"], 4: ["summary", "change age"], 9: ["explain"]]),
        "emergency": Conversation(script: "flag-thunderclap", story: "it hit me like a thunderclap"),
    ]

    /// The conversation's answers by id: a rules test case lists only what differs from the
    /// baseline it builds on.
    static func answers(_ conversation: Conversation) throws -> [String: String] {
        try ConversationRules.answers(conversation.script)
    }

    /// The typed lines: the story, "yes" to keep what was read from it, then each answer.
    static func lines(_ conversation: Conversation) throws -> [String] {
        let answers = try Self.answers(conversation)
        // What the story gives is kept in the conversation, so those questions are not asked.
        let storyOnly = try ConversationRules.run(["run", "--json", "-"], stdin: "story: \(conversation.story)\n")
        let storyObject = try #require(try JSONSerialization.jsonObject(with: Data(storyOnly.stdout.utf8)) as? [String: Any])
        let fromStory = Set(((storyObject["story_facts"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        // The order the questions come in, from the same dialogue run as a script.
        let withStory = "story: \(conversation.story)\n" + answers.filter { !$0.key.hasPrefix("story") && !fromStory.contains($0.key) }
            .map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        let run = try ConversationRules.run(["run", "--json", "-"], stdin: withStory + "\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        // The prompts in order: one question, or a screen of several answered in one line.
        let prompts = try #require(object["prompts"] as? [[String]])
        var lines = [conversation.story] + (fromStory.isEmpty ? [] : ["yes"])
        for (index, ids) in prompts.enumerated() {
            for command in conversation.commands[index] ?? [] {
                lines.append(command)
                // "back" undoes the last question answered, which is then asked again alone.
                if command == "back", index > 0, let last = prompts[index - 1].last { lines.append(answers[last] ?? "not sure") }
                if command.hasPrefix("change "), let changed = command.split(separator: " ").last { lines.append(answers[String(changed)] ?? "not sure") }
            }
            lines.append(ids.count == 1 ? answers[ids[0]] ?? "not sure" : ScreenAnswers.line(ids, answers))
        }
        return lines
    }

    @Test(arguments: conversations.keys.sorted())
    func pipedConversationMatchesGolden(name: String) throws {
        let conversation = try #require(Self.conversations[name])
        let input = try Self.lines(conversation).joined(separator: "\n") + "\n"
        let result = try ConversationRules.run(["--no-save"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1b}"), "no escape sequences when piped")
        #expect(result.stdout.contains("not a diagnosis"))
        #expect(!result.stdout.contains("Ending here"), "the conversation should reach its ending")
        #expect(!result.stdout.contains("did not understand"))
        let file = Self.folder.appendingPathComponent("\(name).out")
        if ProcessInfo.processInfo.environment["HEADACHE_TRIAGE_ACCEPT"] == "1" {
            try result.stdout.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if result.stdout != expected {
            let diff = Self.firstDifference(expected, result.stdout)
            Issue.record("\(name): output differs from \(file.lastPathComponent) at line \(diff.line):\n- \(diff.expected)\n+ \(diff.actual)\n(rerun with HEADACHE_TRIAGE_ACCEPT=1 after a deliberate change)")
        }
    }

    /// The conversation's ending and `run`'s text summary of the same answers are the same text.
    @Test func conversationEndingEqualsTheRunSummary() throws {
        let conversation = try #require(Self.conversations["tension-type"])
        let chat = try ConversationRules.run(["--no-save"], stdin: try Self.lines(conversation).joined(separator: "\n") + "\n")
        let afterRule = try #require(chat.stdout.components(separatedBy: String(repeating: "=", count: 60) + "\n").last)
        // Up to the line that offers to correct an answer.
        let ending = try #require(afterRule.components(separatedBy: "Press Enter to finish").first)
        let text = try Self.answers(conversation).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined()
        let run = try ConversationRules.run(["run", "-"], stdin: "story: \(conversation.story)\n" + text)
        #expect(run.status == 0)
        #expect(ending.trimmingCharacters(in: .whitespacesAndNewlines) == run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func firstDifference(_ a: String, _ b: String) -> (line: Int, expected: String, actual: String) {
        let x = a.components(separatedBy: "\n"), y = b.components(separatedBy: "\n")
        for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
            return (i + 1, i < x.count ? x[i] : "(end)", i < y.count ? y[i] : "(end)")
        }
        return (0, "", "")
    }
}

/// Colour only on a terminal, never with NO_COLOR or --no-color.
@Suite(.serialized) struct ColourTests {
    static func ending(environment: [String: String], arguments: [String]) throws -> String {
        var env = InteractiveTests.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        let terminal = try ConversationRules.terminal(["--no-save"] + arguments, environment: env)
        try terminal.expect("describe your headache")
        try InteractiveTests.type("", into: terminal)
        // The first line of the first screen: a thunderclap headache.
        try InteractiveTests.type("1", into: terminal)
        try terminal.expect("EMERGENCY")
        try terminal.expect("Press Enter to finish")
        try InteractiveTests.type("", into: terminal)
        _ = try terminal.waitForExit()
        return terminal.output
    }

    @Test func urgencyIsColouredOnATerminal() throws {
        let output = try Self.ending(environment: [:], arguments: [])
        #expect(output.contains("\u{1b}[1;31m") || output.contains("\u{1b}[31m"), "\(output.suffix(600))")
    }

    @Test func noColorTurnsColourOff() throws {
        let output = try Self.ending(environment: ["NO_COLOR": "1"], arguments: [])
        #expect(!output.contains("\u{1b}[31m") && !output.contains("\u{1b}[1;31m"))
    }

    @Test func noColorFlagTurnsColourOff() throws {
        let output = try Self.ending(environment: [:], arguments: ["--no-color"])
        #expect(!output.contains("\u{1b}[31m") && !output.contains("\u{1b}[1;31m"))
    }
}
