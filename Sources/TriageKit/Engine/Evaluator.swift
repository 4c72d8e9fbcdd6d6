/// Evaluates conditions over the facts known so far, in three-valued logic.
///
/// During the conversation an unanswered fact is unknown (it may still be asked). At the end
/// (`final`), an unanswered fact counts as "not sure", criteria that stay unknown are unmet, and
/// derived values (pattern, triage) are settled. One evaluator serves flags, patterns and therapy;
/// it remembers each node of the rule set's condition graph, so nothing is worked out twice.
///
/// A consultation keeps one live evaluator (`LiveEvaluation`) that works every value out and,
/// when a fact changes, works out again only the values that depend on it (`update`).
///
/// The evaluator is the hot loop of every run. Its memo is a raw buffer rather than an array:
/// an array in a class property would be checked for exclusive access on every read. Its other
/// properties are plain (switching off their exclusivity checks saved 2 to 3% of a scripted
/// run, too little for unchecked code), and a complete evaluator is only read, which is what
/// lets consultations share it across threads: `precondition`s hold that in release builds too.
final class Evaluator {
    let compiled: CompiledConditions
    private(set) var facts: [FactValue?]
    let final: Bool
    /// Per value: 0 not yet known, else Truth as 1 yes, 2 no, 3 unknown. The values are the
    /// graph's nodes, then each pattern's match.
    private let memo: UnsafeMutableBufferPointer<UInt8>
    /// One bit per question whose fact is nil, kept with `facts`: the search for the next question
    /// visits only these, not every question answered so far.
    private let unanswered: UnsafeMutableBufferPointer<UInt64>
    private var patternCandidateCache: [Int]?
    /// The last candidate when it certainly matches; set with `patternCandidateCache`.
    private var certainPatternCache: Int?
    private var triageSpan: ClosedRange<Int>?
    /// For a live evaluator only: what the triage span follows from, kept with the memo.
    private var tallies: LevelTallies?
    /// True while every value is worked out (a live evaluator between updates): it is then only
    /// read, which is what lets consultations that share it be used from several threads.
    private var isComplete = false
    /// The words of `PendingSteps`, for a live evaluator once it is first updated.
    private var pendingWords: UnsafeMutableBufferPointer<UInt64>?

    /// Set when a conversation stopped early: no pattern was assessed (`stopPatternAssessment`).
    private(set) var patternNotAssessed = false

    /// Every value remembered: the graph's nodes, then each pattern's match.
    private var memoCount: Int { compiled.graph.count + compiled.patternCount }
    /// The id `Dependents` gives the pattern candidates; the triage span's is the one after.
    private var candidatesID: Int { memoCount }

    convenience init(rules: RuleSet, facts: [FactValue?], final: Bool) {
        self.init(compiled: rules.compiled, facts: facts, final: final)
    }

    init(compiled: CompiledConditions, facts: [FactValue?], final: Bool) {
        self.compiled = compiled
        self.facts = facts
        self.final = final
        memo = .allocate(capacity: max(1, compiled.graph.count + compiled.patternCount))
        memo.initialize(repeating: 0)
        unanswered = .allocate(capacity: max(1, (facts.count + 63) / 64))
        unanswered.initialize(repeating: 0)
        for (q, fact) in facts.enumerated() where fact == nil { unanswered[q >> 6] |= 1 << UInt64(q & 63) }
    }

    deinit {
        memo.deallocate()
        unanswered.deallocate()
        pendingWords?.deallocate()
    }

    // MARK: - Live evaluation

    /// Every value worked out, as `values` keeps them.
    struct Values: Sendable {
        var memo: [UInt8]
        var patternCandidates: [Int]
        var certainPattern: Int?
        var triage: ClosedRange<Int>
        var tallies: LevelTallies?
    }

    /// A complete evaluator for a consultation with nothing known yet.
    convenience init(live compiled: CompiledConditions) {
        self.init(compiled: compiled, facts: Array(repeating: nil, count: compiled.questionCount), final: false)
        if let blank = compiled.blank {
            restore(blank)
        } else {
            for id in 0..<memoCount { evaluate(id) }
            _ = patternCandidates()
            _ = triage()
            var tallies = LevelTallies(levelCount: compiled.levelCount)
            for id in 0..<compiled.graph.count {
                for i in compiled.triageInputs.positions(of: id) { tallies.count(memo[id], at: compiled.triageInputs.level(at: i)) }
            }
            self.tallies = tallies
        }
        isComplete = true
    }

