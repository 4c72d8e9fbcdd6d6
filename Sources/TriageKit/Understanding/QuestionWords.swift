/// One question's own words from the rules (`yes words`, `no words`, `phrase` lines and its
/// options' phrases), prepared once: split into words, indexed for `PhraseMatcher`, and with
/// the lookups the common answers need. A class: it is looked up for every answer, and a
/// reference costs one retain where a copy of all these tables cost one for each.
final class QuestionWords: Sendable {
    /// What one of the question's own phrases is.
    enum Tag: Sendable, Equatable {
        case yes, no
        /// An exact phrase, by its index in `phrases`.
        case phrase(Int)
        /// A phrase of an option, by the option's index in `options`.
        case option(Int)
    }

    let question: Question
    let phrases: [(phrase: Phrase, value: FactValue)]
    let options: [(id: String, phrases: [Phrase])]
    let matcher: PhraseMatcher<Tag>
    /// A whole answer that is exactly one of the phrases: the first such phrase's index.
    let phraseByText: WordTable<Int>
    /// Each option by its id written with spaces ("one side" for `one_side`).
    let optionByName: WordTable<String>
    /// Phrases that name their own amount ("2 litres", "a couple"), by index in `phrases`.
    let phraseNamesAmount: [Bool]
    /// One-word phrases of this question: a shared word or number the question gives its own
    /// meaning to must not be read the shared way.
    let singleWordPhrases: WordTable<Void>
    /// One-word yes or no words of the question itself: they take the place of the shared meaning.
    let singleWordYesNo: WordTable<Void>
    /// The options' ids, which a whole answer may be.
    let optionIDs: WordTable<Void>
    /// The unit a number answer is converted into.
    let unit: QuantityReader.TargetUnit?
    /// Single-word option phrases long enough that one typo cannot turn one into another
    /// ("throbbing"), with their option's index.
    let spellable: [(word: [UInt8], option: Int)]

    init(_ question: Question, lexicon: Lexicon) {
        self.question = question
        let yes = Phrase.list(question.yesWords)
        let no = Phrase.list(question.noWords, negative: true)
        phrases = question.phrases.map { (Phrase($0.phrase), $0.value) }
        options = question.kind.options.map { ($0.id, Self.phrases(of: $0)) }

        var matcher = PhraseMatcher<Tag>()
        for phrase in yes { matcher.add(phrase, .yes) }
        for phrase in no { matcher.add(phrase, .no) }
        for (i, entry) in phrases.enumerated() { matcher.add(entry.phrase, .phrase(i)) }
        for (i, option) in options.enumerated() {
            for phrase in option.phrases { matcher.add(phrase, .option(i)) }
        }
        self.matcher = matcher

        var byText = WordTable<Int>()
        for (i, entry) in phrases.enumerated() where byText[entry.phrase.normalizedText] == nil {
            byText.set(i, for: entry.phrase.normalizedText)
        }
        phraseByText = byText
        var byName = WordTable<String>()
        for option in options where byName[option.id.replacingUnderscores()] == nil {
            byName.set(option.id, for: option.id.replacingUnderscores())
        }
        optionByName = byName
        phraseNamesAmount = phrases.map { entry in
            entry.phrase.tokens.contains { $0.first?.isNumber == true || lexicon.numberWords[$0] != nil }
        }
        singleWordPhrases = WordTable(words: phrases.compactMap { $0.phrase.tokens.count == 1 ? $0.phrase.tokens[0] : nil })
        singleWordYesNo = WordTable(words: (yes + no).compactMap { $0.tokens.count == 1 ? $0.tokens[0] : nil })
        optionIDs = WordTable(words: options.map(\.id))
        spellable = options.enumerated().flatMap { (i, option) in
            option.phrases.compactMap { $0.tokens.count == 1 && $0.tokens[0].utf8.count >= Self.spellableLength ? (Array($0.tokens[0].utf8), i) : nil }
        }
        if case .number(let unit, _) = question.kind {
            self.unit = QuantityReader.TargetUnit(unit, units: lexicon.timeUnits)
        } else {
            self.unit = nil
        }
    }

    /// An option's phrases, and its id written with spaces: both name it.
    static func phrases(of option: ChoiceOption) -> [Phrase] {
        Phrase.list(option.phrases + [option.id.replacingUnderscores()])
    }

    func matches(in words: Words) -> [PhraseMatcher<Tag>.Match] { matcher.matches(in: words) }

    /// Shorter words are too easily one letter from another word ("bad", "bed").
    static let spellableLength = 6

    /// The option a misspelt word names: every word of the answer one letter off (one left out,
    /// added, changed, or two swapped) a single-word option phrase, all of one option. Only tried
    /// when nothing else was understood.
    func optionMisspelled(in words: Words) -> Int? {
        var found: Int?
        for token in words.tokens where token.utf8.count >= Self.spellableLength - 1 {
            let typed = Array(token.utf8)
            for (word, option) in spellable where Self.oneEditApart(typed, word) {
                if let f = found, f != option { return nil }
                found = option
            }
        }
        return found
    }

    /// Whether two words differ by exactly one edit (Damerau-Levenshtein distance 1).
    static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return false }
        if a.count == b.count {
            let diffs = a.indices.filter { a[$0] != b[$0] }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        return short[i...].elementsEqual(long[(i + 1)...])
    }
}

