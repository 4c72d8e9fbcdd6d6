/// Three-valued truth: a condition may be known true, known false, or not yet known.
public enum Truth: String, Sendable, Equatable {
    case yes, no, unknown

    public init(_ value: Bool) { self = value ? .yes : .no }

    public static prefix func ! (t: Truth) -> Truth {
        switch t {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }

    /// Counts the way ICHD-3 criteria are read: only a known "yes" is met.
    public var isMet: Bool { self == .yes }
}

/// The value of a fact once answered; `unsure` is "not sure".
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case yes, no, unsure
    case number(Double)
    case choice(String)
    /// The options of a `several` fact that apply, sorted by id; empty for "none".
    case options([String])

    public var description: String {
        switch self {
        case .yes: return "yes"
        case .no: return "no"
        case .unsure: return "unsure"
        case .number(let n): return n.plainText
        case .choice(let id): return id
        case .options(let ids): return ids.isEmpty ? "none" : ids.joined(separator: ", ")
        }
    }
}

extension Double {
    /// 42 rather than 42.0, and 8.7 rather than 8.700000000000001 where it makes no difference.
    public var plainText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        let rounded = (self * 1000).rounded() / 1000
        return String(rounded)
    }
}
