import Testing
@testable import TriageKit

/// The language and engine features of clinical revision 2, on small rules of the test's own:
/// facts that hold several options, a flag's own unsure level, safety nets, and a level that
/// leaves the rest of the assessment to the doctor.
@Suite("Several options, unsure levels, safety nets, stopping the assessment")
struct SeveralAndLevelsTests {
    static let rulesText = """
        name: Test rules
        version: 1.0
        joining words: and, plus
        yes words: yes
        no words: no, none
        unsure words: not sure
        negation before: no
        negation ends: but

        question spots
          ask: Spots that do not fade?
          answer: yes/no

        question fever
          ask: A fever?
          answer: yes/no

        question aura_signs
          ask: During the aura, any of these?
          answer: several
          option double_vision: double vision, seeing double
          option unsteady: poor balance, unsteady, wobbly
          option ringing: ringing in the ears, ringing
          option slurred: slurred speech, slurring

        question tired
          ask: Tired?
          answer: yes/no

        level emergency
          advice: Call an ambulance.
          when unsure: urgent
          stops conversation: yes
          safety net: Call an ambulance for a sudden, very bad headache.

        level urgent
          advice: See a doctor today.
          when unsure: consult
          stops assessment: yes

        level consult
          advice: Book an appointment.

        level self_care
          advice: Look after yourself.

        flag rash
          level: emergency
          when: spots
          message: Spots that do not fade.

        flag fever
          level: urgent
          when unsure: urgent
          when: fever
          message: A fever.
          safety net: If your neck gets stiff, call an ambulance.

        flag odd_aura
          level: consult
          when: aura_signs has any of (double_vision, unsteady)
            or at least 2 of aura_signs in (ringing, slurred, unsteady)
          message: An unusual aura.
          safety net: If the aura does not go, call an ambulance.

        flag tired
          level: consult
          when: tired
          message: Tiredness.

        pattern any
          name: Any headache

        advice rest
          text: Rest.

        """

