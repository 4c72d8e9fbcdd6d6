import Foundation
import Testing
@testable import TriageKit

/// One consultation, one report, every renderer: the ending's text, `run`'s JSON result, and the
/// summaries as text, JSON, Markdown and HTML show the same outcome and facts, those of the
/// report. On small rules of the test's own, with a story and answers typed as people type.
@Suite("One report, every format")
struct OneReportEveryFormatTests {
    static let rulesText = """
        name: One report rules
        version: 2.1
        yes words: yes, yeah, yep
        no words: no, nope
        unsure words: not sure, no idea
        negation before: no, not
        negation ends: but, though
        time units: hour = 1, hours = 1, day = 24, days = 24

        question fever
          ask: Do you have a fever?
          answer: yes/no
          section: Safety check
          yes words: feverish, a temperature

        question aura
          ask: Do you see zigzags before it starts?
          answer: yes/no
          section: Your headache

        question side
          ask: Is the pain on one side of the head, or both?
          answer: choice
          section: Your headache
          option one_side: one side, left side, right side
          option both_sides: both sides

        question hours
          ask: How many hours does a headache last?
          answer: number
          section: Your headache
          unit: hours
          range: 0 to 72

        question neck
          ask: Are your neck muscles tight?
          answer: yes/no
          section: Muscles
          yes words: tight

        question screen_hours
          ask: How many hours a day do you spend at a screen?
          answer: number
          section: Muscles
          summary section: Daily life
          unit: hours per day
          range: 0 to 24

        level urgent
          title: See a doctor today
          advice: Please see a doctor today.
          safety net: See a doctor today if a rash comes.

        level consult
          title: Book an appointment
          advice: Book an appointment with your doctor this week.

        level self_care
          title: Look after yourself
          advice: You can look after this at home.

        flag fever
          level: consult
          when: fever
          message: A fever with a headache needs a doctor's look.
          safety net: If your neck gets stiff, see a doctor today.

        pattern one_sided
          name: One-sided headache
          code: 9.9
          about: A headache on one side that lasts hours.
          criterion A: side is one_side
          says: the pain is on one side
          criterion B: hours between 4 and 72
          says: headaches last 4 to 72 hours
          criterion C: not aura
          says: no zigzags before it

        pattern other
          name: Another headache

        contributor screens
          name: Long hours at a screen
          when: screen_hours >= 6

        status suitable
          when: neck
          title: Hands-on therapy suits you
          text: Sessions work on the tight muscles.
          focus: yes

        status not_now
          title: Not for now

        focus neck_muscles
          name: Neck muscles
          when: neck

        advice rest
          text: Rest in a quiet, dark room.

        """

    static let script = """
        story: I'm feverish and the pain is on the left side
        aura: nope
        hours: most of the day, maybe 6 hours
        neck: yeah, my neck is always tight
        screen_hours: 8 at work, plus my phone
        """

