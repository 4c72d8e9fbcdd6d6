/// For each value an evaluator remembers, the values worked out from it: what has to be worked
/// out again when a fact changes, and nothing else.
///
/// The values are numbered as in `Evaluator`: the graph's nodes, then each pattern's match, then
/// the pattern candidates, then the triage span. The lists are stored back to back (one array of
/// ids and one of where each list starts), so the whole table is two allocations.
struct Dependents: Sendable {
    /// Per value, one more than the highest rank of the values it is worked out from (0 for a node
    /// that reads a fact): working values out in order of rank, each one's inputs are final.
    let rank: [Int32]
    private let start: [Int32]
    private let ids: [Int32]
    /// Per question, the nodes that read its fact directly.
    private let factStart: [Int32]
    private let factReaders: [Int32]

    init(graph: ConditionGraph, roots: ConditionRoots, questionCount: Int) {
        let n = graph.count
        let patternCount = roots.criteria.count
        let candidates = n + patternCount, triage = candidates + 1
        var edges: [(from: Int, to: Int)] = []
        var factEdges: [(from: Int, to: Int)] = []
        for (id, node) in graph.nodes.enumerated() {
            let ref = Int(node.ref)
            switch node.kind {
            case .isYes, .compare, .between, .isOneOf, .isUnsure: factEdges.append((ref, id))
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
        (start, ids) = Self.lists(edges, count: triage + 1)
        (factStart, factReaders) = Self.lists(factEdges, count: questionCount)
        rank = Self.ranks(start: start, ids: ids)
    }

    /// Ranks by longest path from the facts (the rules have no cycles: the checker sees to that).
    private static func ranks(start: [Int32], ids: [Int32]) -> [Int32] {
        let count = start.count - 1
        var inputs = [Int32](repeating: 0, count: count)
        for id in ids { inputs[Int(id)] += 1 }
        var rank = [Int32](repeating: 0, count: count)
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

    /// The values worked out directly from value `id`.
    func of(_ id: Int) -> ArraySlice<Int32> { ids[Int(start[id])..<Int(start[id + 1])] }

    /// The nodes that read fact `q` directly.
    func readers(ofFact q: Int) -> ArraySlice<Int32> { factReaders[Int(factStart[q])..<Int(factStart[q + 1])] }

    /// Edges grouped by where they come from (a counting sort), keeping their order within a group.
    private static func lists(_ edges: [(from: Int, to: Int)], count: Int) -> (start: [Int32], ids: [Int32]) {
        var start = [Int32](repeating: 0, count: count + 1)
        for edge in edges { start[edge.from + 1] += 1 }
        for i in 0..<count { start[i + 1] += start[i] }
        var next = start
        var ids = [Int32](repeating: 0, count: edges.count)
        for edge in edges {
            ids[Int(next[edge.from])] = Int32(edge.to)
            next[edge.from] += 1
        }
        return (start, ids)
    }
}
