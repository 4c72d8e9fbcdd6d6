import Foundation
import Testing

/// The interactive conversation on a real pseudo-terminal, with real libedit, on the tests' own
/// small rules (Tests/ConversationRules).
@Suite(.serialized) struct InteractiveTests {
    static let environment = ["TERM": "xterm", "PATH": "/usr/bin:/bin", "HOME": "/tmp", "NO_COLOR": "1"]

    /// Starts the assistant and skips past the story prompt.
    static func start(_ arguments: [String] = ["--no-save"], story: String = "") throws -> PseudoTerminal {
        let terminal = try ConversationRules.terminal(arguments, environment: environment)
        try terminal.expect("describe your headache")
        try type(story, into: terminal)
        return terminal
    }

    /// Waits for the prompt and editing mode, then types a line.
    static func type(_ line: String, into terminal: PseudoTerminal) throws {
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.send(line + "\r")
    }

    /// Ends the input with Ctrl-D once the next prompt is ready for it.
    static func endInput(_ terminal: PseudoTerminal) throws {
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.sendControl("d")
    }


    /// Answers every prompt from a table until the ending appears; returns the whole screen text.
    /// The prompts come in the order `run --json` reports for the same answers (its `prompts`):
    /// one question, or a screen answered with the numbers of its lines. `chat --json`, given
    /// the same lines, says what each prompt is; the terminal must show the same, turn by turn.
    static func converse(_ terminal: PseudoTerminal, answers: [String: String]) throws -> String {
        let lines = try typedLines(answers)
        let texts = try promptTexts(lines)
        #expect(texts.count == lines.count, "chat --json shows \(texts.count) prompts for \(lines.count) answers")
        try play(terminal, lines, texts)
        // After the ending, Enter finishes.
        try terminal.expect("Press Enter to finish", timeout: 20)
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.send("\r")
        _ = try terminal.waitForExit()
        let screen = PseudoTerminal.plainText(terminal.output)
        #expect(screen.contains("not a diagnosis"), "the conversation should reach its ending:\n\(screen.suffix(1500))")
        return screen
    }

    /// Types each line once its prompt is on the screen: the start of the prompt's text (before
    /// the terminal wraps it), then the "> " after it.
    static func play(_ terminal: PseudoTerminal, _ lines: [String], _ texts: [String]) throws {
        for (line, text) in zip(lines, texts) {
            try terminal.expect(String(text.prefix(24)), timeout: 20)
            try terminal.expect("> ")
            try terminal.waitForRawMode()
            terminal.send(line + "\r")
        }
    }

    /// What a person types, prompt by prompt after an empty story, for these answers.
    static func typedLines(_ answers: [String: String]) throws -> [String] {
        // The story was left empty in the conversation: the script has none either.
        let script = answers.filter { $0.key != "story" }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined()
        let run = try ConversationRules.run(["run", "--json", "-"], stdin: script)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let prompts = try #require(object["prompts"] as? [[String]])
        return prompts.map { ids in ids.count == 1 ? answers[ids[0]] ?? "not sure" : ScreenAnswers.line(ids, answers) }
    }

    /// The text of each prompt after the story that `chat --json` shows for these typed lines.
    static func promptTexts(_ lines: [String], story: Bool = false) throws -> [String] {
        let chat = try ConversationRules.run(["chat", "--json", "--no-save"], stdin: (story ? "" : "\n") + lines.joined(separator: "\n") + "\n")
        return try chat.stdout.split(separator: "\n").compactMap { line -> String? in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard object["type"] as? String == "prompt", !["story", "confirm", "done"].contains(object["kind"] as? String) else { return nil }
            return object["text"] as? String
        }
    }

    /// A pressing headache after long days at a screen, with stress: the rules' case
    /// nmt-recommended-posture (self-care, a tension-like pattern, hands-on therapy may help).
    static let officeTension: [String: String] = (try? ConversationRules.answers("nmt-recommended-posture")) ?? [:]

