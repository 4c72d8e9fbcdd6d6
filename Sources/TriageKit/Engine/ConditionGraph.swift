/// Every condition of a rule set flattened into one array of nodes, so the evaluator can
/// remember each node's value for the facts at hand and never work a node out twice.
///
/// The checker's `Condition` trees stay the readable model; this is their compiled form,
/// built once when the rule set is made.
public struct ConditionGraph: Sendable {
    enum Kind: UInt8, Sendable {
        case isYes, compare, between, isOneOf, isUnsure, hasAny, not, and, or, atLeast, atMost, exactly
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

    /// While the graph is built: the node already made for each condition, and the index of
    /// each set. Identical conditions share one node (a fact such as `fever` is read by many
    /// rules, and generated rule sets repeat whole conditions): it is worked out once, and an
    /// answer changes fewer nodes. A node's value depends only on what the key holds, so
    /// sharing it changes no value.
    private var shared: [NodeKey: Int32] = [:]
    private var optionSetIndex: [Set<String>: Int32] = [:]
    private var levelSetIndex: [Set<Int>: Int32] = [:]

    private struct NodeKey: Hashable {
        var kind: Kind
        var ref: Int32
        var comparison: ConditionSyntax.Comparison
        var low: UInt64
        var high: UInt64
        var set: Int32
        var children: [Int32]
    }

    var count: Int { nodes.count }

    /// Adds a condition tree and returns its root node (an existing one for a condition already added).
    mutating func add(_ condition: Condition) -> Int {
        var node: Node
        var childIDs: [Int32] = []
        switch condition {
        case .isYes(let q): node = Node(kind: .isYes, ref: Int32(q))
        case .compare(let q, let op, let v): node = Node(kind: .compare, ref: Int32(q), comparison: op, low: v)
        case .between(let q, let lo, let hi): node = Node(kind: .between, ref: Int32(q), low: lo, high: hi)
        case .isOneOf(let q, let set): node = Node(kind: .isOneOf, ref: Int32(q), set: options(set))
        case .isUnsure(let q): node = Node(kind: .isUnsure, ref: Int32(q))
        case .hasAny(let q, let set): node = Node(kind: .hasAny, ref: Int32(q), set: options(set))
        case .not(let inner): node = Node(kind: .not); childIDs = [Int32(add(inner))]
        case .and(let parts): node = Node(kind: .and); childIDs = parts.map { Int32(add($0)) }
        case .or(let parts): node = Node(kind: .or); childIDs = parts.map { Int32(add($0)) }
        case .count(let counting, let n, let parts):
            let kind: Kind = counting == .atLeast ? .atLeast : counting == .atMost ? .atMost : .exactly
            node = Node(kind: kind, ref: Int32(n))
            childIDs = parts.map { Int32(add($0)) }
        case .definition(let d): node = Node(kind: .definition, ref: Int32(d))
        case .flag(let f): node = Node(kind: .flag, ref: Int32(f))
        case .contributor(let c): node = Node(kind: .contributor, ref: Int32(c))
        case .pattern(let ids): node = Node(kind: .pattern, set: options(ids))
        case .triage(let levels): node = Node(kind: .triage, set: levelSet(levels))
        }
        let key = NodeKey(kind: node.kind, ref: node.ref, comparison: node.comparison, low: node.low.bitPattern,
                          high: node.high.bitPattern, set: node.set, children: childIDs)
        if let existing = shared[key] { return Int(existing) }
        // Children are added first, then listed together so a node's children are one slice.
        node.firstChild = Int32(children.count)
        node.childCount = Int32(childIDs.count)
        children.append(contentsOf: childIDs)
        nodes.append(node)
        shared[key] = Int32(nodes.count - 1)
        return nodes.count - 1
    }

    /// Drops what only building needed.
    mutating func finishBuilding() {
        shared = [:]
        optionSetIndex = [:]
        levelSetIndex = [:]
    }

    private mutating func options(_ set: Set<String>) -> Int32 {
        if let index = optionSetIndex[set] { return index }
        optionSets.append(set)
        optionLists.append(set.sorted())
        optionSetIndex[set] = Int32(optionSets.count - 1)
        return Int32(optionSets.count - 1)
    }

    private mutating func levelSet(_ set: Set<Int>) -> Int32 {
        if let index = levelSetIndex[set] { return index }
        levelSets.append(set)
        levelSetIndex[set] = Int32(levelSets.count - 1)
        return Int32(levelSets.count - 1)
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
    /// Per question, when its other words are asked ("ask instead when").
    var askInstead: [Int?] = []
    /// Per question, when a story's other facts answer it yes ("story says yes when").
    var storySaysYes: [Int?] = []
    /// For each question, the conclusions whose conditions read it (directly or through
    /// definitions, flags and contributors): the only places its answer can matter.
    var readers: [[Reader]] = []
    /// For each red flag, the facts its condition reads (directly or through definitions).
    var flagFacts: [[Int]] = []

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
        roots.askInstead = rules.questions.map { $0.askInstead.map { graph.add($0.when) } }
        roots.storySaysYes = rules.questions.map { $0.storySaysYesWhen.map { graph.add($0) } }
        graph.finishBuilding()
        roots.readers = Array(repeating: [], count: rules.questions.count)
        func add(_ reader: Reader, _ root: Int?) {
            guard let root else { return }
            var facts = Set<Int>(), visited = Set<Int>()
            roots.facts(read: root, graph: graph, into: &facts, visited: &visited)
            for q in facts where roots.readers[q].last != reader { roots.readers[q].append(reader) }
        }
        for (f, root) in roots.flags.enumerated() { add(.flag(f), root) }
        roots.flagFacts = roots.flags.map { root in
            var facts = Set<Int>(), visited = Set<Int>()
            roots.facts(read: root, graph: graph, into: &facts, visited: &visited)
            return facts.sorted()
        }
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
        case .isYes, .compare, .between, .isOneOf, .isUnsure, .hasAny: facts.insert(ref)
        case .not, .and, .or, .atLeast, .atMost, .exactly:
            for child in graph.childIDs(of: node) { self.facts(read: Int(child), graph: graph, into: &facts, visited: &visited) }
        case .definition: self.facts(read: definitions[ref], graph: graph, into: &facts, visited: &visited)
        case .flag: self.facts(read: flags[ref], graph: graph, into: &facts, visited: &visited)
        case .contributor: self.facts(read: contributors[ref], graph: graph, into: &facts, visited: &visited)
        case .pattern, .triage: break
        }
    }
}
