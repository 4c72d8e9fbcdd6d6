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
    private let yesWords: [Phrase], noWords: [Phrase], unsureWords: [Phrase], pseudo: [Phrase]
    /// Whole answers that are exactly one of the shared words ("yes", "nope", "not sure"): the common case.
    private let exactYes: Set<String>, exactNo: Set<String>, exactUnsure: Set<String>
    /// Each question's own words, split once; filled for every question when built from rules.
    private var questionWords: [String: QuestionWords] = [:]
    /// Questions a red flag reads: a hedged "no" to one of them is "not sure", never "no".
    /// Without the rules every question is treated so, the safe side.
    private var safetyQuestions: Set<String>?

    /// A question's phrases in word form.
    struct QuestionWords: Sendable {
        var yes: [Phrase]
        var no: [Phrase]
        var phrases: [(phrase: Phrase, value: FactValue)]
        var options: [(id: String, phrases: [Phrase])]

        init(_ question: Question) {
            yes = Phrase.list(question.yesWords)
            no = Phrase.list(question.noWords)
            phrases = question.phrases.map { (Phrase($0.phrase), $0.value) }
            if case .choice(let choices) = question.kind {
                options = choices.map { ($0.id, Phrase.list($0.phrases + [$0.id.replacingUnderscores()])) }
            } else {
                options = []
            }
        }
    }

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        negation = Negation(lexicon: lexicon)
        quantities = QuantityReader(lexicon: lexicon)
        yesWords = Phrase.list(lexicon.yesWords)
        noWords = Phrase.list(lexicon.noWords)
        unsureWords = Phrase.list(lexicon.unsureWords)
        pseudo = Phrase.list(lexicon.pseudoNegations)
        exactYes = Set(yesWords.map { $0.tokens.joined(separator: " ") })
        exactNo = Set(noWords.map { $0.tokens.joined(separator: " ") })
        exactUnsure = Set(unsureWords.map { $0.tokens.joined(separator: " ") })
    }

    /// A reader with every question's words prepared in advance (the fast path for many answers).
    public init(rules: RuleSet) {
        self.init(lexicon: rules.lexicon)
        for question in rules.questions { questionWords[question.id] = QuestionWords(question) }
        safetyQuestions = Set(rules.questions.indices.filter { q in
            rules.roots.readers[q].contains { if case .flag = $0 { return true } else { return false } }
        }.map { rules.questions[$0].id })
    }

    public func read(_ text: String, for question: Question) -> AnswerReading {
        if let quick = readCanonical(text, for: question) { return quick }
        let words = Words(text)
        guard !words.isEmpty else { return .notUnderstood(hint(for: question)) }
        let own = questionWords[question.id] ?? QuestionWords(question)
        let plain = words.text

        // Exact phrases of the question first: they are the rules author's own words.
        if let phrase = own.phrases.first(where: { $0.phrase.tokens == words.tokens }) { return checked(phrase.value, question) }
        if exactUnsure.contains(plain) { return .value(.unsure) }
        if question.kind == .yesNo, words.tokens.count == 1, !text.utf8.contains(UInt8(ascii: "?")) {
            // One plain word ("no", "yep"): no hedge can hide in it.
            let yes = exactYes.contains(plain), no = exactNo.contains(plain)
            if yes != no { return .value(yes ? .yes : .no) }
        }

        switch question.kind {
        case .yesNo:
            // A question mark is a hedge too ("no?").
            return readYesNo(words, own, question, hedged: isUnsure(words) || text.utf8.contains(UInt8(ascii: "?")))
        case .number(let unit, _):
            // An amount wins over a hedge: "maybe 8 hours" is about 8 hours.
            if let n = Double(plain) { return checked(.number(n), question) }
            // A phrase that names its own amount ("2 litres") wins; otherwise an amount in the answer
            // wins over a phrase within it ("a constant ache for 3 hours").
            let found = own.phrases.filter { words.contains($0.phrase.tokens) }
            if let phrase = found.first(where: { $0.phrase.tokens.contains { $0.first?.isNumber == true || lexicon.numberWords[$0] != nil } }) {
                return checked(phrase.value, question)
            }
            if let n = quantities.read(words, unit: unit) { return checked(.number(n), question) }
            if let phrase = found.first { return checked(phrase.value, question) }
            return isUnsure(words) ? .value(.unsure) : .notUnderstood(hint(for: question))
        case .choice(let options):
            if let option = options.first(where: { $0.id == plain || $0.id.replacingUnderscores() == plain }) {
                return .value(.choice(option.id))
            }
            if let phrase = own.phrases.first(where: { words.contains($0.phrase.tokens) }) { return checked(phrase.value, question) }
            let reading = readChoice(words, own, question)
            if case .notUnderstood = reading, isUnsure(words) { return .value(.unsure) }
            return reading
        }
    }

    /// The common case of scripts and quick typists, without splitting into words: a plain
    /// number, an option id, or one lowercase shared word ("no", "yes") that no phrase of the
    /// question claims. Anything else goes the full way.
    private func readCanonical(_ text: String, for question: Question) -> AnswerReading? {
        let plain = text.trimmingCharacters()
        guard !plain.isEmpty, plain.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 >= 0x61 && $0 <= 0x7A || $0 == 0x2E || $0 == 0x5F }) else {
            return nil
        }
        let own = questionWords[question.id] ?? QuestionWords(question)
        if own.phrases.contains(where: { $0.phrase.tokens == [plain] }) { return nil }
        switch question.kind {
        case .number:
            guard let n = Double(plain), n.isFinite else { return nil }
            return checked(.number(n), question)
        case .choice(let options):
            return options.contains { $0.id == plain } ? .value(.choice(plain)) : nil
        case .yesNo:
            guard !own.yes.contains(where: { $0.tokens == [plain] }), !own.no.contains(where: { $0.tokens == [plain] }) else { return nil }
            if exactUnsure.contains(plain) { return .value(.unsure) }
            let yes = exactYes.contains(plain), no = exactNo.contains(plain)
            return yes != no ? .value(yes ? .yes : .no) : nil
        }
    }

    func isUnsure(_ words: Words) -> Bool {
        unsureWords.contains { words.contains($0.tokens) }
    }

    private func readYesNo(_ words: Words, _ own: QuestionWords, _ question: Question, hedged: Bool) -> AnswerReading {
        var yes = false, no = false
        // A yes word inside a longer no phrase ("not usually") is part of the no.
        let noRanges = (noWords + own.no).flatMap { words.occurrences(of: $0.tokens) }
        func insideNo(_ r: Range<Int>) -> Bool { noRanges.contains { $0.count > r.count && $0.overlaps(r) } }
        // The shared yes words are answers, not symptoms: "no" in front of them does not negate them.
        for phrase in yesWords where words.occurrences(of: phrase.tokens).contains(where: { !insideNo($0) }) { yes = true }
        for phrase in own.yes {
            for r in words.occurrences(of: phrase.tokens) where !insideNo(r) {
                if negation.isNegated(r, in: words) { no = true } else { yes = true }
            }
        }
        let pseudoRanges = pseudo.flatMap { words.occurrences(of: $0.tokens) }
        for phrase in noWords + own.no {
            // A "no" inside a pseudo-negation ("can't stand light") is not a no.
            if words.occurrences(of: phrase.tokens).contains(where: { r in !pseudoRanges.contains { $0.overlaps(r) } }) { no = true }
        }
        if !pseudoRanges.isEmpty { yes = true }
        switch (yes, no) {
        case (true, false):
            // A hedged yes ("probably yes", "I think so") stays a yes: on the safe side.
            return .value(.yes)
        case (false, true):
            if hedged, safetyQuestions?.contains(question.id) ?? true { return .value(.unsure) }
            return .value(.no)
        case (true, true):
            return .notUnderstood("I read both a yes and a no in that. Please answer yes, no or not sure.")
        case (false, false):
            return hedged ? .value(.unsure) : .notUnderstood(hint(for: question))
        }
    }

    private func readChoice(_ words: Words, _ own: QuestionWords, _ question: Question) -> AnswerReading {
        var best: String?
        var bestLength = 0
        var tie = false
        var named: [(option: String, range: Range<Int>)] = []
        for option in own.options {
            for phrase in option.phrases {
                for r in words.occurrences(of: phrase.tokens) where !negation.isNegated(r, in: words) {
                    named.append((option.id, r))
                    if r.count > bestLength {
                        (best, bestLength, tie) = (option.id, r.count, false)
                    } else if r.count == bestLength, best != option.id {
                        tie = true
                    }
                }
            }
        }
        // Naming two different options in separate words, where the rules say what that means
        // ("ibuprofen and sumatriptan" is several kinds; "paracetamol with codeine", one phrase of
        // the combination option, is not).
        if let several = question.severalOption {
            let separate = named.filter { item in !named.contains { $0.range.count > item.range.count && $0.range.overlaps(item.range) } }
            if Set(separate.map(\.option)).count >= 2 { return .value(.choice(several)) }
        }
        guard let best, !tie else { return .notUnderstood(hint(for: question)) }
        return .value(.choice(best))
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
