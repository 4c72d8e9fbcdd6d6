/// Where a fact's value came from, for transcripts and explanations.
public enum Provenance: Sendable, Equatable {
    /// Typed (or scripted) as the answer to its own question.
    case answered(String)
    /// Read from the opening description; the words it came from.
    case story(String)
    /// Asked, but a script had no answer: counts as "not sure".
    case notAnswered
    /// Typed to correct what the story said (a script that also answers a question its story
    /// covers): known from the start, like a correction at the confirmation step, not asked.
    case correction(String)
    /// Given in a script for a question the conversation never asked: listed, never used.
    case notAsked(String)
}

/// One prompt of the conversation.
public enum Turn: Sendable {
    case question(Question)
    /// Several yes/no questions asked together; each keeps its own answer.
    case screen(Screen, questions: [Question])
}

/// The state of one triage conversation: the facts so far and the engine's view of them.
///
/// A value type with no I/O: the REPL, `run`, `test` and the benchmarks all drive it the same way,
/// asking `nextQuestion()`, recording answers, and reading `outcome()` at the end.
public struct Consultation: Sendable {
    public let rules: RuleSet
    public private(set) var provenance: [Provenance?]
    /// Question ids in the order they were asked (facts from the story are not asked).
    public private(set) var asked: [String] = []
    /// Per question, whether its id is in `asked`: most answers are new, and this spares them a
    /// search through every id asked so far.
    private var isAsked: [Bool]
    /// Every condition's value for the facts so far, kept up to date as they are recorded.
    private var evaluation: LiveEvaluation

    public var facts: [FactValue?] { evaluation.current.facts }
    /// The evaluator behind the questions, complete for the facts so far (tests compare it with a fresh one).
    var liveEvaluator: Evaluator { evaluation.current }

    public init(rules: RuleSet) {
        self.rules = rules
        provenance = Array(repeating: nil, count: rules.questions.count)
        isAsked = Array(repeating: false, count: rules.questions.count)
        asked.reserveCapacity(rules.questions.count)
        evaluation = LiveEvaluation(rules.compiled)
    }

    public func value(of id: String) -> FactValue? {
        rules.questionIndex(of: id).flatMap { facts[$0] }
    }

    /// Records the answer to a question (asked now, or read from the story).
    public mutating func record(_ id: String, _ value: FactValue, from source: Provenance) {
        guard let q = rules.questionIndex(of: id) else { return }
        record(at: q, value, from: source)
    }

    /// The same, for the question at index `q` of the rules (a script run knows it already).
    mutating func record(at q: Int, _ value: FactValue, from source: Provenance) {
        let id = rules.questions[q].id
        evaluation.set(q, to: value)
        provenance[q] = source
        switch source {
        case .story, .correction, .notAsked: return
        case .answered, .notAnswered: break
        }
        if isAsked[q], let existing = asked.firstIndex(of: id) { asked.remove(at: existing) }
        asked.append(id)
        isAsked[q] = true
    }

    /// Forgets an answer, so its question can be asked again (`back`, `change`).
    public mutating func forget(_ id: String) {
        guard let q = rules.questionIndex(of: id) else { return }
        evaluation.set(q, to: nil)
        provenance[q] = nil
        if isAsked[q] { asked.removeAll { $0 == id } }
        isAsked[q] = false
    }

    /// True once a confirmed flag of a level that stops the conversation has fired.
    public var isStopped: Bool {
        stoppingFlag(evaluation.current) != nil
    }

    func stoppingFlag(_ evaluator: Evaluator) -> Int? {
        for f in evaluator.compiled.stoppingFlags where evaluator.flag(f) == .yes { return f }
        return nil
    }

    /// The next question whose answer can still change an outcome, in the rules' order; nil when done.
    public func nextQuestion() -> Question? {
        nextQuestionIndex().map { rules.questions[$0] }
    }

    /// The index in the rules of the next question, without copying the question.
    func nextQuestionIndex() -> Int? {
        let evaluator = evaluation.current
        if stoppingFlag(evaluator) != nil { return nil }
        let stop = Self.assessmentStop(evaluator)
        var next = evaluator.firstUnanswered(from: 0)
        while let q = next {
            if isWorthAsking(q, evaluator, stop: stop) { return q }
            next = evaluator.firstUnanswered(from: q + 1)
        }
        return nil
    }

    /// What the person is asked next: the next question, or, when it belongs to a screen with
    /// other questions still open, that screen with all of them; nil when done.
    public func nextTurn() -> Turn? {
        nextTurnIndices().map { turn in
            let questions = turn.questions.map { rules.questions[$0] }
            return turn.screen.map { .screen(rules.screens[$0], questions: questions) } ?? .question(questions[0])
        }
    }

