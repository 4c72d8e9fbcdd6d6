/// Why the therapy status applies, in the words of the rules and the person's values: the
/// parts of the status's condition that hold ("blood thinners: yes", the triage's title).
struct TherapyReasons {
    let rules: RuleSet
    let outcome: Outcome
    let facts: [ReportFact]

    func reasons(_ explanation: [ExplanationEntry]) -> [String] {
        guard let entry = explanation.first(where: { $0.kind == .therapy && $0.id == outcome.therapy?.id }) else { return [] }
        var reasons: [String] = []
        for line in entry.reasons.flatMap(held) where !reasons.contains(line) { reasons.append(line) }
        return reasons
    }

    /// The finest parts that hold. A part that holds because something is absent ("not a
    /// migraine pattern") is left out: the reasons say what was found.
    private func held(_ node: ExplanationNode) -> [String] {
        guard node.truth == .yes else { return [] }
        if node.text.hasPrefix("not ") { return [] }
        let parts = node.children.flatMap(held)
        if !parts.isEmpty { return parts }
        if let fact = node.fact {
            // The value the consultation used: a question it never asked counts as not sure,
            // which a therapist should know was never asked (a script may still answer it).
            let shown: String
            if let value = fact.value, let known = facts.first(where: { $0.id == fact.id && $0.source != .notAsked }) {
                shown = known.value == value ? known.shown : value.description
            } else {
                shown = fact.value.map(\.description) ?? SummaryHeadings.english.neverAsked
            }
            return ["\(ReportPattern.plainWords(fact.id)): \(shown)"]
        }
        return [conclusion(node.text)]
    }

    /// A part that reads a conclusion, named by the rules' own text for it. The condition is
    /// written as `ConditionPrinter` writes it ("triage is one of (...)", "contributor ID").
    private func conclusion(_ text: String) -> String {
        if text.hasPrefix("triage is one of") { return outcome.triage.title }
        if text.hasPrefix("pattern is one of"), let pattern = outcome.pattern { return pattern.name }
        if text.hasPrefix("contributor "), let c = rules.contributors.first(where: { "contributor \($0.id)" == text }) { return c.name }
        if text.hasPrefix("flag "), let f = rules.flags.first(where: { "flag \($0.id)" == text }) { return f.message }
        return ReportPattern.plainWords(text)
    }
}
