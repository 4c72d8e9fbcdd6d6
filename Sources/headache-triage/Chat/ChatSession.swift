import Foundation
import TriageKit

/// One triage conversation: greeting, story, questions and screens, commands and the ending.
///
/// The engine decides what to ask; this type decides each prompt once and hands it to an
/// output (the terminal, or `chat --json`), so every front end shows the same turns. It reads
/// lines, records answers and keeps the transcript up to date after every answer.
final class ChatSession {
    private var rules: RuleSet
    private var consultation: Consultation
    /// Built on first use, after the greeting is on screen: preparing every question's words
    /// is the slowest part of start-up.
    private lazy var reader = AnswerReader(rules: rules)
    private lazy var screenReader = ScreenReader(rules: rules)
    private let lines: LineReader
    private let output: ChatOutput
    private let style: Style
    private let reloadRules: (() -> LoadedRules)?
    private var transcript: TranscriptWriter?
    /// Answers as typed, by question id, for `reload` to replay and `summary` to show.
    private var typed: [String: String] = [:]
    private var storyText: String?
    private var storyFacts: [StoryFact] = []
    /// Numbers the answers in the transcript.
    private var questionNumber = 0
    /// Every prompt shown, as `run --json` counts turns.
    private var turn = 0
    private var prompts: [[String]] = []
    private var lastSection: String?
    private var saidFewMore = false
    /// The column text is wrapped at.
    private let width: Int

    init(rules: RuleSet, lines: LineReader, output: ChatOutput, style: Style, width: Int = 78, transcript: TranscriptWriter?,
         reloadRules: (() -> LoadedRules)?) {
        self.width = width
        self.rules = rules
        self.consultation = Consultation(rules: rules)
        self.lines = lines
        self.output = output
        self.style = style
        self.transcript = transcript
        self.reloadRules = reloadRules
    }

    private func say(_ text: String = "", faint: Bool = false) {
        output.message(text, faint: faint)
    }

    private func save(_ text: String) {
        guard let writer = transcript else { return }
        do { try writer.write(text) } catch {
            say(style.yellow("Saving stopped: \(error). The conversation goes on without saving."))
            transcript = nil
        }
    }

    /// Runs the conversation to its end; returns the exit status.
    func run() -> Int32 {
        output.greeting(rules: rules, transcriptPath: transcript?.path)
        if !askStory() { return endEarly("ended before the description") }
        return askQuestions()
    }

    // MARK: - The story

