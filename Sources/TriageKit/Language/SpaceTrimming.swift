/// Trimming spaces and tabs, as the rules parser and the answers-script parser need it, with
/// the result of reading `Character` by `Character` but at the cost of reading bytes.
///
/// Working out `Character`s (grapheme clusters) costs more than all the rest of parsing a
/// line. A space or tab is one byte, and it is a whole `Character` unless a non-ASCII
/// neighbour joins it into a cluster: a combining mark after it (" \u{301}" is one
/// `Character`, not a space) or a prepended mark before it ("\u{600} "). So where the byte
/// next to a run of spaces is ASCII, bytes and `Character`s agree; where it is not, these
/// helpers fall back to `Character`s, which decide.
extension Substring {
    /// Without the spaces and tabs at the start.
    func droppingLeadingSpace() -> Substring {
        let (spaces, nextIsASCII) = withBytes { bytes in
            let spaces = bytes.prefix { $0.isSpaceOrTab }.count
            return (spaces, spaces == bytes.count || UTF8.isASCII(bytes[spaces]))
        }
        if spaces == 0 { return self }
        guard nextIsASCII else { return drop { $0 == " " || $0 == "\t" } }
        return self[utf8.index(startIndex, offsetBy: spaces)...]
    }

    /// Without the spaces and tabs at the end.
    func trimmingTrailingSpace() -> Substring {
        let (spaces, previousIsASCII) = withBytes { bytes in
            let spaces = bytes.reversed().prefix { $0.isSpaceOrTab }.count
            return (spaces, spaces == bytes.count || UTF8.isASCII(bytes[bytes.count - spaces - 1]))
        }
        if spaces == 0 { return self }
        guard previousIsASCII else {
            var s = self
            while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
            return s
        }
        return self[..<utf8.index(endIndex, offsetBy: -spaces)]
    }

    /// Runs `body` on the UTF-8 bytes in place: reading them through a pointer costs far less
    /// than stepping through `UTF8View` indices.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// The index after the one-byte (ASCII) character at `i`, as `index(after:)` gives it:
    /// a combining mark right after it belongs to the same `Character`, and is skipped too.
    func index(afterASCII i: Index) -> Index {
        let next = utf8.index(after: i)
        if next == utf8.endIndex || UTF8.isASCII(utf8[next]) { return next }
        return index(after: i)
    }

    /// What follows `prefix` when the bytes start with it, else nil. The prefix is ASCII; what
    /// is dropped is what `dropFirst(prefix.count)` drops, a combining mark after it included.
    func dropping(asciiPrefix prefix: String) -> Substring? {
        guard !prefix.isEmpty, withBytes({ $0.starts(with: prefix.utf8) }) else { return nil }
        return self[index(afterASCII: utf8.index(startIndex, offsetBy: prefix.utf8.count - 1))...]
    }

    /// The index of the first `byte`, as `utf8.firstIndex(of:)` gives it, found through a pointer.
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        withBytes { $0.firstIndex(of: byte) }.map { utf8.index(startIndex, offsetBy: $0) }
    }
}

extension Substring {
    /// Without the spaces and tabs at either end.
    func trimmingCharacters() -> String {
        String(droppingLeadingSpace().trimmingTrailingSpace())
    }
}

extension String {
    /// Without the spaces and tabs at either end.
    func trimmingCharacters() -> String { self[...].trimmingCharacters() }
}

extension UInt8 {
    var isSpaceOrTab: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}
