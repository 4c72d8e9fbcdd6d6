/// Finds every place any of a fixed set of phrases stands in a text's words, in one pass.
///
/// The rules give a few hundred phrases (yes words, no words, hedges, negation triggers, each
/// question's own words). Looking for each in turn cost more than everything else in reading an
/// answer; here each word of the answer is looked up once, and only phrases starting with that
/// word are compared further.
struct PhraseMatcher<Tag: Sendable>: Sendable {
    struct Match: Sendable {
        let tag: Tag
        /// The word positions the phrase covers.
        let range: Range<Int>
    }

    private struct Entry: Sendable {
        let tokens: [String]
        let tag: Tag
    }

    private var entries: [Entry] = []
    /// Entry indices by the phrase's first word, in the order they were added.
    private var byFirstWord = WordTable<[Int]>()

    var isEmpty: Bool { entries.isEmpty }

    /// Adds a phrase. The same words may be added under several tags: each is found.
    mutating func add(_ phrase: Phrase, _ tag: Tag) {
        guard let first = phrase.tokens.first else { return }
        byFirstWord.set((byFirstWord[first] ?? []) + [entries.count], for: first)
        entries.append(Entry(tokens: phrase.tokens, tag: tag))
    }

    /// Every occurrence of every phrase within the punctuation, by starting position, then in the
    /// order the phrases were added.
    func matches(in words: Words) -> [Match] {
        let tokens = words.tokens
        var found: [Match] = []
        for start in tokens.indices {
            guard let candidates = byFirstWord[tokens[start]] else { continue }
            for index in candidates {
                let phrase = entries[index].tokens
                let end = start + phrase.count
                guard end <= tokens.count else { continue }
                if phrase.count == 1 || tokens[(start + 1)..<end].elementsEqual(phrase[1...]) {
                    // A phrase does not run over punctuation: "no, different from usual" holds no "no different".
                    if phrase.count > 1, !words.boundaries.isEmpty,
                       words.boundaries.contains(where: { $0.before > start && $0.before < end }) { continue }
                    found.append(Match(tag: entries[index].tag, range: start..<end))
                }
            }
        }
        return found
    }
}
