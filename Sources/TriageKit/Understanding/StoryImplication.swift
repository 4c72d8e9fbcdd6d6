/// What a story's facts already say about a question it does not name: a headache that began
/// "the last six weeks" is a new one, so `new_or_changed` is yes (`story says yes when:
/// months < 3`). Read only from facts the story gave, and only when they settle the condition;
/// the person sees the answer with the words it came from and can correct it.
enum StoryImplication {
    /// The condition's truth over the facts known, by question index; "not sure" and facts not
    /// given are unknown.
    static func truth(_ c: Condition, _ facts: [Int: FactValue], _ rules: RuleSet) -> Truth {
        switch c {
        case .isYes(let q):
            switch facts[q] { case .yes?: return .yes; case .no?: return .no; default: return .unknown }
        case .isUnsure(let q):
            guard let value = facts[q] else { return .unknown }
            return Truth(value == .unsure)
        case .compare(let q, let op, let limit):
            guard case .number(let n)? = facts[q] else { return .unknown }
            switch op {
            case .lt: return Truth(n < limit)
            case .le: return Truth(n <= limit)
            case .gt: return Truth(n > limit)
            case .ge: return Truth(n >= limit)
            case .eq: return Truth(n == limit)
            case .ne: return Truth(n != limit)
            }
        case .between(let q, let low, let high):
            guard case .number(let n)? = facts[q] else { return .unknown }
            return Truth(low <= n && n <= high)
        case .isOneOf(let q, let options):
            guard case .choice(let id)? = facts[q] else { return .unknown }
            return Truth(options.contains(id))
        case .hasAny(let q, let options):
            guard case .options(let ids)? = facts[q] else { return .unknown }
            return Truth(!options.isDisjoint(with: ids))
        case .not(let inner):
            return !truth(inner, facts, rules)
        case .and(let parts):
            let values = parts.map { truth($0, facts, rules) }
            return values.contains(.no) ? .no : values.allSatisfy { $0 == .yes } ? .yes : .unknown
        case .or(let parts):
            let values = parts.map { truth($0, facts, rules) }
            return values.contains(.yes) ? .yes : values.allSatisfy { $0 == .no } ? .no : .unknown
        case .count(let counting, let n, let parts):
            let values = parts.map { truth($0, facts, rules) }
            let yes = values.filter { $0 == .yes }.count, open = values.filter { $0 == .unknown }.count
            switch counting {
            case .atLeast: return yes >= n ? .yes : yes + open < n ? .no : .unknown
            case .atMost: return yes + open <= n ? .yes : yes > n ? .no : .unknown
            case .exactly: return open == 0 ? Truth(yes == n) : yes > n || yes + open < n ? .no : .unknown
            }
        case .definition(let d):
            return truth(rules.definitions[d].condition, facts, rules)
        case .flag, .contributor, .pattern, .triage:
            return .unknown // Conclusions are never a story's to settle.
        }
    }
}
