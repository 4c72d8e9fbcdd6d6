/// The summary as one self-contained HTML page, to print for a doctor or therapist: inline
/// CSS and SVG, no script and no network (a content policy forbids both), one printed page on
/// A4 or US Letter.
public struct HTMLSummary: ReportRenderer {
    /// The type size; nil chooses by how much there is to say (`PageFit`).
    public var density: PageFit.Density?

    public init(density: PageFit.Density? = nil) { self.density = density }

    public func render(_ report: ConsultationReport) -> String {
        let h = report.headings
        let density = self.density ?? PageFit.density(for: report)
        let e = TypedText.html
        let outcome = report.outcome
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(h.documentTitle)) \(e(report.date))</title>
            <style>\(Self.style)</style>
            </head>
            <body class="\(density.rawValue)">
            <header><h1>\(e(h.documentTitle))</h1><p class="meta">\(e(h.forWhom)) · \(e(h.date)): \(e(report.date))</p></header>

            """
        // What to do and how soon, first.
        out += #"<section class="triage \#(Self.urgency(report))" id="triage"><h2>\#(e(outcome.triage.title))</h2>"#
        out += "<p>\(e(outcome.triage.advice))</p>\n"
        out += list(h.why, outcome.redFlags.map(\.message), id: "why")
        out += list(h.unsureFlags, outcome.redFlagsUnsure.map(\.message), id: "unsure")
        out += list(h.ifThingsChange, report.safetyNets, id: "safety-nets")
        out += "</section>\n<div class=\"columns\">\n"

        // What the person said, as they said it, grouped as the questions were asked.
        out += #"<section id="said"><h2>\#(e(h.whatWasSaid))</h2>"#
        out += #"<p class="story"><b>\#(e(h.story)):</b> "#
        out += report.story.map { "<q class=\"words\">\(e($0))</q>" } ?? e(h.noStory)
        out += "</p>\n"
        for group in report.groups {
            out += "<h3>\(e(group.title))</h3><ul class=\"facts\">"
            for fact in group.facts where !fact.isPlainNo { out += factItem(fact) }
            let noes = group.facts.filter(\.isPlainNo)
            if !noes.isEmpty {
                out += "<li class=\"noes\">\(e(h.answeredNo)): "
                out += noes.map { "<span class=\"fact\" data-fact=\"\(e($0.id))\" title=\"\(e($0.question))\">\(e(ReportPattern.plainWords($0.id)))</span>" }
                    .joined(separator: ", ")
                out += "</li>"
            }
            out += "</ul>\n"
        }
        out += "</section>\n"

        // The pattern, criterion by criterion.
        out += #"<section id="pattern"><h2>\#(e(h.pattern))</h2>"#
        if let pattern = report.pattern {
            out += "<p><b>\(e(pattern.name))</b>\(pattern.code.map { " (\(e(h.ichd)) \(e($0)))" } ?? "")</p>"
            if let about = pattern.about { out += "<p>\(e(about))</p>" }
            if pattern.criteria.isEmpty { out += "<p>\(e(h.noCriteria))</p>" } else {
                if pattern.allButOne { out += "<p class=\"note\">\(e(h.allButOne))</p>" }
                out += "<ul class=\"criteria\">"
                for c in pattern.criteria {
                    out += "<li class=\"\(c.truth.rawValue)\">\(c.label.map { "\(e($0)): " } ?? "")\(e(c.text)): "
                    out += "<b>\(e(Self.truthWord(c.truth)))</b>"
                    if !c.values.isEmpty {
                        out += " <span class=\"values\">(\(c.values.map { "\(e(ReportPattern.plainWords($0.id))): \(e($0.shown))" }.joined(separator: "; ")))</span>"
                    }
                    out += "</li>"
                }
                out += "</ul>"
            }
        } else {
            out += "<p>\(e(report.patternAssessed ? h.noPattern : h.patternNotAssessed))</p>"
        }
        if !outcome.contributors.isEmpty {
            out += "<p><b>\(e(h.contributors)):</b> \(outcome.contributors.map { e($0.name) }.joined(separator: "; "))</p>"
        }
        out += "</section>\n"

        // For the therapist.
        if let therapy = outcome.therapy {
            out += #"<section id="therapy"><h2>\#(e(h.therapy))</h2><p><b>\#(e(therapy.title))</b></p>"#
            if let text = therapy.text { out += "<p>\(e(text))</p>" }
            if !report.therapyReasons.isEmpty {
                out += "<p class=\"reasons\"><b>\(e(h.therapyBecause)):</b> \(report.therapyReasons.map(e).joined(separator: "; "))</p>"
            }
            if !outcome.focus.isEmpty {
                let map = BodyMapSVG(focus: outcome.focus, title: h.pictureTitle)
                let unmarked = Set(map.unmarked.map(\.id))
                out += "<div class=\"focus\"><div class=\"map\">\(map.render())</div><div><h3>\(e(h.focus))</h3><ol>"
                for area in outcome.focus {
                    out += "<li data-focus=\"\(e(area.id))\">\(e(area.name))\(unmarked.contains(area.id) ? " <i>(\(e(h.notInPicture)))</i>" : "")</li>"
                }
                out += "</ol></div></div>"
            }
            out += "</section>\n"
        }
        if !outcome.selfCare.isEmpty {
            out += #"<section id="self-care"><h2>\#(e(h.selfCare))</h2><ul>"#
            out += outcome.selfCare.map { "<li>\(e($0.text))</li>" }.joined()
            out += "</ul></section>\n"
        }
        out += "</div>\n<footer><p class=\"disclaimer\">\(e(h.disclaimer))</p>"
        out += "<p class=\"meta\">\(e(h.date)): \(e(report.date)) · \(e(h.program)): \(e(report.program)) · "
        out += "\(e(h.rules)): \(e(report.rules.name)) \(e(report.rules.version)) (sha256 \(e(report.rules.sha256)))</p></footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    private func list(_ title: String, _ items: [String], id: String) -> String {
        guard !items.isEmpty else { return "" }
        return "<h3>\(TypedText.html(title))</h3><ul id=\"\(id)\">" + items.map { "<li>\(TypedText.html($0))</li>" }.joined() + "</ul>\n"
    }

    private func factItem(_ fact: ReportFact) -> String {
        let e = TypedText.html
        var item = "<li class=\"fact\" data-fact=\"\(e(fact.id))\"><span class=\"q\" title=\"\(e(fact.question))\">\(e(ReportPattern.plainWords(fact.id)))</span>: <b>\(e(fact.shown))</b>"
        if let words = fact.words, SummaryWords.differ(fact) { item += " <q class=\"words\">\(e(words))</q>" }
        if let note = SummaryWords.source(fact.source) { item += " <span class=\"src\">(\(e(note)))</span>" }
        return item + "</li>"
    }

    static func truthWord(_ truth: Truth, _ h: SummaryHeadings = .english) -> String {
        switch truth {
        case .yes: return h.criterionMet
        case .no: return h.criterionNotMet
        case .unknown: return h.criterionUnknown
        }
    }

    /// A class for the triage box's colour: the most urgent level, the least, or between.
    static func urgency(_ report: ConsultationReport) -> String {
        report.triageRank == 0 ? "most-urgent" : report.triageRank >= report.levelCount - 1 ? "least-urgent" : "between"
    }

    /// Small type and two columns, so one consultation fits one page; a page margin that
    /// suits both A4 and US Letter (the narrower width of A4, the shorter height of Letter).
    static let style = """
        @page { size: auto; margin: 10mm 11mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font: 7.6pt/1.28 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; }
        body.compact { font-size: 6.8pt; line-height: 1.25; } body.tight { font-size: 6.2pt; line-height: 1.22; }
        h1 { font-size: 1.7em; margin: 0; } h2 { font-size: 1.18em; margin: 0 0 0.25em; } h3 { font-size: 1.03em; margin: 0.4em 0 0.1em; }
        p { margin: 0 0 2pt; } ul, ol { margin: 0 0 2pt; padding-left: 12pt; } li { margin: 0; }
        header { display: flex; flex-wrap: wrap; column-gap: 1em; justify-content: space-between; align-items: baseline;
                 border-bottom: 1.5pt solid #333; margin-bottom: 4pt; }
        h1 { white-space: nowrap; }
        li, p { break-inside: avoid; }
        .meta { color: #444; }
        .triage { border: 1.5pt solid; border-radius: 4pt; padding: 4pt 6pt; margin-bottom: 5pt; break-inside: avoid; }
        .triage h2 { font-size: 1.45em; }
        .most-urgent { border-color: #b00; background: #fdecec; } .between { border-color: #c77700; background: #fff6e5; }
        .least-urgent { border-color: #2a7a2a; background: #eef8ee; }
        .columns { column-count: 2; column-gap: 8mm; }
        section { margin-bottom: 4pt; }
        section h2 { border-bottom: 0.6pt solid #999; }
        .facts { list-style: none; padding-left: 0; }
        .q { color: #333; } .src, .note, .values { color: #555; } .noes { color: #333; }
        q.words { font-style: italic; }
        .criteria li.yes b { color: #1d5e1d; } .criteria li.no b, .criteria li.unknown b { color: #8a1c1c; }
        .focus { display: flex; gap: 4pt; align-items: flex-start; break-inside: avoid; }
        .focus > div:last-child { flex: 1; min-width: 0; }
        .map svg { width: 34mm; height: auto; }
        footer { border-top: 0.6pt solid #999; margin-top: 4pt; padding-top: 2pt; }
        .disclaimer { font-weight: bold; }
        .focus ol { overflow-wrap: anywhere; }
        @media screen {
          body, body.compact, body.tight { font-size: 10pt; padding: 1em; max-width: 52em; } .map svg { width: 40mm; }
        }
        """
}

/// Small decisions the text, Markdown and HTML summaries share, so they show the same things.
enum SummaryWords {
    /// Whether the person's words say more than the value does: "about 6 hours" beside
    /// "6 hours" does; "yes" beside "yes", "6" beside "6 hours" or "both_sides" beside
    /// "both sides" does not.
    static func differ(_ fact: ReportFact) -> Bool {
        guard let words = fact.words else { return false }
        let typed = TypedText.plain(words).lowercased().trimming([" ", ".", "!"])
        if typed.isEmpty || typed == fact.shown.lowercased() || typed == fact.value.description.lowercased() { return false }
        if case .number(let n) = fact.value, let number = Double(typed), number == n { return false }
        return true
    }

    /// Where a fact came from, when it was not simply answered.
    static func source(_ source: ReportFact.Source, _ h: SummaryHeadings = .english) -> String? {
        switch source {
        case .answered, .notAnswered: return nil
        case .story: return h.fromStory
        case .correction: return h.corrected
        case .notAsked: return h.notAsked
        }
    }
}
