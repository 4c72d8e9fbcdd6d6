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
    /// When the conversation started, for the summary.
    private let started = Timestamp.now()
    /// The report of the ending shown, once there is one.
    private var ending: ConsultationReport?
    /// Where the summary is written at the ending (`--summary FILE`), if anywhere.
    private let summaryPath: String?

    init(rules: RuleSet, lines: LineReader, output: ChatOutput, style: Style, width: Int = 78, transcript: TranscriptWriter?,
         summaryPath: String? = nil, reloadRules: (() -> LoadedRules)?) {
        self.width = width
        self.summaryPath = summaryPath
        self.rules = rules
        self.consultation = Consultation(rules: rules)
        self.lines = lines
        self.output = output
        self.style = style
        self.transcript = transcript
        self.reloadRules = reloadRules
    }

    /// The rules' sentences for what is said around the questions.
    private var words: Wording { rules.wording }

    private func say(_ text: String = "", faint: Bool = false) {
        output.message(text, faint: faint)
    }

    private func save(_ text: String) {
        guard let writer = transcript else { return }
        do { try writer.write(text) } catch {
            say(style.yellow(words(.savingStopped, ["error": "\(error)"])))
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
                                 text: words(.storyPrompt),
                                 options: [], numbered: false))
        lines.completions = []
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput: return false
            case .interrupted: continue
            case .line(let text):
                let story = text.trimmingCharacters(in: .whitespaces)
                if let command = ChatControl(story, words: rules.lexicon.commandWords), command == .quit { return false }
                if story.isEmpty { return true }
                lines.addToHistory(story)
                storyText = story
                // Saved the moment it is typed: the person's own words outlast a crash at the confirmation.
                save(TranscriptFormat.storyLine(story))
                let facts = StoryReader(rules: rules).read(story)
                let (kept, corrections, ended) = confirm(facts)
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
                return !ended
            }
        }
    }

    /// Shows what was read from the story and reads the reply: the facts kept, and the facts the
    /// reply corrected, each with the reply it came from.
    /// `ended` when input ended there (Ctrl-D): the conversation ends, as at any other prompt,
    /// with what was read kept for the transcript.
    private func confirm(_ facts: [StoryFact]) -> (kept: [StoryFact], corrections: [(StoryFact, String)], ended: Bool) {
        guard !facts.isEmpty else {
            say(words(.noStoryFacts))
            say()
            return ([], [], false)
        }
        turn += 1
        say(words(.understoodHeading))
        output.prompt(ChatPrompt(turn: turn, kind: .confirm, ids: facts.map(\.questionID),
                                 text: words(.confirmPrompt),
                                 options: facts.map(readBack), numbered: true))
        lines.completions = ["yes", "no"]
        let confirmation = StoryConfirmationReader(rules: rules)
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput: return (facts, [], true)
            case .interrupted:
                say(words(.lineDiscarded), faint: true)
                continue
            case .line(let text):
                switch confirmation.read(text, facts: facts) {
                case .keepAll:
                    say()
                    return (facts, [], false)
                case .dropAll:
                    say(words(.confirmDroppedAll))
                    say()
                    return ([], [], false)
                case .change(let drop, let corrections):
                    let changed = Set(corrections.map(\.questionID))
                    for i in drop { say(words(.confirmDropped, ["number": String(i), "fact": describe(facts[i - 1].questionID, facts[i - 1].value)])) }
                    for fact in corrections { say(words(.confirmNoted, ["fact": describe(fact.questionID, fact.value), "words": fact.evidence])) }
                    say()
                    let kept = facts.enumerated().filter { !drop.contains($0.offset + 1) && !changed.contains($0.element.questionID) }.map(\.element)
                    return (kept, corrections.map { ($0, text) }, false)
                case .notUnderstood:
                    say(words(.confirmNotUnderstood))
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
                say(words(.startingAgain))
                say()
                if !askStory() { return endEarly("ended after a restart") }
            }
        }
        return nil
    }

    /// After the ending, the person may still correct an answer (`change age`) and see the
    /// ending again, or look at the summary; Enter, `quit` or the end of input finishes.
    private func afterEnding() -> Int32? {
        let shown = ChatPrompt(turn: turn, kind: .done, ids: [], text: words(.afterEnding),
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
                // Nothing is asked any more, so "change how much water" is a change, however many words.
                guard let command = ChatControl(text, words: rules.lexicon.commandWords)
                        ?? ChatControl.change(naming: text, words: rules.lexicon.commandWords) else {
                    say(words(.afterEndingHint, ["id": (consultation.asked.last ?? "age").replacingOccurrences(of: "_", with: " ")]))
                    continue
                }
                switch command {
                case .quit: return 0
                case .save(let path):
                    saveSummary(to: path)
                    output.prompt(shown)
                case .back, .change, .summary, .explain, .explainRules, .help, .reload:
                    guard let question = rules.questions.first else { return 0 }
                    switch handle(command, at: question) {
                    case .stay: output.prompt(shown)
                    case .reask, .restart: return nil
                    case .ended: return 0
                    }
                case .why, .restart:
                    say(words(.conversationEnded))
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
        say(words(.fewMore), faint: true)
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
            hint = words(.severalHint)
        }
        return ChatPrompt(turn: turn, kind: .question, ids: [question.id], answer: question.kind.name, section: section,
                          text: consultation.askText(for: question), options: options, numbered: numbered, hint: hint)
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
            say(words(.readBack))
            shown.hint = TextReport(width: width).wrap(words(.readBackHint, ["message": flag.message]))
        }
        output.prompt(shown)
        lines.completions = completions(for: question)
        while true {
            switch lines.readLine(prompt: "> ") {
            case .endOfInput:
                return .ended("ended by the user (end of input)")
            case .interrupted:
                say(words(.lineDiscarded), faint: true)
                continue
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    say(reader.hint(for: question))
                    continue
                }
                lines.addToHistory(text)
                if let command = ChatControl(text, words: rules.lexicon.commandWords) {
                    if let step = obey(command, at: question, showing: &shown) { return step }
                    continue
                }
                switch reader.read(text, for: question) {
                case .value(let value):
                    consultation.record(question.id, value, from: .answered(text))
                    typed[question.id] = text
                    questionNumber += 1
                    save(TranscriptFormat.answer(number: questionNumber, question: question, typed: text, understood: value))
                    output.understood([(question.id, value)])
                    if value == .unsure { say(words(.notedUnsure), faint: true) }
                    say()
                    return .answered
                case .outOfRange(let n, let range):
                    say(words(.outOfRange, ["number": n.plainText, "low": range.lowerBound.plainText, "high": range.upperBound.plainText]))
                case .notUnderstood(let hint):
                    say(words(.notUnderstood, ["hint": hint]))
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
                               hint: words(.screenHint))
        output.prompt(shown)
        self.lines.completions = ["none", "not sure about"] + ChatControl.names(rules.lexicon.commandWords)
        while true {
            switch self.lines.readLine(prompt: "> ") {
            case .endOfInput:
                return .ended("ended by the user (end of input)")
            case .interrupted:
                say(words(.lineDiscarded), faint: true)
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    say(screenReader.hint(count: questions.count))
                    continue
                }
                self.lines.addToHistory(text)
                if let command = ChatControl(text, words: rules.lexicon.commandWords) {
                    if let step = obey(command, at: questions[0], screen: screen, showing: &shown) { return step }
                    continue
                }
                switch screenReader.read(text, questions: questions) {
                case .values(let values):
                    for (question, value) in zip(questions, values) {
                        // Each line's answer in words; the line typed for the whole screen is in the transcript.
                        let spoken = value == .unsure ? "not sure" : value.description
                        consultation.record(question.id, value, from: .answered(spoken))
                        typed[question.id] = spoken
                    }
                    questionNumber += 1
                    save(TranscriptFormat.screen(number: questionNumber, screen: screen, typed: text, answers: Array(zip(questions, values))))
                    output.understood(zip(questions, values).map { ($0.id, $1) })
                    let yes = values.filter { $0 == .yes }.count, unsure = values.filter { $0 == .unsure }.count
                    say(words(.notedScreen, ["yes": String(yes), "unsure": String(unsure), "no": String(values.count - yes - unsure)]), faint: true)
                    say()
                    return .answered
                case .askEach:
                    say(words(.oneAtATime))
                    say()
                    for question in questions where consultation.value(of: question.id) == nil && !consultation.isStopped {
                        let step = ask(question)
                        guard case .answered = step else { return step }
                    }
                    return .answered
                case .notUnderstood(let hint):
                    say(words(.notUnderstood, ["hint": hint]))
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

    /// A command typed at a prompt: the step it ends the prompt with, or nil to stay, with the
    /// prompt shown again so the person need not scroll back for it.
    private func obey(_ command: ChatControl, at question: Question, screen: Screen? = nil, showing shown: inout ChatPrompt) -> Step? {
        switch handle(command, at: question, screen: screen) {
        case .stay:
            shown.section = nil
            output.prompt(shown)
            return nil
        case .reask: return .answered
        case .ended(let reason): return .ended(reason)
        case .restart: return .restart
        }
    }

    private func handle(_ command: ChatControl, at question: Question, screen: Screen? = nil) -> CommandResult {
        switch command {
        case .help:
            say(TextReport(width: width).wrap(words(.commands)))
            if let help = screen?.help ?? question.help { say(); say(TextReport(width: width).wrap(words(.aboutThisQuestion, ["help": help]))) }
            say(screen == nil ? reader.hint(for: question) : screenReader.hint(count: screen?.items.count ?? 2))
            return .stay
        case .why:
            say(TextReport(width: width).wrap(whyText(question, screen: screen)))
            return .stay
        case .explain:
            say(plainExplanation())
            return .stay
        case .explainRules:
            say(ExplanationText().render(ConsultationReport(consultation: consultation, outcome: consultation.outcome(), story: storyText,
                                                            date: started, program: HeadacheTriage.program)))
            return .stay
        case .summary:
            say(summaryText())
            return .stay
        case .back:
            guard let last = consultation.asked.last else {
                say(words(.nothingToUndo))
                return .stay
            }
            return forget(last, command: "back (forgets \(last))", saying: words(.undone, ["id": last]))
        case .change(let typed):
            guard let typed else {
                say(words(.whichAnswer, ["id": consultation.asked.last ?? "age", "ids": consultation.asked.joined(separator: ", ")]))
                return .stay
            }
            // "change water" or "change my age": people name the question in their own words.
            let answered = consultation.rules.questions.filter { consultation.value(of: $0.id) != nil }
            let id = AnsweredQuestionName.resolve(typed, answered: answered) ?? typed
            guard consultation.value(of: id) != nil else {
                let known = consultation.asked + consultation.rules.questions.map(\.id).filter { consultation.value(of: $0) != nil }
                let note = Suggestions.closest(to: id, in: known).map { " " + words(.didYouMean, ["id": $0]) } ?? ""
                say(words(.notAnswered, ["id": id]) + note)
                return .stay
            }
            return forget(id, command: "change \(id)", saying: words(.answerAgain, ["id": id]))
        case .restart:
            return .restart
        case .quit:
            return .ended("ended by the user (quit)")
        case .reload:
            reload()
            return .reask
        case .save:
            say(words(.summaryLater))
            return .stay
        }
    }

    /// Writes the summary: to `path`, or beside the transcript (its name, `.html`), or in the
    /// current folder when the conversation is not saved; says where, or why it could not.
    private func saveSummary(to path: String?) {
        let target = path ?? transcript.map { $0.path.hasSuffix(".transcript") ? String($0.path.dropLast(11)) + ".html" : $0.path + ".html" }
            ?? "headache-summary-\(started.filter { $0.isNumber }).html"
        // The ending's report (a summary is saved only after one): what the person was told.
        var report = ending ?? ConsultationReport(consultation: consultation, outcome: consultation.outcome(), story: storyText,
                                                  date: started, program: HeadacheTriage.program)
        // A summary of a conversation names no file: "chat" is only the JSON ending's.
        report.file = nil
        do {
            try SummaryWriter.write(report: report, to: target)
            save(TranscriptFormat.command("save (summary \(target))"))
            say(words(.summarySaved, ["path": target]))
        } catch {
            say("\(error)")
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
            sentences.append(words(level == 0 ? .whyEmergency : .whyDoctor))
        } else if kinds.contains(.pattern) {
            sentences.append(words(.whyPattern))
        } else if kinds.contains(.therapy) || kinds.contains(.contributor) {
            sentences.append(words(.whyTherapy))
        }
        return sentences.isEmpty ? words(.whyOther) : sentences.joined(separator: " ")
    }

    /// How each conclusion so far was reached, in words a patient reads.
    private func plainExplanation() -> String {
        let outcome = consultation.outcome()
        var out = [words(.explainHeading)]
        if outcome.redFlags.isEmpty {
            out.append("- " + words(.explainNoFlag))
        } else {
            out.append("- " + words(.explainBecause, ["title": outcome.triage.title]))
            for flag in outcome.redFlags { out.append(TextReport(width: width).wrap(flag.message, indent: "    ", first: "  - ")) }
        }
        if let pattern = outcome.pattern {
            let code = pattern.code.map { " (ICHD-3 \($0))" } ?? ""
            out.append(TextReport(width: width).wrap("- " + words(.explainPattern, ["pattern": pattern.name + code]), indent: "  "))
        }
        if let therapy = outcome.therapy { out.append(TextReport(width: width).wrap("- " + words(.explainTherapy, ["title": therapy.title]), indent: "  ")) }
        out.append(words(.explainFooter))
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
        guard let reloadRules else { say(words(.reloadNothing)); return }
        let loaded = reloadRules()
        guard let newRules = loaded.rules else {
            let renderer = DiagnosticRenderer(sources: loaded.sources)
            say(words(.reloadRefused))
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
        say(words(.reloaded, ["name": newRules.name, "version": newRules.version]))
        if !dropped.isEmpty { say(words(.reloadDropped, ["ids": dropped.joined(separator: ", ")])) }
    }

    private func summaryText() -> String {
        var out = [words(.summaryHeading)]
        for (q, question) in rules.questions.enumerated() {
            guard let value = consultation.facts[q] else { continue }
            var line = "  \(describe(question.id, value))"
            if case .story? = consultation.provenance[q] { line += "  " + words(.summaryFromStory) }
            out.append(line)
        }
        if out.count == 1 { out.append("  " + words(.summaryNothing)) }
        return out.joined(separator: "\n")
    }

    /// One fact read from the story, with the words it was read from. A number that a phrase of
    /// the question gives is shown as those words: "duration hours: never goes away", where the
    /// number stands for a headache that never stops ("1000 hours" meant nothing to the reader).
    private func readBack(_ fact: StoryFact) -> String {
        let evidence = fact.evidence.lowercased()
        if let question = rules.question(fact.questionID), case .number = question.kind,
           question.phrases.contains(where: { $0.phrase.lowercased() == evidence && $0.value == fact.value }) {
            return "\(fact.questionID.replacingOccurrences(of: "_", with: " ")): \(fact.evidence)"
        }
        return "\(describe(fact.questionID, fact.value))   (from \"\(fact.evidence)\")"
    }

    private func describe(_ id: String, _ value: FactValue) -> String {
        var shown = value == .unsure ? "not sure" : value.description.replacingOccurrences(of: "_", with: " ")
        // "13 days per month", not "13.045": an amount read from words is shown as people say it.
        if case .number(let n) = value, case .number(let unit, _)? = rules.question(id)?.kind {
            let rounded = (n * 10).rounded() / 10
            // "1 month", "1 day per month": the unit's first word without its plural s.
            var words = unit.split(separator: " ").map(String.init)
            if rounded == 1, let first = words.first, first.count > 1, first.hasSuffix("s") { words[0] = String(first.dropLast()) }
            shown = (abs(rounded - n) > 1e-9 ? "about " : "") + rounded.plainText + " " + words.joined(separator: " ")
        }
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
        return words + ["not sure"] + ChatControl.names(rules.lexicon.commandWords)
    }

    // MARK: - Endings

    private func showEnding() {
        let outcome = consultation.outcome()
        save(TranscriptFormat.outcome(outcome))
        save(TranscriptFormat.ended(TranscriptWriter.timestamp()))
        let result = ScriptedResult(file: transcript?.path ?? "chat", consultation: consultation, outcome: outcome, unanswered: [],
                                    storyFacts: storyFacts, diagnostics: [], story: storyText, turns: turn, prompts: prompts,
                                    facts: consultation.facts)
        // One report of the ending: the text, the JSON result and a summary saved now or later all read it.
        let report = ConsultationReport(result: result, date: started, program: HeadacheTriage.program)
        ending = report
        output.ending(text: TextReport(palette: style.palette, width: width).render(report), result: JSONReport().object(report),
                      transcriptPath: transcript?.path)
        if let summaryPath { saveSummary(to: summaryPath) }
    }

    private func endEarly(_ reason: String) -> Int32 {
        save(TranscriptFormat.endedEarly(reason, at: TranscriptWriter.timestamp()))
        var text: [String] = []
        if let path = transcript?.path {
            text.append(words(.endedSaved, ["path": path]))
        } else {
            text.append(words(.endedNotSaved))
        }
        let outcome = consultation.outcome()
        if !outcome.redFlags.isEmpty {
            text.append(style.yellow(words(.soFar, ["title": outcome.triage.title, "advice": outcome.triage.advice])))
        }
        text.append(words(.disclaimer))
        output.endedEarly(reason: reason, text: text.joined(separator: "\n"))
        transcript?.close()
        return 0
    }
}
