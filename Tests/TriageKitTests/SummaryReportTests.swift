import Foundation
import Testing
@testable import TriageKit

/// The report value behind every summary, and the four formats that read it, on the summary's
/// small rules (`Tests/SummaryRules`) and their example consultations.
@Suite("Summary: the report value and its formats")
struct SummaryReportTests {
    static let formats: [SummaryFormat] = [.text, .json, .markdown, .html]

    @Test("every format shows the same outcome and facts, those of the report", arguments: SummaryFixtures.names)
    func formatsAgree(_ name: String) throws {
        let report = try SummaryFixtures.example(name)
        // The ending's text and run's JSON result too, all from this one report.
        try OneReportEveryFormatTests.agree(report)
        let outcome = report.outcome
        // JSON carries the ids: the outcome and every fact, with the value of the report.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONSummary().render(report).utf8)) as? [String: Any])
        #expect(json["triage"] as? String == outcome.triage.id)
        #expect(json["pattern"] as? String == outcome.patternID)
        #expect(Set(json["red_flags"] as? [String] ?? []) == Set(outcome.redFlags.map(\.id)))
        #expect(Set(json["red_flags_unsure"] as? [String] ?? []) == Set(outcome.redFlagsUnsure.map(\.id)))
        #expect(Set((json["nmt"] as? [String: Any])?["focus"] as? [String] ?? []) == Set(outcome.focus.map(\.id)))
        let facts = try #require(json["facts"] as? [String: Any])
        #expect(Set(facts.keys) == Set(report.facts.map(\.id)))
        let values = JSONValue.object(report.facts.map { ($0.id, JSONReport.json($0.value)) }).render()
        let expectedFacts = try #require(try JSONSerialization.jsonObject(with: Data(values.utf8)) as? NSDictionary)
        #expect(NSDictionary(dictionary: facts).isEqual(expectedFacts), "\(name): the JSON facts differ from the report's")
        // The readable formats show the same texts: the triage, its reasons, the safety nets,
        // the pattern, and every fact of every group with its value in words.
        for format in [SummaryFormat.text, .markdown, .html] {
            let shown = Self.readable(format.renderer.render(report), format)
            var expected = [outcome.triage.title, outcome.triage.advice] + outcome.redFlags.map(\.message)
                + outcome.redFlagsUnsure.map(\.message) + report.safetyNets + outcome.selfCare.map(\.text) + outcome.focus.map(\.name)
            expected.append(report.pattern?.name ?? SummaryHeadings.english.patternNotAssessed)
            for group in report.groups {
                expected.append(group.title)
                for fact in group.facts {
                    expected.append(ReportPattern.plainWords(fact.id))
                    if !fact.isPlainNo { expected.append(fact.shown) }
                }
            }
            for text in expected {
                // The terminal has no bold: its headings are in capitals.
                let found = format == .text ? shown.lowercased().contains(SummaryFixtures.flat(text).lowercased())
                                            : shown.contains(SummaryFixtures.flat(text))
                #expect(found, "\(name) as \(format): missing '\(text)'")
            }
        }
    }

    /// The text a reader sees: tags removed and entities decoded for HTML, escapes removed
    /// for Markdown, on one line.
    static func readable(_ output: String, _ format: SummaryFormat) -> String {
        var text = output
        switch format {
        case .html:
            // The page's style is not text a reader sees.
            if let start = text.range(of: "<style>"), let end = text.range(of: "</style>") { text.removeSubrange(start.lowerBound..<end.upperBound) }
            var plain = "", inTag = false
            for ch in text {
                if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { plain.append(ch) }
            }
            text = plain.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        case .markdown:
            var plain = "", escaped = false
            for ch in text {
                if ch == "\\", !escaped { escaped = true; continue }
                if ch == "*", !escaped { continue }
                escaped = false
                plain.append(ch)
            }
            text = plain
        case .text, .json, .pdf:
            break
        }
        return SummaryFixtures.flat(text)
    }

    @Test("a live consultation and its scripted run give the same report")
    func liveAndScripted() throws {
        let result = try SummaryFixtures.exampleResult("office")
        let scripted = ConsultationReport(result: result, date: "d", program: "p")
        let live = ConsultationReport(consultation: result.consultation, outcome: result.consultation.outcome(), story: result.story,
                                      date: "d", program: "p")
        #expect(live.groups == scripted.groups)
        #expect(live.pattern == scripted.pattern)
        #expect(live.safetyNets == scripted.safetyNets)
        #expect(live.outcome.triage.id == scripted.outcome.triage.id)
        #expect(live.story == scripted.story)
    }

    @Test("facts keep the person's own words and where they came from")
    func provenance() throws {
        let report = try SummaryFixtures.report(SummaryFixtures.answers(["duration_hours": "most of the day, maybe 6 hours", "weight_loss": "not really"], removing: ["side", "quality", "nausea"]),
                                                story: "throbbing pain behind my left eye, I feel a bit queasy")
        let byID = Dictionary(uniqueKeysWithValues: report.facts.map { ($0.id, $0) })
        #expect(byID["duration_hours"]?.words == "most of the day, maybe 6 hours")
        #expect(byID["duration_hours"]?.shown == "6 hours")
        #expect(byID["duration_hours"]?.source == .answered)
        #expect(byID["side"]?.source == .story)
        #expect(byID["side"]?.words == "behind my left eye")
        #expect(byID["nausea"]?.source == .story)
        // A flat "no" is listed with the others; a "no" in several words is shown as typed.
        #expect(byID["fever"]?.isPlainNo == true)
        #expect(byID["weight_loss"]?.isPlainNo == false)
        #expect(byID["weight_loss"]?.words == "not really")
        #expect(report.story == "throbbing pain behind my left eye, I feel a bit queasy")
        let html = HTMLSummary().render(report)
        #expect(html.contains("most of the day, maybe 6 hours"))
        #expect(html.contains(SummaryHeadings.english.fromStory))
    }

