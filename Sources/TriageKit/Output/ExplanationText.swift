/// The `explain` view as plain text (`run --explain`, and `explain rules` in a conversation):
/// each conclusion with its criteria, the person's values, met or not. The one text rendering
/// of the report's explanation; `JSONReport` writes the same entries as JSON.
public struct ExplanationText: ReportRenderer {
    public init() {}

    public func render(_ report: ConsultationReport) -> String {
        report.explanation.map { entry in
            (["\(entry.kind.rawValue) \(entry.id): \(entry.title)"] + entry.reasons.map { $0.render(indent: 1) }).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