    /// Asks for the story; returns false when input ended.
    private func askStory() -> Bool {
        turn += 1
        output.prompt(ChatPrompt(turn: turn, kind: .story, ids: [ScriptedRun.storyID],
                                 text: "In your own words, describe your headache (or press Enter to skip):",
                                 options: [], numbered: false))
        lines.completions = []
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput: return false
            case .interrupted: continue
            case .line(let text):
                let story = text.trimmingCharacters(in: .whitespaces)
                if let command = ChatControl(story), command == .quit { return false }
                if story.isEmpty { return true }
                lines.addToHistory(story)
                storyText = story
                // Saved the moment it is typed: the person's own words outlast a crash at the confirmation.
                save(TranscriptFormat.storyLine(story))
                let facts = StoryReader(rules: rules).read(story)
                let (kept, corrections) = confirm(facts)
                storyFacts = kept
                for fact in kept { consultation.record(fact.questionID, fact.value, from: .story(fact.evidence)) }
                save(TranscriptFormat.storyFacts(kept))
                for (fact, reply) in corrections {
                    guard let question = rules.question(fact.questionID) else { continue }
                    consultation.record(fact.questionID, fact.value, from: .correction(fact.evidence))
                    typed[fact.questionID] = fact.evidence
                    save(TranscriptFormat.storyCorrection(fact, question: question, reply: reply))
                }
                output.understood(kept.map { ($0.questionID, $0.value) } + corrections.map { ($0.0.questionID, $0.0.value) })
                return true
            }
        }
    }

    /// Shows what was read from the story and reads the reply: the facts kept, and the facts the
    /// reply corrected, each with the reply it came from.
    private func confirm(_ facts: [StoryFact]) -> (kept: [StoryFact], corrections: [(StoryFact, String)]) {
        guard !facts.isEmpty else {
            say("Thank you. I will ask a few questions.")
            say()
            return ([], [])
        }
        turn += 1
        output.prompt(ChatPrompt(turn: turn, kind: .confirm, ids: facts.map(\.questionID),
                                 text: "Is that right? Press Enter or say yes to keep it all, no to drop it all, or tell me what is wrong (for example \"2 is wrong\").",
                                 options: facts.map { "\(describe($0.questionID, $0.value))   (from \"\($0.evidence)\")" }, numbered: true))
        lines.completions = ["yes", "no"]
        let confirmation = StoryConfirmationReader(rules: rules)
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput, .interrupted: return (facts, [])
            case .line(let text):
                switch confirmation.read(text, facts: facts) {
                case .keepAll:
                    say()
                    return (facts, [])
                case .dropAll:
                    say("Fine, I will ask instead.")
                    say()
                    return ([], [])
                case .change(let drop, let corrections):
                    let changed = Set(corrections.map(\.questionID))
                    for i in drop { say("Dropped \(i). \(describe(facts[i - 1].questionID, facts[i - 1].value)): I will ask about it instead.") }
                    for fact in corrections { say("Noted: \(describe(fact.questionID, fact.value))   (from \"\(fact.evidence)\")") }
                    say()
                    let kept = facts.enumerated().filter { !drop.contains($0.offset + 1) && !changed.contains($0.element.questionID) }.map(\.element)
                    return (kept, corrections.map { ($0, text) })
                case .notUnderstood:
                    say("Sorry, I did not follow. Press Enter or say yes if it is right, say no to drop it all, or say what is wrong, for example \"the second one is wrong\" or \"no, it's on the right side\".")
                }
            }
        }
    }

    // MARK: - Questions and screens

    private func askQuestions() -> Int32 {
        var readBack = Set<String>()
        while true {
            if let status = askUntilTheEnd() { return status }
            // Before the ending, each warning sign left unsure by a "not sure" is read back once.
            let pending = consultation.readBacks(excluding: readBack)
            if !pending.isEmpty {
                for (question, flag) in pending where consultation.value(of: question.id) == .unsure {
                    readBack.insert(question.id)
                    switch ask(question, readBack: flag) {
                    case .answered: continue
                    case .ended(let reason): return endEarly(reason)
                    case .restart: return askQuestions()
                    }
                }
                continue
            }
            showEnding()
            if let status = afterEnding() {
                transcript?.close()
                return status
            }
        }
    }

    /// Asks until the engine has nothing more to ask; a status when the conversation ended early.
    private func askUntilTheEnd() -> Int32? {
        while let next = consultation.nextTurn() {
            let step: Step
            switch next {
            case .question(let question):
                step = ask(question)
            case .screen(let screen, let questions):
                step = askScreen(screen, questions)
            }
            switch step {
            case .answered: continue
            case .ended(let reason): return endEarly(reason)
            case .restart:
                consultation = Consultation(rules: rules)
                typed = [:]
                questionNumber = 0
                lastSection = nil
                save(TranscriptFormat.command("restart"))
                say("Starting again.")
                say()
                if !askStory() { return endEarly("ended after a restart") }
            }
        }
        return nil
    }

    /// After the ending, the person may still correct an answer (`change age`) and see the
    /// ending again, or look at the summary; Enter, `quit` or the end of input finishes.
    private func afterEnding() -> Int32? {
        let shown = ChatPrompt(turn: turn, kind: .done, ids: [], text: "Press Enter to finish, or type change and a question to correct an answer (for example: change age).",
                               options: [], numbered: false)
        output.prompt(shown)
        lines.completions = ["change", "summary", "explain", "quit"]
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput: return 0
            case .interrupted: continue
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return 0 }
                lines.addToHistory(text)
                guard let command = ChatControl(text) else {
                    say("Press Enter to finish, or type change and a question's id, for example: change \(consultation.asked.last ?? "age").")
                    continue
                }
                switch command {
                case .quit: return 0
                case .back, .change, .summary, .explain, .explainRules, .help, .reload:
                    guard let question = rules.questions.first else { return 0 }
                    switch handle(command, at: question) {
                    case .stay: output.prompt(shown)
                    case .reask, .restart: return nil
                    case .ended: return 0
                    }
                case .why, .restart:
                    say("The conversation has ended. Type change and a question to correct an answer.")
                }
            }
        }
    }

    /// The section heading, once per section.
    private func section(of question: Question) -> String? {
        guard let section = question.section, section != lastSection else { return nil }
        lastSection = section
        return section
    }

    /// Near the end, once: the person can see the end coming.
    private func fewMoreNote() {
        guard !saidFewMore, consultation.asked.count > 5, consultation.remainingQuestionEstimate() <= 3 else { return }
        saidFewMore = true
        say("Just a few more questions.", faint: true)
    }

    private func prompt(for question: Question, turn: Int, section: String?) -> ChatPrompt {
        var options: [String] = []
        var numbered = false
        var hint: String?
        switch question.kind {
        case .yesNo: options = ["yes", "no", "not sure"]
        case .number: break
        case .choice(let choices): options = choices.map { $0.id.replacingOccurrences(of: "_", with: " ") } + ["not sure"]
        case .several(let choices):
            // Numbered, so "2 and 4" is a quick answer; the words of each also work.
            options = choices.map { $0.phrases.first ?? $0.id.replacingOccurrences(of: "_", with: " ") }
            numbered = true
            hint = "(the numbers or words of those that apply / none / not sure)"
        }
        return ChatPrompt(turn: turn, kind: .question, ids: [question.id], answer: question.kind.name, section: section,
                          text: question.ask, options: options, numbered: numbered, hint: hint)
    }

    private enum Step { case answered, ended(String), restart }

    /// Asks one question; with `readBack`, it is a warning sign answered "not sure", asked once
    /// more with what it is about and why it matters.
    private func ask(_ question: Question, readBack flag: RedFlag? = nil) -> Step {
        if flag == nil { fewMoreNote() }
        turn += 1
        prompts.append([question.id])
        var shown = prompt(for: question, turn: turn, section: flag == nil ? section(of: question) : nil)
        if let flag {
            say("Before I finish, one question again, because you were not sure about it.")
            shown.hint = TextReport(width: width).wrap("It matters because: \(flag.message) If you can, please answer yes or no. \"Not sure\" is fine too: then a doctor's look is the safe choice.")
        }
        output.prompt(shown)
        lines.completions = completions(for: question)
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput:
                return .ended("ended by the user (end of input)")
            case .interrupted:
                say("(line discarded; answer the question, or type quit to end)", faint: true)
                continue
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    say(reader.hint(for: question))
                    continue
                }
                lines.addToHistory(text)
                if let command = ChatControl(text) {
                    switch handle(command, at: question) {
                    case .stay:
                        // The question again, so the person need not scroll back for it.
                        shown.section = nil
                        output.prompt(shown)
                        continue
                    case .reask: return .answered
                    case .ended(let reason): return .ended(reason)
                    case .restart: return .restart
                    }
                }
                switch reader.read(text, for: question) {
                case .value(let value):
                    consultation.record(question.id, value, from: .answered(text))
                    typed[question.id] = text
                    questionNumber += 1
                    save(TranscriptFormat.answer(number: questionNumber, question: question, typed: text, understood: value))
                    output.understood([(question.id, value)])
                    if value == .unsure { say("Noted: not sure.", faint: true) }
                    say()
                    return .answered
                case .outOfRange(let n, let range):
                    say("\(n.plainText) is outside what I expect here (\(range.lowerBound.plainText) to \(range.upperBound.plainText)). Could you check and answer again?")
                case .notUnderstood(let hint):
                    say("Sorry, I did not understand that. \(hint)")
                }
                // Asked again: a prompt of its own, as `run --json` counts it.
                turn += 1
                shown.turn = turn
                shown.section = nil
                output.prompt(shown)
            }
        }
    }

    /// Several yes/no questions in one turn: numbered lines, answered with their numbers or
    /// words, "none", or "not sure about 3"; a bare "yes" goes through them one by one.
    private func askScreen(_ screen: Screen, _ questions: [Question]) -> Step {
        fewMoreNote()
        turn += 1
        prompts.append(questions.map(\.id))
        let lines = questions.map { question in
            screen.items.first { rules.questions[$0.question].id == question.id }?.text ?? question.ask
        }
        var shown = ChatPrompt(turn: turn, kind: .screen, ids: questions.map(\.id), section: section(of: questions[0]),
                               text: screen.ask, options: lines, numbered: true,
                               hint: "(the numbers of those that apply / none / not sure about a number)")
        output.prompt(shown)
        self.lines.completions = ["none", "not sure about"] + ChatControl.names
        while true {
            switch self.lines.readLine(prompt: "> ") {
            case .endOfInput:
                return .ended("ended by the user (end of input)")
            case .interrupted:
                say("(line discarded; answer the question, or type quit to end)", faint: true)
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    say(screenReader.hint(count: questions.count))
                    continue
                }
                self.lines.addToHistory(text)
                if let command = ChatControl(text) {
                    switch handle(command, at: questions[0], screen: screen) {
                    case .stay:
                        shown.section = nil
                        output.prompt(shown)
                        continue
                    case .reask: return .answered
                    case .ended(let reason): return .ended(reason)
                    case .restart: return .restart
                    }
                }
                switch screenReader.read(text, questions: questions) {
                case .values(let values):
                    for (question, value) in zip(questions, values) {
                        consultation.record(question.id, value, from: .answered(text))
                        typed[question.id] = value == .unsure ? "not sure" : value.description
                    }
                    questionNumber += 1
                    save(TranscriptFormat.screen(number: questionNumber, screen: screen, typed: text, answers: Array(zip(questions, values))))
                    output.understood(zip(questions, values).map { ($0.id, $1) })
                    let yes = values.filter { $0 == .yes }.count, unsure = values.filter { $0 == .unsure }.count
                    say("Noted: \(yes) yes, \(unsure) not sure, \(values.count - yes - unsure) no.", faint: true)
                    say()
                    return .answered
                case .askEach:
                    say("Let's go through them one at a time.")
                    say()
                    for question in questions where consultation.value(of: question.id) == nil && !consultation.isStopped {
                        let step = ask(question)
                        guard case .answered = step else { return step }
                    }
                    return .answered
                case .notUnderstood(let hint):
                    say("Sorry, I did not understand that. \(hint)")
                    turn += 1
                    shown.turn = turn
                    shown.section = nil
                    output.prompt(shown)
                }
            }
        }
    }

    // MARK: - Commands

    private enum CommandResult { case stay, reask, ended(String), restart }

    private func handle(_ command: ChatControl, at question: Question, screen: Screen? = nil) -> CommandResult {
        switch command {
        case .help:
            say(ChatControl.helpText)
            if let help = screen?.help ?? question.help { say(); say(TextReport(width: width).wrap("About this question: \(help)")) }
            say(screen == nil ? reader.hint(for: question) : screenReader.hint(count: screen?.items.count ?? 2))
            return .stay
        case .why:
            say(TextReport(width: width).wrap(whyText(question, screen: screen)))
            return .stay
        case .explain:
            say(plainExplanation())
            return .stay
        case .explainRules:
            say(ExplanationText.render(consultation.outcome(explained: true)))
            return .stay
        case .summary:
            say(summaryText())
            return .stay
        case .back:
            guard let last = consultation.asked.last else {
                say("There is no earlier answer to undo.")
                return .stay
            }
            return forget(last, command: "back (forgets \(last))", saying: "Undone: \(last). Asking again.")
        case .change(let id):
            guard let id else {
                say("Which answer? For example: change \(consultation.asked.last ?? "age"). Answered so far: \(consultation.asked.joined(separator: ", "))")
                return .stay
            }
            guard consultation.value(of: id) != nil else {
                let known = consultation.asked + consultation.rules.questions.map(\.id).filter { consultation.value(of: $0) != nil }
                let note = Suggestions.closest(to: id, in: known).map { " Did you mean '\($0)'?" } ?? ""
                say("'\(id)' has not been answered.\(note)")
                return .stay
            }
            return forget(id, command: "change \(id)", saying: "Let's answer '\(id)' again.")
        case .restart:
            return .restart
        case .quit:
            return .ended("ended by the user (quit)")
        case .reload:
            reload()
            return .reask
        }
    }

    /// "Why am I asking this?" in a sentence or two: what the question is about (its help
    /// text), and what the answer decides.
    private func whyText(_ question: Question, screen: Screen?) -> String {
        let ids = screen.map { s in s.items.map { rules.questions[$0.question].id } } ?? [question.id]
        let kinds = ids.reduce(into: Set<Consultation.Stake>()) { $0.formUnion(consultation.stakeKinds(of: $1)) }
        var sentences: [String] = []
        if let help = screen?.help ?? question.help { sentences.append(help) }
        let levels = kinds.compactMap { if case .warningSign(let level) = $0 { return level } else { return nil } }
        if let level = levels.min() {
            sentences.append(level == 0 ? "Your answer decides whether you need help straight away."
                                        : "Your answer helps decide whether you should see a doctor, and how soon.")
        } else if kinds.contains(.pattern) {
            sentences.append("Your answer helps work out which kind of headache this is.")
        } else if kinds.contains(.therapy) || kinds.contains(.contributor) {
            sentences.append("Your answer helps decide whether hands-on therapy suits you, and where to focus.")
        }
        return sentences.isEmpty ? "This answer helps complete the picture." : sentences.joined(separator: " ")
    }

    /// How each conclusion so far was reached, in words a patient reads.
    private func plainExplanation() -> String {
        let outcome = consultation.outcome()
        var out = ["From your answers so far:"]
        if outcome.redFlags.isEmpty {
            out.append("- No warning sign so far.")
        } else {
            out.append("- \(outcome.triage.title), because:")
            for flag in outcome.redFlags { out.append(TextReport(width: width).wrap(flag.message, indent: "    ", first: "  - ")) }
        }
        if let pattern = outcome.pattern {
            let code = pattern.code.map { " (ICHD-3 \($0))" } ?? ""
            out.append(TextReport(width: width).wrap("- Your headache looks most like \(pattern.name)\(code), from what you said about how often, how long and how it feels.", indent: "  "))
        }
        if let therapy = outcome.therapy { out.append(TextReport(width: width).wrap("- Neuromuscular therapy: \(therapy.title).", indent: "  ")) }
        out.append("Questions not answered yet count as \"not sure\" here. Type 'explain rules' to see each rule, step by step.")
        return out.joined(separator: "\n")
    }

    /// Forgets an answer so its question comes again, and records the command in the transcript.
    private func forget(_ id: String, command: String, saying message: String) -> CommandResult {
        consultation.forget(id)
        typed[id] = nil
        save(TranscriptFormat.command(command))
        say(message)
        return .reask
    }

    /// Takes edited rules mid-conversation: refused with their errors if they fail the check,
    /// otherwise the answers so far are replayed under them.
    private func reload() {
        guard let reloadRules else { say("There is nothing to reload."); return }
        let loaded = reloadRules()
        guard let newRules = loaded.rules else {
            let renderer = DiagnosticRenderer(sources: loaded.sources)
            say("The edited rules have errors, so I kept the old ones:")
            say(renderer.render(loaded.diagnostics.filter { $0.severity == .error }))
            return
        }
        var replay = Consultation(rules: newRules)
        let newReader = AnswerReader(rules: newRules)
        var dropped: [String] = []
        for (q, question) in rules.questions.enumerated() {
            guard let value = consultation.facts[q] else { continue }
            guard let newQuestion = newRules.question(question.id) else { dropped.append(question.id); continue }
            if let text = typed[question.id], case .value(let v) = newReader.read(text, for: newQuestion) {
                replay.record(question.id, v, from: .answered(text))
            } else if case .story(let evidence)? = consultation.provenance[q] {
                replay.record(question.id, value, from: .story(evidence))
            } else {
                dropped.append(question.id)
            }
        }
        rules = newRules
        reader = newReader
        screenReader = ScreenReader(rules: newRules)
        consultation = replay
        save(TranscriptFormat.command("reload (rules \(newRules.name) \(newRules.version), sha256 \(newRules.sha256))"))
        say("Reloaded \(newRules.name) \(newRules.version); your answers were replayed.")
        if !dropped.isEmpty { say("These answers no longer fit and will be asked again if needed: \(dropped.joined(separator: ", "))") }
    }

    private func summaryText() -> String {
        var out = ["What I know so far:"]
        for (q, question) in rules.questions.enumerated() {
            guard let value = consultation.facts[q] else { continue }
            var line = "  \(describe(question.id, value))"
            if case .story? = consultation.provenance[q] { line += "  (from your description)" }
            out.append(line)
        }
        if out.count == 1 { out.append("  nothing yet") }
        return out.joined(separator: "\n")
    }

    private func describe(_ id: String, _ value: FactValue) -> String {
        let shown = value == .unsure ? "not sure" : value.description.replacingOccurrences(of: "_", with: " ")
        return "\(id.replacingOccurrences(of: "_", with: " ")): \(shown)"
    }

    private func completions(for question: Question) -> [String] {
        var words: [String]
        switch question.kind {
        case .yesNo: words = ["yes", "no"]
        case .choice(let options), .several(let options): words = options.map { $0.id.replacingOccurrences(of: "_", with: " ") }
        case .number: words = []
        }
        if case .several = question.kind { words.append("none") }
        return words + ["not sure"] + ChatControl.names
    }

    // MARK: - Endings

    private func showEnding() {
        let outcome = consultation.outcome()
        save(TranscriptFormat.outcome(outcome))
        save(TranscriptFormat.ended(TranscriptWriter.timestamp()))
        let result = ScriptedResult(file: transcript?.path ?? "chat", consultation: consultation, outcome: outcome, unanswered: [],
                                    storyFacts: storyFacts, diagnostics: [], story: storyText, turns: turn, prompts: prompts,
                                    facts: consultation.facts)
        output.ending(text: TextReport(palette: style.palette, width: width).render(outcome, rules: rules), result: JSONReport.object(for: result),
                      transcriptPath: transcript?.path)
    }

    private func endEarly(_ reason: String) -> Int32 {
        save(TranscriptFormat.endedEarly(reason, at: TranscriptWriter.timestamp()))
        var text: [String] = []
        if let path = transcript?.path {
            text.append("Ending here. Your answers so far are saved in \(path); you can replay them with 'headache-triage run \(path)'.")
        } else {
            text.append("Ending here. Your answers were not saved.")
        }
        let outcome = consultation.outcome()
        if !outcome.redFlags.isEmpty {
            text.append(style.yellow("From what you said so far: \(outcome.triage.title). \(outcome.triage.advice)"))
        }
        text.append(TextReport.disclaimer)
        output.endedEarly(reason: reason, text: text.joined(separator: "\n"))
        transcript?.close()
        return 0
    }
}
