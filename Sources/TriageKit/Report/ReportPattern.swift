/// The headache pattern found, with each of its criteria met or not and the values behind it.
public struct ReportPattern: Sendable, Equatable {
    public var id: String
    public var name: String
    public var code: String?
    public var about: String?
    /// Met when all but one criterion is met (ICHD-3's "probable" patterns).
    public var allButOne: Bool
    public var criteria: [ReportCriterion]

    /// Nil when there is no pattern: not assessed (an emergency stop, or a doctor to see today),
    /// or none fits.
    init?(outcome: Outcome, explanation: [ExplanationEntry], rules: RuleSet, values: [FactValue?]) {
        guard let pattern = outcome.pattern else { return nil }
        id = pattern.id
        name = pattern.name
        code = pattern.code
        about = pattern.about
        allButOne = pattern.allButOne
        let reasons = explanation.first { $0.kind == .pattern && $0.id == pattern.id }?.reasons ?? []
        let words = ConditionWords(rules: rules)
        criteria = pattern.criteria.enumerated().map { i, criterion in
            // The facts are read from the condition itself: its explanation may refer to a
            // definition explained under an earlier pattern without repeating its parts.
            var seen = Set<Int>()
            var read: [Int] = []
            Self.facts(of: criterion.condition, rules: rules, into: &read, seen: &seen)
            let shown = read.map { q -> ReportCriterion.Value in
                let question = rules.questions[q]
                let value = q < values.count ? values[q] : nil
                return ReportCriterion.Value(id: question.id, shown: value.map { ReportFact.shown($0, question: question) } ?? SummaryHeadings.english.notSure)
            }
            // The rules' own words (`says:`) where they give them; else the condition read out,
            // and a criterion that is one yes/no fact by its name ("aura", not "aura: yes").
            let text: String
            if let says = criterion.says { text = says }
            else if case .isYes(let q) = criterion.condition { text = Self.plainWords(rules.questions[q].id) }
            else { text = Self.plainWords(words.text(criterion.condition)) }
            return ReportCriterion(label: criterion.label, text: text,
                                   truth: i < reasons.count ? reasons[i].truth : .unknown, values: shown)
        }
    }

    /// The questions a condition reads, through its definitions, in the order they appear.
    static func facts(of condition: Condition, rules: RuleSet, into read: inout [Int], seen: inout Set<Int>) {
        func add(_ q: Int) { if seen.insert(q).inserted { read.append(q) } }
        switch condition {
        case .isYes(let q), .compare(let q, _, _), .between(let q, _, _), .isOneOf(let q, _), .isUnsure(let q), .hasAny(let q, _):
            add(q)
        case .not(let inner):
            facts(of: inner, rules: rules, into: &read, seen: &seen)
        case .and(let parts), .or(let parts), .count(_, _, let parts):
            for part in parts { facts(of: part, rules: rules, into: &read, seen: &seen) }
        case .definition(let d):
            facts(of: rules.definitions[d].condition, rules: rules, into: &read, seen: &seen)
        case .flag, .contributor, .pattern, .triage:
            return
        }
    }

    /// Rules' ids read as words: "duration_hours from 4 to 72" is "duration hours from 4 to 72".
    static func plainWords(_ text: String) -> String {
        text.replacingAll("_", with: " ")
    }
}

/// One criterion of the pattern: what it asks in plain words, whether it was met, and the
/// person's values it was decided on.
public struct ReportCriterion: Sendable, Equatable {
    /// A fact the criterion reads, with its value in plain words.
    public struct Value: Sendable, Equatable {
        public var id: String
        public var shown: String
    }
    /// The classification's own label (A, B, ...), when the rules give one.
    public var label: String?
    public var text: String
    /// Met (yes), not met (no), or still unknown at the end, which counts as not met.
    public var truth: Truth
    public var values: [Value]
}

extension String {
    /// Every occurrence of `target` replaced (the library does not lean on Foundation for this).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
