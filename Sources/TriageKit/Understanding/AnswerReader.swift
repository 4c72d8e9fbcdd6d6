/// What an answer typed at a question was understood as.
public enum AnswerReading: Sendable, Equatable {
    case value(FactValue)
    /// A number outside the question's plausible range: ask again.
    case outOfRange(Double, ClosedRange<Double>)
    /// Not understood: ask again with this hint. Never guessed.
    case notUnderstood(String)
}

/// Understands an answer to one question: canonical ids, the rules' words and phrases,
/// numbers with units, and negation. One reader serves the keyboard, scripts and transcripts.
public struct AnswerReader: Sendable {
    public let lexicon: Lexicon
    private let negation: Negation
    private let quantities: QuantityReader

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        negation = Negation(lexicon: lexicon)
        quantities = QuantityReader(numberWords: lexicon.numberWords)
    }

    public func read(_ text: String, for question: Question) -> AnswerReading {
        let words = Words(text)
        guard !words.isEmpty else { return .notUnderstood(hint(for: question)) }
        let plain = words.text

        // Exact phrases of the question first: they are the rules author's own words.
        if let phrase = question.phrases.first(where: { Words($0.phrase).text == plain }) { return checked(phrase.value, question) }
        if isUnsure(words) { return .value(.unsure) }

        switch question.kind {
        case .yesNo:
            return readYesNo(words, question)
        case .number(let unit, _):
            if let phrase = question.phrases.first(where: { words.contains($0.phrase) }) { return checked(phrase.value, question) }
            guard let n = quantities.read(words, unit: unit) else { return .notUnderstood(hint(for: question)) }
            return checked(.number(n), question)
        case .choice(let options):
            if let option = options.first(where: { $0.id == plain || $0.id.replacingUnderscores() == plain }) {
                return .value(.choice(option.id))
            }
            if let phrase = question.phrases.first(where: { words.contains($0.phrase) }) { return checked(phrase.value, question) }
            return readChoice(words, options, question)
        }
    }

    func isUnsure(_ words: Words) -> Bool {
        lexicon.unsureWords.contains { words.contains($0) }
    }

    private func readYesNo(_ words: Words, _ question: Question) -> AnswerReading {
        var yes = false, no = false
        for phrase in lexicon.yesWords + question.yesWords {
            for r in words.occurrences(of: phrase) {
                if negation.isNegated(r, in: words) { no = true } else { yes = true }
            }
        }
        for phrase in lexicon.noWords + question.noWords where words.contains(phrase) {
            // "no" used as a negation trigger for a yes word is already counted above.
            no = true
        }
        if lexicon.pseudoNegations.contains(where: { words.contains($0) }) { yes = true; no = noWithoutPseudo(words, question) }
        switch (yes, no) {
        case (true, false): return .value(.yes)
        case (false, true): return .value(.no)
        case (true, true):
            return .notUnderstood("I read both a yes and a no in that. Please answer yes, no or not sure.")
        case (false, false):
            return .notUnderstood(hint(for: question))
        }
    }

    /// With a pseudo-negation ("can't stand light"), a plain "no" elsewhere still counts.
    private func noWithoutPseudo(_ words: Words, _ question: Question) -> Bool {
        let pseudo = lexicon.pseudoNegations.flatMap { words.occurrences(of: $0) }
        return (lexicon.noWords + question.noWords).contains { phrase in
            words.occurrences(of: phrase).contains { r in !pseudo.contains { $0.overlaps(r) } }
        }
    }

    private func readChoice(_ words: Words, _ options: [ChoiceOption], _ question: Question) -> AnswerReading {
        var best: (option: String, length: Int)?
        var tie = false
        for option in options {
            for phrase in option.phrases + [option.id.replacingUnderscores()] {
                for r in words.occurrences(of: phrase) where !negation.isNegated(r, in: words) {
                    if let current = best, current.option != option.id {
                        if r.count > current.length { best = (option.id, r.count); tie = false }
                        else if r.count == current.length { tie = true }
                    } else if best == nil || r.count > best!.length {
                        best = (option.id, r.count)
                    }
                }
            }
        }
        guard let best, !tie else { return .notUnderstood(hint(for: question)) }
        return .value(.choice(best.option))
    }

    private func checked(_ value: FactValue, _ question: Question) -> AnswerReading {
        if case .number(let n) = value, case .number(_, let range) = question.kind, !range.contains(n) {
            return .outOfRange(n, range)
        }
        return .value(value)
    }

    /// What to type, with an example, for a question.
    public func hint(for question: Question) -> String {
        switch question.kind {
        case .yesNo:
            return "Please answer yes, no or not sure."
        case .number(let unit, let range):
            return "Please give a number of \(unit) (from \(range.lowerBound.plainText) to \(range.upperBound.plainText)), or say not sure. For example: \(Self.example(range))."
        case .choice(let options):
            return "Please choose one of: \(options.map { $0.id.replacingUnderscores() }.joined(separator: ", ")), or say not sure."
        }
    }

    static func example(_ range: ClosedRange<Double>) -> String {
        let mid = (range.lowerBound + min(range.upperBound, range.lowerBound + 10)) / 2
        return mid.rounded().plainText
    }
}

extension String {
    func replacingUnderscores() -> String { split(separator: "_").joined(separator: " ") }
}
