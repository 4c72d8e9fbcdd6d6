/// Evaluates conditions over the facts known so far, in three-valued logic.
///
/// During the conversation an unanswered fact is unknown (it may still be asked). At the end
/// (`final`), an unanswered fact counts as "not sure", criteria that stay unknown are unmet, and
/// derived values (pattern, triage) are settled. One evaluator serves flags, patterns and therapy.
final class Evaluator {
    let rules: RuleSet
    let facts: [FactValue?]
    let final: Bool

    private var definitionCache: [Truth?]
    private var flagCache: [Truth?]
    private var contributorCache: [Truth?]
    private var patternCandidateCache: [Int]?
    private var triageSpan: ClosedRange<Int>?

    init(rules: RuleSet, facts: [FactValue?], final: Bool) {
        self.rules = rules
        self.facts = facts
        self.final = final
        definitionCache = Array(repeating: nil, count: rules.definitions.count)
        flagCache = Array(repeating: nil, count: rules.flags.count)
        contributorCache = Array(repeating: nil, count: rules.contributors.count)
    }

    /// Set when a conversation stopped early: no pattern was assessed.
    var patternNotAssessed = false

    func value(_ q: Int) -> FactValue? {
        let v = facts[q]
        return v == nil && final ? .unsure : v
    }

    func eval(_ condition: Condition) -> Truth {
        switch condition {
        case .isYes(let q):
            switch value(q) {
            case .yes: return .yes
            case .no: return .no
            default: return .unknown
            }
        case .compare(let q, let op, let limit):
            guard case .number(let n) = value(q) else { return .unknown }
            switch op {
            case .lt: return Truth(n < limit)
            case .le: return Truth(n <= limit)
            case .gt: return Truth(n > limit)
            case .ge: return Truth(n >= limit)
            case .eq: return Truth(n == limit)
            case .ne: return Truth(n != limit)
            }
        case .between(let q, let low, let high):
            guard case .number(let n) = value(q) else { return .unknown }
            return Truth(n >= low && n <= high)
        case .isOneOf(let q, let options):
            guard case .choice(let id) = value(q) else { return .unknown }
            return Truth(options.contains(id))
        case .isUnsure(let q):
            guard let v = value(q) else { return .unknown }
            return Truth(v == .unsure)
        case .not(let inner):
            return !eval(inner)
        case .and(let parts):
            var result = Truth.yes
            for part in parts {
                switch eval(part) {
                case .no: return .no
                case .unknown: result = .unknown
                case .yes: break
                }
            }
            return result
        case .or(let parts):
            var result = Truth.no
            for part in parts {
                switch eval(part) {
                case .yes: return .yes
                case .unknown: result = .unknown
                case .no: break
                }
            }
            return result
        case .count(let counting, let n, let parts):
            var yes = 0, unknown = 0
            for part in parts {
                switch eval(part) {
                case .yes: yes += 1
                case .unknown: unknown += 1
                case .no: break
                }
            }
            switch counting {
            case .atLeast: return yes >= n ? .yes : (yes + unknown < n ? .no : .unknown)
            case .atMost: return yes + unknown <= n ? .yes : (yes > n ? .no : .unknown)
            case .exactly:
                if yes > n || yes + unknown < n { return .no }
                return unknown == 0 ? .yes : .unknown
            }
        case .definition(let d):
            if let cached = definitionCache[d] { return cached }
            let t = eval(rules.definitions[d].condition)
            definitionCache[d] = t
            return t
        case .flag(let f):
            return flag(f)
        case .contributor(let c):
            if let cached = contributorCache[c] { return cached }
            let t = eval(rules.contributors[c].condition)
            contributorCache[c] = t
            return t
        case .pattern(let ids):
            if patternNotAssessed { return .no }
            let candidates = self.patternCandidates()
            let inSet = candidates.filter { ids.contains(rules.patterns[$0].id) }.count
            if inSet == candidates.count, !candidates.isEmpty { return .yes }
            return inSet == 0 ? .no : .unknown
        case .triage(let levels):
            let span = triage()
            let inSet = span.filter { levels.contains($0) }.count
            if inSet == span.count { return .yes }
            return inSet == 0 ? .no : .unknown
        }
    }