    static func report() throws -> ConsultationReport {
        let loaded = LanguageTests.load(rulesText)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        let rules = try #require(loaded.rules)
        let result = ScriptedRun(rules: rules).run(AnswersScript(file: "one.txt", text: script))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.summaryLine))")
        return ConsultationReport(result: result, date: "2026-11-30", program: "headache-triage test")
    }

    @Test("the consultation is the one meant: a story, typed words, a flag, a pattern, a therapy")
    func theConsultation() throws {
        let report = try Self.report()
        let byID = Dictionary(uniqueKeysWithValues: report.facts.map { ($0.id, $0) })
        #expect(byID["fever"]?.source == .story && byID["fever"]?.value == .yes)
        #expect(byID["side"]?.source == .story && byID["side"]?.value == .choice("one_side"))
        #expect(byID["hours"]?.value == .number(6) && byID["hours"]?.words == "most of the day, maybe 6 hours")
        #expect(byID["neck"]?.value == .yes && byID["aura"]?.isPlainNo == true)
        #expect(byID["screen_hours"]?.value == .number(8))
        #expect(report.outcome.triage.id == "consult" && report.outcome.redFlags.map(\.id) == ["fever"])
        #expect(report.pattern?.id == "one_sided" && report.pattern?.criteria.allSatisfy { $0.truth == .yes } == true)
        #expect(report.outcome.therapy?.id == "suitable" && report.outcome.focus.map(\.id) == ["neck_muscles"])
        #expect(report.outcome.contributors.map(\.id) == ["screens"] && report.outcome.selfCare.map(\.id) == ["rest"])
        #expect(report.safetyNets == ["If your neck gets stiff, see a doctor today.", "See a doctor today if a rash comes."])
        #expect(report.storyFacts.count == 2)
    }

    @Test("every format shows the report's outcome and facts")
    func everyFormatAgrees() throws {
        let report = try Self.report()
        try Self.agree(report)
        // The person's own words, as typed and as read from the story, in every summary.
        for format in [SummaryFormat.text, .markdown, .html] {
            let shown = SummaryReportTests.readable(format.renderer.render(report), format)
            for words in ["most of the day, maybe 6 hours", "yeah, my neck is always tight", "I'm feverish and the pain is on the left side"] {
                #expect(shown.contains(words), "\(format) misses '\(words)'")
            }
        }
    }

    /// The renderers read the report, not the consultation behind it: an outcome that only the
    /// report holds (no engine would give it for these answers) is what they show.
    @Test("what only the report holds is what every format shows")
    func formatsReadTheReport() throws {
        let loaded = LanguageTests.load(Self.rulesText)
        let rules = try #require(loaded.rules)
        var result = ScriptedRun(rules: rules).run(AnswersScript(file: "one.txt", text: Self.script))
        let level = try #require(rules.levels.first { $0.id == "urgent" })
        result.outcome.triage = level
        result.outcome.redFlags.append(RedFlag(id: "made_up", level: 0, whenUnsure: 0, condition: .and([]),
                                               message: "A sign only this report holds.", safetyNet: "Come back at once if it spreads."))
        result.outcome.selfCare.append(Advice(id: "walk", text: "Walk a little every day.", condition: nil))
        result.outcome.contributors.append(Contributor(id: "coffee", name: "Too much coffee", condition: .and([])))
        let report = ConsultationReport(result: result, date: "2026-12-01", program: "headache-triage test")
        #expect(report.safetyNets.contains("Come back at once if it spreads."))
        try Self.agree(report)
    }

    /// Each format against the one report: JSON by its fields, the readable formats by the texts
    /// a person reads.
    static func agree(_ report: ConsultationReport) throws {
        let outcome = report.outcome
        // `run --json`, `--format jsonl` and a conversation's JSON ending: one object, by ids.
        for json in [JSONReport(), JSONReport(pretty: false), JSONReport(explain: true, indent: 1)] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.render(report).utf8)) as? [String: Any])
            #expect(object["triage"] as? String == outcome.triage.id)
            #expect(object["pattern"] as? String == outcome.patternID)
            #expect(object["pattern_code"] as? String == outcome.pattern?.code)
            #expect(object["red_flags"] as? [String] == outcome.redFlags.map(\.id))
            #expect(object["contributors"] as? [String] == outcome.contributors.map(\.id))
            #expect(object["self_care"] as? [String] == outcome.selfCare.map(\.id))
            #expect((object["nmt"] as? [String: Any])?["focus"] as? [String] == outcome.focus.map(\.id))
            #expect(object["asked"] as? [String] == report.asked)
            #expect((object["turns"] as? NSNumber)?.intValue == report.turns)
            #expect(object["prompts"] as? [[String]] == report.prompts)
            #expect((object["rules"] as? [String: String]) == ["name": report.rules.name, "version": report.rules.version, "sha256": report.rules.sha256])
            try Self.sameFacts(object["facts"], report)
            let storyFacts = try #require(object["story_facts"] as? [[String: Any]])
            #expect(storyFacts.map { $0["words"] as? String } == report.storyFacts.map(\.evidence))
            #expect(Set(storyFacts.compactMap { $0["id"] as? String }) == Set(report.facts.filter { $0.source == .story }.map(\.id)))
        }
        // The summary as JSON: the same outcome and facts, and each fact's words and source.
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(JSONSummary().render(report).utf8)) as? [String: Any])
        #expect(summary["triage"] as? String == outcome.triage.id)
        #expect(summary["red_flags"] as? [String] == outcome.redFlags.map(\.id))
        #expect(summary["safety_nets"] as? [String] == report.safetyNets)
        try Self.sameFacts(summary["facts"], report)
        let answers = try #require(summary["answers"] as? [[String: Any]])
        #expect(answers.map { $0["words"] as? String } == report.facts.map(\.words))
        #expect(answers.map { $0["source"] as? String } == report.facts.map(\.source.rawValue))

        // What every readable format says of the outcome.
        var outcomeTexts = [outcome.triage.title, outcome.triage.advice] + outcome.redFlags.map(\.message) + report.safetyNets
            + outcome.selfCare.map(\.text) + outcome.contributors.map(\.name) + outcome.focus.map(\.name)
        if let pattern = report.pattern { outcomeTexts.append(pattern.name) }
        if let therapy = outcome.therapy { outcomeTexts.append(therapy.title) }
        // The ending at the end of a conversation and of `run`: the outcome, not the facts.
        let ending = SummaryFixtures.flat(TextReport().render(report)).lowercased()
        for text in outcomeTexts {
            #expect(ending.contains(SummaryFixtures.flat(text).lowercased()), "the ending misses '\(text)'")
        }
        // The summaries: the outcome, and every fact shown with its value and the person's words.
        var factTexts: [String] = []
        for fact in report.groups.flatMap(\.facts) {
            factTexts.append(ReportPattern.plainWords(fact.id))
            // A plain "no" is listed by name with the others; any other answer with its value,
            // and with the person's words where they say more.
            guard !fact.isPlainNo else { continue }
            factTexts.append(fact.shown)
            if let words = fact.words, SummaryWords.differ(fact) { factTexts.append(words) }
        }
        for format in [SummaryFormat.text, .markdown, .html] {
            let shown = SummaryReportTests.readable(format.renderer.render(report), format)
            for text in outcomeTexts + factTexts + [report.date] {
                // The terminal has no bold: its headings are in capitals.
                let found = format == .text ? shown.lowercased().contains(SummaryFixtures.flat(text).lowercased())
                                            : shown.contains(SummaryFixtures.flat(text))
                #expect(found, "\(format) misses '\(text)'")
            }
        }
    }

    /// A JSON `facts` object holds exactly the report's facts and values.
    static func sameFacts(_ value: Any?, _ report: ConsultationReport) throws {
        let facts = try #require(value as? [String: Any])
        #expect(Set(facts.keys) == Set(report.facts.map(\.id)))
        let expected = JSONValue.object(report.facts.map { ($0.id, JSONReport.json($0.value)) }).render()
        let expectedObject = try #require(try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary)
        #expect(NSDictionary(dictionary: facts).isEqual(expectedObject))
    }
}