    var values: Values {
        Values(memo: Array(memo), patternCandidates: patternCandidates(), certainPattern: firstCertainPattern(), triage: triage(),
               tallies: tallies)
    }

    private func restore(_ values: Values) {
        _ = memo.update(fromContentsOf: values.memo)
        patternCandidateCache = values.patternCandidates
        certainPatternCache = values.certainPattern
        triageSpan = values.triage
        tallies = values.tallies
    }

    /// A separate evaluator with the same facts and values, for a consultation about to change one.
    func copy() -> Evaluator {
        let copy = Evaluator(compiled: compiled, facts: facts, final: final)
        _ = copy.memo.update(fromContentsOf: memo)
        copy.patternCandidateCache = patternCandidateCache
        copy.certainPatternCache = certainPatternCache
        copy.triageSpan = triageSpan
        copy.tallies = tallies
        copy.patternNotAssessed = patternNotAssessed
        copy.isComplete = isComplete
        return copy
    }

    /// Changes one fact of a complete evaluator and works out again, in evaluation order, the
    /// values that depend on it; a value that comes out the same does not pass the change on. The
    /// evaluator is then complete again, with exactly the values a fresh one would work out.
    func update(fact q: Int, to value: FactValue?) {
        precondition(isComplete && !final, "only a live evaluator is updated")
        facts[q] = value
        if value == nil {
            unanswered[q >> 6] |= 1 << UInt64(q & 63)
        } else {
            unanswered[q >> 6] &= ~(1 << UInt64(q & 63))
        }
        var pending = startPropagation()
        for i in compiled.dependents.readerPositions(ofFact: q) { pending.insert(compiled.dependents.readerStep(at: i)) }
        propagate(&pending)
    }

    /// The final evaluator for the same facts (unanswered facts count as "not sure"), made from
    /// this complete live one: it starts from these values and works out again, as `update`
    /// does, those whose inputs differ at the end (the nodes that read an unanswered fact, every
    /// pattern's match and the triage span) and what depends on them. It then holds exactly
    /// the values a fresh final evaluator would work out, most of them without working them out.
    func finalEvaluator() -> Evaluator {
        precondition(isComplete && !final, "made from a live evaluator")
        let e = Evaluator(compiled: compiled, facts: facts, final: true)
        _ = e.memo.update(fromContentsOf: memo)
        e.patternCandidateCache = patternCandidateCache
        e.certainPatternCache = certainPatternCache
        e.triageSpan = triageSpan
        // No tallies: at the end an unsure flag counts as another level (`triage()` goes through the flags).
        e.isComplete = true
        var pending = e.startPropagation()
        var next = firstUnanswered(from: 0)
        while let q = next {
            for i in compiled.dependents.readerPositions(ofFact: q) { pending.insert(compiled.dependents.readerStep(at: i)) }
            next = firstUnanswered(from: q + 1)
        }
        let patternMatches = compiled.graph.count..<memoCount
        for id in patternMatches { pending.insert(compiled.dependents.step(of: id)) }
        pending.insert(compiled.dependents.step(of: memoCount + 1))
        e.propagate(&pending)
        return e
    }

    /// Marks a final evaluator's conversation as stopped before any pattern was assessed: what
    /// reads the pattern then sees none. A complete evaluator has already worked those values
    /// out, so it works them out again.
    func stopPatternAssessment() {
        precondition(final, "only an outcome stops the pattern assessment")
        patternNotAssessed = true
        guard isComplete else { return }
        var pending = startPropagation()
        for i in compiled.dependents.dependentPositions(of: candidatesID) { pending.insert(compiled.dependents.step(at: i)) }
        propagate(&pending)
    }

    /// For a fresh final evaluator, before anything is worked out: the pattern is taken to be
    /// `p` (nil: none, or none assessed) instead of being worked out from the facts. The safety
    /// sweep asks this to tell a triage lowered by a new pattern alone from one lowered by
    /// anything else.
    func assumePattern(_ p: Int?, assessed: Bool) {
        precondition(final && !isComplete && triageSpan == nil, "assumed before anything is worked out")
        patternCandidateCache = p.map { [$0] } ?? []
        certainPatternCache = p
        patternNotAssessed = !assessed
    }

