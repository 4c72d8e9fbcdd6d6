/// The summary as Markdown, for a notes app or an e-mail: the same sections as the HTML page,
/// with everything escaped so that no text becomes a link, an image or markup.
public struct MarkdownSummary: ReportRenderer {
    public init() {}

    public func render(_ report: ConsultationReport) -> String {
        let h = report.headings
        let m = TypedText.markdown
        let outcome = report.outcome
        var out: [String] = []
        out.append("# \(m(h.documentTitle))")
        out.append("")
        out.append("\(m(h.forWhom)). \(m(h.date)): \(m(report.date))")
        out.append("")
        out.append("## \(m(outcome.triage.title))")
        out.append("")
        out.append(m(outcome.triage.advice))
        out += list(h.why, outcome.redFlags.map(\.message))
        out += list(h.unsureFlags, outcome.redFlagsUnsure.map(\.message))
        out += list(h.ifThingsChange, report.safetyNets)

        out += ["", "## \(m(h.whatWasSaid))", ""]
        out.append("**\(m(h.story)):** " + (report.story.map { "“\(m($0))”" } ?? m(h.noStory)))
        for group in report.groups {
            out += ["", "### \(m(group.title))", ""]
            for fact in group.facts where !fact.isPlainNo {
                var line = "- \(m(ReportPattern.plainWords(fact.id))): **\(m(fact.shown))**"
                if let words = fact.words, SummaryWords.differ(fact) { line += " “\(m(words))”" }
                if let note = SummaryWords.source(fact.source) { line += " \\(\(m(note))\\)" }
                out.append(line)
            }
            let noes = group.facts.filter(\.isPlainNo)
            if !noes.isEmpty { out.append("- \(m(h.answeredNo)): " + noes.map { m(ReportPattern.plainWords($0.id)) }.joined(separator: ", ")) }
        }

        out += ["", "## \(m(h.pattern))", ""]
        if let pattern = report.pattern {
            out.append("**\(m(pattern.name))**" + (pattern.code.map { " \\(\(m(h.ichd)) \(m($0))\\)" } ?? ""))
            if let about = pattern.about { out += ["", m(about)] }
            out.append("")
            if pattern.criteria.isEmpty { out.append(m(h.noCriteria)) }
            if pattern.allButOne { out += [m(h.allButOne), ""] }
            for c in pattern.criteria {
                var line = "- " + (c.label.map { "\(m($0)): " } ?? "") + "\(m(c.text)): **\(m(HTMLSummary.truthWord(c.truth)))**"
                if !c.values.isEmpty {
                    line += " \\(" + c.values.map { "\(m(ReportPattern.plainWords($0.id))): \(m($0.shown))" }.joined(separator: "; ") + "\\)"
                }
                out.append(line)
            }
        } else {
            out.append(m(report.patternAssessed ? h.noPattern : h.patternNotAssessed))
        }
        if !outcome.contributors.isEmpty {
            out += ["", "**\(m(h.contributors)):** " + outcome.contributors.map { m($0.name) }.joined(separator: "; ")]
        }

        if let therapy = outcome.therapy {
            out += ["", "## \(m(h.therapy))", "", "**\(m(therapy.title))**"]
            if let text = therapy.text { out += ["", m(text)] }
            if !report.therapyReasons.isEmpty {
                out += ["", "**\(m(h.therapyBecause)):** " + report.therapyReasons.map(m).joined(separator: "; ")]
            }
            if !outcome.focus.isEmpty {
                out += ["", "### \(m(h.focus))", ""]
                for (n, area) in outcome.focus.enumerated() { out.append("\(n + 1). \(m(area.name))") }
            }
        }
        if !outcome.selfCare.isEmpty {
            out += list(h.selfCare, outcome.selfCare.map(\.text), level: "##")
        }
        out += ["", "---", "", "**\(m(h.disclaimer))**", ""]
        out.append("\(m(h.date)): \(m(report.date)) · \(m(h.program)): \(m(report.program)) · "
                   + "\(m(h.rules)): \(m(report.rules.name)) \(m(report.rules.version)) \\(sha256 \(m(report.rules.sha256))\\)")
        return out.joined(separator: "\n") + "\n"
    }

    private func list(_ title: String, _ items: [String], level: String = "###") -> [String] {
        guard !items.isEmpty else { return [] }
        return ["", "\(level) \(TypedText.markdown(title))", ""] + items.map { "- \(TypedText.markdown($0))" }
    }
}
