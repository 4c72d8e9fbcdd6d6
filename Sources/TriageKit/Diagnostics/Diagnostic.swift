/// One problem found in a rules file or an answers script, as a value; callers decide how to print it.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// Extra lines under the caret: "did you mean ...?", "first defined here", fixes.
    public var notes: [String]
    /// Set on an error that only follows from another one (a name that is unknown because
    /// its block could not be read): where that root error is. Such errors are folded under
    /// the root when printed, so the one to fix comes first and is not buried.
    public var followsFrom: SourceLocation?

    public init(_ severity: Severity, _ message: String, at range: SourceRange, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    public static func error(_ message: String, at range: SourceRange, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: range, notes: notes)
    }

    public static func warning(_ message: String, at range: SourceRange, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: range, notes: notes)
    }

    public var location: SourceLocation { range.start }

    /// The same diagnostic, marked as following from the error at `root`.
    public func following(_ root: SourceLocation) -> Diagnostic {
        var copy = self
        copy.followsFrom = root
        return copy
    }

    /// The one-line form every tool understands: `FILE:LINE:COLUMN: error: MESSAGE`.
    public var summaryLine: String { "\(location): \(severity.rawValue): \(message)" }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
