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
    private let shared: SharedWords
    private let quantities: QuantityReader
    /// Each question's own words, prepared once; filled for every question when built from rules.
    private var questionWords = WordTable<QuestionWords>()
    /// The same, by the question's index in the rules.
    private var byIndex: [QuestionWords] = []
    /// Questions a red flag reads: a hedged "no" to one of them is "not sure", never "no".
    /// Without the rules every question is treated so, the safe side.
    private var safetyQuestions: Set<String>?
    /// Where the hints' sentences come from.
    private var wording = Wording()

    public init(lexicon: Lexicon) {
        self.init(lexicon: lexicon, shared: SharedWords(lexicon: lexicon), quantities: QuantityReader(lexicon: lexicon))
    }

    private init(lexicon: Lexicon, shared: SharedWords, quantities: QuantityReader) {
        self.lexicon = lexicon
        self.shared = shared
        self.quantities = quantities
    }

    /// A reader with every question's words prepared in advance (the fast path for many answers).
    public init(rules: RuleSet) {
        // The questions' own words first: the story reader, when it is prepared beside this one,
        // makes the shared words meanwhile, which this reader would otherwise wait for.
        let own = rules.questions.map { QuestionWords($0, lexicon: rules.lexicon) }
        self.init(lexicon: rules.lexicon, shared: rules.sharedWords, quantities: rules.quantityReader)
        wording = rules.wording
        byIndex = own
        for own in byIndex { questionWords.set(own, for: own.question.id) }
        safetyQuestions = Set(rules.questions.indices.filter { q in
            rules.roots.readers[q].contains { if case .flag = $0 { return true } else { return false } }
        }.map { rules.questions[$0].id })
    }

    private func words(of question: Question) -> QuestionWords {
        questionWords[question.id] ?? QuestionWords(question, lexicon: lexicon)
    }

    public func read(_ text: String, for question: Question) -> AnswerReading {
        read(text, words(of: question))
    }

    /// The same for the question at index `q` of the rules this reader was built from: a script
    /// run knows the index, and this spares copying the question for every answer.
    func read(_ text: String, questionAt q: Int) -> AnswerReading {
        read(text, byIndex[q])
    }

    private func read(_ text: String, _ own: QuestionWords) -> AnswerReading {
        // `own.question` is used in place throughout: a local copy of the question would retain
        // each of its parts, for every answer.
        if let quick = readCanonical(text, own, own.question) { return quick }
        let words = Words(text)
        guard !words.isEmpty else { return .notUnderstood(hint(for: own.question)) }
        let plain = words.text

        // Exact phrases of the question first: they are the rules author's own words.
        if let i = own.phraseByText[plain] { return checked(own.phrases[i].value, own.question) }
        if shared.exactUnsure.contains(plain) { return .value(.unsure) }
        if own.question.kind == .yesNo, words.tokens.count == 1, !text.utf8.contains(UInt8(ascii: "?")) {
            // One plain word ("no", "yep"): no hedge can hide in it.
            let yes = shared.exactYes.contains(plain), no = shared.exactNo.contains(plain)
            if yes != no { return .value(yes ? .yes : .no) }
        }

        // Every shared word and every phrase of the question, found in one pass each.
        let found = shared.find(in: words)
        let mine = own.matches(in: words)
        let unsure = found.contains(.unsure)
        switch own.question.kind {
        case .yesNo:
            // A question mark is a hedge too ("no?").
            if let lead = leadingAnswer(found, words, mine: mine) {
                return readYesNo(leading: lead, found, mine, own.question, questionMark: Self.questionMarkHedges(text, found, mine))
            }
            return readYesNo(found, mine, own.question, hedged: unsure || Self.questionMarkHedges(text, found, mine))
        case .number:
            // An amount wins over a hedge: "maybe 8 hours" is about 8 hours.
            if let n = Double(plain) { return checked(.number(n), own.question) }
            // A phrase that names its own amount ("2 litres") wins; otherwise an amount in the answer
            // wins over a phrase within it ("a constant ache for 3 hours"). Phrases count in the rules' order.
            let named = Self.phrasesFound(mine)
            if let i = named.first(where: { own.phraseNamesAmount[$0] }) {
                // Unless it is a rough count that a figure after it says more exactly ("hundreds, about 600").
                let value = own.phrases[i].value
                if case .number(let rough) = value, let last = own.phrases[i].phrase.tokens.last, QuantityWords.rough.contains(last),
                   let t = Optional(words.tokens), let start = t.firstIndex(of: last),
                   let (figure, _, _) = quantities.figure(narrowing: rough, t, start, start + 1) {
                    return checked(.number(figure), own.question)
                }
                return checked(value, own.question)
            }
            let amount = own.unit.flatMap { quantities.reading(words.tokens, unit: $0) }
            if let amount, !(amount.bareRate && !named.isEmpty) { return checked(.number(amount.value), own.question) }
            if let i = named.first { return checked(own.phrases[i].value, own.question) }
            return unsure ? .value(.unsure) : .notUnderstood(hint(for: own.question))
        case .choice:
            if let id = own.optionByName[plain] { return .value(.choice(id)) }
            if Self.phrasesDisagree(mine, own, words) {
                // "Standing up an 8, lying down maybe a 2": scores for different moments; the
                // strongest is the pain's intensity, as ICHD-3 reads it at its peak.
                if let peak = Self.highestScore(mine, own, words) { return checked(own.phrases[peak].value, own.question) }
                return .notUnderstood(hint(for: own.question))
            }
            if let i = Self.phrasesFound(mine).first { return checked(own.phrases[i].value, own.question) }
            let reading = readChoice(found, mine, own, own.question, words)
            if case .notUnderstood = reading {
                if unsure { return .value(.unsure) }
                // "throbing": one letter off a single-word option phrase, when only one option is that close.
                if let option = own.optionMisspelled(in: words) { return .value(.choice(own.options[option].id)) }
            }
            return reading
        case .several:
            if let i = Self.phrasesFound(mine).first { return checked(own.phrases[i].value, own.question) }
            return readSeveral(found, mine, own, words, hedged: unsure)
        }
    }

    /// Whether a question mark makes the answer a doubt ("no?", "no... or yes?"): not when it ends a
    /// sentence that comes before all of the answer's words, an aside ("lost a bit of weight after
    /// Christmas, is that normal? no night sweats though" is a no).
    private static func questionMarkHedges(_ text: String, _ found: FoundSharedWords, _ mine: [PhraseMatcher<QuestionWords.Tag>.Match]) -> Bool {
        // Bytes, not characters: most answers have no question mark, and this is asked for each.
        guard let last = text.utf8.lastIndex(of: UInt8(ascii: "?")) else { return false }
        // Only answers with a question mark pay for splitting the words before it.
        let before = Words(String(text[..<last])).tokens.count
        let answerWords = found.matches.filter { $0.tag == .yes || $0.tag == .no || $0.tag == .unsure }.map(\.range)
            + mine.compactMap { $0.tag == .yes || $0.tag == .no ? $0.range : nil }
        return answerWords.isEmpty || answerWords.contains { $0.lowerBound < before }
    }

    /// Every option named and not negated ("double vision and I go wobbly"); "none" or a plain
    /// no with no option named is the empty set. An option named with a hedge still counts:
    /// these are warning signs, and a likely yes is taken seriously.
    private func readSeveral(_ found: FoundSharedWords, _ mine: [PhraseMatcher<QuestionWords.Tag>.Match], _ own: QuestionWords,
                             _ words: Words, hedged: Bool) -> AnswerReading {
        let negation = found.negation
        var named = Set<String>()
        for match in mine {
            guard case .option(let option) = match.tag, !negation.isNegated(match.range) else { continue }
            named.insert(own.options[option].id)
        }
        if !named.isEmpty { return .value(.options(named.sorted())) }
        // The numbers of the options as listed ("2 and 4"), when that is all the answer holds.
        let numbers = words.tokens.filter { !shared.isJoiningWord($0) }
        if !numbers.isEmpty, let picked = Optional(numbers.compactMap { Int($0) }), picked.count == numbers.count,
           picked.allSatisfy({ (1...own.options.count).contains($0) }) {
            return .value(.options(Set(picked.map { own.options[$0 - 1].id }).sorted()))
        }
        if hedged { return .value(.unsure) }
        if found.contains(.no) || mine.contains(where: { $0.tag == .no }) { return .value(.options([])) }
        return .notUnderstood(hint(for: own.question))
    }

    /// Whether the answer holds two of the question's phrases, apart, that mean different options
    /// ("standing up it's like an 8, lying down maybe a 2"): which one is meant cannot be told.
    private static func phrasesDisagree(_ mine: [PhraseMatcher<QuestionWords.Tag>.Match], _ own: QuestionWords, _ words: Words) -> Bool {
        var first: (value: FactValue, range: Range<Int>)?
        for match in mine {
            guard case .phrase(let i) = match.tag else { continue }
            // The "10" of "5 out of 10", an option's own phrase, is part of it.
            let insideOption = mine.contains { m in
                if case .option = m.tag { return m.range.count > match.range.count && m.range.lowerBound <= match.range.lowerBound && match.range.upperBound <= m.range.upperBound }
                return false
            }
            // "7 / 10", "7 out of 10": the number after the scale's "/" or "of" is the scale.
            if insideOption || match.range.lowerBound > 0 && ["/", "of"].contains(words.tokens[match.range.lowerBound - 1]) { continue }
            let value = own.phrases[i].value
            guard let f = first else { first = (value, match.range); continue }
            if f.value != value, !f.range.overlaps(match.range) { return true }
        }
        return false
    }

    /// The phrase of the highest score, when every phrase found is a bare score ("8", "2") and each
    /// stands in its own part of the answer (between punctuation).
    private static func highestScore(_ mine: [PhraseMatcher<QuestionWords.Tag>.Match], _ own: QuestionWords, _ words: Words) -> Int? {
        var best: (score: Double, phrase: Int, range: Range<Int>)?
        var parts: [Range<Int>] = []
        for match in mine {
            guard case .phrase(let i) = match.tag else { continue }
            guard let score = Double(own.phrases[i].phrase.tokens.joined()),
                  !parts.contains(where: { !hasBoundary(words, $0, match.range) })
            else { return nil }
            parts.append(match.range)
            if score > best?.score ?? -.infinity { best = (score, i, match.range) }
        }
        return parts.count >= 2 ? best?.phrase : nil
    }

    private static func hasBoundary(_ words: Words, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let (low, high) = a.lowerBound < b.lowerBound ? (a, b) : (b, a)
        return words.boundaries.contains { $0.before >= low.upperBound && $0.before <= high.lowerBound }
    }

    /// The indices of the question's exact phrases found anywhere in the answer, in the rules' order.
    private static func phrasesFound(_ mine: [PhraseMatcher<QuestionWords.Tag>.Match]) -> [Int] {
        var indices: [Int] = []
        for match in mine { if case .phrase(let i) = match.tag { indices.append(i) } }
        return indices.count > 1 ? Array(Set(indices)).sorted() : indices
    }

    /// The common case of scripts and quick typists, without splitting into words: a plain
    /// number, an option id, or one lowercase shared word ("no", "yes") that no phrase of the
    /// question claims. Anything else goes the full way.
    private func readCanonical(_ text: String, _ own: QuestionWords, _ question: Question) -> AnswerReading? {
        func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else { return nil }
        let core = utf8[first...last]
        guard core.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 >= 0x61 && $0 <= 0x7A || $0 == 0x2E || $0 == 0x5F }) else {
            return nil
        }
        let plain = String(text[first...last])
        switch question.kind {
        case .number:
            guard let n = Double(plain), n.isFinite, !own.singleWordPhrases.contains(plain) else { return nil }
            return checked(.number(n), question)
        case .choice:
            guard own.optionIDs.contains(plain), !own.singleWordPhrases.contains(plain) else { return nil }
            return .value(.choice(plain))
        case .several:
            guard !own.singleWordPhrases.contains(plain) else { return nil }
            if own.optionIDs.contains(plain) { return .value(.options([plain])) }
            switch shared.plainWordMeanings[plain] {
            case .no?: return .value(.options([]))
            case .unsure?: return .value(.unsure)
            default: return nil
            }
        case .yesNo:
            guard let meaning = shared.plainWordMeanings[plain], !own.singleWordPhrases.contains(plain),
                  !own.singleWordYesNo.contains(plain) else { return nil }
            return .value(meaning)
        }
    }

    private func readYesNo(_ found: FoundSharedWords, _ mine: [PhraseMatcher<QuestionWords.Tag>.Match], _ question: Question,
                           hedged: Bool) -> AnswerReading {
        var yes = false, no = false
        // A yes word inside a longer no phrase ("not usually") is part of the no.
        let noRanges = found.ranges(of: .no) + mine.compactMap { $0.tag == .no ? $0.range : nil }
        func insideNo(_ r: Range<Int>) -> Bool { noRanges.contains { $0.count > r.count && $0.overlaps(r) } }
        // The shared yes words are answers, not symptoms: "no" in front of them does not negate them.
        if found.matches.contains(where: { $0.tag == .yes && !insideNo($0.range) }) { yes = true }
        let negation = found.negation
        for match in mine where match.tag == .yes && !insideNo(match.range) {
            if negation.isNegated(match.range) { no = true } else { yes = true }
        }
        // A "no" inside a pseudo-negation ("can't stand light") is not a no; nor is one that is the
        // word denying a sign ("no fever"), counted with the sign.
        func denying(_ r: Range<Int>) -> Bool {
            mine.contains { $0.tag == .yes && $0.range.lowerBound == r.upperBound && negation.isNegated($0.range) }
        }
        var otherNo = false
        for r in noRanges where !found.overlaps(.pseudoNegation, r) {
            no = true
            if !denying(r) { otherNo = true }
        }
        if found.contains(.pseudoNegation) { yes = true }
        // "Not pregnant, but I gave birth last month", "no fever as such but I've had chills": the
        // question's signs are alternatives, and the one named after a "but" that follows the denied
        // ones is there.
        if yes, no, !otherNo, Self.signAfterBut(mine, found, negation, insideNo: insideNo) { return .value(.yes) }
        switch (yes, no) {
        case (true, false):
            // A hedged yes ("probably yes", "I think so") stays a yes: on the safe side.
            return .value(.yes)
        case (false, true):
            if hedged, safetyQuestions?.contains(question.id) ?? true { return .value(.unsure) }
            return .value(.no)
        case (true, true):
            return .notUnderstood(Self.contradiction)
        case (false, false):
            return hedged ? .value(.unsure) : .notUnderstood(hint(for: question))
        }
    }

    /// The answer a person put first, before their detail ("no, it creeps up on me over a few
    /// hours"; "nope eyes are fine"; "no it comes on slowly"): a shared yes, no or "not sure"
    /// phrase at the very start. Nil when the whole answer is that phrase: the usual reading
    /// covers it.
    struct Leading {
        var value: FactValue
        var range: Range<Int>
        var punctuated: Bool
    }

    func leadingAnswer(_ found: FoundSharedWords, _ words: Words, mine: [PhraseMatcher<QuestionWords.Tag>.Match] = []) -> Leading? {
        // A word or two that mean nothing here may come first ("hmm no, ...", "honestly yes, ..."),
        // when the answer after them ends with punctuation.
        var start = 0
        if let first = found.matches.first(where: { $0.tag == .yes || $0.tag == .no || $0.tag == .unsure })?.range.lowerBound,
           first > 0, first <= 2, !mine.contains(where: { $0.range.lowerBound < first }),
           !found.matches.contains(where: { $0.range.lowerBound < first }) {
            start = first
        }
        var best: PhraseMatcher<SharedList>.Match?
        var value = FactValue.unsure
        // Not a phrase that runs over punctuation ("no, different from usual" is not "no different").
        for m in found.matches where m.range.lowerBound == start
            && !words.boundaries.contains(where: { $0.before > m.range.lowerBound && $0.before < m.range.upperBound }) {
            let v: FactValue
            switch m.tag {
            case .yes: v = .yes
            case .no: v = .no
            case .unsure: v = .unsure
            default: continue
            }
            // The longest phrase; between equally long ones a hedge, then a no, wins.
            if let b = best, m.range.count < b.range.count || m.range.count == b.range.count && Self.rank(v) <= Self.rank(value) { continue }
            (best, value) = (m, v)
        }
        guard let best, best.range.upperBound < words.tokens.count else { return nil }
        // The start of a phrase that only looks negative ("never used to get headaches"): no answer.
        if value == .no, found.matches.contains(where: { $0.tag == .pseudoNegation && $0.range.count > best.range.count && $0.range.overlaps(best.range) }) {
            return nil
        }
        // Part of a longer phrase that goes on past it ("I haven't" in "I haven't checked"): not an answer on its own.
        if found.matches.contains(where: { m in
            (m.tag == .yes || m.tag == .no || m.tag == .unsure) && best.range.contains(m.range.lowerBound) && m.range.upperBound > best.range.upperBound
        }) { return nil }
        // Unpunctuated, a leading "no" still negates what follows ("no nausea"), which the reading
        // of the question's own words then takes into account.
        let punctuated = words.boundaries.contains { $0.before == best.range.upperBound }
        if start > 0, !punctuated { return nil }
        return Leading(value: value, range: best.range, punctuated: punctuated)
    }

    private static func rank(_ v: FactValue) -> Int { v == .unsure ? 2 : v == .no ? 1 : 0 }

    /// A leading answer with detail after it. The detail is the person's own words to keep, not a
    /// second answer: the shared words in it ("always", "a little", "never") do not count. Only the
    /// question's own words can contradict the leading answer ("no, I was sick twice" to "did you
    /// vomit?"), and then the question is asked again rather than either side guessed.
    private func readYesNo(leading lead: Leading, _ found: FoundSharedWords, _ mine: [PhraseMatcher<QuestionWords.Tag>.Match],
                           _ question: Question, questionMark: Bool) -> AnswerReading {
        let negation = lead.punctuated ? found.negation(ignoring: lead.range) : found.negation
        // Looked up in `mine` itself: no list of the no words' places is built for every answer.
        func insideNo(_ r: Range<Int>) -> Bool { mine.contains { $0.tag == .no && $0.range.count > r.count && $0.range.overlaps(r) } }
        var yes = false, no = false
        for match in mine where !match.range.overlaps(lead.range) {
            switch match.tag {
            case .yes where !insideNo(match.range):
                if negation.isNegated(match.range) { no = true } else { yes = true }
            case .no where !found.overlaps(.pseudoNegation, match.range):
                no = true
            default:
                continue
            }
        }
        if lead.value == .unsure {
            // "Not sure, I've been hot and shivery": a warning sign described after the doubt is
            // taken seriously, as any hedged yes is; elsewhere "not sure" stays "not sure".
            // A sign said with a doubt of its own ("not sure, maybe a bit shivery") stays "not sure".
            let warningSign = safetyQuestions?.contains(question.id) ?? true
            let doubtedAgain = found.matches.contains { $0.tag == .unsure && !$0.range.overlaps(lead.range) }
            return .value(yes && !no && warningSign && !doubtedAgain ? .yes : .unsure)
        }
        if lead.value == .yes {
            // "Yes, but well controlled": the part after "but" is what the rules call a no, as a whole
            // answer (a `phrase ...: no`), to a question about a qualified state ("not under control").
            if !yes, butNo(lead, found, mine, question) { return .value(.no) }
            return no && !yes ? .notUnderstood(Self.contradiction) : .value(.yes)
        }
        // "No fever as such but I've had chills": the leading "no" denies the sign right after it, and
        // another is named after a "but".
        if yes, !lead.punctuated, !mine.contains(where: { $0.tag == .no && !found.overlaps(.pseudoNegation, $0.range) }),
           mine.contains(where: { $0.tag == .yes && $0.range.lowerBound == lead.range.upperBound }),
           Self.signAfterBut(mine, found, negation, insideNo: insideNo) {
            return .value(.yes)
        }
        // "No, though coughing makes it worse once I've got one": a concession right after the no
        // tells more about the headache; the no stands.
        if yes, lead.punctuated, found.matches.contains(where: { $0.tag == .concession && $0.range.lowerBound == lead.range.upperBound }) {
            return .value(.no)
        }
        if yes { return .notUnderstood(Self.contradiction) }
        // "No, maybe once" or "no... or yes?": a real doubt after the no makes a warning sign "not sure".
        let hedged = questionMark || found.matches.contains { $0.tag == .unsure && !$0.range.overlaps(lead.range) }
        if hedged, safetyQuestions?.contains(question.id) ?? true { return .value(.unsure) }
        return .value(.no)
    }

    /// Whether the question's signs named in the answer are some denied and, after a "but" (or
    /// "however", "just": the words that end a negation) that follows all of those, others named:
    /// "not pregnant, but I gave birth last month". The signs a question lists are alternatives, so
    /// the one named is there; the answer is then yes, never a "no" that hides it.
    private static func signAfterBut(_ mine: [PhraseMatcher<QuestionWords.Tag>.Match], _ found: FoundSharedWords,
                                     _ negation: Negation, insideNo: (Range<Int>) -> Bool) -> Bool {
        var deniedEnd = -1, firstNamed = Int.max
        for match in mine where match.tag == .yes && !insideNo(match.range) {
            if negation.isNegated(match.range) {
                deniedEnd = max(deniedEnd, match.range.upperBound)
            } else {
                firstNamed = min(firstNamed, match.range.lowerBound)
            }
        }
        guard deniedEnd >= 0, firstNamed != Int.max, firstNamed >= deniedEnd else { return false }
        return found.matches.contains { $0.tag == .negationEnd && $0.range.lowerBound >= deniedEnd && $0.range.upperBound <= firstNamed }
    }

    /// Whether, right after a leading yes, a "but" brings one of the question's phrases that mean
    /// no as a whole answer, undenied.
    private func butNo(_ lead: Leading, _ found: FoundSharedWords, _ mine: [PhraseMatcher<QuestionWords.Tag>.Match],
                       _ question: Question) -> Bool {
        guard let but = found.matches.first(where: { $0.tag == .negationEnd && $0.range.lowerBound == lead.range.upperBound }) else {
            return false
        }
        let negation = found.negation
        return mine.contains { match in
            guard case .phrase(let i) = match.tag, match.range.lowerBound >= but.range.upperBound, i < question.phrases.count,
                  question.phrases[i].value == .no else { return false }
            return !negation.isNegated(match.range)
        }
    }

    static let contradiction = "I read both a yes and a no in that. Please start with yes, no or not sure, and add any detail after it, for example \"no, not that I've noticed\"."

    private func readChoice(_ found: FoundSharedWords, _ mine: [PhraseMatcher<QuestionWords.Tag>.Match], _ own: QuestionWords,
                            _ question: Question, _ words: Words) -> AnswerReading {
        // The longest phrase named wins; two different options named by equally long phrases is a tie.
        var best: Int?
        var bestLength = 0
        var tie = false
        var named: [(option: Int, range: Range<Int>)] = []
        let negation = found.negation
        for match in mine {
            guard case .option(let option) = match.tag, !negation.isNegated(match.range) else { continue }
            let r = match.range
            named.append((option, r))
            if r.count > bestLength {
                (best, bestLength, tie) = (option, r.count, false)
            } else if r.count == bestLength, best != option {
                tie = true
            }
        }
        // Naming two different options in separate words, where the rules say what that means
        // ("ibuprofen and sumatriptan" is several kinds; "paracetamol with codeine", one phrase of
        // the combination option, is not).
        if let several = question.severalOption {
            let separate = named.filter { item in !named.contains { $0.range.count > item.range.count && $0.range.overlaps(item.range) } }
            if Set(separate.map(\.option)).count >= 2 { return .value(.choice(several)) }
        }
        // A score ("3/10", "8 out of 10") says how much more exactly than a word beside it: "3/10 tbh
        // more annoying than bad" is the score's option, when every score named means the same one.
        var scored: Int?
        for item in named where words.tokens[item.range].contains(where: { $0.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }) {
            if let s = scored, s != item.option { scored = nil; break }
            scored = item.option
        }
        if let scored { return .value(.choice(own.options[scored].id)) }
        // "Mild to moderate": a range of two options, read at its top, as scores are read at
        // their peak; the rules list a scale's options from least to most.
        var ranged: [(option: Int, range: Range<Int>)] = []
        for item in named.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where !named.contains(where: { $0.range.count > item.range.count && $0.range.overlaps(item.range) })
            && !ranged.contains(where: { $0.range == item.range }) {
            ranged.append(item)
        }
        if ranged.count == 2, ranged[0].option != ranged[1].option, ranged[0].range.upperBound + 1 == ranged[1].range.lowerBound,
           words.tokens[ranged[0].range.upperBound] == "to" {
            return .value(.choice(own.options[max(ranged[0].option, ranged[1].option)].id))
        }
        // The option named first, before any punctuation, is the answer; what follows is detail
        // ("both sides, a bit more on the left"; "in the middle, annoying but I can still work").
        if let first = words.boundaries.first?.before {
            let leading = Set(named.filter { $0.range.upperBound <= first }.map(\.option))
            if leading.count == 1, let option = leading.first { return .value(.choice(own.options[option].id)) }
        }
        guard let best, !tie else { return .notUnderstood(hint(for: question)) }
        return .value(.choice(own.options[best].id))
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
            return wording(.yesNoHint)
        case .number(let unit, let range):
            return wording(.numberHint, ["unit": unit, "low": range.lowerBound.plainText, "high": range.upperBound.plainText,
                                         "example": Self.example(range)])
        case .choice(let options):
            return wording(.choiceHint, ["options": options.map { $0.id.replacingUnderscores() }.joined(separator: ", ")])
        case .several(let options):
            return wording(.severalAnswerHint, ["example": options.prefix(2).map { $0.id.replacingUnderscores() }.joined(separator: " and ")])
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
