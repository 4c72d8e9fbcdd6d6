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
    /// The first bytes of the little words, kept here so that ruling a word out costs no lookup.
    private let littleFirstBytes = LittleWords.firstBytes

    /// Whether a word starts like a little word.
    @inline(__always) private func mayBeLittle(_ word: String) -> Bool {
        guard let b = word.utf8.first, b < 128 else { return false }
        return (b < 64 ? littleFirstBytes.0 & 1 << UInt64(b) : littleFirstBytes.1 & 1 << UInt64(b - 64)) != 0
    }
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
                var matchEnd = start + 1
                // Word by word; where a word differs, a little word there ("feel really sick") may be
                // stepped over. Only then is the slower search tried: most phrases differ at a word
                // that no little word starts like, told by its first byte.
                var j = 1
                while j < phrase.count {
                    if matchEnd < tokens.count, tokens[matchEnd] == phrase[j] {
                        matchEnd += 1
                        j += 1
                        continue
                    }
                    matchEnd = matchEnd < tokens.count && mayBeLittle(tokens[matchEnd]) && LittleWords.table.contains(tokens[matchEnd])
                        ? Self.endSkippingLittleWords(phrase, tokens, start) ?? -1 : -1
                    break
                }
                guard matchEnd > start else { continue }
                // A phrase does not run over punctuation: "no, different from usual" holds no "no different".
                if phrase.count > 1, !words.boundaries.isEmpty,
                   words.boundaries.contains(where: { $0.before > start && $0.before < matchEnd }) { continue }
                found.append(Match(tag: entries[index].tag, range: start..<matchEnd))
            }
        }
        return found
    }

    /// Where `phrase` ends when it starts at `start` with one little word or two standing between
    /// its words ("feel really sick"), or nil when it is not there. Only tried after the plain
    /// comparison failed, and only when one of the little words is in the way.
    private static func endSkippingLittleWords(_ phrase: [String], _ tokens: [String], _ start: Int) -> Int? {
        var position = start + 1
        var skipped = 0
        for word in phrase.dropFirst() {
            while position < tokens.count, tokens[position] != word, skipped < 2, LittleWords.contains(tokens[position]) {
                position += 1
                skipped += 1
            }
            guard position < tokens.count, tokens[position] == word else { return nil }
            position += 1
        }
        return skipped > 0 ? position : nil
    }
}

/// Little words people put inside a phrase without changing what it says: "I feel really sick"
/// is "feel sick", "it does literally nothing" is "does nothing", "I don't really think so" is
/// "I don't think so". They are grammar, not medicine, and the rules language has no list for
/// them yet: when it gets one, these move to `words.rules`.
enum LittleWords {
    static let words = ["really", "so", "very", "literally", "absolutely", "totally", "even", "actually", "honestly",
                        "properly", "quite"]
    static let table = WordTable(words: words)
    /// The first letters of the little words: most words of an answer are ruled out by their first
    /// byte alone, without hashing them.
    static let firstBytes: (UInt64, UInt64) = words.reduce((0, 0)) { mask, word in
        guard let b = word.utf8.first else { return mask }
        return b < 64 ? (mask.0 | 1 << UInt64(b), mask.1) : (mask.0, mask.1 | 1 << UInt64(b - 64))
    }

    static func contains(_ word: String) -> Bool {
        guard let b = word.utf8.first, b < 128 else { return false }
        let bit = b < 64 ? firstBytes.0 & 1 << UInt64(b) : firstBytes.1 & 1 << UInt64(b - 64)
        return bit != 0 && table.contains(word)
    }
}
