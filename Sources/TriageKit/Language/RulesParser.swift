/// Turns a rules file's lines into statements: blocks, settings, defines and includes.
///
/// The layout is by indentation: a block header at the left margin owns the indented
/// lines below it; a line indented deeper than the entry above continues that entry.
/// Problems are collected, not thrown, so one run reports every one of them.
public struct RulesParser {
    /// Words that open a block; anything else at the margin must be `key: value`.
    public static let blockKeywords = ["question", "screen", "level", "flag", "pattern", "contributor", "status", "focus", "advice"]

    public private(set) var diagnostics: [Diagnostic] = []
    private let source: SourceText

    public init(source: SourceText) {
        self.source = source
        self.diagnostics = source.diagnostics
    }

    private struct Line {
        var number: Int
        var indent: Int
        var content: Substring
        var column: Int { indent + 1 }
    }

    public mutating func parse() -> RulesFileSyntax {
        var lines: [Line] = []
        for (index, raw) in source.lines.enumerated() {
            let content = raw.drop { $0 == " " || $0 == "\t" }
            let trimmed = content.trimmingTrailingSpace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            // Leading spaces and tabs are one byte each, so bytes count the indent cheaply.
            lines.append(Line(number: index + 1, indent: raw.utf8.count - content.utf8.count, content: trimmed))
        }

        var statements: [Statement] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.indent > 0 {
                report("this line is indented but does not belong to a block above it",
                       line, notes: ["start a block at the left margin, e.g. 'question fever', or remove the indent"])
                i += 1
                continue
            }
            // Gather the lines this statement owns.
            var j = i + 1
            while j < lines.count, lines[j].indent > 0 { j += 1 }
            let owned = Array(lines[(i + 1)..<j])
            if let statement = statement(header: line, body: owned) { statements.append(statement) }
            i = j
        }
        return RulesFileSyntax(file: source.file, statements: statements)
    }

    private mutating func statement(header line: Line, body: [Line]) -> Statement? {
        let words = line.content.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let first = words.first.map(String.init) ?? ""

        if first == "include", !line.content.utf8.contains(UInt8(ascii: ":")) {
            guard words.count == 2 else {
                report("'include' needs a file name, e.g. 'include red-flags.rules'", line)
                return nil
            }
            rejectBody(body, of: "an include line")
            let path = words[1].trimmingTrailingSpace()
            return .include(Name(String(path), range(line, offset: line.content.count - path.count, length: path.count)))
        }

        if Self.blockKeywords.contains(first), !line.content.utf8.contains(UInt8(ascii: ":")) {
            guard words.count == 2 else {
                report("'\(first)' needs an id after it, e.g. '\(first) my_\(first)'", line)
                return nil
            }
            let idText = words[1].trimmingTrailingSpace()
            let idName = Name(String(idText), range(line, offset: line.content.count - idText.count, length: idText.count))
            if idText.contains(" ") {
                report("an id is one word (letters, digits and _): '\(idText)'", line,
                       offset: line.content.count - idText.count, length: idText.count,
                       notes: ["try '\(idText.lowercased().split(separator: " ").joined(separator: "_"))'"])
            }
            let entries = self.entries(body)
            return .block(BlockSyntax(keyword: Name(first, range(line, offset: 0, length: first.count)), id: idName, entries: entries))
        }

        guard let entry = entry(line, continuation: body) else { return nil }
        if entry.key.text.hasPrefix("define ") {
            let id = entry.key.text.dropFirst("define ".count).trimmingCharacters()
            let offset = entry.key.text.count - id.count
            let idRange = SourceRange(SourceLocation(file: source.file, line: line.number,
                                                     column: line.column + offset), length: id.count)
            return .define(id: Name(id, idRange), condition: entry.value)
        }
        if Self.blockKeywords.contains(first) {
            report("'\(first) ...' starts a block: write the id alone on this line, and each setting indented below it",
                   line, notes: ["e.g.\n    \(first) my_id\n      key: value"])
            return nil
        }
        return .setting(entry)
    }

    /// The entries of a block; deeper-indented lines continue the entry above them.
    private mutating func entries(_ body: [Line]) -> [Entry] {
        guard let first = body.first else { return [] }
        let entryIndent = first.indent
        var entries: [Entry] = []
        var i = 0
        while i < body.count {
            let line = body[i]
            if line.indent < entryIndent {
                report("this line is indented less than the lines above it in the same block", line)
                i += 1
                continue
            }
            var j = i + 1
            while j < body.count, body[j].indent > line.indent { j += 1 }
            if let entry = entry(line, continuation: Array(body[(i + 1)..<j])) { entries.append(entry) }
            i = j
        }
        return entries
    }

    private mutating func entry(_ line: Line, continuation: [Line]) -> Entry? {
        guard let colon = line.content.utf8.firstIndex(of: UInt8(ascii: ":")) else {
            report("expected 'key: value' here", line,
                   notes: ["every setting has a colon after its name, e.g. 'ask: Do you have a fever?'"])
            return nil
        }
        let keyText = line.content[..<colon].trimmingTrailingSpace()
        if keyText.isEmpty {
            report("there is nothing before the ':'", line)
            return nil
        }
        let afterColon = line.content[line.content.index(after: colon)...]
        let valueText = afterColon.drop { $0 == " " || $0 == "\t" }
        let valueOffset = line.content.unicodeScalars.distance(from: line.content.startIndex, to: valueText.startIndex)
        var segments: [Segment] = []
        if !valueText.isEmpty {
            segments.append(Segment(text: String(valueText), start: source.location(line: line.number, column: line.column + valueOffset)))
        }
        for more in continuation {
            segments.append(Segment(text: String(more.content), start: source.location(line: more.number, column: more.column)))
        }
        if segments.isEmpty {
            // An empty value still needs a place for diagnostics about it.
            segments.append(Segment(text: "", start: source.location(line: line.number, column: line.column + line.content.count)))
        }
        let key = Name(String(keyText).collapsingSpaces(), range(line, offset: 0, length: keyText.count))
        return Entry(key: key, value: ValueText(segments: segments))
    }

    private mutating func rejectBody(_ body: [Line], of what: String) {
        for line in body {
            report("\(what) has nothing indented below it", line)
        }
    }

    private func range(_ line: Line, offset: Int, length: Int) -> SourceRange {
        SourceRange(source.location(line: line.number, column: line.column + offset), length: length)
    }

    private mutating func report(_ message: String, _ line: Line, offset: Int = 0, length: Int? = nil, notes: [String] = []) {
        diagnostics.append(.error(message, at: range(line, offset: offset, length: length ?? line.content.count), notes: notes))
    }
}

extension StringProtocol {
    func collapsingSpaces() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