    /// An empty set of values to work out again, for a complete evaluator about to change.
    private func startPropagation() -> PendingSteps {
        precondition(isComplete, "values are worked out again only in a complete evaluator")
        isComplete = false
        if pendingWords == nil { pendingWords = PendingSteps.allocateWords(count: compiled.dependents.count) }
        return PendingSteps(words: pendingWords!)
    }

    /// Works out again, in evaluation order, the pending values and, as long as a value comes
    /// out changed, the values that depend on it. The evaluator is then complete again.
    private func propagate(_ pending: inout PendingSteps) {
        while let step = pending.takeLowest() {
            let id = compiled.dependents.value(atStep: step)
            if reevaluate(id) {
                for i in compiled.dependents.dependentPositions(of: id) { pending.insert(compiled.dependents.step(at: i)) }
            }
        }
        isComplete = true
    }

    /// Works one value out again from its inputs (all final by then); true when it changed.
    private func reevaluate(_ id: Int) -> Bool {
        let n = compiled.graph.count
        if id < memoCount {
            let t = id < n ? compute(compiled.graph.nodes[id]) : computePatternMatch(id - n)
            let old = memo[id], new = Self.code(t)
            guard new != old else { return false }
            memo[id] = new
            if id < n {
                for i in compiled.triageInputs.positions(of: id) {
                    let level = compiled.triageInputs.level(at: i)
                    tallies?.count(old, at: level, by: -1)
                    tallies?.count(new, at: level)
                }
            }
            return true
        } else if id == candidatesID {
            let old = patternCandidateCache
            patternCandidateCache = nil
            return patternCandidates() != old
        } else {
            let old = triageSpan
            triageSpan = nil
            return triage() != old
        }
    }

    /// The first question at or after `q` whose fact is nil, if any.
    func firstUnanswered(from q: Int) -> Int? {
        var word = q >> 6
        guard word < unanswered.count else { return nil }
        var bits = unanswered[word] & (~0 << UInt64(q & 63))
        while bits == 0 {
            word += 1
            guard word < unanswered.count else { return nil }
            bits = unanswered[word]
        }
        return word << 6 | bits.trailingZeroBitCount
    }

    /// Works out one value by the id `Dependents` uses.
    private func evaluate(_ id: Int) {
        let n = compiled.graph.count
        if id < n { _ = eval(node: id) }
        else if id < memoCount { _ = patternMatch(id - n) }
        else if id == candidatesID { _ = patternCandidates() }
        else { _ = triage() }
    }

    /// The remembered truth, or nil when it has not been worked out.
    private func remembered(_ id: Int) -> Truth? {
        switch memo[id] {
        case 1: return .yes
        case 2: return .no
        case 3: return .unknown
        default: return nil
        }
    }

    private func remember(_ t: Truth, _ id: Int) {
        precondition(!isComplete, "a complete evaluator is only read")
        memo[id] = Self.code(t)
    }

    /// A truth as the memo holds it.
    private static func code(_ t: Truth) -> UInt8 {
        t == .yes ? 1 : t == .no ? 2 : 3
    }

    // MARK: - Evaluation

    func value(_ q: Int) -> FactValue? {
        let v = facts[q]
        return v == nil && final ? .unsure : v
    }

