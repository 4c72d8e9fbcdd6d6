import Foundation

/// The result of running one answers script through the dialogue.
public struct ScriptedResult: Sendable {
    public var file: String
    public var consultation: Consultation
    public var outcome: Outcome
    /// Asked, but the script had no answer: counted as "not sure".
    public var unanswered: [String]
    /// Facts read from the story, with their evidence.
    public var storyFacts: [StoryFact]
    public var diagnostics: [Diagnostic]
    /// The opening description, when the script had one.
    public var story: String?
    /// The prompts a person would have seen for these answers: the story, its confirmation,
    /// each question or screen, and each question asked again because its answer was not read.
    public var turns: Int
    /// The questions of each prompt after the story, in order: one id, or a screen's ids.
    public var prompts: [[String]]
    /// Every fact known at the end: the consultation's, and answers the file gives for
    /// questions that were never asked (they change nothing, but the file holds them).
    public var facts: [FactValue?]

    public init(file: String, consultation: Consultation, outcome: Outcome, unanswered: [String], storyFacts: [StoryFact],
                diagnostics: [Diagnostic], story: String?, turns: Int, prompts: [[String]], facts: [FactValue?]) {
        self.file = file
        self.consultation = consultation
        self.outcome = outcome
        self.unanswered = unanswered
        self.storyFacts = storyFacts
        self.diagnostics = diagnostics
        self.story = story
        self.turns = turns
        self.prompts = prompts
        self.facts = facts
    }
}

/// Runs the dialogue exactly as it would go interactively, taking each answer from the
/// script by question id whatever the order of lines.
public struct ScriptedRun {
    public static let storyID = "story"

    public let rules: RuleSet
    /// The answer reader, through a memo of the answers this runner has read already.
    private let reader: AnswerMemo
    /// Prepared when a script first has a story: most scripts have none, and preparing it was
    /// a fifteenth of a one-script run.
    private let storyReader: LazyStoryReader

    /// With `storyReaderInBackground`, the story reader is prepared on another processor while
    /// this one prepares the answers, so a story in the first script no longer waits for it (a
    /// no-op on one processor, where it would only add work for the scripts without a story).
    public init(rules: RuleSet, storyReaderInBackground: Bool = false) {
        self.rules = rules
        storyReader = LazyStoryReader(rules: rules)
        if storyReaderInBackground { storyReader.prepareInBackground() }
        reader = AnswerMemo(reader: AnswerReader(rules: rules))
    }