    @Test("the therapy status gives its reasons in the rules' words and the person's values")
    func therapyReasons() throws {
        let clearance = try SummaryFixtures.example("fever-unsure")
        #expect(clearance.outcome.therapy?.id == "with_clearance")
        #expect(clearance.therapyReasons.contains(clearance.outcome.triage.title))
        #expect(clearance.therapyReasons.contains("fever: \(SummaryHeadings.english.notSure)"))
        // Never asked, so counted as not sure: the therapist should ask.
        #expect(clearance.therapyReasons.contains("osteoporosis: \(SummaryHeadings.english.neverAsked)"))
        let recommended = try SummaryFixtures.example("office")
        #expect(recommended.therapyReasons == ["Frequent episodic tension-type headache", "neck tension: yes", "screen hours: 8 hours per day"])
    }

    @Test("the facts are grouped as a clinician reads them, by the rules' sections")
    func groups() throws {
        let report = try SummaryFixtures.example("office")
        #expect(report.groups.map(\.title) == ["Safety check", "Medicines", "Your usual headache", "Muscles and daily life", "Before hands-on therapy"])
        let medicines = try #require(report.groups.first { $0.title == "Medicines" })
        #expect(Set(medicines.facts.map(\.id)).isSuperset(of: ["painkiller_days", "new_medicine"]))
        // Answers to questions never asked changed nothing: the summary leaves them out.
        #expect(!report.groups.flatMap(\.facts).contains { $0.source == .notAsked })
        #expect(report.facts.contains { $0.source == .notAsked })
    }

    @Test("the pattern's criteria say met or not, with the person's values")
    func criteria() throws {
        let report = try SummaryFixtures.example("office")
        let pattern = try #require(report.pattern)
        #expect(pattern.id == "frequent_tension")
        #expect(pattern.code == "2.2")
        #expect(pattern.criteria.count == 4)
        #expect(pattern.criteria.allSatisfy { $0.truth == .yes })
        let duration = try #require(pattern.criteria.first { $0.values.contains { $0.id == "duration_hours" } })
        #expect(duration.values.first { $0.id == "duration_hours" }?.shown == "5 hours")
        // In the rules' plain words (`says:`), with the person's value.
        #expect(duration.text == "headaches last 30 minutes to 7 days")
        let markdown = MarkdownSummary().render(report)
        #expect(markdown.contains("headaches last 30 minutes to 7 days: **yes** \\(duration hours: 5 hours\\)"))
    }

    @Test("a criterion that is not met is shown as not met")
    func unmetCriterion() throws {
        // A probable pattern: one of its four criteria is not met.
        let report = try SummaryFixtures.report(SummaryFixtures.answers(["attacks": "3"]))
        let pattern = try #require(report.pattern)
        #expect(pattern.id == "probable_tension")
        #expect(pattern.criteria.filter { $0.truth != .yes }.count == 1)
        #expect(SummaryFixtures.flat(TextSummary().render(report)).contains("at least 10 headaches so far: no (attacks: 3 headaches)"))
    }

    @Test("an emergency stop says the pattern was not assessed, in every format")
    func notAssessed() throws {
        let report = try SummaryFixtures.example("thunderclap")
        #expect(report.pattern == nil)
        for format in [SummaryFormat.text, .markdown, .html] {
            #expect(Self.readable(format.renderer.render(report), format).contains(SummaryHeadings.english.patternNotAssessed))
        }
    }

    @Test("the more there is to say, the smaller the type; a PDF's pages are counted")
    func pageFit() throws {
        for name in SummaryFixtures.names {
            #expect(PageFit.density(for: try SummaryFixtures.example(name)) == .normal, "\(name)")
        }
        // Two flags and five unsure ones, every contributor, focus area and piece of self-care.
        let full = try SummaryFixtures.answers(["fever": "not sure", "progressive": "not sure", "positional": "not sure",
                                                "cough_trigger": "not sure", "weight_loss": "not sure", "new_medicine": "yes",
                                                "painkiller_days": "16", "painkiller_kind": "combination", "jaw_clenching": "yes",
                                                "stress": "yes", "sleep_hours": "5", "osteoporosis": "not sure"])
        let report = try SummaryFixtures.report(full, story: String(repeating: "a long story of many words ", count: 70))
        #expect(PageFit.density(for: report) != .normal)
        #expect(HTMLSummary(density: .tight).render(report).contains("<body class=\"tight\">"))
        let pdf = Array("%PDF-1.4 1 0 obj << /Type /Pages /Count 2 >> 2 0 obj << /Type /Page >> 3 0 obj << /Type /Page /Parent 1 0 R >>".utf8)
        #expect(PageFit.pageCount(pdf: pdf) == 2)
    }

    @Test("the format follows the file's extension")
    func formatByExtension() {
        #expect(SummaryFormat(path: "visit.html") == .html)
        #expect(SummaryFormat(path: "a/b/Visit.HTM") == .html)
        #expect(SummaryFormat(path: "visit.md") == .markdown)
        #expect(SummaryFormat(path: "visit.pdf") == .pdf)
        #expect(SummaryFormat(path: "visit.docx") == nil)
        #expect(SummaryFormat(path: "visit") == nil)
        #expect(SummaryFormat(path: "a.d/visit") == nil)
    }
}