    func eval(node id: Int) -> Truth {
        if let t = remembered(id) { return t }
        let t = compute(compiled.graph.nodes[id])
        remember(t, id)
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
            return Truth(compiled.graph.optionLists[Int(node.set)].contains(id))
        case .hasAny:
            guard case .options(let held) = value(ref) else { return .unknown }
            let wanted = compiled.graph.optionLists[Int(node.set)]
            return Truth(held.contains { wanted.contains($0) })
        case .isUnsure:
            guard let v = value(ref) else { return .unknown }
            return Truth(v == .unsure)
        case .not:
            return !eval(node: Int(compiled.graph.children[Int(node.firstChild)]))
        case .and:
            var result = Truth.yes
            for i in compiled.graph.childPositions(of: node) {
                switch eval(node: Int(compiled.graph.children[i])) {
                case .no: return .no
                case .unknown: result = .unknown
                case .yes: break
                }
            }
            return result
        case .or:
            var result = Truth.no
            for i in compiled.graph.childPositions(of: node) {
                switch eval(node: Int(compiled.graph.children[i])) {
                case .yes: return .yes
                case .unknown: result = .unknown
                case .no: break
                }
            }
            return result
        case .atLeast, .atMost, .exactly:
            var yes = 0, unknown = 0
            for i in compiled.graph.childPositions(of: node) {
                switch eval(node: Int(compiled.graph.children[i])) {
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
            return eval(node: compiled.roots.definitions[ref])
        case .flag:
            return flag(ref)
        case .contributor:
            return eval(node: compiled.roots.contributors[ref])
        case .pattern:
            if patternNotAssessed { return .no }
            let members = compiled.patternSets[Int(node.set)]
            let candidates = patternCandidates()
            var inSet = 0
            for p in candidates where members[p] { inSet += 1 }
            if inSet == candidates.count, !candidates.isEmpty { return .yes }
            return inSet == 0 ? .no : .unknown
        case .triage:
            let members = compiled.levelSets[Int(node.set)]
            let span = triage()
            var inSet = 0
            for level in span where members[level] { inSet += 1 }
            if inSet == span.count { return .yes }
            return inSet == 0 ? .no : .unknown
        }
    }

    func flag(_ f: Int) -> Truth { eval(node: compiled.roots.flags[f]) }
    func contributor(_ c: Int) -> Truth { eval(node: compiled.roots.contributors[c]) }
    func optional(_ root: Int?) -> Truth? { root.map { eval(node: $0) } }

    /// Whether a pattern's criteria are met; at the end an unknown criterion is unmet.
    func patternMatch(_ p: Int) -> Truth {
        let id = compiled.graph.count + p
        if let t = remembered(id) { return t }
        let t = computePatternMatch(p)
        remember(t, id)
        return t
    }

    private func computePatternMatch(_ p: Int) -> Truth {
        var unmet = 0, unknown = 0
        for root in compiled.roots.criteria[p] {
            switch eval(node: root) {
            case .yes: break
            case .no: unmet += 1
            case .unknown: if final { unmet += 1 } else { unknown += 1 }
            }
        }
        if compiled.allButOne[p] {
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
        precondition(!isComplete, "a complete evaluator is only read")
        var candidates: [Int] = []
        candidates.reserveCapacity(compiled.patternCount)
        certainPatternCache = nil
        for p in 0..<compiled.patternCount {
            let m = patternMatch(p)
            if m == .yes { candidates.append(p); certainPatternCache = p; break }
            if m == .unknown { candidates.append(p) }
        }
        patternCandidateCache = candidates
        return candidates
    }

    /// The range of urgency levels still possible (lower index is more urgent).
    func triage() -> ClosedRange<Int> {
        if let cached = triageSpan { return cached }
        precondition(!isComplete, "a complete evaluator is only read")
        if let tallies {
            triageSpan = tallies.span
            return tallies.span
        }
        let baseline = max(0, compiled.levelCount - 1)
        var mostUrgent = baseline, leastUrgent = baseline
        for (f, level) in compiled.flagLevels.enumerated() {
            switch self.flag(f) {
            case .yes:
                mostUrgent = min(mostUrgent, level)
                leastUrgent = min(leastUrgent, level)
            case .unknown:
                mostUrgent = min(mostUrgent, final ? compiled.flagWhenUnsure[f] : level)
                if final { leastUrgent = min(leastUrgent, compiled.flagWhenUnsure[f]) }
            case .no: break
            }
        }
        for l in 0..<compiled.levelCount {
            guard let root = compiled.roots.levelAlso[l] else { continue }
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
        var walked = Set<Int>()
        return isOpen(q, in: id, walked: &walked)
    }

    /// `walked` holds the definitions, flags and contributors already walked for `q` and found
    /// closed (an open one ends the walk): one reused at every level of a chain of definitions
    /// is walked once, not once per use, which would double the work per level.
    private func isOpen(_ q: Int, in id: Int, walked: inout Set<Int>) -> Bool {
        guard eval(node: id) == .unknown else { return false }
        let node = compiled.graph.nodes[id]
        let ref = Int(node.ref)
        switch node.kind {
        case .isYes, .compare, .between, .isOneOf, .isUnsure, .hasAny: return ref == q
        case .not, .and, .or, .atLeast, .atMost, .exactly:
            for i in compiled.graph.childPositions(of: node) where isOpen(q, in: Int(compiled.graph.children[i]), walked: &walked) { return true }
            return false
        case .definition: return walked.insert(id).inserted && isOpen(q, in: compiled.roots.definitions[ref], walked: &walked)
        case .flag: return walked.insert(id).inserted && isOpen(q, in: compiled.roots.flags[ref], walked: &walked)
        case .contributor: return walked.insert(id).inserted && isOpen(q, in: compiled.roots.contributors[ref], walked: &walked)
        case .pattern, .triage: return false
        }
    }

    /// The first pattern that certainly matches, if any: patterns after it cannot matter.
    func firstCertainPattern() -> Int? {
        if patternCandidateCache == nil { _ = patternCandidates() }
        return certainPatternCache
    }

    /// Whether fact `q` can still change any conclusion: the same test as `Consultation.openFacts`,
    /// asked of one fact through the conclusions that read it.
    func isRelevant(_ q: Int) -> Bool {
        // Shared by the conclusions: a definition they have in common is walked once.
        var walked = Set<Int>()
        func isOpen(_ q: Int, in root: Int) -> Bool { self.isOpen(q, in: root, walked: &walked) }
        for reader in compiled.roots.readers[q] {
            switch reader {
            case .flag(let f): if isOpen(q, in: compiled.roots.flags[f]) { return true }
            case .pattern(let p):
                if let certain = firstCertainPattern(), certain <= p { continue }
                if patternMatch(p) == .unknown {
                    for root in compiled.roots.criteria[p] where isOpen(q, in: root) { return true }
                }
            case .levelAlso(let l): if let root = compiled.roots.levelAlso[l], isOpen(q, in: root) { return true }
            case .contributor(let c): if isOpen(q, in: compiled.roots.contributors[c]) { return true }
            case .status(let s):
                // Statuses are tried in order: one after a certain (or unconditional) status cannot matter.
                if isStatusSettledBefore(s) { continue }
                if let root = compiled.roots.statuses[s], isOpen(q, in: root) { return true }
            case .focus(let a): if isOpen(q, in: compiled.roots.focusAreas[a]) { return true }
            case .advice(let i): if let root = compiled.roots.advice[i], isOpen(q, in: root) { return true }
            }
        }
        return false
    }

    /// Whether a status before status `s` certainly applies (or has no condition), so `s` cannot.
    private func isStatusSettledBefore(_ s: Int) -> Bool {
        for root in compiled.roots.statuses[..<s] {
            guard let root else { return true }
            if eval(node: root) == .yes { return true }
        }
        return false
    }

    /// Marks the facts whose answer could still change this condition; nothing once it is settled.
    func openFacts(_ id: Int, into open: inout [Bool], seen: inout [Bool]) {
        guard eval(node: id) == .unknown else { return }
        let node = compiled.graph.nodes[id]
        let ref = Int(node.ref)
        switch node.kind {
        case .isYes, .compare, .between, .isOneOf, .isUnsure, .hasAny:
            open[ref] = true
        case .not, .and, .or, .atLeast, .atMost, .exactly:
            for child in compiled.graph.childIDs(of: node) { openFacts(Int(child), into: &open, seen: &seen) }
        case .definition:
            let root = compiled.roots.definitions[ref]
            if !seen[root] { seen[root] = true; openFacts(root, into: &open, seen: &seen) }
        case .flag:
            let root = compiled.roots.flags[ref]
            if !seen[root] { seen[root] = true; openFacts(root, into: &open, seen: &seen) }
        case .contributor:
            let root = compiled.roots.contributors[ref]
            if !seen[root] { seen[root] = true; openFacts(root, into: &open, seen: &seen) }
        case .pattern, .triage:
            // Decided by the flags and patterns, whose own facts are already open.
            break
        }
    }
}
