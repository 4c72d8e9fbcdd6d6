/// The JSON result of `run --json`, in the shape the interface promises.
public enum JSONReport {
    public static func object(for result: ScriptedResult, explain: Bool = false) -> JSONValue {
        let outcome = result.outcome
        let consultation = result.consultation
        let rules = consultation.rules
        var facts: [(String, JSONValue)] = []
        for (q, question) in rules.questions.enumerated() {
            guard let value = result.facts[q] else { continue }
            facts.append((question.id, json(value)))
        }
        var fields: [(String, JSONValue)] = [
            ("file", .string(result.file)),
            ("triage", .string(outcome.triage.id)),
            ("pattern", .string(outcome.patternID)),
            ("red_flags", .array(outcome.redFlags.map { .string($0.id) })),
            ("red_flags_unsure", .array(outcome.redFlagsUnsure.map { .string($0.id) })),
            ("nmt", .object([
                ("status", .string(outcome.therapy?.id ?? "")),
                ("focus", .array(outcome.focus.map { .string($0.id) })),
            ])),
            ("contributors", .array(outcome.contributors.map { .string($0.id) })),
            ("self_care", .array(outcome.selfCare.map { .string($0.id) })),
            ("facts", .object(facts)),
            ("asked", .array(consultation.asked.map { .string($0) })),
            ("turns", .number(Double(result.turns))),
            ("prompts", .array(result.prompts.map { .array($0.map { .string($0) }) })),
            ("unanswered", .array(result.unanswered.map { .string($0) })),
            ("story_facts", .array(result.storyFacts.map {
                .object([("id", .string($0.questionID)), ("value", json($0.value)), ("words", .string($0.evidence))])
            })),
            ("pattern_code", outcome.pattern?.code.map { .string($0) } ?? .null),
            ("rules", .object([("name", .string(rules.name)), ("version", .string(rules.version)), ("sha256", .string(rules.sha256))])),
        ]
        if explain {
            fields.append(("explanation", .array(consultation.outcome(explained: true).explanation.map { entry in
                .object([("kind", .string(entry.kind.rawValue)), ("id", .string(entry.id)), ("title", .string(entry.title)),
                         ("reasons", .array(entry.reasons.map(node)))])
            })))
        }
        return .object(fields)
    }

    static func node(_ n: ExplanationNode) -> JSONValue {
        var fields: [(String, JSONValue)] = [("condition", .string(n.text)), ("result", .string(n.truth == .yes ? "met" : n.truth == .no ? "not met" : "unknown"))]
        if let label = n.label { fields.insert(("label", .string(label)), at: 0) }
        if let fact = n.fact { fields.append(("fact", .string(fact.id))); fields.append(("value", fact.value.map(json) ?? .null)) }
        if !n.children.isEmpty { fields.append(("parts", .array(n.children.map(node)))) }
        if n.explainedAbove { fields.append(("explained_above", .bool(true))) }
        if let place = n.explainedIn { fields.append(("explained_in", .string(place))) }
        return .object(fields)
    }

    public static func json(_ value: FactValue) -> JSONValue {
        switch value {
        case .yes: return .string("yes")
        case .no: return .string("no")
        case .unsure: return .string("unsure")
        case .number(let n): return .number(n)
        case .choice(let id): return .string(id)
        case .options(let ids): return .array(ids.map { .string($0) })
        }
    }
}
