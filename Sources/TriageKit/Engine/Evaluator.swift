/// Evaluates conditions over the facts known so far, in three-valued logic.
///
/// During the conversation an unanswered fact is unknown (it may still be asked). At the end
/// (`final`), an unanswered fact counts as "not sure", criteria that stay unknown are unmet, and
/// derived values (pattern, triage) are settled. One evaluator serves flags, patterns and therapy;
/// it remembers each node of the rule set's condition graph, so nothing is worked out twice.
final class Evaluator {
    let rules: RuleSet
    let facts: [FactValue?]
    let final: Bool
    private let graph: ConditionGraph
    /// Per node: 0 not yet known, else Truth as 1 yes, 2 no, 3 unknown. A raw buffer rather than
    /// an array property: the evaluator is the hot loop of every run, and a class's array property
    /// pays a dynamic exclusivity check on each access.
    private let memo: UnsafeMutableBufferPointer<UInt8>
    private var patternCandidateCache: [Int]?
    private var triageSpan: ClosedRange<Int>?

    /// Set when a conversation stopped early: no pattern was assessed.
    var patternNotAssessed = false

    init(rules: RuleSet, facts: [FactValue?], final: Bool) {
        self.rules = rules
        self.facts = facts
        self.final = final
        graph = rules.graph
        memo = .allocate(capacity: max(1, rules.graph.count))
        memo.initialize(repeating: 0)
    }

    deinit { memo.deallocate() }

    func value(_ q: Int) -> FactValue? {
        let v = facts[q]
        return v == nil && final ? .unsure : v
    }

    func eval(node id: Int) -> Truth {
        switch memo[id] {
        case 1: return .yes
        case 2: return .no
        case 3: return .unknown
        default: break
        }
        let t = compute(graph.nodes[id])
        memo[id] = t == .yes ? 1 : t == .no ? 2 : 3
        return t
    }

    private func compute(_ node: ConditionGraph.Node) -> Truth {
        let ref = Int(node.ref)
        switch node.kind {
        case .isYes:
            switch value(ref) {
            case .yes: return .yes
            case .no: return .no
            default: return .unknown
            }
        case .compare:
            guard case .number(let n) = value(ref) else { return .unknown }
            let limit = node.low
            switch node.comparison {
            case .lt: return Truth(n < limit)
            case .le: return Truth(n <= limit)
            case .gt: return Truth(n > limit)
            case .ge: return Truth(n >= limit)
            case .eq: return Truth(n == limit)
            case .ne: return Truth(n != limit)
            }
        case .between:
            guard case .number(let n) = value(ref) else { return .unknown }
            return Truth(n >= node.low && n <= node.high)
        case .isOneOf:
            guard case .choice(let id) = value(ref) else { return .unknown }
            return Truth(graph.optionSets[Int(node.set)].contains(id))
        case .isUnsure:
            guard let v = value(ref) else { return .unknown }
            return Truth(v == .unsure)
        case .not:
            return !eval(node: Int(graph.children[Int(node.firstChild)]))
        case .and:
            var result = Truth.yes
            for child in graph.childIDs(of: node) {
                switch eval(node: Int(child)) {
                case .no: return .no
                case .unknown: result = .unknown
                case .yes: break
                }
            }
            return result
        case .or:
            var result = Truth.no
            for child in graph.childIDs(of: node) {
                switch eval(node: Int(child)) {
                case .yes: return .yes
                case .unknown: result = .unknown
                case .no: break
                }
            }
            return result
        case .atLeast, .atMost, .exactly:
            var yes = 0, unknown = 0
            for child in graph.childIDs(of: node) {
                switch eval(node: Int(child)) {
                case .yes: yes += 1
                case .unknown: unknown += 1
                case .no: break
                }
            }
            let n = ref
            switch node.kind {
            case .atLeast: return yes >= n ? .yes : (yes + unknown < n ? .no : .unknown)
            case .atMost: return yes + unknown <= n ? .yes : (yes > n ? .no : .unknown)
            default:
                if yes > n || yes + unknown < n { return .no }
                return unknown == 0 ? .yes : .unknown
            }
        case .definition:
            return eval(node: rules.roots.definitions[ref])
        case .flag:
            return flag(ref)
        case .contributor:
            return eval(node: rules.roots.contributors[ref])
        case .pattern:
            if patternNotAssessed { return .no }
            let ids = graph.optionSets[Int(node.set)]
            let candidates = patternCandidates()
            let inSet = candidates.filter { ids.contains(rules.patterns[$0].id) }.count
            if inSet == candidates.count, !candidates.isEmpty { return .yes }
            return inSet == 0 ? .no : .unknown
        case .triage:
            let levels = graph.levelSets[Int(node.set)]
            let span = triage()
            let inSet = span.filter { levels.contains($0) }.count
            if inSet == span.count { return .yes }
            return inSet == 0 ? .no : .unknown
        }
    }

