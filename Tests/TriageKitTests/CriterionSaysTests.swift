import Testing
import Foundation
import TriageKit

/// `says:` gives a pattern's criterion in plain words, and `summary section:` a question's
/// heading, for the summary a person takes to a doctor.
@Suite("Rules language: words for the summary")
struct CriterionSaysTests {
    static func rules(_ pattern: String) -> LoadedRules {
        LanguageTests.load(LanguageTests.base + "\n" + pattern)
    }

    static func errors(_ loaded: LoadedRules) -> [String] {
        loaded.diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    @Test("says belongs to the criterion above it; a criterion may go without")
    func attaches() throws {
        let loaded = Self.rules("""
            pattern older
              name: Older
              criterion: age >= 50
              says: aged 50 or more,
                over several lines
              criterion A: fever
            """)
        #expect(Self.errors(loaded).isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        let pattern = try #require(loaded.rules?.patterns.first { $0.id == "older" })
        #expect(pattern.criteria.map(\.says) == ["aged 50 or more, over several lines", nil])
        #expect(pattern.criteria.map(\.label) == [nil, "A"])
    }

    @Test("says with no criterion above it, twice for one, with a name, or outside a pattern is an error",
          arguments: [
            ("pattern older\n  name: Older\n  says: aged 50 or more\n  criterion: age >= 50\n",
             "'says' gives a criterion in plain words, so it goes just below its 'criterion:' line"),
            ("pattern older\n  name: Older\n  criterion: age >= 50\n  says: one\n  says: two\n",
             "this criterion already says what it means; one 'says:' per criterion"),
            ("pattern older\n  name: Older\n  criterion: age >= 50\n  says B: one\n",
             "'says' takes no name: write 'says: B ...'"),
            ("contributor old\n  name: Old\n  when: age >= 50\n  says: aged 50 or more\n",
             "'contributor' has no setting 'says'"),
          ])
    func misplaced(_ text: String, _ message: String) {
        let errors = Self.errors(Self.rules(text))
        #expect(errors == [message], "\(errors)")
    }

    @Test("a question's summary section is read, and is nil without one")
    func summarySection() throws {
        let text = LanguageTests.base.replacingOccurrences(of: "  ask: Do you have a fever?\n", with: "  ask: Do you have a fever?\n  section: Safety\n  summary section: Infection\n")
        let loaded = LanguageTests.load(text)
        #expect(Self.errors(loaded).isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        let rules = try #require(loaded.rules)
        #expect(rules.question("fever")?.section == "Safety")
        #expect(rules.question("fever")?.summarySection == "Infection")
        #expect(rules.question("age")?.summarySection == nil)
    }

    @Test("without says, the summary reads the criterion's condition out")
    func withoutSays() throws {
        let loaded = Self.rules("""
            yes words: yes
            no words: no

            pattern older
              name: Older
              code: 9.9
              criterion: age >= 50
              criterion B: fever
              says: a fever
            """)
        let rules = try #require(loaded.rules, "\(loaded.diagnostics.map(\.summaryLine))")
        func report(fever: String) -> ConsultationReport {
            let result = ScriptedRun(rules: rules).run(AnswersScript(file: "t.txt", text: "age: 60\nfever: \(fever)\nside: one_side\n"))
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.summaryLine))")
            return ConsultationReport(result: result, date: "d", program: "p")
        }
        let pattern = try #require(report(fever: "yes").pattern)
        #expect(pattern.criteria.map(\.text) == ["age 50 or more", "a fever"])
        #expect(pattern.criteria.map(\.truth) == [.yes, .yes])
        #expect(pattern.criteria.map(\.label) == [nil, "B"])
        #expect(pattern.criteria[0].values.map { "\($0.id): \($0.shown)" } == ["age: 60 years"])
        // No pattern fits (these rules have no catch-all): looked for, and not found.
        let none = report(fever: "no")
        #expect(none.pattern == nil)
        #expect(none.patternAssessed)
        #expect(HTMLSummary().render(none).contains(SummaryHeadings.english.noPattern))
    }
}
