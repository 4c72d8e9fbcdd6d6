/// Writes a compiled condition back as rules text, with each part's value, for explanations.
struct ConditionPrinter {
    let rules: RuleSet
    let evaluator: Evaluator
    /// The definitions, flags and contributors explained so far, shared by every copy of this
    /// printer: each is explained in full once and referred to after that, so a definition
    /// reused at every level of a chain does not double the explanation per level.
    private let explained = ExplainedReferences()

    private final class ExplainedReferences {
        /// Each node explained, with the entry it was explained in ("" while that entry is built).
        var nodes: [Int: String] = [:]
        var inCurrentEntry: [Int] = []
    }

    /// Records the entry just built as the place of what it explained in full, so a later
    /// reference can say where to look.
    func finished(_ entry: ExplanationEntry) {
        for id in explained.inCurrentEntry { explained.nodes[id] = "\(entry.kind.rawValue) \(entry.id)" }
        explained.inCurrentEntry = []
    }

    private var graph: ConditionGraph { rules.graph }

    func text(_ id: Int) -> String {
        let node = graph.nodes[id]
        let ref = Int(node.ref)
        func name() -> String { rules.questions[ref].id }
        func parts(_ separator: String) -> String {
            graph.childIDs(of: node).map { wrapped(Int($0)) }.joined(separator: separator)
        }
        switch node.kind {
        case .isYes: return name()
        case .compare: return "\(name()) \(node.comparison.rawValue) \(node.low.plainText)"
        case .between: return "\(name()) between \(node.low.plainText) and \(node.high.plainText)"
        case .isOneOf:
            let set = graph.optionSets[Int(node.set)]
            return set.count == 1 ? "\(name()) is \(set.first ?? "")" : "\(name()) is one of (\(set.sorted().joined(separator: ", ")))"
        case .isUnsure: return "\(name()) is unsure"
        case .hasAny:
            let set = graph.optionSets[Int(node.set)]
            return set.count == 1 ? "\(name()) has \(set.first ?? "")" : "\(name()) has any of (\(set.sorted().joined(separator: ", ")))"
        case .not:
            let inner = Int(graph.children[Int(node.firstChild)])
            return graph.nodes[inner].kind == .isYes ? "not " + text(inner) : "not (\(text(inner)))"
        case .and: return parts(" and ")
        case .or: return parts(" or ")
        case .atLeast, .atMost, .exactly:
            let word = node.kind == .atLeast ? "at least" : node.kind == .atMost ? "at most" : "exactly"
            return "\(word) \(ref) of (\(graph.childIDs(of: node).map { text(Int($0)) }.joined(separator: ", ")))"
        case .definition: return rules.definitions[ref].id
        case .flag: return "flag \(rules.flags[ref].id)"
        case .contributor: return "contributor \(rules.contributors[ref].id)"
        case .pattern: return "pattern is one of (\(graph.optionSets[Int(node.set)].sorted().joined(separator: ", ")))"
        case .triage:
            return "triage is one of (\(graph.levelSets[Int(node.set)].sorted().map { rules.levels[$0].id }.joined(separator: ", ")))"
        }
    }

    private func wrapped(_ id: Int) -> String {
        switch graph.nodes[id].kind {
        case .and, .or: return "(\(text(id)))"
        default: return text(id)
        }
    }

    func explain(_ id: Int, label: String? = nil) -> ExplanationNode {
        let node = graph.nodes[id]
        let ref = Int(node.ref)
        var explained = ExplanationNode(label: label, text: text(id), truth: evaluator.eval(node: id), fact: nil, children: [])
        switch node.kind {
        case .isYes, .compare, .between, .isOneOf, .isUnsure, .hasAny:
            explained.fact = (rules.questions[ref].id, evaluator.facts[ref])
        case .not:
            let inner = Int(graph.children[Int(node.firstChild)])
            if graph.nodes[inner].kind == .isYes {
                let q = Int(graph.nodes[inner].ref)
                explained.fact = (rules.questions[q].id, evaluator.facts[q])
            } else {
                explained.children = [explain(inner)]
            }
        case .and, .or, .atLeast, .atMost, .exactly:
            explained.children = graph.childIDs(of: node).map { explain(Int($0)) }
        case .definition, .flag, .contributor:
            if let place = self.explained.nodes[id] {
                explained.explainedAbove = true
                explained.explainedIn = place.isEmpty ? nil : place
                break
            }
            self.explained.nodes[id] = ""
            self.explained.inCurrentEntry.append(id)
            let roots = rules.roots
            let root = node.kind == .definition ? roots.definitions[ref] : node.kind == .flag ? roots.flags[ref] : roots.contributors[ref]
            explained.children = [explain(root)]
        case .pattern, .triage:
            break
        }
        return explained
    }
}
