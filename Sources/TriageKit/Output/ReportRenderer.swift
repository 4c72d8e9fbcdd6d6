/// Turns a consultation's report into one format. Every format reads the same value, so they
/// cannot disagree about the facts or the outcome.
public protocol ReportRenderer: Sendable {
    func render(_ report: ConsultationReport) -> String
}

/// The formats a report can be written in, chosen by a file's extension.
public enum SummaryFormat: String, Sendable, CaseIterable {
    case text, json, markdown, html, pdf

    /// The format a file name asks for ("visit.html", "visit.md", "visit.pdf"), or nil.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": self = .html
        case "md", "markdown": self = .markdown
        case "pdf": self = .pdf
        case "txt", "text": self = .text
        case "json": self = .json
        default: return nil
        }
    }

    /// The renderer of a text format; PDF is printed from the HTML.
    public var renderer: any ReportRenderer {
        switch self {
        case .text: return TextSummary()
        case .json: return JSONSummary()
        case .markdown: return MarkdownSummary()
        case .html, .pdf: return HTMLSummary()
        }
    }
}
