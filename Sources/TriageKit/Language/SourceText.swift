/// A rules or script file's text split into lines, after the checks every text input needs.
///
/// Byte-order marks are dropped, CRLF is read as LF, and a NUL byte, invalid UTF-8 or an
/// over-long line is a diagnostic rather than a crash, so any file can be handed to it.
public struct SourceText: Sendable {
    public static let maxLineLength = 10_000
    public static let maxBytes = 8 * 1024 * 1024

    public let file: String
    public let text: String
    public let lines: [Substring]
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        var diagnostics: [Diagnostic] = []
        var bytes = bytes
        if bytes.count > Self.maxBytes {
            diagnostics.append(.error(
                "this file is \(bytes.count / 1024) KiB; the limit is \(Self.maxBytes / 1024 / 1024) MiB",
                at: SourceRange(SourceLocation(file: file, line: 1, column: 1), length: 1)))
            bytes = []
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            diagnostics.append(.error(
                "this file contains a NUL byte: is it a binary file rather than text?",
                at: SourceRange(SourceLocation(file: file, line: line, column: 1), length: 1)))
            bytes = Array(bytes[..<nul])
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
        if bytes.contains(13) { text = text.replacingCRLF() }
        self.text = text
        var lines = Self.lines(of: text)
        // Counting characters is slow; a line within the limit in bytes is within it in characters.
        for (index, line) in lines.enumerated() where line.utf8.count > Self.maxLineLength && line.count > Self.maxLineLength {
            diagnostics.append(.error(
                "this line is \(line.count) characters long; the limit is \(Self.maxLineLength)",
                at: SourceRange(SourceLocation(file: file, line: index + 1, column: 1), length: 1)))
            lines[index] = line.prefix(Self.maxLineLength)
        }
        self.lines = lines
        self.diagnostics = diagnostics
    }

    /// Splits on "\n" by bytes: splitting by Character would work out grapheme clusters, which
    /// costs more than everything else in reading a file.
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 10 {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { lines.append(text[start..<utf8.endIndex]) }
        return lines
    }

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
