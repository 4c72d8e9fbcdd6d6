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

    func build() -> Outcome {
        let e = Evaluator(rules: rules, facts: facts, final: true)
        let printer = ConditionPrinter(rules: rules, evaluator: e)
        var explanation: [ExplanationEntry] = []

        var confirmed: [RedFlag] = [], unsure: [RedFlag] = []
        for (f, flag) in rules.flags.enumerated() {
            switch e.flag(f) {
            case .yes: confirmed.append(flag)
            case .unknown: unsure.append(flag)
            case .no: continue
            }
            explanation.append(ExplanationEntry(kind: .flag, id: flag.id, title: flag.message,
                                                reasons: [printer.explain(flag.condition)]))
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
                let reasons = candidate.criteria.map { printer.explain($0.condition, label: $0.label) }
                let matched = e.patternMatch(p) == .yes
                explanation.append(ExplanationEntry(kind: .pattern, id: candidate.id,
                                                    title: "\(candidate.name)\(candidate.code.map { " (ICHD-3 \($0))" } ?? ""): \(matched ? "matches" : "does not match")\(candidate.allButOne ? " (all but one criterion needed)" : "")",
                                                    reasons: reasons))
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
        if let also = level.alsoWhen, e.eval(also) == .yes { triageReasons.append(printer.explain(also)) }
        explanation.insert(ExplanationEntry(kind: .triage, id: level.id, title: level.title, reasons: triageReasons), at: 0)

        let contributors = rules.contributors.enumerated().filter { e.eval(.contributor($0.offset)) == .yes }.map(\.element)
        for c in contributors {
            explanation.append(ExplanationEntry(kind: .contributor, id: c.id, title: c.name, reasons: [printer.explain(c.condition)]))
        }

        var therapy: TherapyStatus?
        for status in rules.statuses {
            guard let c = status.condition else { therapy = status; break }
            if e.eval(c) == .yes {
                therapy = status
                explanation.append(ExplanationEntry(kind: .therapy, id: status.id, title: status.title, reasons: [printer.explain(c)]))
                break
            }
        }
        var focus: [FocusArea] = []
        if therapy?.showsFocus == true {
            for area in rules.focusAreas where e.eval(area.condition) == .yes {
                focus.append(area)
                explanation.append(ExplanationEntry(kind: .focus, id: area.id, title: area.name, reasons: [printer.explain(area.condition)]))
            }
        }
        var selfCare: [Advice] = []
        if !level.stopsConversation {
            for advice in rules.advice where advice.condition.map({ e.eval($0) == .yes }) ?? true {
                selfCare.append(advice)
                if let c = advice.condition {
                    explanation.append(ExplanationEntry(kind: .advice, id: advice.id, title: advice.id, reasons: [printer.explain(c)]))
                }
            }
        }

        return Outcome(triage: level, stoppedEarly: stopped, pattern: pattern, redFlags: confirmed, redFlagsUnsure: unsure,
                       therapy: therapy, focus: focus, contributors: contributors, selfCare: selfCare, explanation: explanation)
    }
}
