/// `show --dot`: the same overview as a picture, in Graphviz's DOT language. Questions on the
/// left feed definitions, red flags, patterns and the rest; each red flag points at its level.
/// Every node's tooltip holds its condition in plain words (and a flag's message), so the SVG
/// answers "why" on hover.
public struct OverviewDOT {
    public let map: RulesMap
    private var rules: RuleSet { map.rules }

    public init(rules: RuleSet) { map = RulesMap(rules: rules) }

    /// Fill colours for the levels, most urgent first; the last is used for every later level.
    static let levelColours = ["#f4a6a6", "#f8c58c", "#fbe7a1", "#cfe8c6"]

    public func render() -> String {
        let words = ConditionWords(rules: rules)
        var out = ["digraph rules {",
                   "  graph [rankdir=LR, fontname=\"Helvetica\", label=\(quoted("\(rules.name) \(rules.version)")), labelloc=t];",
                   "  node [fontname=\"Helvetica\", fontsize=10];",
                   "  edge [color=\"#777777\"];"]
        func node(_ item: RulesMap.Item, _ label: String, _ attributes: String, tooltip: String) {
            out.append("  \(id(item)) [label=\(quoted(label)), \(attributes), tooltip=\(quoted(tooltip))];")
        }
        func colour(_ level: Int) -> String { Self.levelColours[min(level, Self.levelColours.count - 1)] }

        out.append("  subgraph cluster_questions {")
        out.append("    label=\"Questions\"; style=dashed; color=\"#999999\";")
        for (q, question) in rules.questions.enumerated() {
            out.append("  " + "  \(id(.question(q))) [label=\(quoted(question.id)), shape=ellipse, tooltip=\(quoted(question.ask))];")
        }
        out.append("  }")
        for (d, definition) in rules.definitions.enumerated() {
            node(.definition(d), definition.id, "shape=hexagon", tooltip: words.text(definition.condition))
        }
        for (l, level) in rules.levels.enumerated() {
            node(.level(l), "\(level.title)\n(\(level.id))", "shape=box, style=\"filled,bold\", fillcolor=\"\(colour(l))\"",
                 tooltip: level.advice)
        }
        for (f, flag) in rules.flags.enumerated() {
            node(.flag(f), "flag \(flag.id)", "shape=box, style=\"filled,rounded\", fillcolor=\"\(colour(flag.level))\"",
                 tooltip: "when \(words.text(flag.condition)): \(flag.message)")
        }
        for (p, pattern) in rules.patterns.enumerated() {
            node(.pattern(p), "pattern \(pattern.id)", "shape=box, style=rounded",
                 tooltip: pattern.criteria.map { words.text($0.condition) }.joined(separator: "; "))
        }
        for (c, contributor) in rules.contributors.enumerated() {
            node(.contributor(c), "contributor \(contributor.id)", "shape=box, style=dotted", tooltip: words.text(contributor.condition))
        }
        for (s, status) in rules.statuses.enumerated() {
            node(.status(s), "therapy \(status.id)", "shape=component", tooltip: status.condition.map(words.text) ?? "always")
        }
        for (a, area) in rules.focusAreas.enumerated() {
            node(.focus(a), "focus \(area.id)", "shape=note", tooltip: words.text(area.condition))
        }
        for (i, advice) in rules.advice.enumerated() {
            node(.advice(i), "advice \(advice.id)", "shape=note, style=filled, fillcolor=\"#eef5ff\"",
                 tooltip: advice.condition.map(words.text) ?? "always")
        }
        for link in map.links {
            let style: String
            switch link.kind {
            case .reads: style = ""
            case .raises: style = " [penwidth=2, color=\"#444444\"]"
            case .asksOnlyWhen: style = " [style=dashed, label=\"asked only when\", fontsize=8]"
            }
            out.append("  \(id(link.from)) -> \(id(link.to))\(style);")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// A node id of its own per item: a flag and a question may share an id in the rules.
    func id(_ item: RulesMap.Item) -> String {
        let (kind, name): (String, String)
        switch item {
        case .question(let i): (kind, name) = ("question", rules.questions[i].id)
        case .definition(let i): (kind, name) = ("define", rules.definitions[i].id)
        case .level(let i): (kind, name) = ("level", rules.levels[i].id)
        case .flag(let i): (kind, name) = ("flag", rules.flags[i].id)
        case .pattern(let i): (kind, name) = ("pattern", rules.patterns[i].id)
        case .contributor(let i): (kind, name) = ("contributor", rules.contributors[i].id)
        case .status(let i): (kind, name) = ("status", rules.statuses[i].id)
        case .focus(let i): (kind, name) = ("focus", rules.focusAreas[i].id)
        case .advice(let i): (kind, name) = ("advice", rules.advice[i].id)
        }
        // Ids are lowercase letters, digits and underscores, so this is a plain DOT id.
        return "\(kind)__\(name)"
    }

    /// A DOT string: quotes and backslashes escaped, line breaks as DOT's `\n`.
    func quoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
