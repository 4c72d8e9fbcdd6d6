/// What feeds what in a rule set: each question, definition and conclusion, and the direct
/// links between them (a flag reads `fever`, a pattern reads a definition, a flag raises its
/// level). The overview's text and its picture are both drawn from this one map.
public struct RulesMap: Sendable {
    /// One thing in the rules, by kind and index.
    public enum Item: Hashable, Sendable, Comparable {
        case question(Int), definition(Int), level(Int), flag(Int), pattern(Int)
        case contributor(Int), status(Int), focus(Int), advice(Int)
    }

    /// A link: `from` is read by (or raises) `to`.
    public struct Link: Hashable, Sendable {
        public enum Kind: Sendable { case reads, raises, asksOnlyWhen }
        public var from: Item
        public var to: Item
        public var kind: Kind
    }

    public let rules: RuleSet
    public private(set) var links: [Link] = []
    private var feedsIndex: [Item: [Item]] = [:]
    private var readsIndex: [Item: [Item]] = [:]

    public init(rules: RuleSet) {
        self.rules = rules
        var seen = Set<Link>()
        func add(_ condition: Condition?, to item: Item, kind: Link.Kind = .reads) {
            guard let condition else { return }
            for source in Self.references(condition, rules: rules) {
                let link = Link(from: source, to: item, kind: kind)
                if seen.insert(link).inserted { links.append(link) }
            }
        }
        for (q, question) in rules.questions.enumerated() { add(question.context, to: .question(q), kind: .asksOnlyWhen) }
        for (d, definition) in rules.definitions.enumerated() { add(definition.condition, to: .definition(d)) }
        for (f, flag) in rules.flags.enumerated() {
            add(flag.condition, to: .flag(f))
            links.append(Link(from: .flag(f), to: .level(flag.level), kind: .raises))
        }
        for (l, level) in rules.levels.enumerated() { add(level.alsoWhen, to: .level(l)) }
        for (p, pattern) in rules.patterns.enumerated() { for criterion in pattern.criteria { add(criterion.condition, to: .pattern(p)) } }
        for (c, contributor) in rules.contributors.enumerated() { add(contributor.condition, to: .contributor(c)) }
        for (s, status) in rules.statuses.enumerated() { add(status.condition, to: .status(s)) }
        for (a, area) in rules.focusAreas.enumerated() { add(area.condition, to: .focus(a)) }
        for (i, advice) in rules.advice.enumerated() { add(advice.condition, to: .advice(i)) }
        for link in links {
            if link.kind != .asksOnlyWhen { feedsIndex[link.from, default: []].append(link.to) }
            if link.kind == .reads { readsIndex[link.to, default: []].append(link.from) }
        }
    }

    /// What an item feeds directly, in the order the rules list it.
    public func feeds(_ item: Item) -> [Item] {
        feedsIndex[item] ?? []
    }

    /// The questions and definitions an item reads directly.
    public func reads(_ item: Item) -> [Item] {
        readsIndex[item] ?? []
    }

    /// The item's kind and id as the rules write it: "flag fever", "question age".
    public func name(_ item: Item) -> String {
        switch item {
        case .question(let i): return "question \(rules.questions[i].id)"
        case .definition(let i): return "define \(rules.definitions[i].id)"
        case .level(let i): return "level \(rules.levels[i].id)"
        case .flag(let i): return "flag \(rules.flags[i].id)"
        case .pattern(let i): return "pattern \(rules.patterns[i].id)"
        case .contributor(let i): return "contributor \(rules.contributors[i].id)"
        case .status(let i): return "status \(rules.statuses[i].id)"
        case .focus(let i): return "focus \(rules.focusAreas[i].id)"
        case .advice(let i): return "advice \(rules.advice[i].id)"
        }
    }

    /// The items a condition refers to directly: questions, definitions, flags, contributors,
    /// patterns and levels (definitions are not followed: they are items of their own).
    static func references(_ condition: Condition, rules: RuleSet) -> [Item] {
        var found: [Item] = []
        condition.visit { part in
            switch part {
            case .isYes(let q), .isUnsure(let q), .compare(let q, _, _), .between(let q, _, _), .isOneOf(let q, _), .hasAny(let q, _):
                found.append(.question(q))
            case .definition(let d): found.append(.definition(d))
            case .flag(let f): found.append(.flag(f))
            case .contributor(let c): found.append(.contributor(c))
            case .pattern(let ids):
                for (p, pattern) in rules.patterns.enumerated() where ids.contains(pattern.id) { found.append(.pattern(p)) }
            case .triage(let levels): found += levels.sorted().map { .level($0) }
            case .not, .and, .or, .count: break
            }
        }
        var seen = Set<Item>()
        return found.filter { seen.insert($0).inserted }
    }
}