    func flag(_ f: Int) -> Truth {
        if let cached = flagCache[f] { return cached }
        let t = eval(rules.flags[f].condition)
        flagCache[f] = t
        return t
    }

    /// Whether a pattern's criteria are met; at the end an unknown criterion is unmet.
    func patternMatch(_ p: Int) -> Truth {
        let pattern = rules.patterns[p]
        var unmet = 0, unknown = 0
        for criterion in pattern.criteria {
            switch eval(criterion.condition) {
            case .yes: break
            case .no: unmet += 1
            case .unknown: if final { unmet += 1 } else { unknown += 1 }
            }
        }
        if pattern.allButOne {
            if unmet >= 2 { return .no }
            if unknown == 0 { return Truth(unmet == 1) }
            return .unknown
        }
        if unmet > 0 { return .no }
        return unknown == 0 ? .yes : .unknown
    }

    /// The patterns that may still be the answer, in order; at the end, just the one found.
    func patternCandidates() -> [Int] {
        if let cached = patternCandidateCache { return cached }
        var candidates: [Int] = []
        for p in rules.patterns.indices {
            let m = patternMatch(p)
            if m == .yes { candidates.append(p); break }
            if m == .unknown { candidates.append(p) }
        }
        patternCandidateCache = candidates
        return candidates
    }

    /// The range of urgency levels still possible (lower index is more urgent).
    func triage() -> ClosedRange<Int> {
        if let cached = triageSpan { return cached }
        let baseline = max(0, rules.levels.count - 1)
        var mostUrgent = baseline, leastUrgent = baseline
        for (f, flag) in rules.flags.enumerated() {
            switch self.flag(f) {
            case .yes:
                mostUrgent = min(mostUrgent, flag.level)
                leastUrgent = min(leastUrgent, flag.level)
            case .unknown:
                mostUrgent = min(mostUrgent, final ? rules.levels[flag.level].whenUnsure : flag.level)
                if final { leastUrgent = min(leastUrgent, rules.levels[flag.level].whenUnsure) }
            case .no: break
            }
        }
        for (l, level) in rules.levels.enumerated() {
            guard let also = level.alsoWhen else { continue }
            switch eval(also) {
            case .yes:
                mostUrgent = min(mostUrgent, l)
                leastUrgent = min(leastUrgent, l)
            case .unknown: if !final { mostUrgent = min(mostUrgent, l) }
            case .no: break
            }
        }
        let span = mostUrgent...max(mostUrgent, leastUrgent)
        triageSpan = span
        return span
    }

    /// Facts whose answer could still change this condition; empty once it is settled.
    func openFacts(_ condition: Condition, into open: inout Set<Int>, seen: inout Set<Int>) {
        guard eval(condition) == .unknown else { return }
        switch condition {
        case .isYes(let q), .compare(let q, _, _), .between(let q, _, _), .isOneOf(let q, _), .isUnsure(let q):
            open.insert(q)
        case .not(let inner):
            openFacts(inner, into: &open, seen: &seen)
        case .and(let parts), .or(let parts), .count(_, _, let parts):
            for part in parts { openFacts(part, into: &open, seen: &seen) }
        case .definition(let d):
            if seen.insert(d).inserted { openFacts(rules.definitions[d].condition, into: &open, seen: &seen) }
        case .flag(let f):
            openFacts(rules.flags[f].condition, into: &open, seen: &seen)
        case .contributor(let c):
            openFacts(rules.contributors[c].condition, into: &open, seen: &seen)
        case .pattern, .triage:
            // Decided by the flags and patterns, whose own facts are already open.
            break
        }
    }
}