    @Test func wholeConversationReachesItsEndingAndIsSaved() throws {
        let folder = try Binary.temporaryFolder()
        let terminal = try ConversationRules.terminal(["--transcripts", folder.path])
        try terminal.expect("describe your headache")
        try Self.type("", into: terminal)
        // The first prompt after the story is a question; converse answers them all.
        let screen = try Self.converse(terminal, answers: Self.officeTension)
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.isInRawMode, "the terminal must be restored")
        #expect(screen.contains("SELF-CARE") || screen.contains("SELF CARE"), "\(screen.suffix(2000))")
        #expect(screen.contains("Tension-like headache (ICHD-3 T2)"))
        #expect(screen.contains("not a diagnosis"))

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1)
        let transcript = folder.appendingPathComponent(try #require(files.first))
        let attributes = try FileManager.default.attributesOfItem(atPath: transcript.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        // The saved transcript replays to the same outcome.
        let replay = try ConversationRules.run(["run", "--check", transcript.path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("1 transcript checked, 0 outcomes changed"))
    }

    /// An urgent ending as the person sees it: one timeline (today), the safety-net lines, and
    /// nothing the doctor will see to (no pattern, diary or exercises); only the questions that
    /// could still make it an emergency are asked after the fever.
    @Test func urgentEndingStatesOneTimelineAndTheSafetyNet() throws {
        let terminal = try Self.start()
        var answers = Self.officeTension
        answers["fever"] = "yes, I'm hot and shivery"
        let screen = try Self.converse(terminal, answers: answers)
        let ending = try #require(screen.components(separatedBy: String(repeating: "=", count: 60)).last)
        #expect(ending.contains("PLEASE SEE A DOCTOR TODAY"), "\(ending)")
        #expect(ending.contains("Please ask your doctor for an appointment today."), "the urgent level's advice")
        #expect(ending.contains("A headache with a fever can be a sign of an infection"))
        #expect(ending.contains("If things change:"))
        #expect(ending.contains("If your neck becomes painfully stiff"), "the fever flag's own safety net")
        #expect(ending.contains("Call an ambulance at once if you get a sudden, very severe"), "the emergency safety net")
        // Not the other levels' advice, nor anything the doctor will see to.
        for other in ["within the next few weeks", "straight away", "Looking after yourself", "Your headache pattern",
                      "Most like", "Areas to focus on", "diary", "break from the screen", "Self-care"] {
            #expect(!ending.contains(other), "'\(other)' in an urgent ending:\n\(ending)")
        }
        // After the fever only what can still make it an emergency is asked (the stiff neck):
        // the story, the first screen, the neck, and Enter to finish.
        let prompts = screen.components(separatedBy: "> ").count - 1
        #expect(prompts == 4, "\(prompts) prompts for an urgent case")
        #expect(screen.contains("cannot bend your chin to your chest"))
        for later in ["How old are you?", "one side of your head", "at a desk or screen", "glasses of water"] {
            #expect(!screen.contains(later), "'\(later)' asked after an urgent flag")
        }
    }

    /// Told as a story, a consultation skips what the story said: counted on the terminal, the
    /// same as `run --json`'s `turns` for the rules' case it comes from, and fewer than without
    /// the story.
    @Test(arguments: ["story-office", "story-migraine"])
    func storyConsultationSkipsWhatTheStorySaid(_ name: String) throws {
        let answers = try ConversationRules.answers(name)
        let story = try #require(answers["story"])
        func dialogue(_ answers: [String: String]) throws -> (turns: Int, prompts: [[String]]) {
            let script = answers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined()
            let run = try ConversationRules.run(["run", "--json", "-"], stdin: script)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (try #require(object["turns"] as? Int), try #require(object["prompts"] as? [[String]]))
        }
        let (turns, prompts) = try dialogue(answers)
        var withoutStory = answers
        withoutStory["story"] = nil
        let storyless = try dialogue(withoutStory).turns
        // The confirmation is one prompt more, and the story saves more questions than that.
        #expect(turns < storyless, "\(name): \(turns) prompts with the story, \(storyless) without")
        let lines = [story, "yes"] + prompts.map { ids in ids.count == 1 ? answers[ids[0]] ?? "not sure" : ScreenAnswers.line(ids, answers) }
        let terminal = try ConversationRules.terminal(["--no-save"])
        let texts = ["In your own words", "I understood"] + (try Self.promptTexts(lines, story: true))
        try Self.play(terminal, lines, texts)
        try terminal.expect("Press Enter to finish", timeout: 20)
        let screen = PseudoTerminal.plainText(terminal.output)
        try Self.type("", into: terminal)
        _ = try terminal.waitForExit()
        // Every prompt of the consultation waited for a line: count them on the screen, up to
        // the ending (the line after it, to finish, is not part of the consultation).
        let consultation = try #require(screen.components(separatedBy: "Press Enter to finish").first)
        let shown = consultation.components(separatedBy: "\n> ").count - 1
        #expect(shown == turns, "\(name): \(shown) prompts on the terminal, run --json says \(turns)")
    }

    /// A warning sign answered "not sure" is read back once before the ending, saying what it
    /// is about and why it matters; a firm answer then takes its place.
    @Test func unsureWarningSignIsReadBackOnce() throws {
        var answers = Self.officeTension
        answers["story"] = nil
        answers["fever"] = "not sure"
        var lines = try Self.typedLines(answers)
        #expect(lines.last == "not sure", "the read-back is the last prompt: \(lines)")
        let texts = try Self.promptTexts(lines)
        lines[lines.count - 1] = "no, I checked: 36.8"
        let terminal = try Self.start()
        try Self.play(terminal, lines, texts)
        // Without the fever in doubt, the precautions before hands-on therapy matter again.
        try terminal.expect("Osteoporosis", timeout: 20)
        try Self.type("none", into: terminal)
        try terminal.expect("Press Enter to finish", timeout: 20)
        try Self.type("", into: terminal)
        _ = try terminal.waitForExit()
        let screen = PseudoTerminal.plainText(terminal.output)
        #expect(screen.contains("Before I finish, one question again, because you were not sure about it."), "\(screen.suffix(2500))")
        #expect(screen.contains("It matters because: A headache with a fever"))
        #expect(screen.components(separatedBy: "Before I finish").count == 2, "read back once")
        // The firm no replaces the doubt: no doctor is needed for it any more.
        #expect(screen.contains("SELF-CARE IS REASONABLE FOR NOW"))
        #expect(!screen.contains("You were not sure about these"))
    }

    /// Plays the office-tension answers, without a story, up to the ending, saving the transcript
    /// in a folder of its own; the ending is next on the screen.
    static func officeTensionToTheEnding() throws -> (PseudoTerminal, URL) {
        let folder = try Binary.temporaryFolder()
        let terminal = try ConversationRules.terminal(["--transcripts", folder.path])
        try terminal.expect("describe your headache")
        try type("", into: terminal)
        var answers = officeTension
        answers["story"] = nil
        let lines = try typedLines(answers)
        try play(terminal, lines, try promptTexts(lines))
        return (terminal, folder)
    }

    /// `change` after the ending asks that question again and shows the new ending.
    @Test func changeAfterTheEndingShowsTheNewEnding() throws {
        let (terminal, folder) = try Self.officeTensionToTheEnding()
        try terminal.expect("SELF-CARE IS REASONABLE FOR NOW", timeout: 20)
        try terminal.expect("Press Enter to finish")
        try Self.type("change fever", into: terminal)
        try terminal.expect("Do you have a fever or chills") // asked again, alone
        try Self.type("yes, I feel hot and shivery", into: terminal)
        // Only what could make it an emergency is asked now; answer those no.
        while true {
            let chunk = PseudoTerminal.plainText(try terminal.expect("> ", timeout: 20))
            if chunk.contains("Press Enter to finish") { break }
            try terminal.waitForRawMode()
            terminal.send("no\r")
        }
        let screen = PseudoTerminal.plainText(terminal.output)
        #expect(screen.contains("PLEASE SEE A DOCTOR TODAY"), "\(screen.suffix(1500))")
        try terminal.waitForRawMode()
        terminal.send("\r")
        #expect(try terminal.waitForExit() == 0)
        // The transcript records the change and ends with the new outcome, which a replay confirms.
        let file = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first))
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("# command: change fever"))
        let replay = try ConversationRules.run(["run", "--check", file.path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }

    /// Found in a chat: after the ending, people name the answer to change in their own words,
    /// and a stray line gets a hint without an internal id in it.
    @Test func changeAfterTheEndingByTheQuestionsOwnWords() throws {
        let (terminal, folder) = try Self.officeTensionToTheEnding()
        try terminal.expect("Press Enter to finish", timeout: 20)
        try Self.type("pretty stressed at work too", into: terminal)
        try terminal.expect("question to correct", timeout: 10)
        try Self.type("change how much water", into: terminal)
        try terminal.expect("glasses of water") // asked again
        try Self.type("a couple of litres", into: terminal)
        try terminal.expect("Press Enter to finish", timeout: 20)
        try Self.type("change the sleep one", into: terminal)
        try terminal.expect("hours do you sleep")
        try Self.type("7 or so", into: terminal)
        try terminal.expect("Press Enter to finish", timeout: 20)
        try terminal.waitForRawMode()
        terminal.send("\r")
        #expect(try terminal.waitForExit() == 0)
        let screen = PseudoTerminal.plainText(terminal.output).replacingOccurrences(of: "\n", with: " ")
        #expect(screen.contains("for example: change water glasses."), "\(screen.suffix(1500))")
        #expect(!screen.contains("water_glasses"))
        let file = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first))
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("# command: change water_glasses"), "\(text)")
        #expect(text.contains("# command: change sleep_hours"), "\(text)")
        let replay = try ConversationRules.run(["run", "--json", file.path])
        #expect(replay.stdout.contains("\"water_glasses\": 8"), "\(replay.stdout)")
    }

    @Test func tabCompletesOptionsAndDoubleTabListsThem() throws {
        let terminal = try Self.start()
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.send("not s\t")
        try terminal.expect("not sure")
        terminal.send("\u{15}") // Ctrl-U clears the line
        terminal.send("n\t\t")
        try terminal.expect("not sure") // listed among the candidates
        try terminal.expect("no")
        terminal.sendControl("c")
        try terminal.expect("line discarded")
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.sendControl("d")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlCDiscardsTheLineAndAsksAgain() throws {
        let terminal = try Self.start()
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.send("yes please")
        try terminal.expect("yes please")
        terminal.sendControl("c")
        try terminal.expect("line discarded")
        // Still at the first screen: answering "no" moves on to the age.
        try Self.type("no", into: terminal)
        try terminal.expect("How old are you?")
        try Self.endInput(terminal)
        try terminal.expect("Ending here")
        #expect(try terminal.waitForExit() == 0)
        #expect(!PseudoTerminal.plainText(terminal.output).contains("EMERGENCY"))
    }

    @Test func ctrlDSaysWhatHappensToTheConversation() throws {
        let folder = try Binary.temporaryFolder()
        let terminal = try ConversationRules.terminal(["--transcripts", folder.path])
        try terminal.expect("describe your headache")
        try Self.type("", into: terminal)
        try Self.type("no", into: terminal)
        try terminal.expect("How old are you?")
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.sendControl("d")
        try terminal.expect("saved in")
        #expect(try terminal.waitForExit() == 0)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains("sudden_onset: no"))
        #expect(text.contains("# ended early"))
    }

    @Test func historyRecallsAnEarlierAnswer() throws {
        let terminal = try Self.start()
        try Self.type("none", into: terminal)
        try terminal.expect("How old are you?")
        try Self.type("35", into: terminal)
        try terminal.expect("started a new medicine shortly before")
        try terminal.expect("> ")
        try terminal.waitForRawMode()
        terminal.send("\u{1b}[A\u{1b}[A") // up arrow twice: the answer before last
        try terminal.expect("none")
        terminal.send("\r")
        try terminal.expect("drenching night sweats")
        try Self.endInput(terminal)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func utf8StoryIsReadWhateverTheLocale() throws {
        var env = Self.environment
        env["LC_ALL"] = "C"
        let folder = try Binary.temporaryFolder()
        let terminal = try ConversationRules.terminal(["--transcripts", folder.path], environment: env)
        try terminal.expect("describe your headache")
        try Self.type("café ☕ headache on the left side, 头痛", into: terminal)
        try terminal.expect("I understood")
        try Self.type("yes", into: terminal)
        try terminal.expect("pupils")
        try Self.endInput(terminal)
        #expect(try terminal.waitForExit() == 0)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains("story: café ☕ headache on the left side, 头痛"))
        #expect(text.contains("side = one_side"))
    }

    @Test func whyBackAndChange() throws {
        let terminal = try Self.start()
        try Self.type("why", into: terminal)
        try terminal.expect("We ask everyone these first")
        try Self.type("no", into: terminal)
        try terminal.expect("How old are you?")
        // "back" undoes the last question answered: the screen's last line, asked again alone.
        try Self.type("back", into: terminal)
        try terminal.expect("Undone: eye_emergency")
        try terminal.expect("Do you have a painful red eye")
        try Self.type("no", into: terminal)
        try terminal.expect("How old are you?")
        try Self.type("35", into: terminal)
        try terminal.expect("started a new medicine shortly before")
        try Self.type("change sudden_onset", into: terminal)
        try terminal.expect("Let's answer that one again.")
        try terminal.expect("Did this headache come on suddenly")
        // Changing the answer to yes now ends the conversation with the emergency advice.
        try Self.type("yes", into: terminal)
        try terminal.expect("EMERGENCY")
        try terminal.expect("Press Enter to finish")
        try Self.type("", into: terminal)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func pipedInputHasNoPromptsOrEscapes() throws {
        let answers = (["", "1"]).joined(separator: "\n") + "\n"
        let result = try ConversationRules.run(["--no-save"], stdin: answers, environment: ["NO_COLOR": ""])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1b}"))
        #expect(!result.stdout.contains("> "))
        #expect(result.stdout.contains("EMERGENCY"))
    }
}

/// `reload` and `restart`, as a therapist editing rules in another window would use them.
@Suite(.serialized) struct ReloadTests {
    @Test func reloadRefusesBrokenRulesAndTakesGoodOnes() throws {
        let rules = try ConversationRules.copy()
        let flags = rules.appendingPathComponent("red-flags.rules")
        let original = try String(contentsOf: flags, encoding: .utf8)

        let terminal = try PseudoTerminal(executable: Binary.url, arguments: ["--no-save", "--rules", rules.path],
                                          environment: InteractiveTests.environment)
        try terminal.expect("describe your headache")
        try InteractiveTests.type("", into: terminal)
        try InteractiveTests.type("none", into: terminal)
        try terminal.expect("How old are you?")

        // A typo: the edited rules are refused with their error, and the old ones stay.
        try original.replacingOccurrences(of: "when: sudden_onset", with: "when: sudden_onst").write(to: flags, atomically: true, encoding: .utf8)
        try InteractiveTests.type("reload", into: terminal)
        try terminal.expect("have errors, so I kept the old ones")
        try terminal.expect("unknown fact 'sudden_onst'")
        try terminal.expect("How old are you?")

        // A good edit takes over, and the answers so far are replayed under it.
        let questions = rules.appendingPathComponent("questions.rules")
        let text = try String(contentsOf: questions, encoding: .utf8)
        try original.write(to: flags, atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "How old are you?", with: "What is your age in years?")
            .write(to: questions, atomically: true, encoding: .utf8)
        try InteractiveTests.type("reload", into: terminal)
        try terminal.expect("your answers were replayed")
        try terminal.expect("What is your age in years?")
        try InteractiveTests.type("summary", into: terminal)
        try terminal.expect("sudden onset: no")
        try InteractiveTests.type("restart", into: terminal)
        try terminal.expect("Starting again.")
        try terminal.expect("describe your headache")
        try InteractiveTests.type("", into: terminal)
        try terminal.expect("pupils")
        try InteractiveTests.endInput(terminal)
        #expect(try terminal.waitForExit() == 0)
    }
}
