#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A rules or script file's text split into lines, after the checks every text input needs.
///
/// Byte-order marks are dropped, CRLF is read as LF, and a NUL byte, invalid UTF-8 or an
/// over-long line is a diagnostic rather than a crash, so any file can be handed to it.
public struct SourceText: Sendable {
    public static let maxLineLength = 10_000
    public static let maxBytes = 8 * 1024 * 1024

    public let file: String
    public let text: String
    /// The lines, made when asked for: an answers script is read from the bytes of `lineRanges`,
    /// and making a substring of every line (each one a retain of the text) was a fiftieth of a
    /// scripted run.
    public var lines: [Substring] { Self.lines(of: text, at: lineRanges) }
    /// Where each of `lines` is in the UTF-8 bytes of `text`, for readers that work on bytes.
    let lineRanges: [Range<Int>]
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        var diagnostics: [Diagnostic] = []
        var bytes = bytes[...]
        if bytes.count > Self.maxBytes {
            diagnostics.append(.error(
                "this file is \(bytes.count / 1024) KiB; the limit is \(Self.maxBytes / 1024 / 1024) MiB",
                at: SourceRange(SourceLocation(file: file, line: 1, column: 1), length: 1)))
            bytes = []
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndexOfByte(0) {
            let line = bytes[..<nul].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            diagnostics.append(.error(
                "this file contains a NUL byte: is it a binary file rather than text?",
                at: SourceRange(SourceLocation(file: file, line: line, column: 1), length: 1)))
            bytes = bytes[..<nul]
        }
        var text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            let line = text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("\u{FFFD}") }.map { $0 + 1 } ?? 1
            diagnostics.append(.error(
                "this line is not valid UTF-8 text; save the file as UTF-8",
                at: SourceRange(SourceLocation(file: file, line: line, column: 1), length: 1)))
        }
        if bytes.firstIndexOfByte(13) != nil { text = text.replacingCRLF() }
        self.text = text
        var lineRanges = Self.lineRanges(of: text)
        // Counting characters is slow; a line within the limit in bytes is within it in characters.
        for index in lineRanges.indices where lineRanges[index].count > Self.maxLineLength {
            let line = Self.line(of: text, at: lineRanges[index])
            guard line.count > Self.maxLineLength else { continue }
            diagnostics.append(.error(
                "this line is \(line.count) characters long; the limit is \(Self.maxLineLength)",
                at: SourceRange(SourceLocation(file: file, line: index + 1, column: 1), length: 1)))
            lineRanges[index] = lineRanges[index].lowerBound..<(lineRanges[index].lowerBound + line.prefix(Self.maxLineLength).utf8.count)
        }
        self.lineRanges = lineRanges
        self.diagnostics = diagnostics
    }

    /// Where the lines are, split on "\n" by bytes: splitting by Character would work out
    /// grapheme clusters, which costs more than everything else in reading a file.
    static func lineRanges(of text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            while let end = bytes.firstOffset(of: 10, from: start) {
                ranges.append(start..<end)
                start = end + 1
            }
            if start != bytes.count { ranges.append(start..<bytes.count) }
            return ranges
        }
    }

    static func lines(of text: String) -> [Substring] {
        lines(of: text, at: lineRanges(of: text))
    }

    static func lines(of text: String, at ranges: [Range<Int>]) -> [Substring] {
        ranges.map { line(of: text, at: $0) }
    }

    /// The line at `range` of the UTF-8 bytes of `text`.
    static func line(of text: String, at range: Range<Int>) -> Substring {
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        return text[index(range.lowerBound)..<index(range.upperBound)]
    }

    /// Line `index` (from 0) of `lines`, without making the others.
    func line(_ index: Int) -> Substring { Self.line(of: text, at: lineRanges[index]) }

    public init(file: String, text: String) {
        self.init(file: file, bytes: Array(text.utf8))
    }

    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}

extension String {
    func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        var iterator = unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\r" {
                if pending == "\n" { continue }
                out.unicodeScalars.append("\n")
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first `byte` from `start` on. The C library's `memchr` compares many
    /// bytes at a time, where a Swift loop compares one: it is several times faster on a file.
    func firstOffset(of byte: UInt8, from start: Int = 0) -> Int? {
        guard let base = baseAddress, start < count,
              let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: found)
    }
}

extension ArraySlice<UInt8> {
    func firstIndexOfByte(_ byte: UInt8) -> Int? {
        withUnsafeBufferPointer { $0.firstOffset(of: byte) }.map { startIndex + $0 }
    }
}
