import Testing
@testable import TriageKit

/// The picture for the therapist marks exactly the outcome's focus areas. On small rules of the
/// test's own, with a focus area for each shape the picture can draw, each led to by one question.
@Suite("Summary: the body map")
struct BodyMapTests {
    /// Every area the picture can draw.
    static let areaIDs = BodyMapSVG.knownAreas

    static let rulesText: String = {
        var text = """
            name: Body map rules
            version: 1.0
            yes words: yes
            no words: no
            unsure words: not sure

            level urgent
              advice: Today.

            level self_care
              advice: Home.

            flag fever
              level: urgent
              when: fever
              message: Fever.

            question fever
              ask: Fever?
              answer: yes/no

            status not_advised
              title: Not now
              when: fever

            status recommended
              title: Worth trying
              focus: yes

            """
        for id in areaIDs {
            text += "\nquestion tight_\(id)\n  ask: Is the \(id) tight?\n  answer: yes/no\n"
            text += "\nfocus \(id)\n  name: The \(id) & co\n  when: tight_\(id)\n"
        }
        return text
    }()

    static func rules() throws -> RuleSet {
        let loaded = LanguageTests.load(rulesText)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    /// Every question answered no, but for these changes.
    static func answers(_ changes: [String: String] = [:]) -> [String: String] {
        var answers = ["fever": "no"]
        for id in areaIDs { answers["tight_\(id)"] = "no" }
        return answers.merging(changes) { _, new in new }
    }

    static func result(_ answers: [String: String]) throws -> ScriptedResult {
        try Fixtures.run(answers, rules: rules())
    }

    static func report(_ answers: [String: String]) throws -> ConsultationReport {
        ConsultationReport(result: try result(answers), date: SummaryFixtures.date, program: SummaryFixtures.program)
    }

    @Test("the picture draws the areas it says it knows")
    func knownAreas() {
        #expect(Self.areaIDs.count >= 5)
        #expect(Set(Self.areaIDs).isSuperset(of: ["suboccipitals", "upper_trapezius", "masseter", "temporalis", "sternocleidomastoid"]))
    }

    @Test("one area alone is the one area marked", arguments: areaIDs)
    func oneArea(_ id: String) throws {
        let rules = try Self.rules()
        let area = try #require(rules.focusAreas.first { $0.id == id })
        let svg = BodyMapSVG(focus: [area]).render()
        #expect(SummaryFixtures.marked(in: svg) == [id])
        #expect(svg.contains("<title>\(TypedText.html(area.name))</title>"))
    }

    @Test("the summary's picture marks exactly the outcome's focus areas", arguments: areaIDs)
    func outcomeAreas(_ id: String) throws {
        // The area, and the one after it (when there is one), as a rule that lists two would.
        var changes = ["tight_\(id)": "yes"]
        if let next = Self.areaIDs.drop(while: { $0 != id }).dropFirst().first { changes["tight_\(next)"] = "yes" }
        let report = try Self.report(Self.answers(changes))
        let focus = report.outcome.focus.map(\.id)
        #expect(focus.contains(id), "the answers should lead to \(id)")
        #expect(focus.count == changes.count)
        let html = HTMLSummary().render(report)
        #expect(SummaryFixtures.marked(in: html).sorted() == focus.sorted())
    }

    @Test("no picture when therapy is not advised, though an area's condition holds")
    func notAdvised() throws {
        let report = try Self.report(Self.answers(["fever": "yes", "tight_masseter": "yes"]))
        #expect(report.outcome.therapy?.id == "not_advised")
        #expect(report.outcome.focus.isEmpty)
        #expect(!HTMLSummary().render(report).contains("<svg"))
    }

    @Test("no focus area, no picture")
    func noFocus() throws {
        let report = try Self.report(Self.answers())
        #expect(report.outcome.focus.isEmpty)
        #expect(!HTMLSummary().render(report).contains("<svg"))
    }

    @Test("an area the picture cannot draw is listed in words, not dropped")
    func unknownArea() throws {
        var result = try Self.result(Self.answers(["tight_suboccipitals": "yes"]))
        let scalenes = FocusArea(id: "scalenes", name: "Scalene muscles (the side of the neck)", condition: .and([]))
        result.outcome.focus.append(scalenes)
        let report = ConsultationReport(result: result, date: SummaryFixtures.date, program: SummaryFixtures.program)
        let map = BodyMapSVG(focus: report.outcome.focus)
        #expect(map.unmarked.map(\.id) == ["scalenes"])
        #expect(!SummaryFixtures.marked(in: map.render()).contains("scalenes"))
        let html = HTMLSummary().render(report)
        #expect(html.contains("Scalene muscles (the side of the neck) <i>(\(SummaryHeadings.english.notInPicture))</i>"))
        #expect(MarkdownSummary().render(report).contains("Scalene muscles \\(the side of the neck\\)") ||
                MarkdownSummary().render(report).contains("Scalene muscles (the side of the neck)"))
    }
}
