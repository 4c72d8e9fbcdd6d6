/// "Did you mean ...?" by edit distance, as the Elm and Rust compilers suggest names.
public enum Suggestions {
    /// The closest candidate within a distance that scales with the word's length, or nil.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: String?
        var bestDistance = Int.max
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate.lowercased())
            if d <= limit, d < bestDistance { (best, bestDistance) = (candidate, d) }
        }
        return best
    }

    /// Levenshtein distance with transpositions counted as one edit (a common typo).
    public static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    current[j] = Swift.min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }

    /// The note line used under a caret.
    public static func note(for word: String, in candidates: some Sequence<String>) -> [String] {
        guard let match = closest(to: word, in: candidates) else { return [] }
        return ["did you mean '\(match)'?"]
    }
}
