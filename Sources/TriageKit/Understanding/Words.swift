/// Free text as lowercase words, so phrases can be found on word boundaries.
struct Words: Sendable {
    let tokens: [String]
    /// Where punctuation split the text, before which word: "no, it creeps up" has a comma
    /// before word 1. People put their answer first and the detail after a comma or a full stop,
    /// and a full stop ends what a "no" can reach. Empty (no allocation) for unpunctuated text.
    let boundaries: [Boundary]

    /// Punctuation between two words.
    struct Boundary: Sendable, Equatable {
        /// The index of the word after the punctuation.
        let before: Int
        /// A full stop, question or exclamation mark, semicolon or bracket; a comma, colon or
        /// dash is weak.
        let strong: Bool
        /// A colon, which introduces what belongs to the words before it ("nausea: none").
        var colon = false
    }

    init(_ text: String) {
        let split = Words.split(text)
        tokens = split.tokens
        boundaries = split.boundaries
    }

    /// Words and the punctuation between them.
    struct Split: Sendable, Equatable {
        var tokens: [String]
        var boundaries: [Boundary]
        init(_ tokens: [String], _ boundaries: [Boundary]) { (self.tokens, self.boundaries) = (tokens, boundaries) }
    }

    /// The first boundary after word `index`, if any.
    func boundary(after index: Int) -> Boundary? { boundaries.first { $0.before > index } }

    /// Whether a strong boundary stands between word positions `start` and `end`.
    func strongBoundary(between start: Int, _ end: Int) -> Bool {
        boundaries.contains { $0.strong && $0.before > start && $0.before <= end }
    }

    static func tokenize(_ text: String) -> [String] { split(text).tokens }

    /// Lowercase; curly quotes made straight; punctuation other than ' / . - made a space;
    /// a full stop or dash kept only inside a word ("1.5", "sixty-five").
    static func split(_ text: String) -> Split {
        // Nearly every answer is plain ASCII: split its bytes directly, without building each word
        // scalar by scalar. The result is the same as the general path below (a test holds them equal).
        if let words = text.utf8.withContiguousStorageIfAvailable(tokenizeASCII), let words { return words }
        return tokenizeUnicode(text)
    }

    /// How strongly a punctuation character separates the words around it: 0 not at all,
    /// 1 a comma or dash, 2 a colon, 3 the end of a sentence or a bracket.
    static func boundaryStrength(_ c: UInt32) -> Int {
        switch c {
        case 0x2E, 0x21, 0x3F, 0x3B, 0x28, 0x29, 0x0A: return 3 // . ! ? ; ( ) newline
        case 0x2C, 0x2D, 0x2013, 0x2014: return 1 // , - en dash, em dash
        // A colon introduces what belongs to the words before it ("nausea: none").
        case 0x3A: return 2
        default: return 0
        }
    }

    /// The words of ASCII text, or nil if the text has any other byte.
    static func tokenizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Split? {
        func isWordByte(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "`"):
                return true
            default:
                return false
            }
        }
        // Trailing and leading . - ' end a word rather than belong to it.
        func isEdge(_ b: UInt8) -> Bool { b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "'") || b == UInt8(ascii: "`") }
        var words: [String] = []
        var boundaries: [Boundary] = []
        var pending = 0
        var i = 0
        while i < bytes.count {
            guard bytes[i] < 0x80 else { return nil }
            guard isWordByte(bytes[i]) else { pending = max(pending, boundaryStrength(UInt32(bytes[i]))); i += 1; continue }
            var end = i
            while end < bytes.count, bytes[end] < 0x80, isWordByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] >= 0x80 { return nil }
            let wordStart = i
            var start = i
            i = end
            while start < end, isEdge(bytes[start]) { start += 1 }
            let wordEnd = end
            while end > start, isEdge(bytes[end - 1]) { end -= 1 }
            guard start < end else {
                // Only edges (" . ", " - "): punctuation standing alone.
                for k in wordStart..<wordEnd { pending = max(pending, boundaryStrength(UInt32(bytes[k]))) }
                continue
            }
            if pending > 0, !words.isEmpty { boundaries.append(Boundary(before: words.count, strong: pending == 3, colon: pending == 2)) }
            // A full stop or dash trimmed from the end of this word ("no." "no-") separates it from the next.
            pending = 0
            for k in end..<wordEnd { pending = max(pending, boundaryStrength(UInt32(bytes[k]))) }
            words.append(String(unsafeUninitializedCapacity: end - start) { out in
                for k in start..<end {
                    let b = bytes[k]
                    // Lowercase; a backtick is an apostrophe.
                    out[k - start] = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b == UInt8(ascii: "`") ? UInt8(ascii: "'") : b
                }
                return end - start
            })
        }
        return Split(words, boundaries)
    }

    /// The words of any text, scalar by scalar.
    static func tokenizeUnicode(_ text: String) -> Split {
        var words: [String] = []
        var boundaries: [Boundary] = []
        var pending = 0
        var current = String.UnicodeScalarView()
        func flush() {
            // Trailing and leading . - ' end a word rather than belong to it.
            var scalars = Substring(String(current)).unicodeScalars[...]
            var trailing = 0
            while let last = scalars.last, last == "." || last == "-" || last == "'" {
                trailing = max(trailing, boundaryStrength(last.value))
                scalars = scalars.dropLast()
            }
            while let first = scalars.first, first == "." || first == "-" || first == "'" { scalars = scalars.dropFirst() }
            if !scalars.isEmpty {
                if pending > 0, !words.isEmpty { boundaries.append(Boundary(before: words.count, strong: pending == 3, colon: pending == 2)) }
                words.append(String(String.UnicodeScalarView(scalars)))
                pending = trailing
            } else {
                pending = max(pending, trailing)
            }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z": current.append(Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value + 32)))
            case "a"..."z", "0"..."9", "'", "/", ".", "-": current.append(scalar)
            case "\u{2019}", "\u{2018}", "`": current.append("'")
            case _ where scalar.value < 0x80:
                flush()
                pending = max(pending, boundaryStrength(scalar.value))
            case _ where scalar.properties.isAlphabetic || scalar.properties.numericType != nil:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { current.append(lower) }
            case _ where scalar.properties.generalCategory == .nonspacingMark: current.append(scalar)
            default:
                flush()
                pending = max(pending, boundaryStrength(scalar.value))
            }
        }
        flush()
        return Split(words, boundaries)
    }

    var text: String { tokens.joined(separator: " ") }
    var isEmpty: Bool { tokens.isEmpty }
}

