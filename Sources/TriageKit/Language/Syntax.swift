/// A word of a rules file with where it stands.
public struct Name: Hashable, Sendable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// One piece of a value that may continue over several lines.
public struct Segment: Hashable, Sendable {
    public var text: String
    public var start: SourceLocation
}

/// A value after `key:`, kept in its line pieces so every word can be located.
public struct ValueText: Hashable, Sendable {
    public var segments: [Segment]

    /// The text with continuation lines joined by one space.
    public var text: String { segments.count == 1 ? segments[0].text : segments.map(\.text).joined(separator: " ") }
    public var range: SourceRange {
        SourceRange(segments[0].start, length: max(1, segments[0].text.count))
    }
}

/// `key: value` inside a block (or at the top level, for settings).
public struct Entry: Hashable, Sendable {
    public var key: Name
    public var value: ValueText
}

/// `question fever` and the indented entries below it.
public struct BlockSyntax: Hashable, Sendable {
    public var keyword: Name
    public var id: Name
    public var entries: [Entry]
}

/// One top-level statement of a rules file.
public enum Statement: Hashable, Sendable {
    case setting(Entry)
    case include(Name)
    case define(id: Name, condition: ValueText)
    /// `value simple_painkiller_limit: 2`: a number named once, used in conditions and texts.
    case value(id: Name, number: ValueText)
    case block(BlockSyntax)
}

/// A parsed rules file: its statements in order, before any names are checked.
public struct RulesFileSyntax: Sendable {
    public var file: String
    public var statements: [Statement]
}

/// A condition as written, every node keeping its place for diagnostics and explanations.
public indirect enum ConditionSyntax: Hashable, Sendable {
    public enum Comparison: String, Sendable { case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "=", ne = "!=" }
    public enum Counting: String, Sendable { case atLeast = "at least", atMost = "at most", exactly }
    public enum Derived: String, Sendable { case pattern, triage }

    /// A bare name: a yes/no fact, or a `define`d condition.
    case name(Name)
    case not(ConditionSyntax, SourceRange)
    case and([ConditionSyntax])
    case or([ConditionSyntax])
    case compare(Name, Comparison, Double, SourceRange)
    case between(Name, Double, Double, SourceRange)
    /// `side is one_side`, `severity is not mild`, `severity is one of (a, b)`, `fever is unsure`.
    case isValue(Name, negated: Bool, values: [Name])
    /// `aura_features has any of (double_vision, unsteady)`, `aura_features has double_vision`.
    case has(Name, values: [Name])
    case count(Counting, Int, [ConditionSyntax], SourceRange)
    case flag(Name)
    case contributor(Name)
    case derived(Derived, Name, negated: Bool, values: [Name])

    /// Where the condition starts, for carets.
    public var range: SourceRange {
        switch self {
        case .name(let n), .flag(let n), .contributor(let n): return n.range
        case .not(_, let r), .compare(_, _, _, let r), .between(_, _, _, let r), .count(_, _, _, let r): return r
        case .and(let parts), .or(let parts): return parts[0].range
        case .isValue(let n, _, _), .has(let n, _), .derived(_, let n, _, _): return n.range
        }
    }
}
