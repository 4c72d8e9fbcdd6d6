/// Free text as lowercase words, so phrases can be found on word boundaries.
struct Words: Sendable {
    let tokens: [String]

    init(_ text: String) {
        tokens = Words.tokenize(text)
    }

    /// Lowercase; curly quotes made straight; punctuation other than ' / . - made a space;
    /// a full stop or dash kept only inside a word ("1.5", "sixty-five").
    static func normalize(_ text: String) -> String {
        tokenize(text).joined(separator: " ")
    }

    static func tokenize(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            // Trailing and leading . - ' end a word rather than belong to it.
            var scalars = Substring(String(current)).unicodeScalars[...]
            while let last = scalars.last, last == "." || last == "-" || last == "'" { scalars = scalars.dropLast() }
            while let first = scalars.first, first == "." || first == "-" || first == "'" { scalars = scalars.dropFirst() }
            if !scalars.isEmpty { words.append(String(String.UnicodeScalarView(scalars))) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z": current.append(Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value + 32)))
            case "a"..."z", "0"..."9", "'", "/", ".", "-": current.append(scalar)
            case "\u{2019}", "\u{2018}", "`": current.append("'")
            case _ where scalar.value < 0x80: flush()
            case _ where scalar.properties.isAlphabetic || scalar.properties.numericType != nil:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { current.append(lower) }
            case _ where scalar.properties.generalCategory == .nonspacingMark: current.append(scalar)
            default: flush()
            }
        }
        flush()
        return words
    }

    var text: String { tokens.joined(separator: " ") }
    var isEmpty: Bool { tokens.isEmpty }

    /// Every place a phrase stands, as the range of word positions it covers.
    func occurrences(of phrase: [String]) -> [Range<Int>] {
        guard let first = phrase.first, phrase.count <= tokens.count else { return [] }
        var found: [Range<Int>] = []
        for start in 0...(tokens.count - phrase.count) where tokens[start] == first {
            if phrase.count == 1 || tokens[start..<(start + phrase.count)].elementsEqual(phrase) {
                found.append(start..<(start + phrase.count))
            }
        }
        return found
    }

    func contains(_ phrase: [String]) -> Bool { !occurrences(of: phrase).isEmpty }
}

/// A phrase from the rules, split into normalized words once when the rules are read.
struct Phrase: Sendable, Hashable {
    let text: String
    let tokens: [String]

    init(_ text: String) {
        self.text = text
        tokens = Words(text).tokens
    }

    static func list(_ texts: [String]) -> [Phrase] { texts.map(Phrase.init).filter { !$0.tokens.isEmpty } }
}
