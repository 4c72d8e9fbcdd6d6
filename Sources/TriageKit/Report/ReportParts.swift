import Foundation

/// The consultation behind a report, and the parts of the report worked out from it on first
/// use, once, whichever thread asks first. Copies of a report share one of these, so a part
/// is never made twice for the same consultation.
///
/// Most reports are only written as a JSON line (`run --format jsonl` over thousands of
/// scripts), which reads the outcome and the values alone: making the facts' words, the
/// criteria and the explanation for each of them would cost more than the triage itself.
final class ReportParts: @unchecked Sendable {
    let consultation: Consultation
    let outcome: Outcome
    /// Every fact's value by question index: the consultation's, and answers a script gave to
    /// questions never asked (`ScriptedResult.facts`).
    let values: [FactValue?]

    /// Recursive: the pattern and the therapy's reasons are made from the explanation.
    private let lock = NSRecursiveLock()
    private var madeHeadings: SummaryHeadings?
    private var madeFacts: [ReportFact]?
    private var madeGroups: [ReportFactGroup]?
    private var madeExplanation: [ExplanationEntry]?
    private var madePattern: ReportPattern??
    private var madeSafetyNets: [String]?
    private var madeTherapyReasons: [String]?

    init(consultation: Consultation, outcome: Outcome, values: [FactValue?]) {
        self.consultation = consultation
        self.outcome = outcome
        self.values = values
    }

    var headings: SummaryHeadings {
        once(\.madeHeadings) { SummaryHeadings(consultation.rules.wording) }
    }

    var facts: [ReportFact] {
        once(\.madeFacts) { ReportFact.facts(of: consultation, values: values, headings: headings) }
    }

    var groups: [ReportFactGroup] {
        once(\.madeGroups) { ReportFactGroup.groups(facts, otherFacts: headings.otherFacts) }
    }

    var explanation: [ExplanationEntry] {
        // How the pattern and the therapy status were reached is in the explanation, which the
        // outcome carries only when asked for: asked here, from the same consultation.
        once(\.madeExplanation) {
            outcome.explanation.isEmpty ? consultation.outcome(explained: true).explanation : outcome.explanation
        }
    }

    var pattern: ReportPattern? {
        once(\.madePattern) {
            ReportPattern(outcome: outcome, explanation: explanation, rules: consultation.rules, values: consultation.facts)
        }
    }

    var safetyNets: [String] {
        once(\.madeSafetyNets) { SafetyNets.lines(outcome, rules: consultation.rules) }
    }

    var therapyReasons: [String] {
        once(\.madeTherapyReasons) {
            TherapyReasons(rules: consultation.rules, outcome: outcome, facts: facts).reasons(explanation)
        }
    }

    /// The part in `slot`, made by `make` the first time it is asked for.
    private func once<Part>(_ slot: ReferenceWritableKeyPath<ReportParts, Part?>, _ make: () -> Part) -> Part {
        lock.lock()
        defer { lock.unlock() }
        if let made = self[keyPath: slot] { return made }
        let made = make()
        self[keyPath: slot] = made
        return made
    }
}
