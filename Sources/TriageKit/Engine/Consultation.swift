/// Where a fact's value came from, for transcripts and explanations.
public enum Provenance: Sendable, Equatable {
    /// Typed (or scripted) as the answer to its own question.
    case answered(String)
    /// Read from the opening description; the words it came from.
    case story(String)
    /// Asked, but a script had no answer: counts as "not sure".
    case notAnswered
}

/// The state of one triage conversation: the facts so far and the engine's view of them.
///
/// A value type with no I/O: the REPL, `run`, `test` and the benchmarks all drive it the same way,
/// asking `nextQuestion()`, recording answers, and reading `outcome()` at the end.
public struct Consultation: Sendable {
    public let rules: RuleSet
    public private(set) var facts: [FactValue?]
    public private(set) var provenance: [Provenance?]
    /// Question ids in the order they were asked (facts from the story are not asked).
    public private(set) var asked: [String] = []

    public init(rules: RuleSet) {
        self.rules = rules
        facts = Array(repeating: nil, count: rules.questions.count)
        provenance = Array(repeating: nil, count: rules.questions.count)
    }

    public func value(of id: String) -> FactValue? {
        rules.questionIndex(of: id).flatMap { facts[$0] }
    }

    /// Records the answer to a question (asked now, or read from the story).
    public mutating func record(_ id: String, _ value: FactValue, from source: Provenance) {
        guard let q = rules.questionIndex(of: id) else { return }
        facts[q] = value
        provenance[q] = source
        if case .story = source { return }
        if let existing = asked.firstIndex(of: id) { asked.remove(at: existing) }
        asked.append(id)
    }

    /// Forgets an answer, so its question can be asked again (`back`, `change`).
    public mutating func forget(_ id: String) {
        guard let q = rules.questionIndex(of: id) else { return }
        facts[q] = nil
        provenance[q] = nil
        asked.removeAll { $0 == id }
    }

    /// True once a confirmed flag of a level that stops the conversation has fired.
    public var isStopped: Bool {
        let evaluator = Evaluator(rules: rules, facts: facts, final: false)
        return stoppingFlag(evaluator) != nil
    }

    func stoppingFlag(_ evaluator: Evaluator) -> Int? {
        rules.flags.indices.first { rules.levels[rules.flags[$0].level].stopsConversation && evaluator.flag($0) == .yes }
    }

    /// The next question whose answer can still change an outcome, in the rules' order; nil when done.
    public func nextQuestion() -> Question? {
        let evaluator = Evaluator(rules: rules, facts: facts, final: false)
        if stoppingFlag(evaluator) != nil { return nil }
        let open = Self.openFacts(evaluator)
        for (q, question) in rules.questions.enumerated() where facts[q] == nil && open.contains(q) {
            if let context = question.context, evaluator.eval(context) == .no { continue }
            return question
        }
        return nil
    }

    /// How many questions may still be asked, for a sense of progress.
    public func remainingQuestionEstimate() -> Int {
        let evaluator = Evaluator(rules: rules, facts: facts, final: false)
        if stoppingFlag(evaluator) != nil { return 0 }
        let open = Self.openFacts(evaluator)
        return rules.questions.indices.filter { q in
            facts[q] == nil && open.contains(q) && rules.questions[q].context.map { evaluator.eval($0) != .no } ?? true
        }.count
    }

    /// Facts whose answers could still change any conclusion.
    static func openFacts(_ e: Evaluator) -> Set<Int> {
        var open = Set<Int>(), seen = Set<Int>()
        let rules = e.rules
        for flag in rules.flags { e.openFacts(flag.condition, into: &open, seen: &seen) }
        for p in rules.patterns.indices {
            let match = e.patternMatch(p)
            if match == .yes { break }
            if match == .unknown {
                for criterion in rules.patterns[p].criteria { e.openFacts(criterion.condition, into: &open, seen: &seen) }
            }
        }
        for level in rules.levels { if let c = level.alsoWhen { e.openFacts(c, into: &open, seen: &seen) } }
        for contributor in rules.contributors { e.openFacts(contributor.condition, into: &open, seen: &seen) }
        for status in rules.statuses {
            guard let c = status.condition else { break }
            let t = e.eval(c)
            if t == .yes { break }
            e.openFacts(c, into: &open, seen: &seen)
        }
        for area in rules.focusAreas { e.openFacts(area.condition, into: &open, seen: &seen) }
        for advice in rules.advice { if let c = advice.condition { e.openFacts(c, into: &open, seen: &seen) } }
        return open
    }

    /// Which outcomes the answer to this question can still change, for `why`.
    public func stakes(of id: String) -> [String] {
        guard let q = rules.questionIndex(of: id) else { return [] }
        let e = Evaluator(rules: rules, facts: facts, final: false)
        var stakes: [String] = []
        func touches(_ c: Condition) -> Bool {
            var open = Set<Int>(), seen = Set<Int>()
            e.openFacts(c, into: &open, seen: &seen)
            return open.contains(q)
        }
        for flag in rules.flags where touches(flag.condition) { stakes.append("red flag: \(flag.message)") }
        for p in rules.patterns where p.criteria.contains(where: { touches($0.condition) }) {
            stakes.append("pattern: \(p.name)")
        }
        for c in rules.contributors where touches(c.condition) { stakes.append("contributor: \(c.name)") }
        for s in rules.statuses { if let c = s.condition, touches(c) { stakes.append("therapy: \(s.title)") } }
        for a in rules.focusAreas where touches(a.condition) { stakes.append("focus area: \(a.name)") }
        return stakes
    }

    /// The outcome from what is known now; unanswered questions count as "not sure".
    public func outcome() -> Outcome {
        OutcomeBuilder(rules: rules, facts: facts).build()
    }
}
