import Testing
import TriageKit

/// Named values: `value limit: 10` names a threshold once; conditions compare with it and
/// texts say it (`{limit}`), so the advice follows the number when it changes.
@Suite("Named values")
struct NamedValueTests {
    typealias L = LanguageTests

    static func rules(limit: String = "10", when: String = "days >= painkiller_limit",
                      message: String = "More than {painkiller_limit} days a month is too many.") -> String {
        """
        name: Values
        version: 1
        yes words: yes
        no words: no
        unsure words: not sure
        value painkiller_limit: \(limit)
        value low: 2.5

        question days
          ask: On how many days a month do you take painkillers (more than {painkiller_limit} is a lot)?
          answer: number
          unit: days
          range: 0 to 31

        level consult
          advice: See your doctor.

        level self_care
          advice: Look after yourself; keep painkillers under {painkiller_limit} days.

        flag many
          level: consult
          when: \(when)
          message: \(message)

        advice diary
          when: days between low and painkiller_limit
          text: Keep a diary from {low} days on.

        """
    }

    static func triage(_ text: String, days: String) throws -> Outcome {
        let loaded = L.load(text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        let rules = try #require(loaded.rules)
        return ScriptedRun(rules: rules).run(AnswersScript(file: "case.txt", text: "days: \(days)\n")).outcome
    }

    @Test("a value is used in comparisons, between, and every kind of text")
    func valueInConditionsAndTexts() throws {
        let loaded = L.load(Self.rules())
        let rules = try #require(loaded.rules, "\(loaded.diagnostics.map(\.summaryLine))")
        #expect(rules.flags[0].message == "More than 10 days a month is too many.")
        #expect(rules.question("days")?.ask == "On how many days a month do you take painkillers (more than 10 is a lot)?")
        #expect(rules.levels[1].advice == "Look after yourself; keep painkillers under 10 days.")
        #expect(rules.advice[0].text == "Keep a diary from 2.5 days on.")
        #expect(try Self.triage(Self.rules(), days: "10").redFlags.map(\.id) == ["many"])
        #expect(try Self.triage(Self.rules(), days: "9").redFlags.isEmpty)
        #expect(try Self.triage(Self.rules(), days: "9").selfCare.map(\.id) == ["diary"])
        #expect(try Self.triage(Self.rules(), days: "2").selfCare.isEmpty)
    }

    @Test("changing the value changes the condition and the text together")
    func textFollowsTheNumber() throws {
        let text = Self.rules(limit: "6")
        let outcome = try Self.triage(text, days: "7")
        #expect(outcome.redFlags.map(\.id) == ["many"])
        #expect(outcome.redFlags.first?.message == "More than 6 days a month is too many.")
    }

    @Test("an unknown value in a condition is an error at its place, with the name it may mean")
    func unknownValueInACondition() throws {
        let text = Self.rules(when: "days >= painkiller_limt")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "there is no value 'painkiller_limt'", at: "painkiller_limt", in: text,
                           note: "did you mean 'painkiller_limit'?")
    }

    @Test("an unknown value in a text is an error at its brace, with the name it may mean")
    func unknownValueInAText() throws {
        let text = Self.rules(message: "More than {painkiller_limti} days.")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "there is no value 'painkiller_limti'", at: "{painkiller_limti}", in: text,
                           note: "did you mean 'painkiller_limit'?")
    }

    @Test("a value given twice, or not a number, is an error at its place")
    func badValues() throws {
        let twice = Self.rules().replacingOccurrences(of: "value low: 2.5\n", with: "value low: 2.5\nvalue low: 3\n")
        L.expectDiagnostic(L.load(twice), "there is already a value 'low'", at: "low", in: twice, occurrence: 2)
        let words = Self.rules(limit: "ten")
        L.expectDiagnostic(L.load(words), "a value is one number, e.g. 'value painkiller_limit: 2'", at: "ten", in: words)
        let badID = Self.rules().replacingOccurrences(of: "value low: 2.5", with: "value Low: 2.5")
            .replacingOccurrences(of: "between low and", with: "between 2.5 and").replacingOccurrences(of: "{low}", with: "2.5")
        L.expectDiagnostic(L.load(badID), "'Low' is not a valid id: use lowercase letters, digits and _, starting with a letter",
                           at: "Low", in: badID)
    }

    @Test("a value nothing uses is a warning at its name")
    func unusedValue() throws {
        let text = Self.rules().replacingOccurrences(of: "value low: 2.5\n", with: "value low: 2.5\nvalue spare: 3\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "value 'spare' is not used in any condition or text", at: "spare", in: text, severity: .warning)
        #expect(loaded.diagnostics.count == 1)
    }

    @Test("a value's name counts as used only as a whole word, in plain and in non-ASCII texts alike")
    func usedAsAWholeWord() throws {
        func warnings(_ text: String) -> [String] {
            L.load(text).diagnostics.filter { $0.severity == .warning }.map(\.message)
        }
        let spare = Self.rules().replacingOccurrences(of: "value low: 2.5\n", with: "value low: 2.5\nvalue spare: 3\n")
        // Named in a text: as a word between punctuation, after a non-ASCII dash, or in braces.
        for said in ["Spare: {spare}.", "café—spare", "(spare)", "naïve, spare"] {
            #expect(warnings(spare.replacingOccurrences(of: "Keep a diary from", with: "\(said) Keep a diary from")).isEmpty, "\(said)")
        }
        // Part of a longer word, with ASCII or non-ASCII letters, digits or `_`: not a use.
        for said in ["spares", "spare_x", "spare2", "sparé", "éspare"] {
            #expect(warnings(spare.replacingOccurrences(of: "Keep a diary from", with: "\(said) Keep a diary from"))
                    == ["value 'spare' is not used in any condition or text"], "\(said)")
        }
    }

    @Test("braces that name no value are left as they are")
    func otherBraces() throws {
        let loaded = L.load(Self.rules(message: "Braces {like this} and {} stay."))
        #expect(loaded.rules?.flags[0].message == "Braces {like this} and {} stay.", "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("the parser reads a value line with the id's place")
    func parsed() throws {
        var parser = RulesParser(source: SourceText(file: "main.rules", text: "value my_limit: 12\n"))
        let syntax = parser.parse()
        #expect(parser.diagnostics.isEmpty)
        guard case .value(let id, let number) = syntax.statements.first else { Issue.record("not a value"); return }
        #expect(id.text == "my_limit" && id.range.start.column == 7)
        #expect(number.text == "12")
    }
}
