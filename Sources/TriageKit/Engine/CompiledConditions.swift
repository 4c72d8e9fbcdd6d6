/// Everything the evaluator reads, compiled once per rule set and shared by reference: an
/// evaluator (one kept by each consultation, and one per outcome) retains this one object
/// instead of copying the rule set and its many arrays.
final class CompiledConditions: Sendable {
    /// The parts of a rule set the conditions come from.
    struct Source {
        var questions: [Question]
        var definitions: [Definition]
        var levels: [Level]
        var flags: [RedFlag]
        var patterns: [Pattern]
        var contributors: [Contributor]
        var statuses: [TherapyStatus]
        var focusAreas: [FocusArea]
        var advice: [Advice]
    }

    let graph: ConditionGraph
    let roots: ConditionRoots
    let questionCount: Int
    let patternIDs: [String]
    /// Per pattern: met when exactly one criterion is unmet.
    let allButOne: [Bool]
    /// For each option set of the graph that a `pattern is one of` reads: per pattern, whether it
    /// is in the set (empty for the other sets). Found by index rather than by hashing the id.
    let patternSets: [[Bool]]
    /// For each level set of the graph (`triage is one of`): per level, whether it is in the set.
    let levelSets: [[Bool]]
    /// Per red flag, its level.
    let flagLevels: [Int]
    /// Per red flag, the level it counts as when unsure (its own, or its level's).
    let flagWhenUnsure: [Int]
    /// How many urgency levels there are.
    let levelCount: Int
    /// The red flags whose level ends the conversation once one is confirmed, in order.
    let stoppingFlags: [Int]
    /// Per level, whether a triage settled there leaves the rest of the assessment to a doctor.
    let stopsAssessment: [Bool]
    /// The least urgent such level, if any: only flags at or above it can settle a stop.
    let lastAssessmentStop: Int?
    /// Per node, the levels whose triage it decides: a red flag's condition counts under the
    /// flag's level, a level's "also when" under that level. Usually none, sometimes several
    /// (identical conditions share a node). Keeps `LevelTallies` up to date.
    let triageInputs: TriageInputs
    /// What must be worked out again when a fact changes.
    let dependents: Dependents
    /// Every value worked out before anything is known: where each consultation starts.
    /// Nil only while it is being worked out.
    let blank: Evaluator.Values?

    convenience init(_ source: Source) {
        var graph = ConditionGraph()
        let roots = ConditionRoots.build(source, into: &graph)
        let dependents = Dependents(graph: graph, roots: roots, questionCount: source.questions.count)
        let draft = CompiledConditions(source, graph: graph, roots: roots, dependents: dependents, blank: nil)
        self.init(source, graph: graph, roots: roots, dependents: dependents, blank: Evaluator(live: draft).values)
    }

    private init(_ source: Source, graph: ConditionGraph, roots: ConditionRoots, dependents: Dependents, blank: Evaluator.Values?) {
        self.graph = graph
        self.roots = roots
        self.dependents = dependents
        self.blank = blank
        questionCount = source.questions.count
        patternIDs = source.patterns.map(\.id)
        allButOne = source.patterns.map(\.allButOne)
        var patternSets = [[Bool]](repeating: [], count: graph.optionSets.count)
        for node in graph.nodes where node.kind == .pattern {
            let members = graph.optionSets[Int(node.set)]
            patternSets[Int(node.set)] = patternIDs.map { members.contains($0) }
        }
        self.patternSets = patternSets
        levelSets = graph.levelSets.map { set in source.levels.indices.map { set.contains($0) } }
        flagLevels = source.flags.map(\.level)
        flagWhenUnsure = source.flags.map(\.whenUnsure)
        levelCount = source.levels.count
        stoppingFlags = source.flags.indices.filter { source.levels[source.flags[$0].level].stopsConversation }
        stopsAssessment = source.levels.map(\.stopsAssessment)
        lastAssessmentStop = stopsAssessment.lastIndex(of: true)
        var inputs: [(node: Int, level: Int)] = roots.flags.enumerated().map { ($1, source.flags[$0].level) }
        for (l, root) in roots.levelAlso.enumerated() { if let root { inputs.append((root, l)) } }
        triageInputs = TriageInputs(nodeCount: graph.count, inputs)
    }

    var patternCount: Int { allButOne.count }
}

/// The levels each node decides the triage of (`CompiledConditions.triageInputs`), listed back to back.
struct TriageInputs: Sendable {
    private let start: [Int32]
    private let levels: [Int32]

    init(nodeCount: Int, _ inputs: [(node: Int, level: Int)]) {
        (start, levels) = Dependents.lists(inputs.map { ($0.node, $0.level) }, count: nodeCount)
    }

    /// Where the levels of node `id` are listed (`level(at:)`).
    func positions(of id: Int) -> Range<Int> { Int(start[id])..<Int(start[id + 1]) }
    func level(at position: Int) -> Int { Int(levels[position]) }
}
