/// Writes a checked condition back as rules text, with each part's value, for explanations.
struct ConditionPrinter {
    let rules: RuleSet
    let evaluator: Evaluator

    func text(_ c: Condition) -> String {
        func name(_ q: Int) -> String { rules.questions[q].id }
        switch c {
        case .isYes(let q): return name(q)
        case .compare(let q, let op, let v): return "\(name(q)) \(op.rawValue) \(v.plainText)"
        case .between(let q, let lo, let hi): return "\(name(q)) between \(lo.plainText) and \(hi.plainText)"
        case .isOneOf(let q, let set):
            return set.count == 1 ? "\(name(q)) is \(set.first ?? "")" : "\(name(q)) is one of (\(set.sorted().joined(separator: ", ")))"
        case .isUnsure(let q): return "\(name(q)) is unsure"
        case .not(let inner):
            if case .isYes = inner { return "not " + text(inner) }
            return "not (\(text(inner)))"
        case .and(let parts): return parts.map { wrapped($0) }.joined(separator: " and ")
        case .or(let parts): return parts.map { wrapped($0) }.joined(separator: " or ")
        case .count(let counting, let n, let parts):
            return "\(counting.rawValue) \(n) of (\(parts.map(text).joined(separator: ", ")))"
        case .definition(let d): return rules.definitions[d].id
        case .flag(let f): return "flag \(rules.flags[f].id)"
        case .contributor(let c): return "contributor \(rules.contributors[c].id)"
        case .pattern(let ids): return "pattern is one of (\(ids.sorted().joined(separator: ", ")))"
        case .triage(let levels): return "triage is one of (\(levels.sorted().map { rules.levels[$0].id }.joined(separator: ", ")))"
        }
    }

    private func wrapped(_ c: Condition) -> String {
        switch c {
        case .and, .or: return "(\(text(c)))"
        default: return text(c)
        }
    }

    func explain(_ c: Condition, label: String? = nil) -> ExplanationNode {
        let truth = evaluator.eval(c)
        var node = ExplanationNode(label: label, text: text(c), truth: truth, fact: nil, children: [])
        switch c {
        case .isYes(let q), .compare(let q, _, _), .between(let q, _, _), .isOneOf(let q, _), .isUnsure(let q):
            node.fact = (rules.questions[q].id, evaluator.facts[q])
        case .not(let inner):
            if case .isYes(let q) = inner { node.fact = (rules.questions[q].id, evaluator.facts[q]) } else { node.children = [explain(inner)] }
        case .and(let parts), .or(let parts), .count(_, _, let parts):
            node.children = parts.map { explain($0) }
        case .definition(let d):
            node.children = [explain(rules.definitions[d].condition)]
        case .flag(let f):
            node.children = [explain(rules.flags[f].condition)]
        case .contributor(let i):
            node.children = [explain(rules.contributors[i].condition)]
        case .pattern, .triage:
            break
        }
        return node
    }
}