    /// The same by index: the screen, if any, and the questions it asks, in the screen's order.
    func nextTurnIndices() -> (screen: Int?, questions: [Int])? {
        guard let q = nextQuestionIndex() else { return nil }
        guard let s = rules.screen(ofQuestionAt: q) else { return (nil, [q]) }
        let e = evaluation.current
        let stop = Self.assessmentStop(e)
        let open = rules.screens[s].items.map(\.question).filter { e.facts[$0] == nil && isWorthAsking($0, e, stop: stop) }
        return open.count >= 2 ? (s, open) : (nil, [q])
    }

    /// The words to ask a question in, given what is known: its `ask instead` once that
    /// condition is certainly true, else its `ask`.
    public func askText(for question: Question) -> String {
        guard let alternative = question.askInstead, let q = rules.questionIndex(of: question.id),
              let root = rules.compiled.roots.askInstead[q], evaluation.current.eval(node: root) == .yes else { return question.ask }
        return alternative.ask
    }

    /// How many questions may still be asked, for a sense of progress.
    public func remainingQuestionEstimate() -> Int {
        let evaluator = evaluation.current
        if stoppingFlag(evaluator) != nil { return 0 }
        let stop = Self.assessmentStop(evaluator)
        // The same test as `nextQuestion`, asked of every unanswered question.
        return evaluator.facts.indices.filter { q in evaluator.facts[q] == nil && isWorthAsking(q, evaluator, stop: stop) }.count
    }

    /// An unanswered question is asked when its context is not false and its answer can still
    /// change a conclusion; once the assessment stopped at a level, only when it can still
    /// make the triage more urgent than that.
    private func isWorthAsking(_ q: Int, _ e: Evaluator, stop: Int?) -> Bool {
        // Through the evaluator's one shared object, element by element: binding `roots` to a
        // local copied the struct, a retain and a release of each of its arrays, for every
        // question looked at (a tenth of a scripted run's reference counting).
        let compiled = e.compiled
        guard e.optional(compiled.roots.contexts[q]) != .no else { return false }
        guard let stop else { return e.isRelevant(q) }
        for reader in compiled.roots.readers[q] {
            switch reader {
            case .flag(let f):
                if compiled.flagLevels[f] < stop, e.isOpen(q, in: compiled.roots.flags[f]) { return true }
            case .levelAlso(let l):
                if l < stop, let root = compiled.roots.levelAlso[l], e.isOpen(q, in: root) { return true }
            case .pattern, .contributor, .status, .focus, .advice:
                continue
            }
        }
        return false
    }

    /// The level the triage has certainly reached, whatever is still to be answered, when
    /// that level leaves the rest of the assessment to a doctor (`stops assessment`); else nil.
    /// A flag counts at its level when confirmed, and at its unsure level when it is unknown
    /// and no unanswered fact can still change it (the person said "not sure").
    static func assessmentStop(_ e: Evaluator) -> Int? {
        let compiled = e.compiled
        guard let last = compiled.lastAssessmentStop else { return nil }
        var settled = Int.max
        for f in compiled.flagLevels.indices {
            let level = compiled.flagLevels[f], whenUnsure = compiled.flagWhenUnsure[f]
            guard min(level, whenUnsure) <= last else { continue }
            switch e.flag(f) {
            case .yes: settled = min(settled, level)
            case .unknown where whenUnsure <= last && Self.isSettled(flag: f, e):
                settled = min(settled, whenUnsure)
            case .unknown, .no: continue
            }
        }
        for l in 0...last {
            if let root = compiled.roots.levelAlso[l], e.eval(node: root) == .yes { settled = min(settled, l) }
        }
        guard settled <= last, compiled.stopsAssessment[settled] else { return nil }
        return settled
    }

    /// An unknown flag that no unanswered fact can change any more: it rests on a "not sure".
    static func isSettled(flag f: Int, _ e: Evaluator) -> Bool {
        let facts = e.compiled.roots.flagFacts[f]
        // Only a "not sure" can leave a flag unknown once its facts are all answered.
        guard facts.contains(where: { e.facts[$0] == .unsure }) else { return false }
        let root = e.compiled.roots.flags[f]
        return !facts.contains { e.facts[$0] == nil && e.isOpen($0, in: root) }
    }

