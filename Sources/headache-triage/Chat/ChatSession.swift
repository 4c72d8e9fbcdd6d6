import Foundation
import TriageKit

/// One interactive triage conversation: greeting, story, questions, commands and the ending.
///
/// The engine decides what to ask; this type only talks: it prints, reads lines, records
/// answers and keeps the transcript up to date after every answer.
final class ChatSession {
    private var rules: RuleSet
    private var consultation: Consultation
    /// Built on first use, after the greeting is on screen: preparing every question's words
    /// is the slowest part of start-up.
    private lazy var reader = AnswerReader(rules: rules)
    private let lines: LineReader
    private let style: Style
    private let reloadRules: (() -> LoadedRules)?
    private var transcript: TranscriptWriter?
    private let interactive: Bool
    /// Answers as typed, by question id, for `reload` to replay and `summary` to show.
    private var typed: [String: String] = [:]
    private var storyText: String?
    private var questionNumber = 0
    private var lastSection: String?

    init(rules: RuleSet, lines: LineReader, style: Style, interactive: Bool, transcript: TranscriptWriter?,
         reloadRules: (() -> LoadedRules)?) {
        self.rules = rules
        self.consultation = Consultation(rules: rules)
        self.lines = lines
        self.style = style
        self.interactive = interactive
        self.transcript = transcript
        self.reloadRules = reloadRules
    }

    private func say(_ text: String = "") {
        print(text)
        fflush(stdout)
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
        greet()
        if !askStory() { return endEarly("ended before the description") }
        return askQuestions()
    }

    private func greet() {
        say(style.bold("Headache self-triage") + " (\(rules.name) \(rules.version))")
        say("I will ask about your headache and suggest what to do next: whether to see a doctor and how soon,")
        say("what kind of headache it looks like, whether neuromuscular therapy may help, and self-care.")
        say(TextReport.disclaimer)
        say("If you have a sudden, very severe headache or feel very unwell, call an ambulance now.")
        if let path = transcript?.path { say("This conversation is saved to \(path) (use --no-save to turn that off).") }
        else { say("This conversation is not being saved.") }
        say("Type 'help' at any time for commands.")
        say()
    }

    /// Asks for the story; returns false when input ended.
    private func askStory() -> Bool {
        say("In your own words, describe your headache (or press Enter to skip):")
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
                for fact in kept { consultation.record(fact.questionID, fact.value, from: .story(fact.evidence)) }
                save(TranscriptFormat.storyFacts(kept))
                for (fact, reply) in corrections {
                    guard let question = rules.question(fact.questionID) else { continue }
                    consultation.record(fact.questionID, fact.value, from: .correction(fact.evidence))
                    typed[fact.questionID] = fact.evidence
                    save(TranscriptFormat.storyCorrection(fact, question: question, reply: reply))
                }
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
        say("I understood:")
        for (i, fact) in facts.enumerated() {
            say("  \(i + 1). \(describe(fact.questionID, fact.value))   (from \"\(fact.evidence)\")")
        }
        say("Is that right? Press Enter or say yes to keep it all, no to drop it all, or tell me what is wrong (for example \"2 is wrong\").")
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

    private func askQuestions() -> Int32 {
        while let question = consultation.nextQuestion() {
            announce(question)
            switch ask(question) {
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
        return finish()
    }

    private func announce(_ question: Question) {
        if let section = question.section, section != lastSection {
            say(style.bold("— \(section) —"))
            lastSection = section
        }
    }

    private enum Step { case answered, ended(String), restart }

    private func ask(_ question: Question) -> Step {
        let remaining = consultation.remainingQuestionEstimate()
        let done = consultation.asked.count
        say(style.dim("[question \(done + 1) of about \(done + remaining) · \(question.id)]"))
        say(TextReport().wrap(question.ask))
        if case .choice(let options) = question.kind {
            say(style.dim("(" + options.map { $0.id.replacingOccurrences(of: "_", with: " ") }.joined(separator: " / ") + " / not sure)"))
        } else if case .yesNo = question.kind {
            say(style.dim("(yes / no / not sure)"))
        }
        lines.completions = completions(for: question)
        while true {
            let input = lines.readLine(prompt: "> ")
            switch input {
            case .endOfInput:
                return .ended("ended by the user (end of input)")
            case .interrupted:
                say(style.dim("(line discarded; answer the question, or type quit to end)"))
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
                    case .stay: continue
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
                    if value == .unsure { say(style.dim("Noted: not sure.")) }
                    say()
                    return .answered
                case .outOfRange(let n, let range):
                    say("\(n.plainText) is outside what I expect here (\(range.lowerBound.plainText) to \(range.upperBound.plainText)). Could you check and answer again?")
                case .notUnderstood(let hint):
                    say("Sorry, I did not understand that. \(hint)")
                }
            }
        }
    }

    private enum CommandResult { case stay, reask, ended(String), restart }

    private func handle(_ command: ChatControl, at question: Question) -> CommandResult {
        switch command {
        case .help:
            say(ChatControl.helpText)
            if let help = question.help { say(); say(TextReport().wrap("About this question: \(help)")) }
            say(reader.hint(for: question))
            return .stay
        case .why:
            let stakes = consultation.stakes(of: question.id)
            say(stakes.isEmpty ? "This answer helps complete the picture." : "Your answer can still change:")
            for stake in stakes.prefix(8) { say(TextReport().wrap(stake, indent: "    ", first: "  - ")) }
            if stakes.count > 8 { say("  - and \(stakes.count - 8) more") }
            return .stay
        case .explain:
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
        case .choice(let options): words = options.map { $0.id.replacingOccurrences(of: "_", with: " ") }
        case .number: words = []
        }
        return words + ["not sure"] + ChatControl.names
    }

    private func finish() -> Int32 {
        let outcome = consultation.outcome()
        save(TranscriptFormat.outcome(outcome))
        save(TranscriptFormat.ended(TranscriptWriter.timestamp()))
        say(String(repeating: "=", count: 60))
        say(TextReport(palette: style.palette).render(outcome, rules: rules))
        if let path = transcript?.path { say("Saved to \(path).") }
        transcript?.close()
        return 0
    }

    private func endEarly(_ reason: String) -> Int32 {
        save(TranscriptFormat.endedEarly(reason, at: TranscriptWriter.timestamp()))
        say()
        if let path = transcript?.path {
            say("Ending here. Your answers so far are saved in \(path); you can replay them with 'headache-triage run \(path)'.")
        } else {
            say("Ending here. Your answers were not saved.")
        }
        let outcome = consultation.outcome()
        if !outcome.redFlags.isEmpty {
            say(style.yellow("From what you said so far: \(outcome.triage.title). \(outcome.triage.advice)"))
        }
        say(TextReport.disclaimer)
        transcript?.close()
        return 0
    }
}
