/// Which of the shared word lists of `words.rules` a phrase comes from.
enum SharedList: Sendable, Equatable {
    case yes, no, unsure, pseudoNegation, negationBefore, negationAfter, negationEnd, concession
}

/// The word lists that apply to every question (`yes words`, `no words`, `unsure words` and
/// the negation lists), prepared once so that all of them are found in a text in one pass.
struct SharedWords: Sendable {
    let yes: [Phrase], no: [Phrase], unsure: [Phrase]
    /// Whole answers that are exactly one of the shared words ("yes", "nope", "not sure"): the common case.
    let exactYes: WordTable<Void>, exactNo: WordTable<Void>, exactUnsure: WordTable<Void>
    /// What a whole answer that is exactly one shared word means: "not sure" for a hedge, else
    /// yes or no (a word on both lists means neither, and is read the full way).
    let plainWordMeanings: WordTable<FactValue>
    private var matcher = PhraseMatcher<SharedList>()
    /// One-word joiners of a list ("and", "plus"), from the rules.
    private let joining: WordTable<Void>

    func isJoiningWord(_ word: String) -> Bool { joining.contains(word) }

    init(lexicon: Lexicon) {
        yes = Phrase.list(lexicon.yesWords)
        no = Phrase.list(lexicon.noWords, negative: true)
        unsure = Phrase.list(lexicon.unsureWords)
        exactYes = WordTable(words: yes.map(\.normalizedText))
        exactNo = WordTable(words: no.map(\.normalizedText))
        exactUnsure = WordTable(words: unsure.map(\.normalizedText))
        var meanings = WordTable<FactValue>(minimumCapacity: yes.count + no.count + unsure.count)
        for phrase in yes + no + unsure {
            let word = phrase.normalizedText
            let isYes = exactYes.contains(word), isNo = exactNo.contains(word)
            if exactUnsure.contains(word) {
                meanings.set(.unsure, for: word)
            } else if isYes != isNo {
                meanings.set(isYes ? .yes : .no, for: word)
            }
        }
        plainWordMeanings = meanings
        joining = WordTable(words: lexicon.joiningWords)
        let lists: [(SharedList, [Phrase])] = [
            (.yes, yes), (.no, no), (.unsure, unsure),
            (.pseudoNegation, Phrase.list(lexicon.pseudoNegations)),
            (.negationBefore, Phrase.list(lexicon.negationBefore)),
            (.negationAfter, Phrase.list(lexicon.negationAfter)),
            (.negationEnd, Phrase.list(lexicon.negationEnds)),
            (.concession, Phrase.list(lexicon.concessionWords)),
        ]
        for (list, phrases) in lists {
            for phrase in phrases { matcher.add(phrase, list) }
        }
    }

    func find(in words: Words) -> FoundSharedWords {
        var matches = matcher.matches(in: words)
        // A hedge inside a longer yes or no ("as far as I know" in "not as far as I know", "I guess"
        // in "I guess not") is part of that everyday answer, and a "no" inside a longer hedge ("not
        // really" in "I'm not really sure") is part of the hedge: only the longer phrase counts.
        func isAnswer(_ tag: SharedList) -> Bool { tag == .yes || tag == .no }
        func inside(_ a: Range<Int>, _ b: Range<Int>) -> Bool { b.count > a.count && b.lowerBound <= a.lowerBound && a.upperBound <= b.upperBound }
        if matches.contains(where: { $0.tag == .unsure }) {
            let all = matches
            matches.removeAll { m in
                (m.tag == .unsure && all.contains { isAnswer($0.tag) && inside(m.range, $0.range) })
                    || (isAnswer(m.tag) && all.contains { $0.tag == .unsure && inside(m.range, $0.range) })
            }
        }
        // "I do" ("she does") with a verb right after it ("I do get up", "I do have high blood pressure") is
        // emphasis, not an answer: what the person does or has is in the words that follow.
        func isDo(_ word: String) -> Bool { word == "do" || word == "does" }
        if let i = matches.firstIndex(where: { $0.tag == .yes && isDo(words.tokens[$0.range.upperBound - 1]) }) {
            let end = matches[i].range.upperBound
            if end < words.tokens.count, !words.boundaries.contains(where: { $0.before == end }) {
                matches.removeAll { $0.tag == .yes && $0.range.upperBound == end && isDo(words.tokens[end - 1]) }
            }
        }
        return FoundSharedWords(matches: matches, boundaries: words.boundaries)
    }
}

/// Where the shared words stand in one text.
struct FoundSharedWords: Sendable {
    let matches: [PhraseMatcher<SharedList>.Match]
    /// The text's punctuation: a full stop ends what a "no" reaches.
    var boundaries: [Words.Boundary] = []

    func contains(_ list: SharedList) -> Bool { matches.contains { $0.tag == list } }

    func ranges(of list: SharedList) -> [Range<Int>] { matches.compactMap { $0.tag == list ? $0.range : nil } }

    /// True when a phrase of `list` overlaps the word positions `range`.
    func overlaps(_ list: SharedList, _ range: Range<Int>) -> Bool {
        matches.contains { $0.tag == list && $0.range.overlaps(range) }
    }

    var negation: Negation { Negation(found: self) }

    /// Negation where the triggers within `range` (a leading "no,") reach nothing: the leading
    /// answer is an answer to the question, not a "no" to the words that follow it.
    func negation(ignoring range: Range<Int>) -> Negation { Negation(found: self, ignoring: range) }
}
