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
        case .story, .correction: return
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
        let contexts = rules.compiled.roots.contexts
        var next = evaluator.firstUnanswered(from: 0)
        while let q = next {
            if evaluator.optional(contexts[q]) != .no, evaluator.isRelevant(q) { return q }
            next = evaluator.firstUnanswered(from: q + 1)
        }
        return nil
    }

    /// How many questions may still be asked, for a sense of progress.
    public func remainingQuestionEstimate() -> Int {
        let evaluator = evaluation.current
        if stoppingFlag(evaluator) != nil { return 0 }
        let facts = evaluator.facts
        let contexts = rules.compiled.roots.contexts
        // The same test as `nextQuestion`, asked of every unanswered question.
        return facts.indices.filter { q in
            facts[q] == nil && evaluator.optional(contexts[q]) != .no && evaluator.isRelevant(q)
        }.count
    }

    /// Facts whose answers could still change any conclusion, by question index: the plain
    /// definition that `Evaluator.isRelevant` answers one question at a time (a test holds them equal).
    static func openFacts(_ e: Evaluator) -> [Bool] {
        let compiled = e.compiled
        let roots = compiled.roots
        var open = [Bool](repeating: false, count: compiled.questionCount)
        var seen = [Bool](repeating: false, count: compiled.graph.count)
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

    /// Which outcomes the answer to this question can still change, for `why`.
    public func stakes(of id: String) -> [String] {
        guard let q = rules.questionIndex(of: id) else { return [] }
        let e = evaluation.current
        func touches(_ root: Int?) -> Bool {
            guard let root else { return false }
            var open = [Bool](repeating: false, count: rules.questions.count)
            var seen = [Bool](repeating: false, count: rules.graph.count)
            e.openFacts(root, into: &open, seen: &seen)
            return open[q]
        }
        var stakes: [String] = []
        for (f, flag) in rules.flags.enumerated() where touches(rules.roots.flags[f]) {
            stakes.append("a warning sign (\(rules.levels[flag.level].title)): \(flag.message)")
        }
        for (p, pattern) in rules.patterns.enumerated() where rules.roots.criteria[p].contains(where: touches) {
            stakes.append("whether your headache looks like: \(pattern.name)")
        }
        for (c, contributor) in rules.contributors.enumerated() where touches(rules.roots.contributors[c]) {
            stakes.append("whether this may add to it: \(contributor.name)")
        }
        for (s, status) in rules.statuses.enumerated() where touches(rules.roots.statuses[s]) {
            stakes.append("neuromuscular therapy: \(status.title)")
        }
        for (a, area) in rules.focusAreas.enumerated() where touches(rules.roots.focusAreas[a]) {
            stakes.append("an area to focus on: \(area.name)")
        }
        return stakes
    }

    /// The outcome from what is known now; unanswered questions count as "not sure".
    /// With `explained`, each conclusion also carries how it was reached (`Outcome.explanation`).
    public func outcome(explained: Bool = false) -> Outcome {
        OutcomeBuilder(rules: rules, evaluator: evaluation.current.finalEvaluator(), explain: explained).build()
    }
}
