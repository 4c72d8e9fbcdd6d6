/// Turns a rules file's lines into statements: blocks, settings, defines and includes.
///
/// The layout is by indentation: a block header at the left margin owns the indented
/// lines below it; a line indented deeper than the entry above continues that entry.
/// Problems are collected, not thrown, so one run reports every one of them.
public struct RulesParser {
    /// Words that open a block; anything else at the margin must be `key: value`.
    public static let blockKeywords = ["question", "screen", "wording", "level", "flag", "pattern", "contributor", "status", "focus", "advice"]

    public private(set) var diagnostics: [Diagnostic] = []
    private let source: SourceText

    public init(source: SourceText) {
        self.source = source
        self.diagnostics = source.diagnostics
    }

    private struct Line {
        var number: Int
        /// How far the line is indented, for the layout; a tab counts as one space.
        var indent: Int
        var content: Substring
        /// Where the content starts: `indent + 1`, except for a line read as if indented.
        var column: Int
        /// Whether the indent holds a tab, so errors about indentation can name it.
        var hasTab = false
    }

    public mutating func parse() -> RulesFileSyntax {
        var lines: [Line] = []
        var tabbed: [Int] = []
        for (index, raw) in source.lines.enumerated() {
            let content = raw.drop { $0 == " " || $0 == "\t" }
            let trimmed = content.trimmingTrailingSpace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            // Leading spaces and tabs are one byte each, so bytes count the indent cheaply.
            let indent = raw.utf8.count - content.utf8.count
            let hasTab = raw.utf8.prefix(indent).contains(9)
            if hasTab { tabbed.append(lines.count) }
            lines.append(Line(number: index + 1, indent: indent, content: trimmed, column: indent + 1, hasTab: hasTab))
        }
        // A tab looks like several spaces in an editor but counts as one here, so a block can
        // look right and be read wrong: say so once per file, where the first one is.
        if let first = tabbed.first {
            let line = lines[first]
            let column = (source.lines[line.number - 1].utf8.firstIndex(of: 9).map { source.lines[line.number - 1].utf8.distance(from: source.lines[line.number - 1].utf8.startIndex, to: $0) } ?? 0) + 1
            let more = tabbed.count - 1
            diagnostics.append(.warning("this line is indented with a tab\(more > 0 ? " (and \(more) more line\(more == 1 ? " is" : "s are"))" : ""); indent with spaces",
                                        at: SourceRange(source.location(line: line.number, column: column), length: 1),
                                        notes: ["a tab counts as one space here, however wide your editor shows it"]))
        }

        var statements: [Statement] = []
        // The block a setting at the margin right after it most likely belongs to.
        var lastBlock: Int?
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.indent > 0 {
                report("this line is indented but does not belong to a block above it",
                       line, notes: ["start a block at the left margin, e.g. 'question fever', or remove the indent"] + tabNote(line))
                i += 1
                continue
            }
            // Gather the lines this statement owns.
            var j = i + 1
            while j < lines.count, lines[j].indent > 0 { j += 1 }
            let owned = Array(lines[(i + 1)..<j])
            i = j
            if let index = lastBlock, case .block(var block) = statements[index], recoverMarginKey(line, owned, into: &block) {
                statements[index] = .block(block)
                continue
            }
            lastBlock = nil
            if let statement = statement(header: line, body: owned) {
                if case .block = statement { lastBlock = statements.count }
                statements.append(statement)
            }
        }
        return RulesFileSyntax(file: source.file, statements: statements)
    }

    /// A block's setting moved to the left margin by mistake (`ask: ...` under `question
    /// nausea`) would end the block: the block then lacks it, and every rule using the block
    /// fails too. It is reported once, naming the key, and read as part of the block, so no
    /// follow-on errors bury it. Keys that are also top-level settings (`name`, `yes words`)
    /// are left to mean the setting.
    private mutating func recoverMarginKey(_ line: Line, _ body: [Line], into block: inout BlockSyntax) -> Bool {
        guard let key = Self.key(of: line.content), !Checker.settingKeys.contains(key),
              Self.isKey(key, of: block.keyword.text) else { return false }
        let indent = block.entries.first.map { $0.key.range.start.column - 1 } ?? body.first?.indent ?? 2
        let width = line.content.prefix { $0 != ":" }.trimmingTrailingSpace().count
        report("'\(key):' is at the left margin, so it is not part of '\(block.keyword.text) \(block.id.text)' above it",
               line, length: width,
               notes: ["indent it by \(indent) space\(indent == 1 ? "" : "s"), like the other settings of the block; it is read as part of the block for now"])
        var moved = line
        moved.indent = indent
        block.entries += entries([moved] + body, keyword: block.keyword.text)
        return true
    }

    /// The key of a line that looks like `key: value` (words and spaces before the colon), lowercased.
    static func key(of content: Substring) -> String? {
        // Asked of every continuation line: most have no colon, and a key is plain ASCII, so the
        // bytes answer first; anything else takes the general path below.
        let bytes = content.utf8
        guard let colonByte = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let next = bytes.index(after: colonByte)
        if next == bytes.endIndex || bytes[next] < 0x80 {
            var length = 0, end = 0, ascii = true, valid = true
            for b in bytes[..<colonByte] {
                length += 1
                if b >= 0x80 { ascii = false; break }
                if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { end = length }
                let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
                let digit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
                if !(letter || digit || b == UInt8(ascii: "_") || b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")) { valid = false }
            }
            // A tab inside the key (not trailing) is not allowed; trailing spaces and tabs are trimmed.
            if ascii {
                let key = content[..<colonByte].prefix(end)
                guard end > 0, end <= 40, valid, !key.utf8.contains(UInt8(ascii: "\t")) else { return nil }
                return key.lowercased().collapsingSpaces()
            }
        }
        return generalKey(of: content)
    }

    /// `key(of:)` for any line.
    static func generalKey(of content: Substring) -> String? {
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let key = content[..<colon].trimmingTrailingSpace()
        guard !key.isEmpty, key.count <= 40, key.allSatisfy({ $0.isLetter || $0 == " " || $0 == "_" || $0.isNumber }) else { return nil }
        return key.lowercased().collapsingSpaces()
    }

    /// Whether `key` is a key of a block of this kind (`option one_side` counts as `option`).
    static func isKey(_ key: String, of keyword: String) -> Bool {
        guard let allowed = Checker.blockKeys[keyword] else { return false }
        if allowed.contains(key) { return true }
        let head = key.split(separator: " ").first.map(String.init) ?? ""
        return Checker.keysWithArgument.contains(head) && allowed.contains(head) && key.contains(" ")
    }

    private func tabNote(_ line: Line) -> [String] {
        line.hasTab ? ["this line's indent has a tab, which counts as one space; indent with spaces"] : []
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
            let entries = self.entries(body, keyword: first)
            return .block(BlockSyntax(keyword: Name(first, range(line, offset: 0, length: first.count)), id: idName, entries: entries))
        }

        // `quesiton nausea`: a misspelt block word would drop the whole block, and every rule
        // using it would fail too; it is reported once and read as the block it most likely is.
        if words.count == 2, !line.content.contains(":"), let meant = Suggestions.closest(to: first.lowercased(), in: Self.blockKeywords) {
            report("'\(first)' is not a kind of block", line, length: first.count,
                   notes: ["did you mean '\(meant)'?", "it is read as '\(meant)' for now"])
            let idText = words[1].trimmingTrailingSpace()
            let idName = Name(String(idText), range(line, offset: line.content.count - idText.count, length: idText.count))
            return .block(BlockSyntax(keyword: Name(meant, range(line, offset: 0, length: first.count)), id: idName,
                                      entries: entries(body, keyword: meant)))
        }
        guard let entry = entry(line, continuation: body, keyword: nil) else { return nil }
        if entry.key.text.hasPrefix("value ") {
            let id = entry.key.text.dropFirst("value ".count).trimmingCharacters()
            let offset = entry.key.text.count - id.count
            let idRange = SourceRange(SourceLocation(file: source.file, line: line.number,
                                                     column: line.column + offset), length: id.count)
            return .value(id: Name(id, idRange), number: entry.value)
        }
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
    private mutating func entries(_ body: [Line], keyword: String) -> [Entry] {
        guard let first = body.first else { return [] }
        let entryIndent = first.indent
        var entries: [Entry] = []
        var i = 0
        while i < body.count {
            let line = body[i]
            if line.indent < entryIndent {
                report("this line is indented less than the lines above it in the same block", line, notes: tabNote(line))
                i += 1
                continue
            }
            var j = i + 1
            while j < body.count, body[j].indent > line.indent { j += 1 }
            if let entry = entry(line, continuation: Array(body[(i + 1)..<j]), keyword: keyword, entryIndent: entryIndent) {
                entries.append(entry)
            }
            i = j
        }
        return entries
    }

    /// A line that continues `key:`'s value but itself looks like another setting of the block
    /// (`help: ...` indented deeper than `ask:`): it is read as more text, which the person
    /// would then see ("... a different one? help: Some pills ..."), so it is worth a warning.
    private mutating func warnIfSetting(_ more: Line, continuing key: Substring, keyword: String?, entryIndent: Int) {
        guard let name = Self.key(of: more.content) else { return }
        let known = keyword.map { Self.isKey(name, of: $0) } ?? Checker.settingKeys.contains(name)
        guard known else { return }
        let width = more.content.prefix { $0 != ":" }.trimmingTrailingSpace().count
        let fix = keyword == nil ? "start it at the left margin" : "indent it like '\(key):' (\(entryIndent) space\(entryIndent == 1 ? "" : "s"))"
        diagnostics.append(.warning("'\(name):' is indented further than '\(key):' above it, so it is read as more of the text of '\(key):'",
                                    at: range(more, offset: 0, length: width),
                                    notes: ["if '\(name)' is a setting of its own, \(fix)"] + tabNote(more)))
    }

    private mutating func entry(_ line: Line, continuation: [Line], keyword: String?, entryIndent: Int = 0) -> Entry? {
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
            warnIfSetting(more, continuing: keyText, keyword: keyword, entryIndent: entryIndent)
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
        // Nearly every key and value already has one space between words and none around them:
        // it is kept as it is, without splitting it into words and joining them again.
        var afterSpace = true
        var plain = true
        for byte in utf8 {
            let space = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            if byte == UInt8(ascii: "\t") || (space && afterSpace) { plain = false; break }
            afterSpace = space
        }
        if plain && !afterSpace { return String(self) }
        return split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
