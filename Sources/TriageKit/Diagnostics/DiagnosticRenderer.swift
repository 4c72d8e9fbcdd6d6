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

    /// Renders diagnostics with their follow-on errors folded: an error others follow from comes
    /// first, with "N more errors follow from this" in place of them.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var shown: [String: Int] = [:]
        var hidden: [String: Int] = [:]
        var out: [String] = []
        for d in Self.folded(diagnostics) {
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

    /// The diagnostics to print: those with follow-on errors first, each with a note counting
    /// them, then the others in their order; the follow-ons themselves are left out (unless
    /// their root is not among the diagnostics).
    public static func folded(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var followers: [SourceLocation: Int] = [:]
        let roots = Set(diagnostics.filter { $0.followsFrom == nil && $0.severity == .error }.map(\.location))
        for d in diagnostics { if let root = d.followsFrom, roots.contains(root) { followers[root, default: 0] += 1 } }
        guard !followers.isEmpty else { return diagnostics }
        var first: [Diagnostic] = [], rest: [Diagnostic] = []
        var noted = Set<SourceLocation>()
        for var d in diagnostics {
            if let root = d.followsFrom, roots.contains(root) { continue }
            if d.severity == .error, let count = followers[d.location], noted.insert(d.location).inserted {
                d.notes.append("\(count) more error\(count == 1 ? "" : "s") follow\(count == 1 ? "s" : "") from this one, and go\(count == 1 ? "es" : "") away when it is fixed")
                first.append(d)
            } else {
                rest.append(d)
            }
        }
        return first + rest
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