    /// Facts whose answers could still change any conclusion, by question index: the plain
    /// definition that `Evaluator.isRelevant` answers one question at a time (a test holds them equal).
    static func openFacts(_ e: Evaluator) -> [Bool] {
        let compiled = e.compiled
        let roots = compiled.roots
        var open = [Bool](repeating: false, count: compiled.questionCount)
        var seen = [Bool](repeating: false, count: compiled.graph.count)
        if let stop = assessmentStop(e) {
            // Only what can still make the triage more urgent than the level it stopped at.
            for (f, root) in roots.flags.enumerated() where compiled.flagLevels[f] < stop { e.openFacts(root, into: &open, seen: &seen) }
            for (l, root) in roots.levelAlso.enumerated() where l < stop { if let root { e.openFacts(root, into: &open, seen: &seen) } }
            return open
        }
        for root in roots.flags { e.openFacts(root, into: &open, seen: &seen) }
        for p in 0..<compiled.patternCount {
            let match = e.patternMatch(p)
            if match == .yes { break }
            if match == .unknown {
                for root in roots.criteria[p] { e.openFacts(root, into: &open, seen: &seen) }
            }
        }
        for root in roots.levelAlso.compactMap({ $0 }) { e.openFacts(root, into: &open, seen: &seen) }
        for root in roots.contributors { e.openFacts(root, into: &open, seen: &seen) }
        for root in roots.statuses {
            guard let root else { break }
            if e.eval(node: root) == .yes { break }
            e.openFacts(root, into: &open, seen: &seen)
        }
        for root in roots.focusAreas { e.openFacts(root, into: &open, seen: &seen) }
        for root in roots.advice.compactMap({ $0 }) { e.openFacts(root, into: &open, seen: &seen) }
        return open
    }

    /// What an answer to a question can still change, as data for the chat to put in words.
    public enum Stake: Hashable, Sendable {
        /// A warning sign of this level (its index: lower is more urgent).
        case warningSign(level: Int)
        case pattern, contributor, therapy
    }

    /// The kinds of conclusion the answer to this question can still change.
    public func stakeKinds(of id: String) -> Set<Stake> {
        guard let q = rules.questionIndex(of: id) else { return [] }
        let e = evaluation.current
        func touches(_ root: Int?) -> Bool {
            guard let root else { return false }
            var open = [Bool](repeating: false, count: rules.questions.count)
            var seen = [Bool](repeating: false, count: rules.graph.count)
            e.openFacts(root, into: &open, seen: &seen)
            return open[q]
        }
        var kinds = Set<Stake>()
        for (f, flag) in rules.flags.enumerated() where touches(rules.roots.flags[f]) { kinds.insert(.warningSign(level: flag.level)) }
        if rules.roots.criteria.contains(where: { $0.contains(where: touches) }) { kinds.insert(.pattern) }
        if rules.roots.contributors.contains(where: touches) { kinds.insert(.contributor) }
        if rules.roots.statuses.contains(where: touches) || rules.roots.focusAreas.contains(where: touches) { kinds.insert(.therapy) }
        return kinds
    }

    /// Warning-sign questions the person answered "not sure", where that doubt leaves a red
    /// flag unsure: before the ending they are read back once (what is asked and why it
    /// matters), since an unsure warning sign sends the person to a doctor. In question order,
    /// with the first flag each one keeps unsure; those in `done` are left out.
    public func readBacks(excluding done: Set<String>) -> [(question: Question, flag: RedFlag)] {
        guard hasAnsweredUnsure else { return [] }
        let doneIndices = Set(done.compactMap { rules.questionIndex(of: $0) })
        return readBacks(in: outcome(), excluding: doneIndices).map { (rules.questions[$0.question], rules.flags[$0.flag]) }
    }

    /// Whether the person answered any question "not sure": most conversations hold none, and
    /// then there is nothing to read back.
    var hasAnsweredUnsure: Bool { facts.indices.contains(where: answeredUnsure) }

    private func answeredUnsure(_ q: Int) -> Bool {
        guard facts[q] == .unsure, case .answered? = provenance[q] else { return false }
        return true
    }

    /// The same by index, for an outcome already worked out from these facts (a script run has
    /// one at hand; working it out again was a tenth of a run).
    func readBacks(in outcome: Outcome, excluding done: Set<Int> = []) -> [(question: Int, flag: Int)] {
        guard hasAnsweredUnsure else { return [] }
        var found: [Int: Int] = [:]
        for flag in outcome.redFlagsUnsure {
            guard let f = rules.flagIndex(of: flag.id) else { continue }
            for q in rules.roots.flagFacts[f] where answeredUnsure(q) && found[q] == nil && !done.contains(q) {
                found[q] = f
            }
        }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    /// The outcome from what is known now; unanswered questions count as "not sure".
    /// With `explained`, each conclusion also carries how it was reached (`Outcome.explanation`).
    public func outcome(explained: Bool = false) -> Outcome {
        var outcome = OutcomeBuilder(rules: rules, evaluator: evaluation.current.finalEvaluator(), explain: explained).build()
        if outcome.assessmentStopped {
            // Questions left unasked because a doctor will see the person today are not doubts of
            // theirs: only a flag that rests on a "not sure" is listed as one.
            let live = evaluation.current
            outcome.redFlagsUnsure = rules.flags.indices.filter { f in
                live.flag(f) == .unknown && Self.isSettled(flag: f, live)
            }.map { rules.flags[$0] }
        }
        return outcome
    }
}
