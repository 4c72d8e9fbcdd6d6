/// A checked condition: facts, definitions and conclusions referred to by index.
public indirect enum Condition: Sendable {
    case isYes(Int)
    case compare(Int, ConditionSyntax.Comparison, Double)
    case between(Int, Double, Double)
    case isOneOf(Int, Set<String>)
    case isUnsure(Int)
    /// A `several` fact holds at least one of these options.
    case hasAny(Int, Set<String>)
    case not(Condition)
    case and([Condition])
    case or([Condition])
    case count(ConditionSyntax.Counting, Int, [Condition])
    case definition(Int)
    case flag(Int)
    case contributor(Int)
    case pattern(Set<String>)
    case triage(Set<Int>)

    /// Facts this condition reads directly (not through definitions or conclusions).
    func visit(_ body: (Condition) -> Void) {
        body(self)
        switch self {
        case .not(let c): c.visit(body)
        case .and(let cs), .or(let cs), .count(_, _, let cs): cs.forEach { $0.visit(body) }
        default: break
        }
    }
}