    public func run(_ script: AnswersScript) -> ScriptedResult {
        var diagnostics = script.diagnostics
        var consultation = Consultation(rules: rules)
        let questions = rules.questions
        // Where the script answers each question, by the question's index in the rules: a
        // position in `script.answers` rather than a copy of the answer, whose strings each
        // copy retained and released.
        var answerAt = [Int?](repeating: nil, count: questions.count)
        var story: String?
        // By position, reading only the fields needed: a copy of a whole answer retained its
        // location's file name too.
        for position in script.answers.indices {
            let id = script.answers[position].id
            if id == Self.storyID { story = script.answers[position].answer; continue }
            guard let q = rules.questionIndex(of: id) else {
                let answer = script.answers[position]
                let candidates = rules.questions.map(\.id) + [Self.storyID]
                let note = Suggestions.note(for: answer.id, in: candidates)
                if script.isTranscript {
                    diagnostics.append(.warning("'\(answer.id)' is not a question in these rules; its answer is ignored",
                                                at: SourceRange(answer.location, length: answer.id.count), notes: note))
                } else {
                    diagnostics.append(.error("unknown question id '\(answer.id)'", at: SourceRange(answer.location, length: answer.id.count),
                                              notes: note))
                }
                continue
            }
            answerAt[q] = position
        }

        var storyFacts: [StoryFact] = []
        var storyReadAnything = false
        var unanswered: [String] = []
        if let story {
            let read = storyReader.reader.reader.read(story)
            storyReadAnything = !read.isEmpty
            // A transcript replays with the story facts the conversation kept (some may have been
            // dropped at the confirmation step); corrected ones come back through their answers below.
            storyFacts = read.filter { fact in
                rules.questionIndex(of: fact.questionID).map { answerAt[$0] == nil } ?? true
                    && (script.storyFactIDs?.contains(fact.questionID) ?? true)
            }
            for fact in storyFacts { consultation.record(fact.questionID, fact.value, from: .story(fact.evidence)) }
            // The file's own answer to a question the story covers is a correction of the story:
            // it holds from the start, whether or not the question would still be asked.
            for fact in read {
                guard let q = rules.questionIndex(of: fact.questionID), let position = answerAt[q] else { continue }
                if let value = understand(position, questionAt: q, script, &diagnostics) {
                    consultation.record(at: q, value, from: .correction(script.answers[position].answer))
                }
            }
        }

        // The story prompt (shown even when the file has no story), and the confirmation of
        // what was read from it (shown whenever anything was, even if the file corrects it all).
        var turns = storyReadAnything ? 2 : 1
        // A screen's questions are answered together, as one prompt.
        var prompts: [[String]] = []
        while let turn = consultation.nextTurnIndices() {
            turns += 1
            prompts.append(turn.questions.map { questions[$0].id })
            for q in turn.questions {
                guard let position = answerAt[q] else {
                    unanswered.append(questions[q].id)
                    consultation.record(at: q, .unsure, from: .notAnswered)
                    continue
                }
                if let value = understand(position, questionAt: q, script, &diagnostics) {
                    consultation.record(at: q, value, from: .answered(script.answers[position].answer))
                } else {
                    // Asked again in the conversation; here there is no other answer to read.
                    turns += 1
                    consultation.record(at: q, .unsure, from: .notAnswered)
                    unanswered.append(questions[q].id)
                }
            }
        }
        // The read-back of each warning sign left unsure by a "not sure": a prompt of its own;
        // the file has one answer for it, so it stays as it was.
        let outcome = consultation.outcome()
        for (q, _) in consultation.readBacks(in: outcome) {
            turns += 1
            prompts.append([questions[q].id])
        }
        // Answers the file gives for questions never asked are still read and listed, after
        // the outcome: the conversation would never have asked them. Only the facts are
        // listed, so they are set in a copy of the facts: recording them in a copy of the
        // consultation copied its evaluator and worked out again everything each one reads
        // (about half a script's answers are never asked).
        var listed = consultation.facts
        for (q, position) in answerAt.enumerated() {
            guard let position, listed[q] == nil,
                  case .value(let value) = reader.read(script.answers[position].answer, questionAt: q) else { continue }
            listed[q] = value
        }
        return ScriptedResult(file: script.file, consultation: consultation, outcome: outcome,
                              unanswered: unanswered, storyFacts: storyFacts, diagnostics: diagnostics, story: story,
                              turns: turns, prompts: prompts, facts: listed)
    }

    /// The value of the script's answer at `position`, or nil with a diagnostic saying why it cannot be used.
    private func understand(_ position: Int, questionAt q: Int, _ script: AnswersScript,
                            _ diagnostics: inout [Diagnostic]) -> FactValue? {
        let reading = reader.read(script.answers[position].answer, questionAt: q)
        if case .value(let value) = reading { return value }
        let answer = script.answers[position]
        switch reading {
        case .value(let value):
            return value
        case .outOfRange(let n, let range):
            diagnostics.append(problem(script, answer, "'\(n.plainText)' is outside the range of '\(rules.questions[q].id)' (\(range.lowerBound.plainText) to \(range.upperBound.plainText))"))
        case .notUnderstood(let hint):
            diagnostics.append(problem(script, answer, "'\(answer.answer)' is not an answer to '\(rules.questions[q].id)': \(hint)"))
        }
        return nil
    }

    /// A bad answer fails a hand-written script; replaying an old transcript only warns.
    private func problem(_ script: AnswersScript, _ answer: ScriptAnswer, _ message: String) -> Diagnostic {
        let column = answer.location.column + answer.id.count + 2
        let range = SourceRange(SourceLocation(file: answer.location.file, line: answer.location.line, column: column),
                                length: max(1, answer.answer.count))
        return Diagnostic(script.isTranscript ? .warning : .error, message, at: range)
    }
}

/// A story reader made on first use, once, whichever thread asks first.
final class LazyStoryReader: @unchecked Sendable {
    /// The reader, by reference: handing out the struct copied its many tables, a retain and a
    /// release of each, for every story read.
    final class Prepared: Sendable {
        let reader: StoryReader
        init(_ reader: StoryReader) { self.reader = reader }
    }

    private let rules: RuleSet
    private let prepared = MadeOnce<Prepared>()

    init(rules: RuleSet) { self.rules = rules }

    func prepareInBackground() {
        guard BackgroundWork.isWorthwhile else { return }
        BackgroundWork.start { _ = self.reader }
    }

    var reader: Prepared { prepared.get { Prepared(StoryReader(rules: rules)) } }
}
