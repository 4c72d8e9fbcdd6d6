/// Seeded random answer sets for a rule set, made from the questions' own kinds: yes, no or
/// not sure; a number in the question's range; an option; a few options. Each set starts from
/// a baseline (the calm answers every test case starts from) and changes some of its answers,
/// so that the sets stay close to real people: most of them a few answers away from it, some
/// far. Nothing here knows what a question is about.
public struct RandomAnswers: Sendable {
    public let rules: RuleSet
    /// The answer every set starts from, by question index; nil where the baseline has none.
    public let baseline: [FactValue?]
    /// Per number question: the values worth trying, from every number the rules compare it
    /// with (a threshold, one either side of it, the middle between two) and its range.
    private let numbers: [[Double]]

    /// How far a set strays from the baseline: the chance, in percent, that each answer is
    /// drawn afresh. Near the baseline the pattern and the advice decide; far from it, many
    /// warning signs fire together.
    static let changeRates = [4, 10, 30]

    public init(rules: RuleSet, baseline: [FactValue?]) {
        precondition(baseline.count == rules.questions.count, "one baseline answer per question")
        self.rules = rules
        self.baseline = baseline
        var limits = [Set<Double>](repeating: [], count: rules.questions.count)
        let graph = rules.graph
        for node in graph.nodes where node.kind == .compare || node.kind == .between {
            let q = Int(node.ref)
            limits[q].insert(node.low)
            if node.kind == .between { limits[q].insert(node.high) }
        }
        numbers = rules.questions.indices.map { q in
            guard case .number(_, let range) = rules.questions[q].kind else { return [] }
            // Numbers are only ever compared with these limits, so every answer between two
            // of them gives the same outcome: the limits, one either side, and the middle
            // between two neighbours try each. Without limits, the range's ends and middle.
            let sorted = limits[q].sorted()
            var values: Set<Double> = sorted.isEmpty
                ? [range.lowerBound, ((range.lowerBound + range.upperBound) / 2).rounded(), range.upperBound]
                : [range.lowerBound]
            for limit in sorted { values.formUnion([limit - 1, limit, limit + 1]) }
            for (low, high) in zip(sorted, sorted.dropFirst()) { values.insert((low + high) / 2) }
            return values.filter { range.contains($0) }.sorted()
        }
    }

    /// Starts from the answers of a baseline script (`tests/baseline.answers`), read as a
    /// script's answers are; an answer that cannot be read is left out (the test cases, which
    /// read the same baseline, say what is wrong with it).
    public init(rules: RuleSet, baseline script: AnswersScript?) {
        let reader = AnswerReader(rules: rules)
        var baseline = [FactValue?](repeating: nil, count: rules.questions.count)
        for answer in script?.answers ?? [] {
            guard let q = rules.questionIndex(of: answer.id), case .value(let value) = reader.read(answer.answer, questionAt: q) else { continue }
            baseline[q] = value
        }
        self.init(rules: rules, baseline: baseline)
    }

    /// The answer set of this seed: the same seed always gives the same answers.
    public func make(seed: UInt64) -> [FactValue?] {
        var rng = SplitMix64(seed: seed)
        let rate = rng.pick(Self.changeRates)
        var answers = baseline
        for q in rules.questions.indices where baseline[q] == nil || rng.chance(rate) {
            answers[q] = value(for: q, &rng)
        }
        return answers
    }

    /// A random answer to question `q`, of its kind.
    func value(for q: Int, _ rng: inout SplitMix64) -> FactValue {
        if rng.chance(15) { return .unsure }
        switch rules.questions[q].kind {
        case .yesNo:
            return rng.chance(50) ? .yes : .no
        case .number:
            return .number(rng.pick(numbers[q]))
        case .choice(let options):
            return options.isEmpty ? .unsure : .choice(rng.pick(options).id)
        case .several(let options):
            // Mostly none; otherwise one or two of the options.
            guard !options.isEmpty, !rng.chance(50) else { return .options([]) }
            let picked = Set((0..<(1 + rng.below(2))).map { _ in rng.pick(options).id })
            return .options(picked.sorted())
        }
    }
}
