/// Prints diagnostics the way Rust and Elm do: the summary line, the source line, a caret, then notes.
public struct DiagnosticRenderer: Sendable {
    /// Source text of each file by its display name, so the offending line can be shown.
    public var sources: [String: String]
    /// Each file's lines, split once: a file with thousands of problems must not be split thousands of times.
    private let lines: [String: [Substring]]

    public init(sources: [String: String]) {
        self.sources = sources
        lines = sources.mapValues { SourceText.lines(of: $0) }
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.summaryLine + "\n"
        let loc = diagnostic.location
        if let fileLines = lines[loc.file], loc.line >= 1, loc.line <= fileLines.count {
            let raw = fileLines[loc.line - 1]
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
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

    /// The most diagnostics shown for one file; past that, a count of the rest.
    public static let maxReported = 100

    public func render(_ diagnostics: [Diagnostic]) -> String {
        var shown: [String: Int] = [:]
        var hidden: [String: Int] = [:]
        var out: [String] = []
        for d in diagnostics {
            let file = d.location.file
            if shown[file, default: 0] < Self.maxReported {
                shown[file, default: 0] += 1
                out.append(render(d))
            } else {
                hidden[file, default: 0] += 1
            }
        }
        for (file, count) in hidden.sorted(by: { $0.key < $1.key }) {
            out.append("\(file): ... and \(count) more problem\(count == 1 ? "" : "s") not shown\n")
        }
        return out.joined(separator: "\n")
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