/// A phrase from the rules, split into normalized words once when the rules are read.
struct Phrase: Sendable, Hashable {
    let text: String
    let tokens: [String]

    init(_ text: String) {
        self.text = text
        tokens = Words(text).tokens
    }

    private init(text: String, tokens: [String]) {
        self.text = text
        self.tokens = tokens
    }

    /// The phrase's words joined by single spaces: how a whole answer (`Words.text`) compares with it.
    var normalizedText: String { tokens.joined(separator: " ") }

    /// The rules' phrases, each followed by the forms people type for it (`variants`).
    static func list(_ texts: [String], negative: Bool = false) -> [Phrase] {
        var phrases: [Phrase] = []
        for text in texts {
            let phrase = Phrase(text)
            guard !phrase.tokens.isEmpty else { continue }
            phrases.append(phrase)
            phrases += phrase.variants(negative: negative)
        }
        return phrases
    }

    /// The same phrase as people often type it, worked out once when the rules are read so that
    /// reading an answer costs nothing more: without the apostrophe of a contraction ("dont",
    /// "its", "havent" for "don't", "it's", "haven't"); with "her", "his" or "their" for its one
    /// "my" ("the back of her neck", told by a parent); with "she", "he" or "they" for its one "I",
    /// and the verb after it to match ("worse when she lies down"); and, for a phrase that says no, with
    /// "not" for a leading "no" ("not worse" for "no worse", "not more than usual" for "no more
    /// than usual"), which people use alike. Only the endings that leave no other word are
    /// dropped: "we'll" and "I'd" would become "well" and "id".
    func variants(negative: Bool) -> [Phrase] {
        var result: [Phrase] = []
        if tokens.contains(where: Self.isContraction) {
            let plain = tokens.map { Self.isContraction($0) ? String($0.filter { $0 != "'" }) : $0 }
            result.append(Phrase(text: plain.joined(separator: " "), tokens: plain))
        }
        // "The back of her neck": a parent or partner telling the story about someone else.
        if let my = tokens.firstIndex(of: "my"), tokens.lastIndex(of: "my") == my, tokens.count > 1 {
            for phrase in [self] + result {
                for other in Self.otherPossessives {
                    var told = phrase.tokens
                    told[my] = other
                    result.append(Phrase(text: told.joined(separator: " "), tokens: told))
                }
            }
        }
        // "Worse when she lies down" for "worse when I lie down": told about someone else.
        if let i = tokens.firstIndex(of: "i"), tokens.lastIndex(of: "i") == i, i + 1 < tokens.count {
            let verb = tokens[i + 1]
            for (subject, form) in [("she", Self.thirdPerson(verb)), ("he", Self.thirdPerson(verb)), ("they", verb)] {
                var told = tokens
                told[i] = subject
                told[i + 1] = form
                result.append(Phrase(text: told.joined(separator: " "), tokens: told))
            }
        }
        if negative, tokens.count > 1, tokens[0] == "no" {
            for phrase in [self] + result {
                let not = ["not"] + phrase.tokens.dropFirst()
                result.append(Phrase(text: not.joined(separator: " "), tokens: not))
            }
        }
        return result
    }

    /// A verb as it follows "she" or "he": "walks", "lies", "does", "has"; one that does not change
    /// ("can't", "will") stays as it is.
    static func thirdPerson(_ verb: String) -> String {
        switch verb {
        case "am", "'m": return "is"
        case "have": return "has"
        case "haven't": return "hasn't"
        case "do": return "does"
        case "don't": return "doesn't"
        case "go": return "goes"
        case "can", "can't", "cannot", "could", "couldn't", "will", "won't", "would", "wouldn't", "should", "must",
             "might", "may", "was", "wasn't", "did", "didn't", "had", "hadn't":
            return verb
        default:
            break
        }
        guard verb.allSatisfy({ $0.isLetter }), let last = verb.last else { return verb }
        // Past forms stay: "I felt", "I fainted".
        if verb.hasSuffix("ed") { return verb }
        if verb.hasSuffix("s") || verb.hasSuffix("sh") || verb.hasSuffix("ch") || verb.hasSuffix("x") || verb.hasSuffix("z") {
            return verb + "es"
        }
        if last == "y", verb.count > 1, !"aeiou".contains(verb[verb.index(verb.endIndex, offsetBy: -2)]) {
            return String(verb.dropLast()) + "ies"
        }
        return verb + "s"
    }

    /// Words that stand for "my" when the story is someone else's.
    private static let otherPossessives = ["her", "his", "their"]

    /// Contraction endings whose form without the apostrophe is no other common word.
    private static let contractionEndings = ["n't", "'s", "'m", "'ve", "'re"]

    private static func isContraction(_ token: String) -> Bool {
        // Most words have no apostrophe: one pass over the bytes says so.
        token.utf8.contains(UInt8(ascii: "'")) && token != "we're" && contractionEndings.contains { token.hasSuffix($0) && token.count > $0.count }
    }
}
