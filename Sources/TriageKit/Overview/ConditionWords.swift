/// A checked condition in plain words, for people who read the rules rather than write them:
/// "age 50 or more and temple_jaw: yes". Ids stay as they are, so each can be found in the files.
public struct ConditionWords {
    public let rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    public func text(_ condition: Condition) -> String {
        switch condition {
        case .isYes(let q): return "\(name(q)): yes"
        case .isUnsure(let q): return "\(name(q)): not sure"
        case .compare(let q, let op, let value):
            let n = value.plainText
            switch op {
            case .ge: return "\(name(q)) \(n) or more"
            case .gt: return "\(name(q)) more than \(n)"
            case .le: return "\(name(q)) \(n) or less"
            case .lt: return "\(name(q)) less than \(n)"
            case .eq: return "\(name(q)) exactly \(n)"
            case .ne: return "\(name(q)) not \(n)"
            }
        case .between(let q, let low, let high): return "\(name(q)) from \(low.plainText) to \(high.plainText)"
        case .isOneOf(let q, let options): return "\(name(q)) is \(alternatives(options.sorted()))"
        case .hasAny(let q, let options): return "\(name(q)) includes \(alternatives(options.sorted()))"
        case .not(.isYes(let q)): return "\(name(q)): no"
        case .not(let inner): return "not (\(text(inner)))"
        case .and(let parts):
            return parts.isEmpty ? "always" : parts.map { part(of: condition, $0) }.joined(separator: " and ")
        case .or(let parts):
            return parts.isEmpty ? "never" : parts.map { part(of: condition, $0) }.joined(separator: " or ")
        case .count(let counting, let n, let parts):
            return "\(counting.rawValue) \(n) of (\(parts.map(text).joined(separator: "; ")))"
        case .definition(let d): return rules.definitions[d].id
        case .flag(let f): return "red flag \(rules.flags[f].id)"
        case .contributor(let c): return "contributor \(rules.contributors[c].id)"
        case .pattern(let ids): return "the pattern is \(alternatives(ids.sorted()))"
        case .triage(let levels): return "the urgency is \(alternatives(levels.sorted().map { rules.levels[$0].id }))"
        }
    }

    private func name(_ q: Int) -> String { rules.questions[q].id }

    private func alternatives(_ ids: [String]) -> String {
        ids.count <= 1 ? ids.first ?? "" : ids.dropLast().joined(separator: ", ") + " or " + (ids.last ?? "")
    }

    /// A part of `and` / `or` in brackets when it mixes the other one in, so the grouping stays clear.
    private func part(of whole: Condition, _ part: Condition) -> String {
        switch (whole, part) {
        case (.and, .or), (.or, .and): return "(\(text(part)))"
        default: return text(part)
        }
    }
}
