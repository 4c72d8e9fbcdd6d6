/// Prints diagnostics the way Rust and Elm do: the summary line, the source line, a caret, then notes.
public struct DiagnosticRenderer: Sendable {
    /// Source text of each file by its display name, so the offending line can be shown.
    public var sources: [String: String]

    public init(sources: [String: String]) {
        self.sources = sources
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.summaryLine + "\n"
        let loc = diagnostic.location
        if let text = sources[loc.file], let line = Self.line(loc.line, of: text) {
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += "\(pad) |\n"
            out += "\(gutter) | \(line)\n"
            let lead = String(line.prefix(max(0, loc.column - 1)).map { $0 == "\t" ? "\t" : " " })
            let width = max(1, min(diagnostic.range.length, max(1, line.count - loc.column + 1)))
            out += "\(pad) | \(lead)\(String(repeating: "^", count: width))\n"
            for note in diagnostic.notes { out += "\(pad) = \(note)\n" }
        } else {
            for note in diagnostic.notes { out += "  = \(note)\n" }
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return String(line.hasSuffix("\r") ? line.dropLast() : line) }
            current += 1
        }
        return nil
    }
}