    func flag(_ f: Int) -> Truth { eval(node: rules.roots.flags[f]) }
    func contributor(_ c: Int) -> Truth { eval(node: rules.roots.contributors[c]) }
    func optional(_ root: Int?) -> Truth? { root.map { eval(node: $0) } }

    /// Whether a pattern's criteria are met; at the end an unknown criterion is unmet.
    func patternMatch(_ p: Int) -> Truth {
        var unmet = 0, unknown = 0
        for root in rules.roots.criteria[p] {
            switch eval(node: root) {
            case .yes: break
            case .no: unmet += 1
            case .unknown: if final { unmet += 1 } else { unknown += 1 }
            }
        }
        if rules.patterns[p].allButOne {
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
        for l in rules.levels.indices {
            guard let root = rules.roots.levelAlso[l] else { continue }
            switch eval(node: root) {
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

    /// Whether fact `q`'s answer could still change this condition (an early-exit `openFacts`).
    func isOpen(_ q: Int, in id: Int) -> Bool {
        guard eval(node: id) == .unknown else { return false }
        let node = graph.nodes[id]
        let ref = Int(node.ref)
        switch node.kind {
        case .isYes, .compare, .between, .isOneOf, .isUnsure: return ref == q
        case .not, .and, .or, .atLeast, .atMost, .exactly:
            return graph.childIDs(of: node).contains { isOpen(q, in: Int($0)) }
        case .definition: return isOpen(q, in: rules.roots.definitions[ref])
        case .flag: return isOpen(q, in: rules.roots.flags[ref])
        case .contributor: return isOpen(q, in: rules.roots.contributors[ref])
        case .pattern, .triage: return false
        }
    }

    /// The first pattern that certainly matches, if any: patterns after it cannot matter.
    func firstCertainPattern() -> Int? {
        patternCandidates().last.flatMap { patternMatch($0) == .yes ? $0 : nil }
    }

    /// Whether fact `q` can still change any conclusion: the same test as `Consultation.openFacts`,
    /// asked of one fact through the conclusions that read it.
    func isRelevant(_ q: Int) -> Bool {
        let roots = rules.roots
        for reader in roots.readers[q] {
            switch reader {
            case .flag(let f): if isOpen(q, in: roots.flags[f]) { return true }
            case .pattern(let p):
                if let certain = firstCertainPattern(), certain <= p { continue }
                if patternMatch(p) == .unknown, roots.criteria[p].contains(where: { isOpen(q, in: $0) }) { return true }
            case .levelAlso(let l): if let root = roots.levelAlso[l], isOpen(q, in: root) { return true }
            case .contributor(let c): if isOpen(q, in: roots.contributors[c]) { return true }
            case .status(let s):
                // Statuses are tried in order: one after a certain (or unconditional) status cannot matter.
                if roots.statuses[..<s].contains(where: { root in root.map { eval(node: $0) == .yes } ?? true }) { continue }
                if let root = roots.statuses[s], isOpen(q, in: root) { return true }
            case .focus(let a): if isOpen(q, in: roots.focusAreas[a]) { return true }
            case .advice(let i): if let root = roots.advice[i], isOpen(q, in: root) { return true }
            }
        }
        return false
    }

    /// Marks the facts whose answer could still change this condition; nothing once it is settled.
    func openFacts(_ id: Int, into open: inout [Bool], seen: inout [Bool]) {
        guard eval(node: id) == .unknown else { return }
        let node = graph.nodes[id]
        let ref = Int(node.ref)
        switch node.kind {
        case .isYes, .compare, .between, .isOneOf, .isUnsure:
            open[ref] = true
        case .not, .and, .or, .atLeast, .atMost, .exactly:
            for child in graph.childIDs(of: node) { openFacts(Int(child), into: &open, seen: &seen) }
        case .definition:
            let root = rules.roots.definitions[ref]
            if !seen[root] { seen[root] = true; openFacts(root, into: &open, seen: &seen) }
        case .flag:
            openFacts(rules.roots.flags[ref], into: &open, seen: &seen)
        case .contributor:
            openFacts(rules.roots.contributors[ref], into: &open, seen: &seen)
        case .pattern, .triage:
            // Decided by the flags and patterns, whose own facts are already open.
            break
        }
    }
}
