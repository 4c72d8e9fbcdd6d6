/// The result of a triage: what to do and how soon, and everything that led there.
public struct Outcome: Sendable {
    public var triage: Level
    /// True when a flag of a stopping level ended the conversation early.
    public var stoppedEarly: Bool
    /// True when the triage's level leaves the pattern, contributors and self-care to a doctor
    /// (`stops assessment`): none of them is given.
    public var assessmentStopped: Bool
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

    public var patternID: String { pattern?.id ?? (stoppedEarly || assessmentStopped ? "not_assessed" : "unclassified") }
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
    /// A definition, flag or contributor explained in full earlier in the same explanation:
    /// its parts are not repeated.
    public var explainedAbove = false
    /// The entry it was explained in ("pattern chronic_migraine"), when that is another entry.
    public var explainedIn: String?

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
        if explainedAbove { line += "  (explained above\(explainedIn.map { ", under \($0)" } ?? ""))" }
        return ([line] + children.map { $0.render(indent: indent + 1) }).joined(separator: "\n")
    }
}

/// Computes the final outcome from the facts, in the order the rules depend on each other:
/// flags, then pattern, then triage, then contributors, therapy, focus areas and advice.
struct OutcomeBuilder {
    let rules: RuleSet
    /// A final evaluator (`final`): made fresh for the facts, or from a consultation's live one.
    let evaluator: Evaluator
    /// Explanations cost more than the outcome itself; they are built only when asked for.
    var explain = false

