/// For each value an evaluator remembers, the values worked out from it: what has to be worked
/// out again when a fact changes, and nothing else.
///
/// The values are numbered as in `Evaluator`: the graph's nodes, then each pattern's match, then
/// the pattern candidates, then the triage span. They are also put in an evaluation order, where
/// each value comes after every value it is worked out from; the lists give the dependents by
/// their step in that order, so working out pending steps from lowest to highest sees every
/// value's inputs final. Each table is stored back to back (one array of entries and one of
/// where each list starts).
struct Dependents: Sendable {
    /// The value at each step of the evaluation order, and the step of each value.
    private let order: [Int32]
    private let stepOfValue: [Int32]
    private let start: [Int32]
    private let steps: [Int32]
    /// Per question, the steps of the nodes that read its fact directly.
    private let factStart: [Int32]
    private let factReaderSteps: [Int32]

    init(graph: ConditionGraph, roots: ConditionRoots, questionCount: Int) {
        let n = graph.count
        let patternCount = roots.criteria.count
        let candidates = n + patternCount, triage = candidates + 1
        var edges: [(from: Int, to: Int)] = []
        var factEdges: [(from: Int, to: Int)] = []
        for (id, node) in graph.nodes.enumerated() {
            let ref = Int(node.ref)
            switch node.kind {
            case .isYes, .compare, .between, .isOneOf, .isUnsure, .hasAny: factEdges.append((ref, id))
            case .not, .and, .or, .atLeast, .atMost, .exactly:
                for child in graph.childIDs(of: node) { edges.append((Int(child), id)) }
            case .definition: edges.append((roots.definitions[ref], id))
            case .flag: edges.append((roots.flags[ref], id))
            case .contributor: edges.append((roots.contributors[ref], id))
            case .pattern: edges.append((candidates, id))
            case .triage: edges.append((triage, id))
            }
        }
        for (p, criteria) in roots.criteria.enumerated() {
            for root in criteria { edges.append((root, n + p)) }
            edges.append((n + p, candidates))
        }
        for root in roots.flags { edges.append((root, triage)) }
        for root in roots.levelAlso.compactMap({ $0 }) { edges.append((root, triage)) }

        let count = triage + 1
        let rank = Self.ranks(edges, count: count)
        let order = (0..<count).sorted { (rank[$0], $0) < (rank[$1], $1) }
        var step = [Int](repeating: 0, count: count)
        for (s, id) in order.enumerated() { step[id] = s }
        self.order = order.map { Int32($0) }
        stepOfValue = step.map { Int32($0) }
        (start, steps) = Self.lists(edges.map { ($0.from, step[$0.to]) }, count: count)
        (factStart, factReaderSteps) = Self.lists(factEdges.map { ($0.from, step[$0.to]) }, count: questionCount)
    }

    /// How many values there are (and steps in the evaluation order).
    var count: Int { order.count }

    /// The value worked out at a step of the evaluation order, and the step of a value.
    func value(atStep step: Int) -> Int { Int(order[step]) }
    func step(of id: Int) -> Int { Int(stepOfValue[id]) }

    /// Where the steps of the values worked out directly from value `id` are listed (`step(at:)`):
    /// positions rather than a slice, which would retain the list on every value.
    func dependentPositions(of id: Int) -> Range<Int> { Int(start[id])..<Int(start[id + 1]) }
    func step(at position: Int) -> Int { Int(steps[position]) }

    /// Where the steps of the nodes that read fact `q` directly are listed (`readerStep(at:)`).
    func readerPositions(ofFact q: Int) -> Range<Int> { Int(factStart[q])..<Int(factStart[q + 1]) }
    func readerStep(at position: Int) -> Int { Int(factReaderSteps[position]) }

    /// Per value, the length of the longest chain of values it is worked out from (the rules
    /// have no cycles: the checker sees to that). Sorting by rank gives the evaluation order.
    private static func ranks(_ edges: [(from: Int, to: Int)], count: Int) -> [Int] {
        let (start, ids) = lists(edges, count: count)
        var inputs = [Int](repeating: 0, count: count)
        for edge in edges { inputs[edge.to] += 1 }
        var rank = [Int](repeating: 0, count: count)
        var ready = (0..<count).filter { inputs[$0] == 0 }
        while let id = ready.popLast() {
            for dependent in ids[Int(start[id])..<Int(start[id + 1])] {
                let d = Int(dependent)
                rank[d] = max(rank[d], rank[id] + 1)
                inputs[d] -= 1
                if inputs[d] == 0 { ready.append(d) }
            }
        }
        return rank
    }

    /// Edges grouped by where they come from (a counting sort), keeping their order within a group.
    static func lists(_ edges: [(from: Int, to: Int)], count: Int) -> (start: [Int32], entries: [Int32]) {
        var start = [Int32](repeating: 0, count: count + 1)
        for edge in edges { start[edge.from + 1] += 1 }
        for i in 0..<count { start[i + 1] += start[i] }
        var next = start
        var entries = [Int32](repeating: 0, count: edges.count)
        for edge in edges {
            entries[Int(next[edge.from])] = Int32(edge.to)
            next[edge.from] += 1
        }
        return (start, entries)
    }
}
