import Testing
@testable import TriageKit

/// The picture for the therapist marks exactly the outcome's focus areas.
@Suite("Summary: the body map")
struct BodyMapTests {
    /// Every focus area of the shipped rules, and answers whose outcome lists it.
    static let areas: [(id: String, answers: [String: String])] = [
        ("suboccipitals", ["neck_tension": "yes"]),
        ("upper_trapezius", ["neck_tension": "yes"]),
        ("masseter", ["jaw_clenching": "yes"]),
        ("temporalis", ["jaw_clenching": "yes"]),
        ("sternocleidomastoid", ["screen_hours": "9"]),
    ]
    static let areaIDs = areas.map(\.id)

    @Test("the picture can mark every focus area of the shipped rules")
    func everyShippedAreaHasAShape() throws {
        let rules = try FixtureRules.rules()
        #expect(Set(rules.focusAreas.map(\.id)).isSubset(of: Set(BodyMapSVG.knownAreas)))
        #expect(Set(Self.areaIDs) == Set(rules.focusAreas.map(\.id)), "a focus area was added: add it to this test")
    }

    @Test("one area alone is the one area marked", arguments: areaIDs)
    func oneArea(_ id: String) throws {
        let rules = try FixtureRules.rules()
        let area = try #require(rules.focusAreas.first { $0.id == id })
        let svg = BodyMapSVG(focus: [area]).render()
        #expect(SummaryFixtures.marked(in: svg) == [id])
        #expect(svg.contains("<title>\(TypedText.html(area.name))</title>"))
    }

    @Test("the summary's picture marks exactly the outcome's focus areas", arguments: areaIDs)
    func outcomeAreas(_ id: String) throws {
        let answers = try #require(Self.areas.first { $0.id == id }?.answers)
        let report = try SummaryFixtures.report(FixtureRules.answers(answers))
        let focus = report.outcome.focus.map(\.id)
        #expect(focus.contains(id), "the answers should lead to \(id)")
        let html = HTMLSummary().render(report)
        #expect(SummaryFixtures.marked(in: html).sorted() == focus.sorted())
    }

    @Test("no focus area, no picture")
    func noFocus() throws {
        let report = try SummaryFixtures.report(FixtureRules.baseline)
        #expect(report.outcome.focus.isEmpty)
        #expect(!HTMLSummary().render(report).contains("<svg"))
    }

    @Test("an area the picture cannot draw is listed in words, not dropped")
    func unknownArea() throws {
        var result = try SummaryFixtures.result(FixtureRules.answers(["neck_tension": "yes"]))
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