    func build() -> Outcome {
        let e = evaluator
        precondition(e.final, "the outcome counts unanswered facts as not sure")
        let compiled = rules.compiled
        // A printer (with its own copy of the rule set) only when explanations are asked for.
        var explanation = ExplanationList(printer: explain ? ConditionPrinter(rules: rules, evaluator: e) : nil)

        // By index, so a rule is copied only when it is part of the outcome.
        var confirmed: [RedFlag] = [], unsure: [RedFlag] = []
        for f in rules.flags.indices {
            switch e.flag(f) {
            case .yes: confirmed.append(rules.flags[f])
            case .unknown: unsure.append(rules.flags[f])
            case .no: continue
            }
            explanation.append { printer in
                ExplanationEntry(kind: .flag, id: rules.flags[f].id, title: rules.flags[f].message,
                                 reasons: [printer.explain(compiled.roots.flags[f])])
            }
        }
        let stopped = confirmed.contains { rules.levels[$0.level].stopsConversation }
        // After an emergency stop the other questions were never asked: calling their flags
        // "unsure" would bury the one message that matters.
        if stopped { unsure = [] }

        var pattern: Pattern?
        if stopped {
            e.stopPatternAssessment()
        } else {
            for p in rules.patterns.indices {
                let matched = e.patternMatch(p) == .yes
                explanation.append(.pattern) { printer in
                    let candidate = rules.patterns[p]
                    return ExplanationEntry(kind: .pattern, id: candidate.id,
                                            title: "\(candidate.name)\(candidate.code.map { " (ICHD-3 \($0))" } ?? ""): \(matched ? "matches" : "does not match")\(candidate.allButOne ? " (all but one criterion needed)" : "")",
                                            reasons: zip(candidate.criteria, compiled.roots.criteria[p]).map { printer.explain($1, label: $0.label) })
                }
                if matched { pattern = rules.patterns[p]; break }
            }
        }

        var levelIndex = e.triage().lowerBound
        // A triage that leaves the rest to a doctor: no pattern, nor what follows from one.
        let assessmentStopped = !stopped && rules.levels[levelIndex].stopsAssessment
        if assessmentStopped {
            pattern = nil
            explanation.removeAll(of: .pattern)
            e.stopPatternAssessment()
            levelIndex = e.triage().lowerBound
        }
        let level = rules.levels[levelIndex]
        explanation.insert({ printer in
            var reasons: [ExplanationNode] = []
            for flag in confirmed where flag.level == levelIndex {
                reasons.append(ExplanationNode(text: "red flag '\(flag.id)' is confirmed", truth: .yes, children: []))
            }
            for flag in unsure where flag.whenUnsure == levelIndex {
                reasons.append(ExplanationNode(text: "red flag '\(flag.id)' is unsure, so it counts as '\(level.id)'", truth: .unknown, children: []))
            }
            if let root = compiled.roots.levelAlso[levelIndex], e.eval(node: root) == .yes { reasons.append(printer.explain(root)) }
            return ExplanationEntry(kind: .triage, id: level.id, title: level.title, reasons: reasons)
        }, at: 0)

        var contributors: [Contributor] = []
        for i in rules.contributors.indices where !assessmentStopped && e.contributor(i) == .yes {
            contributors.append(rules.contributors[i])
            explanation.append { printer in
                ExplanationEntry(kind: .contributor, id: rules.contributors[i].id, title: rules.contributors[i].name,
                                 reasons: [printer.explain(compiled.roots.contributors[i])])
            }
        }

        var therapy: TherapyStatus?
        for i in rules.statuses.indices {
            guard let root = compiled.roots.statuses[i] else { therapy = rules.statuses[i]; break }
            if e.eval(node: root) == .yes {
                therapy = rules.statuses[i]
                explanation.append { printer in
                    ExplanationEntry(kind: .therapy, id: rules.statuses[i].id, title: rules.statuses[i].title,
                                     reasons: [printer.explain(root)])
                }
                break
            }
        }
        var focus: [FocusArea] = []
        if therapy?.showsFocus == true, !assessmentStopped {
            for i in rules.focusAreas.indices where e.eval(node: compiled.roots.focusAreas[i]) == .yes {
                focus.append(rules.focusAreas[i])
                explanation.append { printer in
                    ExplanationEntry(kind: .focus, id: rules.focusAreas[i].id, title: rules.focusAreas[i].name,
                                     reasons: [printer.explain(compiled.roots.focusAreas[i])])
                }
            }
        }
        var selfCare: [Advice] = []
        if !level.stopsConversation, !assessmentStopped {
            selfCare.reserveCapacity(rules.advice.count)
            for i in rules.advice.indices where e.optional(compiled.roots.advice[i]) ?? .yes == .yes {
                selfCare.append(rules.advice[i])
                if let root = compiled.roots.advice[i] {
                    explanation.append { printer in
                        ExplanationEntry(kind: .advice, id: rules.advice[i].id, title: rules.advice[i].id,
                                         reasons: [printer.explain(root)])
                    }
                }
            }
        }

        return Outcome(triage: level, stoppedEarly: stopped, assessmentStopped: assessmentStopped, pattern: pattern, redFlags: confirmed,
                       redFlagsUnsure: unsure, therapy: therapy, focus: focus, contributors: contributors, selfCare: selfCare,
                       explanation: explanation.build())
    }
}

/// Collects explanation entries, or skips building them when off: each entry is built by a
/// closure given the printer, and there is a printer only when explanations were asked for.
/// The entries are built at the end, in their final order, so that a definition is explained
/// in full where it first appears and referred to below.
struct ExplanationList {
    let printer: ConditionPrinter?
    private var builders: [(kind: ExplanationEntry.Kind?, build: (ConditionPrinter) -> ExplanationEntry)] = []

    init(printer: ConditionPrinter?) { self.printer = printer }

    var enabled: Bool { printer != nil }

    mutating func append(_ kind: ExplanationEntry.Kind? = nil, _ entry: @escaping (ConditionPrinter) -> ExplanationEntry) {
        if printer != nil { builders.append((kind, entry)) }
    }

    mutating func insert(_ entry: @escaping (ConditionPrinter) -> ExplanationEntry, at index: Int) {
        if printer != nil { builders.insert((nil, entry), at: min(index, builders.count)) }
    }

    /// Drops the entries of one kind, before they are built: a conclusion that was not reached
    /// (the pattern, once the assessment stopped) must not be what later entries refer to.
    mutating func removeAll(of kind: ExplanationEntry.Kind) {
        builders.removeAll { $0.kind == kind }
    }

    func build() -> [ExplanationEntry] {
        guard let printer else { return [] }
        return builders.map { item in
            let entry = item.build(printer)
            printer.finished(entry)
            return entry
        }
    }
}
