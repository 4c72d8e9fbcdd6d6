/// Free text as lowercase words, so phrases can be found on word boundaries.
struct Words: Sendable {
    let tokens: [String]

    init(_ text: String) {
        tokens = Words.normalize(text).split(separator: " ").map(String.init)
    }

    /// Lowercase; curly quotes made straight; punctuation other than ' / . - made a space.
    static func normalize(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            switch ch {
            case "\u{2019}", "\u{2018}", "`": out.append("'")
            case _ where ch.isLetter || ch.isNumber || ch == "'" || ch == "/" || ch == "." || ch == "-": out.append(ch)
            default: out.append(" ")
            }
        }
        // A full stop only matters inside a number ("1.5"); elsewhere it ends a word.
        let words = out.split(separator: " ").map { word -> String in
            var w = Substring(word)
            while let last = w.last, last == "." || last == "-" || last == "'" { w = w.dropLast() }
            while let first = w.first, first == "." || first == "-" || first == "'" { w = w.dropFirst() }
            return String(w)
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    var text: String { tokens.joined(separator: " ") }
    var isEmpty: Bool { tokens.isEmpty }

    /// Every place a phrase stands, as the range of word positions it covers.
    func occurrences(of phrase: String) -> [Range<Int>] {
        let words = Words(phrase).tokens
        guard !words.isEmpty, words.count <= tokens.count else { return [] }
        var found: [Range<Int>] = []
        for start in 0...(tokens.count - words.count) where tokens[start..<(start + words.count)].elementsEqual(words) {
            found.append(start..<(start + words.count))
        }
        return found
    }

    func contains(_ phrase: String) -> Bool { !occurrences(of: phrase).isEmpty }
}
