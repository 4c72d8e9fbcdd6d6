/// Keeps a summary on one printed page: the more there is to say, the smaller the type.
///
/// A page without script cannot measure itself, so the size is chosen from how much text the
/// report holds. The thresholds were found by printing reports of growing length with headless
/// Chromium on US Letter, the shorter of the two papers (the PDF is checked page by page, and
/// printed smaller again if it still runs over).
public enum PageFit {
    public enum Density: String, Sendable, CaseIterable {
        case normal, compact, tight

        /// The next smaller size, if any.
        public var smaller: Density? {
            switch self {
            case .normal: return .compact
            case .compact: return .tight
            case .tight: return nil
            }
        }
    }

    public static func density(for report: ConsultationReport) -> Density {
        let size = characters(report)
        if size <= 5_200 { return .normal }
        if size <= 6_600 { return .compact }
        return .tight
    }

    /// Roughly the characters the page shows: every text, and a few for each line's label.
    static func characters(_ report: ConsultationReport) -> Int {
        let outcome = report.outcome
        var texts = [outcome.triage.title, outcome.triage.advice, report.story ?? ""]
        texts += outcome.redFlags.map(\.message) + outcome.redFlagsUnsure.map(\.message) + report.safetyNets
        for group in report.groups {
            texts.append(group.title)
            for fact in group.facts {
                texts.append(fact.id)
                if !fact.isPlainNo { texts += [fact.shown, fact.words ?? ""] }
            }
        }
        if let pattern = report.pattern {
            texts += [pattern.name, pattern.about ?? ""]
            for c in pattern.criteria { texts += [c.text] + c.values.map { $0.id + $0.shown } }
        }
        texts += outcome.contributors.map(\.name) + report.therapyReasons + outcome.focus.map(\.name) + outcome.selfCare.map(\.text)
        texts += [outcome.therapy?.title ?? "", outcome.therapy?.text ?? ""]
        return texts.reduce(0) { $0 + $1.count } + 12 * (report.facts.count + outcome.selfCare.count)
    }

    /// The pages of a PDF, counted by their page objects (`/Type /Page`, not `/Pages`).
    public static func pageCount(pdf: [UInt8]) -> Int {
        let marker = Array("/Type /Page".utf8)
        var count = 0, i = 0
        while i + marker.count < pdf.count {
            if pdf[i] == marker[0], Array(pdf[i..<(i + marker.count)]) == marker, pdf[i + marker.count] != UInt8(ascii: "s") {
                count += 1
                i += marker.count
            } else {
                i += 1
            }
        }
        return count
    }
}
