/// The summary as plain text for a terminal: the outcome first, then what was said and how
/// the pattern was decided. Control characters are removed from every text, so nothing typed
/// can move the cursor, change colours or retitle the terminal.
public struct TextSummary: ReportRenderer {
    public init() {}

    public func render(_ report: ConsultationReport) -> String {
        let h = report.headings
        let p = TypedText.plain
        let wrap = TextReport()
        let outcome = report.outcome
        var out: [String] = []
        func bullet(_ text: String) { out.append(wrap.wrap(p(text), indent: "  ", first: "- ")) }
        func heading(_ text: String) { out += ["", p(text).uppercased()] }

        out.append("\(p(h.documentTitle)) · \(p(h.date)): \(p(report.date))")
        heading(outcome.triage.title)
        out.append(wrap.wrap(p(outcome.triage.advice)))
        for (title, items) in [(h.why, outcome.redFlags.map(\.message)), (h.unsureFlags, outcome.redFlagsUnsure.map(\.message)),
                               (h.ifThingsChange, report.safetyNets)] where !items.isEmpty {
            out += ["", p(title) + ":"]
            items.forEach(bullet)
        }

        heading(h.whatWasSaid)
        out.append(wrap.wrap("\(p(h.story)): " + (report.story.map { "\"\(p($0))\"" } ?? p(h.noStory))))
        for group in report.groups {
            out += ["", p(group.title) + ":"]
            for fact in group.facts where !fact.isPlainNo {
                var line = "\(ReportPattern.plainWords(fact.id)): \(fact.shown)"
                if let words = fact.words, SummaryWords.differ(fact) { line += " \"\(p(words))\"" }
                if let note = SummaryWords.source(fact.source) { line += " (\(note))" }
                bullet(line)
            }
            let noes = group.facts.filter(\.isPlainNo)
            if !noes.isEmpty { bullet("\(h.answeredNo): " + noes.map { ReportPattern.plainWords($0.id) }.joined(separator: ", ")) }
        }

        heading(h.pattern)
        if let pattern = report.pattern {
            out.append(p(pattern.name) + (pattern.code.map { " (\(h.ichd) \(p($0)))" } ?? ""))
            if let about = pattern.about { out.append(wrap.wrap(p(about))) }
            if pattern.criteria.isEmpty { out.append(p(h.noCriteria)) }
            if pattern.allButOne { out.append(p(h.allButOne)) }
            for c in pattern.criteria {
                var line = (c.label.map { "\(p($0)): " } ?? "") + "\(p(c.text)): \(HTMLSummary.truthWord(c.truth))"
                if !c.values.isEmpty {
                    line += " (" + c.values.map { "\(ReportPattern.plainWords($0.id)): \(p($0.shown))" }.joined(separator: "; ") + ")"
                }
                bullet(line)
            }
        } else {
            out.append(wrap.wrap(p(report.patternAssessed ? h.noPattern : h.patternNotAssessed)))
        }
        if !outcome.contributors.isEmpty {
            out.append(wrap.wrap("\(h.contributors): " + outcome.contributors.map { p($0.name) }.joined(separator: "; ")))
        }

        if let therapy = outcome.therapy {
            heading(h.therapy)
            out.append(p(therapy.title))
            if let text = therapy.text { out.append(wrap.wrap(p(text))) }
            if !report.therapyReasons.isEmpty {
                out.append(wrap.wrap("\(h.therapyBecause): " + report.therapyReasons.map(p).joined(separator: "; ")))
            }
            if !outcome.focus.isEmpty {
                out += ["", p(h.focus) + ":"]
                for (n, area) in outcome.focus.enumerated() { out.append(wrap.wrap(p(area.name), indent: "   ", first: "\(n + 1). ")) }
            }
        }
        if !outcome.selfCare.isEmpty {
            heading(h.selfCare)
            outcome.selfCare.map(\.text).forEach(bullet)
        }
        out += ["", wrap.wrap(p(h.disclaimer))]
        out.append(wrap.wrap("\(h.program): \(p(report.program)) · \(h.rules): \(p(report.rules.name)) \(p(report.rules.version)) (sha256 \(p(report.rules.sha256)))"))
        return out.joined(separator: "\n") + "\n"
    }
}
