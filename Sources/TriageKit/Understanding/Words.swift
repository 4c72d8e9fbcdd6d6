/// Free text as lowercase words, so phrases can be found on word boundaries.
struct Words: Sendable {
    let tokens: [String]

    init(_ text: String) {
        tokens = Words.tokenize(text)
    }

    /// Lowercase; curly quotes made straight; punctuation other than ' / . - made a space;
    /// a full stop or dash kept only inside a word ("1.5", "sixty-five").
    static func tokenize(_ text: String) -> [String] {
        // Nearly every answer is plain ASCII: split its bytes directly, without building each word
        // scalar by scalar. The result is the same as the general path below (a test holds them equal).
        if let words = text.utf8.withContiguousStorageIfAvailable(tokenizeASCII), let words { return words }
        return tokenizeUnicode(text)
    }

    /// The words of ASCII text, or nil if the text has any other byte.
    static func tokenizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
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
        var i = 0
        while i < bytes.count {
            guard bytes[i] < 0x80 else { return nil }
            guard isWordByte(bytes[i]) else { i += 1; continue }
            var end = i
            while end < bytes.count, bytes[end] < 0x80, isWordByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] >= 0x80 { return nil }
            var start = i
            i = end
            while start < end, isEdge(bytes[start]) { start += 1 }
            while end > start, isEdge(bytes[end - 1]) { end -= 1 }
            guard start < end else { continue }
            words.append(String(unsafeUninitializedCapacity: end - start) { out in
                for k in start..<end {
                    let b = bytes[k]
                    // Lowercase; a backtick is an apostrophe.
                    out[k - start] = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b == UInt8(ascii: "`") ? UInt8(ascii: "'") : b
                }
                return end - start
            })
        }
        return words
    }

    /// The words of any text, scalar by scalar.
    static func tokenizeUnicode(_ text: String) -> [String] {
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
}

/// A phrase from the rules, split into normalized words once when the rules are read.
struct Phrase: Sendable, Hashable {
    let text: String
    let tokens: [String]

    init(_ text: String) {
        self.text = text
        tokens = Words(text).tokens
    }

    /// The phrase's words joined by single spaces: how a whole answer (`Words.text`) compares with it.
    var normalizedText: String { tokens.joined(separator: " ") }

    static func list(_ texts: [String]) -> [Phrase] { texts.map(Phrase.init).filter { !$0.tokens.isEmpty } }
}
