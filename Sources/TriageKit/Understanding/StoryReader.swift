/// A fact read from the opening description, with the words it came from.
public struct StoryFact: Sendable, Equatable {
    public var questionID: String
    public var value: FactValue
    public var evidence: String
}

/// Reads facts from a free-text description of the headache, only where confident:
/// a question's own words or an option's phrases, with negation; never global yes/no words,
/// never a fact whose evidence points both ways.
public struct StoryReader: Sendable {
    let rules: RuleSet
    private let negation: Negation
    private let words: [AnswerReader.QuestionWords]
    /// The questions that have a phrase starting with a given word: a story only looks at these.
    private let questionsByFirstWord: [String: [Int]]

    public init(rules: RuleSet) {
        self.rules = rules
        negation = Negation(lexicon: rules.lexicon)
        words = rules.questions.map(AnswerReader.QuestionWords.init)
        var index: [String: Set<Int>] = [:]
        for (q, own) in words.enumerated() {
            for phrase in own.yes + own.options.flatMap(\.phrases) {
                if let first = phrase.tokens.first { index[first, default: []].insert(q) }
            }
        }
        questionsByFirstWord = index.mapValues { $0.sorted() }
    }

    public func read(_ story: String) -> [StoryFact] {
        let words = Words(story)
        guard !words.isEmpty else { return [] }
        var facts: [StoryFact] = []
        let candidates = Set(words.tokens.flatMap { questionsByFirstWord[$0] ?? [] }).sorted()
        for q in candidates {
            let question = rules.questions[q]
            let own = self.words[q]
            switch question.kind {
            case .yesNo:
                var values = Set<FactValue>()
                var evidence: [String] = []
                for phrase in own.yes where phrase.text.count >= 3 {
                    for r in words.occurrences(of: phrase.tokens) {
                        let negated = negation.isNegated(r, in: words)
                        values.insert(negated ? .no : .yes)
                        evidence.append(excerpt(words, r, negated: negated))
                    }
                }
                if values.count == 1, let value = values.first {
                    facts.append(StoryFact(questionID: question.id, value: value, evidence: evidence.joined(separator: "; ")))
                }
            case .choice:
                // The longest phrase found for each option is the evidence shown back.
                var found: [String: String] = [:]
                for option in own.options {
                    for phrase in option.phrases where phrase.text.count >= 3 {
                        if let r = words.occurrences(of: phrase.tokens).first(where: { !negation.isNegated($0, in: words) }) {
                            let evidence = words.tokens[r].joined(separator: " ")
                            if evidence.count > (found[option.id]?.count ?? 0) { found[option.id] = evidence }
                        }
                    }
                }
                if found.count == 1, let (id, evidence) = found.first {
                    facts.append(StoryFact(questionID: question.id, value: .choice(id), evidence: evidence))
                }
            case .number:
                continue // Amounts in a story are too easily misread ("2 kids", "for 3 days"): ask instead.
            }
        }
        return facts
    }

    private func excerpt(_ words: Words, _ r: Range<Int>, negated: Bool) -> String {
        let start = negated ? max(0, r.lowerBound - Negation.window) : r.lowerBound
        return words.tokens[start..<r.upperBound].joined(separator: " ")
    }
}