    static func rules(_ text: String = rulesText) throws -> RuleSet {
        let loaded = LanguageTests.load(text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    static func consultation(_ rules: RuleSet, _ answers: [String: FactValue]) -> Consultation {
        var c = Consultation(rules: rules)
        while let q = c.nextQuestion() { c.record(q.id, answers[q.id] ?? .unsure, from: .answered("x")) }
        return c
    }

    // MARK: Reading

    @Test("a several question reads words, numbers, ids, none and not sure", arguments: [
        ("double vision and I go wobbly", FactValue.options(["double_vision", "unsteady"])),
        ("2 and 4", .options(["slurred", "unsteady"])),
        ("3", .options(["ringing"])),
        ("double_vision, ringing", .options(["double_vision", "ringing"])),
        ("none", .options([])),
        ("no", .options([])),
        ("no, just the zigzags", .options([])),
        ("not sure", .unsure),
        ("no double vision but some slurring", .options(["slurred"])),
    ])
    func reading(_ text: String, _ expected: FactValue) throws {
        let rules = try Self.rules()
        let question = try #require(rules.question("aura_signs"))
        #expect(AnswerReader(rules: rules).read(text, for: question) == .value(expected))
    }

    @Test("a several answer it cannot read is asked again, never guessed", arguments: ["9", "purple", "2 and 12"])
    func unreadable(_ text: String) throws {
        let rules = try Self.rules()
        let question = try #require(rules.question("aura_signs"))
        guard case .notUnderstood(let hint) = AnswerReader(rules: rules).read(text, for: question) else {
            Issue.record("'\(text)' was read")
            return
        }
        #expect(hint.contains("none"))
    }

    // MARK: Conditions

    @Test("'has any of' and 'at least N of X in' in three-valued logic", arguments: [
        (FactValue.options([]), Truth.no),
        (.options(["ringing"]), .no),
        (.options(["ringing", "slurred"]), .yes),
        (.options(["unsteady"]), .yes),
        (.options(["double_vision"]), .yes),
        (.unsure, .unknown),
    ])
    func hasAny(_ value: FactValue, _ expected: Truth) throws {
        let rules = try Self.rules()
        let outcome = Self.consultation(rules, ["spots": .no, "fever": .no, "tired": .no, "aura_signs": value]).outcome()
        let flagged = outcome.redFlags.contains { $0.id == "odd_aura" }
        let unsure = outcome.redFlagsUnsure.contains { $0.id == "odd_aura" }
        #expect((flagged ? Truth.yes : unsure ? .unknown : .no) == expected)
    }

    @Test("mistakes with several-option facts are located errors", arguments: [
        ("aura_signs has any of (double_vision, unsteady)", "aura_signs is double_vision",
         "'aura_signs' can hold several options: write 'has', not 'is'", "aura_signs"),
        ("aura_signs has any of (double_vision, unsteady)", "aura_signs has double_vison",
         "'aura_signs' has no option 'double_vison'", "double_vison"),
        ("aura_signs has any of (double_vision, unsteady)", "fever has double_vision",
         "'fever' is a yes/no question; 'has' is for a question whose answer can be several options", "fever has"),
        ("aura_signs has any of (double_vision, unsteady)", "aura_signs",
         "'aura_signs' can hold several options; say which", "aura_signs"),
    ])
    func located(_ old: String, _ new: String, _ message: String, _ needle: String) {
        let text = Self.rulesText.replacingOccurrences(of: old, with: new)
        let loaded = LanguageTests.load(text)
        #expect(loaded.rules == nil)
        LanguageTests.expectDiagnostic(loaded, message, at: needle, in: text, occurrence: needle == "aura_signs" ? 2 : 1)
    }

    @Test("a misspelt option gets a suggestion")
    func suggestion() {
        let text = Self.rulesText.replacingOccurrences(of: "has any of (double_vision, unsteady)", with: "has any of (double_vison, unsteady)")
        let d = LanguageTests.load(text).diagnostics.first { $0.message == "'aura_signs' has no option 'double_vison'" }
        #expect(d?.notes.contains { $0.contains("double_vision") } == true)
    }

    @Test("a flag cannot count as more urgent than its own level when unsure")
    func unsureLevelNotMoreUrgent() {
        let text = Self.rulesText.replacingOccurrences(of: "  when unsure: urgent\n  when: fever", with: "  when unsure: emergency\n  when: fever")
        let loaded = LanguageTests.load(text)
        LanguageTests.expectDiagnostic(loaded, "an unsure 'fever' cannot count as 'emergency', which is more urgent than its own level",
                                       at: "emergency", in: text, occurrence: 3)
    }

    @Test("'stops assessment' is yes or no")
    func stopsAssessmentValue() {
        let text = Self.rulesText.replacingOccurrences(of: "stops assessment: yes", with: "stops assessment: maybe")
        LanguageTests.expectDiagnostic(LanguageTests.load(text), "'stops assessment' is 'yes' or 'no'", at: "maybe", in: text)
    }

    // MARK: Levels

    @Test("a flag's own unsure level: an unsure fever stays urgent")
    func ownUnsureLevel() throws {
        let rules = try Self.rules()
        let outcome = Self.consultation(rules, ["spots": .no, "fever": .unsure, "tired": .no, "aura_signs": .options([])]).outcome()
        #expect(outcome.triage.id == "urgent")
        #expect(outcome.redFlagsUnsure.map(\.id) == ["fever"])
    }

    @Test("an urgent triage asks only what can still make it an emergency, and assesses nothing else")
    func stopsAssessment() throws {
        let rules = try Self.rules()
        var c = Consultation(rules: rules)
        c.record("fever", .yes, from: .answered("yes"))
        // The spots can still make it an emergency; the aura and tiredness cannot.
        #expect(c.nextQuestion()?.id == "spots")
        #expect(c.remainingQuestionEstimate() == 1)
        c.record("spots", .no, from: .answered("no"))
        #expect(c.nextQuestion() == nil)
        let outcome = c.outcome()
        #expect(outcome.triage.id == "urgent")
        #expect(outcome.assessmentStopped && outcome.patternID == "not_assessed")
        #expect(outcome.selfCare.isEmpty && outcome.contributors.isEmpty && outcome.focus.isEmpty)
        // Questions left unasked are not the person's doubts.
        #expect(outcome.redFlagsUnsure.isEmpty)
    }

    @Test("an unsure emergency sign that nothing can change any more stops the assessment too")
    func unsureEmergencyStops() throws {
        let rules = try Self.rules()
        var c = Consultation(rules: rules)
        c.record("spots", .unsure, from: .answered("not sure"))
        #expect(c.nextQuestion() == nil, "nothing left can make it an emergency")
        let outcome = c.outcome()
        #expect(outcome.triage.id == "urgent" && outcome.patternID == "not_assessed")
        #expect(outcome.redFlagsUnsure.map(\.id) == ["rash"])
    }

    @Test("without a stop, every question is asked and the pattern assessed")
    func noStop() throws {
        let rules = try Self.rules()
        let c = Self.consultation(rules, ["spots": .no, "fever": .no, "tired": .yes, "aura_signs": .options([])])
        #expect(c.asked == ["spots", "fever", "aura_signs", "tired"])
        let outcome = c.outcome()
        #expect(outcome.triage.id == "consult" && outcome.patternID == "any" && outcome.selfCare.map(\.id) == ["rest"])
    }

    // MARK: Safety nets

    @Test("the ending shows each fired flag's safety net and the more urgent levels' line, once")
    func safetyNets() throws {
        let rules = try Self.rules()
        func report(_ facts: [String: FactValue]) -> ConsultationReport {
            let c = Self.consultation(rules, facts)
            return ConsultationReport(consultation: c, outcome: c.outcome(), story: nil, date: "", program: "")
        }
        let urgent = report(["spots": .no, "fever": .yes])
        #expect(urgent.safetyNets == [
            "If your neck gets stiff, call an ambulance.", "Call an ambulance for a sudden, very bad headache.",
        ])
        let text = TextReport().render(urgent)
        #expect(text.contains("If things change:"))
        #expect(!text.contains("Rest."), "no self-care with an urgent triage")
        let consult = report(["spots": .no, "fever": .no, "tired": .no, "aura_signs": .unsure])
        #expect(consult.safetyNets == [
            "If the aura does not go, call an ambulance.", "Call an ambulance for a sudden, very bad headache.",
        ], "an unsure flag's safety net is shown too")
        let emergency = report(["spots": .yes])
        #expect(emergency.safetyNets.isEmpty, "an emergency ending needs no line about emergencies")
    }

    @Test("JSON gives a several fact as a list of option ids")
    func json() throws {
        let rules = try Self.rules()
        let script = AnswersScript(file: "t.txt", text: "spots: no\nfever: no\naura_signs: wobbly and seeing double\ntired: no\n")
        let result = ScriptedRun(rules: rules).run(script)
        #expect(result.diagnostics.isEmpty)
        let object = JSONReport().object(ConsultationReport(result: result, date: "", program: ""))
        guard case .object(let fields) = object, case .object(let facts)? = fields.first(where: { $0.0 == "facts" })?.1 else {
            Issue.record("no facts")
            return
        }
        #expect(facts.first { $0.0 == "aura_signs" }?.1 == .array([.string("double_vision"), .string("unsteady")]))
    }
}
