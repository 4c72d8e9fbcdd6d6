/// The report as JSON: the outcome under the keys of `run --json`, then what the summary adds
/// (the date, each fact with the person's words and where it came from, the pattern's criteria).
public struct JSONSummary: ReportRenderer {
    public init() {}

    public func render(_ report: ConsultationReport) -> String { object(report).render() + "\n" }

    public func object(_ report: ConsultationReport) -> JSONValue {
        let outcome = report.outcome
        func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
        var fields: [(String, JSONValue)] = []
        if let file = report.file { fields.append(("file", .string(file))) }
        fields += [
            ("date", .string(report.date)),
            ("program", .string(report.program)),
            ("triage", .string(outcome.triage.id)),
            ("pattern", .string(outcome.patternID)),
            ("pattern_code", outcome.pattern?.code.map { .string($0) } ?? .null),
            ("red_flags", strings(outcome.redFlags.map(\.id))),
            ("red_flags_unsure", strings(outcome.redFlagsUnsure.map(\.id))),
            ("nmt", .object([("status", .string(outcome.therapy?.id ?? "")), ("focus", strings(outcome.focus.map(\.id)))])),
            ("contributors", strings(outcome.contributors.map(\.id))),
            ("self_care", strings(outcome.selfCare.map(\.id))),
            ("facts", .object(report.facts.map { ($0.id, JSONReport.json($0.value)) })),
            ("story", report.story.map { .string($0) } ?? .null),
            ("answers", .array(report.facts.map { fact in
                var item: [(String, JSONValue)] = [("id", .string(fact.id)), ("value", JSONReport.json(fact.value)),
                                                   ("source", .string(fact.source.rawValue))]
                if let words = fact.words { item.append(("words", .string(words))) }
                if let section = fact.section { item.append(("section", .string(section))) }
                return .object(item)
            })),
            ("criteria", .array((report.pattern?.criteria ?? []).map { c in
                .object([("condition", .string(c.text)), ("result", .string(c.truth == .yes ? "met" : c.truth == .no ? "not met" : "unknown")),
                         ("values", .object(c.values.map { ($0.id, .string($0.shown)) }))])
            })),
            ("safety_nets", strings(report.safetyNets)),
            ("rules", .object([("name", .string(report.rules.name)), ("version", .string(report.rules.version)),
                               ("sha256", .string(report.rules.sha256))])),
        ]
        return .object(fields)
    }
}
