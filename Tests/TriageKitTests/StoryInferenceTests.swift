import Testing
@testable import TriageKit

/// What a story settles beyond the words it names, on small rules of the test's own: a yes that
/// follows from its amounts (`story says yes when:`), a time counted from an event ("a week after
/// that"), a warning sign's no words beside its subject, and answers led by a no with a concession.
@Suite("Story inference")
struct StoryInferenceTests {
    static let rulesText = """
        name: Story inference rules
        version: 1.0
        yes words: yes, yeah
        no words: no, nope
        unsure words: not sure, maybe
        negation before: no, not
        negation ends: but, though
        concession words: though, tho
        time units: minute = 1/60, minutes = 1/60, hour = 1, hours = 1, day = 24, days = 24,
            week = 168, weeks = 168, fortnight = 336, month = 730.5, months = 730.5,
            year = 8766, years = 8766

        question new_headache
          ask: Is this a new kind of headache?
          answer: yes/no
          yes words: brand new
          story says yes when: months < 3

        question pressure
          ask: Is your blood pressure high and not controlled?
          answer: yes/no
          yes words: pressure is high, uncontrolled
          no words: is well controlled, it's fine

        question cough
          ask: Does coughing bring it on?
          answer: yes/no
          yes words: coughing, when i cough

        question months
          ask: How long have you had these headaches?
          answer: number
          unit: months
          range: 0 to 600

        question severity
          ask: How strong is it?
          answer: choice
          option mild: mild
          option severe: severe
          phrase 2: mild
          phrase 8: severe

        level urgent
          advice: Today.

        level self_care
          advice: Home.

        flag new_headache
          level: urgent
          when: new_headache
          message: New.

        flag pressure
          level: urgent
          when: pressure and new_headache
          message: Pressure.

        flag cough
          level: urgent
          when: cough
          message: Cough.

        flag long_and_strong
          level: urgent
          when: months > 500 and severity is severe
          message: Long and strong.

        pattern any
          name: Any

        """

    static func rules() throws -> RuleSet {
        let loaded = LanguageTests.load(rulesText)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    static func read(_ story: String) throws -> [String: StoryFact] {
        let facts = StoryReader(rules: try rules()).read(story)
        return Dictionary(facts.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("a headache that began weeks ago is a new one, shown with the words it follows from")
    func newFromItsStart() throws {
        let facts = try Self.read("I have had one most mornings for the last 6 weeks")
        let new = try #require(facts["new_headache"])
        #expect(new.value == .yes)
        #expect(new.evidence.contains("6 weeks"), "\(new.evidence)")
    }

    @Test("a long history settles nothing, and a story without an amount settles nothing", arguments: [
        "I've had these for about 10 years", "a dull ache across my forehead",
    ])
    func noYesWithoutTheAmount(story: String) throws {
        #expect(try Self.read(story)["new_headache"] == nil)
    }

    @Test("the checker refuses a 'story says yes when' on a question other than yes/no, and one on itself")
    func checkerRefusesMisuse() {
        let onNumber = LanguageTests.load(Self.rulesText.replacingOccurrences(of: """
              unit: months
              range: 0 to 600
            """, with: """
              unit: months
              range: 0 to 600
              story says yes when: new_headache
            """))
        #expect(onNumber.diagnostics.contains { $0.message.contains("only for yes/no questions") },
                "\(onNumber.diagnostics.map(\.summaryLine))")
        let onItself = LanguageTests.load(Self.rulesText.replacingOccurrences(of: "story says yes when: months < 3",
                                                                           with: "story says yes when: new_headache and months < 3"))
        #expect(onItself.diagnostics.contains { $0.message.contains("cannot follow from its own answer") },
                "\(onItself.diagnostics.map(\.summaryLine))")
    }

    @Test("an event's 'ago' gives way to how long the headaches have been going on")
    func aSpanWinsOverAPointInTime() throws {
        let months = try #require(try Self.read("I had a fall a fortnight ago. I've had these headaches for 3 years.")["months"])
        #expect(months.value == .number(36))
        // Alone, the point in time is still read.
        let alone = try #require(try Self.read("it started 2 months ago")["months"])
        #expect(alone.value == .number(2))
    }

    @Test("'a week after that' counts from the event before it")
    func timeAfterAnEvent() throws {
        let months = try #require(try Self.read("my baby came 6 weeks ago and about a week after that the headaches started")["months"])
        guard case .number(let value) = months.value else { Issue.record("not a number: \(months.value)"); return }
        #expect(abs(value - 5 * 168 / 730.5) < 0.01, "\(value)")
        #expect(months.evidence.contains("after that"), "\(months.evidence)")
    }

    @Test("a warning sign's no words count beside its subject only")
    func anchoredNoWords() throws {
        #expect(try Self.read("I take tablets for my pressure, which is well controlled")["pressure"]?.value == .no)
        // The same words about something else say nothing about blood pressure.
        #expect(try Self.read("work is busy but it's fine")["pressure"] == nil)
        #expect(try Self.read("my knee is well controlled with physio")["pressure"] == nil)
    }

    @Test("a leading no with a concession stays no; with 'except' or 'but' it is asked again", arguments: [
        ("no, though coughing makes it worse once I have one", AnswerReading.value(.no)),
        ("no, tho coughing makes it throb", .value(.no)),
        ("no but coughing sets it off", nil),
        ("no, coughing sets it off", nil),
    ])
    func concession(answer: String, expected: AnswerReading?) throws {
        let rules = try Self.rules()
        let reading = AnswerReader(rules: rules).read(answer, for: try #require(rules.question("cough")))
        if let expected {
            #expect(reading == expected)
        } else if case .notUnderstood = reading {
        } else {
            Issue.record("'\(answer)' should be asked again, read \(reading)")
        }
    }

    @Test("scores for different moments: the strongest is the answer; one score and a word agree as before", arguments: [
        ("standing up an 8, lying down a 2", "severe"),
        ("lying down a 2, standing up an 8", "severe"),
        ("a 2", "mild"),
    ])
    func peakScore(answer: String, option: String) throws {
        let rules = try Self.rules()
        #expect(AnswerReader(rules: rules).read(answer, for: try #require(rules.question("severity"))) == .value(.choice(option)))
    }
}
