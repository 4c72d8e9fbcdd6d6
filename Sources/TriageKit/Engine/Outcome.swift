/// The result of a triage: what to do and how soon, and everything that led there.
public struct Outcome: Sendable {
    public var triage: Level
    /// True when a flag of a stopping level ended the conversation early.
    public var stoppedEarly: Bool
    /// The pattern found, or nil when it was not assessed (an emergency stop).
    public var pattern: Pattern?
    public var redFlags: [RedFlag]
    public var redFlagsUnsure: [RedFlag]
    public var therapy: TherapyStatus?
    public var focus: [FocusArea]
    public var contributors: [Contributor]
    public var selfCare: [Advice]
    /// How each conclusion was reached, criterion by criterion.
    public var explanation: [ExplanationEntry]

    public var patternID: String { pattern?.id ?? (stoppedEarly ? "not_assessed" : "unclassified") }
}

/// One conclusion and the reasoning behind it.
public struct ExplanationEntry: Sendable {
    public enum Kind: String, Sendable { case triage, flag, pattern, contributor, therapy, focus, advice }
    public var kind: Kind
    public var id: String
    public var title: String
    public var reasons: [ExplanationNode]
}

/// A condition with its value for this person, and the parts it was made of.
public struct ExplanationNode: Sendable {
    public var label: String?
    public var text: String
    public var truth: Truth
    /// For a condition that reads one fact: the fact's value as known, or nil when unanswered.
    public var fact: (id: String, value: FactValue?)?
    public var children: [ExplanationNode]

    /// Indented plain text: "[met] attacks >= 5 (attacks = 20)".
    public func render(indent: Int = 0) -> String {
        let mark: String
        switch truth {
        case .yes: mark = "met    "
        case .no: mark = "not met"
        case .unknown: mark = "unknown"
        }
        var line = String(repeating: "  ", count: indent) + "[\(mark)] " + (label.map { "\($0): " } ?? "") + text
        if let fact {
            line += "  (\(fact.id): \(fact.value.map { $0 == .unsure ? "not sure" : $0.description } ?? "not answered"))"
        }
        return ([line] + children.map { $0.render(indent: indent + 1) }).joined(separator: "\n")
    }
}

/// Computes the final outcome from the facts, in the order the rules depend on each other:
/// flags, then pattern, then triage, then contributors, therapy, focus areas and advice.
struct OutcomeBuilder {
    let rules: RuleSet
    let facts: [FactValue?]
    /// Explanations cost more than the outcome itself; they are built only when asked for.
    var explain = false

    func build() -> Outcome {
        let e = Evaluator(rules: rules, facts: facts, final: true)
        let printer = ConditionPrinter(rules: rules, evaluator: e)
        var explanation = ExplanationList(enabled: explain)

        var confirmed: [RedFlag] = [], unsure: [RedFlag] = []
        for (f, flag) in rules.flags.enumerated() {
            switch e.flag(f) {
            case .yes: confirmed.append(flag)
            case .unknown: unsure.append(flag)
            case .no: continue
            }
            explanation.append(ExplanationEntry(kind: .flag, id: flag.id, title: flag.message,
                                                reasons: [printer.explain(rules.roots.flags[f])]))
        }
        let stopped = confirmed.contains { rules.levels[$0.level].stopsConversation }
        // After an emergency stop the other questions were never asked: calling their flags
        // "unsure" would bury the one message that matters.
        if stopped { unsure = [] }

        var pattern: Pattern?
        if stopped {
            e.patternNotAssessed = true
        } else {
            for (p, candidate) in rules.patterns.enumerated() {
                let matched = e.patternMatch(p) == .yes
                explanation.append(ExplanationEntry(kind: .pattern, id: candidate.id,
                                                    title: "\(candidate.name)\(candidate.code.map { " (ICHD-3 \($0))" } ?? ""): \(matched ? "matches" : "does not match")\(candidate.allButOne ? " (all but one criterion needed)" : "")",
                                                    reasons: zip(candidate.criteria, rules.roots.criteria[p]).map { printer.explain($1, label: $0.label) }))
                if matched { pattern = candidate; break }
            }
        }

        let levelIndex = e.triage().lowerBound
        let level = rules.levels[levelIndex]
        var triageReasons: [ExplanationNode] = []
        for flag in confirmed where flag.level == levelIndex {
            triageReasons.append(ExplanationNode(text: "red flag '\(flag.id)' is confirmed", truth: .yes, children: []))
        }
        for flag in unsure where rules.levels[flag.level].whenUnsure == levelIndex {
            triageReasons.append(ExplanationNode(text: "red flag '\(flag.id)' is unsure, so it counts as '\(level.id)'", truth: .unknown, children: []))
        }
        if let root = rules.roots.levelAlso[levelIndex], e.eval(node: root) == .yes { triageReasons.append(printer.explain(root)) }
        explanation.insert(ExplanationEntry(kind: .triage, id: level.id, title: level.title, reasons: triageReasons), at: 0)

        var contributors: [Contributor] = []
        for (i, c) in rules.contributors.enumerated() where e.contributor(i) == .yes {
            contributors.append(c)
            explanation.append(ExplanationEntry(kind: .contributor, id: c.id, title: c.name, reasons: [printer.explain(rules.roots.contributors[i])]))
        }

        var therapy: TherapyStatus?
        for (i, status) in rules.statuses.enumerated() {
            guard let root = rules.roots.statuses[i] else { therapy = status; break }
            if e.eval(node: root) == .yes {
                therapy = status
                explanation.append(ExplanationEntry(kind: .therapy, id: status.id, title: status.title, reasons: [printer.explain(root)]))
                break
            }
        }
        var focus: [FocusArea] = []
        if therapy?.showsFocus == true {
            for (i, area) in rules.focusAreas.enumerated() where e.eval(node: rules.roots.focusAreas[i]) == .yes {
                focus.append(area)
                explanation.append(ExplanationEntry(kind: .focus, id: area.id, title: area.name, reasons: [printer.explain(rules.roots.focusAreas[i])]))
            }
        }
        var selfCare: [Advice] = []
        if !level.stopsConversation {
            for (i, advice) in rules.advice.enumerated() where e.optional(rules.roots.advice[i]) ?? .yes == .yes {
                selfCare.append(advice)
                if let root = rules.roots.advice[i] {
                    explanation.append(ExplanationEntry(kind: .advice, id: advice.id, title: advice.id, reasons: [printer.explain(root)]))
                }
            }
        }

        return Outcome(triage: level, stoppedEarly: stopped, pattern: pattern, redFlags: confirmed, redFlagsUnsure: unsure,
                       therapy: therapy, focus: focus, contributors: contributors, selfCare: selfCare, explanation: explanation.entries)
    }
}

/// Collects explanation entries, or skips building them (their reasons are autoclosures) when off.
struct ExplanationList {
    let enabled: Bool
    private(set) var entries: [ExplanationEntry] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func append(_ entry: @autoclosure () -> ExplanationEntry) {
        if enabled { entries.append(entry()) }
    }

    mutating func insert(_ entry: @autoclosure () -> ExplanationEntry, at index: Int) {
        if enabled { entries.insert(entry(), at: min(index, entries.count)) }
    }
}
