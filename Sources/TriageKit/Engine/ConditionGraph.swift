/// Every condition of a rule set flattened into one array of nodes, so the evaluator can
/// remember each node's value for the facts at hand and never work a node out twice.
///
/// The checker's `Condition` trees stay the readable model; this is their compiled form,
/// built once when the rule set is made.
public struct ConditionGraph: Sendable {
    enum Kind: UInt8, Sendable {
        case isYes, compare, between, isOneOf, isUnsure, not, and, or, atLeast, atMost, exactly
        case definition, flag, contributor, pattern, triage
    }

    struct Node: Sendable {
        var kind: Kind
        /// The fact read, the definition/flag/contributor referred to, or the count for "at least N".
        var ref: Int32 = 0
        var comparison: ConditionSyntax.Comparison = .eq
        var low: Double = 0
        var high: Double = 0
        var firstChild: Int32 = 0
        var childCount: Int32 = 0
        /// Index into `optionSets` (choices, patterns) or `levelSets` (triage).
        var set: Int32 = 0
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var optionSets: [Set<String>] = []
    /// The same sets as short lists: a choice is one of a few options, and comparing it with
    /// each is cheaper than hashing it.
    private(set) var optionLists: [[String]] = []
    private(set) var levelSets: [Set<Int>] = []

    var count: Int { nodes.count }

    /// Adds a condition tree and returns its root node.
    mutating func add(_ condition: Condition) -> Int {
        var node: Node
        switch condition {
        case .isYes(let q): node = Node(kind: .isYes, ref: Int32(q))
        case .compare(let q, let op, let v): node = Node(kind: .compare, ref: Int32(q), comparison: op, low: v)
        case .between(let q, let lo, let hi): node = Node(kind: .between, ref: Int32(q), low: lo, high: hi)
        case .isOneOf(let q, let set):
            addOptions(set)
            node = Node(kind: .isOneOf, ref: Int32(q), set: Int32(optionSets.count - 1))
        case .isUnsure(let q): node = Node(kind: .isUnsure, ref: Int32(q))
        case .not(let inner): node = Node(kind: .not); attach([inner], to: &node)
        case .and(let parts): node = Node(kind: .and); attach(parts, to: &node)
        case .or(let parts): node = Node(kind: .or); attach(parts, to: &node)
        case .count(let counting, let n, let parts):
            let kind: Kind = counting == .atLeast ? .atLeast : counting == .atMost ? .atMost : .exactly
            node = Node(kind: kind, ref: Int32(n))
            attach(parts, to: &node)
        case .definition(let d): node = Node(kind: .definition, ref: Int32(d))
        case .flag(let f): node = Node(kind: .flag, ref: Int32(f))
        case .contributor(let c): node = Node(kind: .contributor, ref: Int32(c))
        case .pattern(let ids):
            addOptions(ids)
            node = Node(kind: .pattern, set: Int32(optionSets.count - 1))
        case .triage(let levels):
            levelSets.append(levels)
            node = Node(kind: .triage, set: Int32(levelSets.count - 1))
        }
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func addOptions(_ set: Set<String>) {
        optionSets.append(set)
        optionLists.append(set.sorted())
    }

    /// Children are added first, then listed together so a node's children are one slice.
    private mutating func attach(_ parts: [Condition], to node: inout Node) {
        let ids = parts.map { Int32(add($0)) }
        node.firstChild = Int32(children.count)
        node.childCount = Int32(ids.count)
        children.append(contentsOf: ids)
    }

    func childIDs(of node: Node) -> ArraySlice<Int32> {
        children[childPositions(of: node)]
    }

    /// Where a node's children are listed in `children`: the evaluator's loops index them
    /// rather than take a slice, which would retain the array on every node.
    func childPositions(of node: Node) -> Range<Int> {
        Int(node.firstChild)..<Int(node.firstChild + node.childCount)
    }
}

/// The root node of every condition in a rule set, by what it belongs to.
public struct ConditionRoots: Sendable {
    var definitions: [Int] = []
    var flags: [Int] = []
    var criteria: [[Int]] = []
    var levelAlso: [Int?] = []
    var contributors: [Int] = []
    var statuses: [Int?] = []
    var focusAreas: [Int] = []
    var advice: [Int?] = []
    var contexts: [Int?] = []
    /// For each question, the conclusions whose conditions read it (directly or through
    /// definitions, flags and contributors): the only places its answer can matter.
    var readers: [[Reader]] = []

    /// A conclusion that reads a fact.
    enum Reader: Hashable, Sendable {
        case flag(Int), pattern(Int), levelAlso(Int), contributor(Int), status(Int), focus(Int), advice(Int)
    }

    static func build(_ rules: CompiledConditions.Source, into graph: inout ConditionGraph) -> ConditionRoots {
        var roots = ConditionRoots()
        roots.definitions = rules.definitions.map { graph.add($0.condition) }
        roots.flags = rules.flags.map { graph.add($0.condition) }
        roots.criteria = rules.patterns.map { $0.criteria.map { graph.add($0.condition) } }
        roots.levelAlso = rules.levels.map { $0.alsoWhen.map { graph.add($0) } }
        roots.contributors = rules.contributors.map { graph.add($0.condition) }
        roots.statuses = rules.statuses.map { $0.condition.map { graph.add($0) } }
        roots.focusAreas = rules.focusAreas.map { graph.add($0.condition) }
        roots.advice = rules.advice.map { $0.condition.map { graph.add($0) } }
        roots.contexts = rules.questions.map { $0.context.map { graph.add($0) } }
        roots.readers = Array(repeating: [], count: rules.questions.count)
        func add(_ reader: Reader, _ root: Int?) {
            guard let root else { return }
            var facts = Set<Int>(), visited = Set<Int>()
            roots.facts(read: root, graph: graph, into: &facts, visited: &visited)
            for q in facts where roots.readers[q].last != reader { roots.readers[q].append(reader) }
        }
        for (f, root) in roots.flags.enumerated() { add(.flag(f), root) }
        for (p, criteria) in roots.criteria.enumerated() { for root in criteria { add(.pattern(p), root) } }
        for (l, root) in roots.levelAlso.enumerated() { add(.levelAlso(l), root) }
        for (c, root) in roots.contributors.enumerated() { add(.contributor(c), root) }
        for (s, root) in roots.statuses.enumerated() { add(.status(s), root) }
        for (a, root) in roots.focusAreas.enumerated() { add(.focus(a), root) }
        for (i, root) in roots.advice.enumerated() { add(.advice(i), root) }
        return roots
    }

    /// Every fact a condition reads, following definitions, flags and contributors.
    private func facts(read id: Int, graph: ConditionGraph, into facts: inout Set<Int>, visited: inout Set<Int>) {
        guard visited.insert(id).inserted else { return }
        let node = graph.nodes[id]
        let ref = Int(node.ref)
        switch node.kind {
        case .isYes, .compare, .between, .isOneOf, .isUnsure: facts.insert(ref)
        case .not, .and, .or, .atLeast, .atMost, .exactly:
            for child in graph.childIDs(of: node) { self.facts(read: Int(child), graph: graph, into: &facts, visited: &visited) }
        case .definition: self.facts(read: definitions[ref], graph: graph, into: &facts, visited: &visited)
        case .flag: self.facts(read: flags[ref], graph: graph, into: &facts, visited: &visited)
        case .contributor: self.facts(read: contributors[ref], graph: graph, into: &facts, visited: &visited)
        case .pattern, .triage: break
        }
    }
}
