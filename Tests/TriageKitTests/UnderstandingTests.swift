import Testing
import TriageKit

/// Free-text answers (clinical.md section 1: "Free-text phrasings ... must map onto these
/// values"), read by `AnswerReader` and `StoryReader`, on small rules of the tests' own
/// (`Tests/ReaderRules`: a few questions of each kind, three warning signs, and the shared words).
@Suite("Understanding answers")
struct UnderstandingTests {
    struct Phrasing: LabelledRow {
        var question: String
        var text: String
        var expected: AnswerReading
        var label: String { "\(question): \"\(text)\"" }
    }

    static func rules() throws -> RuleSet { try SmallRulesFolder.rules("ReaderRules") }

    static func read(_ text: String, for id: String) throws -> AnswerReading {
        let rules = try Self.rules()
        let question = try #require(rules.question(id), "no question '\(id)'")
        return AnswerReader(lexicon: rules.lexicon).read(text, for: question)
    }

    static let phrasings: [Phrasing] = [
        // yes / no / not sure
        .init(question: "nausea", text: "a bit queasy", expected: .value(.yes)),
        .init(question: "nausea", text: "yes", expected: .value(.yes)),
        .init(question: "nausea", text: "no", expected: .value(.no)),
        .init(question: "nausea", text: "nope", expected: .value(.no)),
        .init(question: "nausea", text: "not really", expected: .value(.no)),
        .init(question: "fever", text: "No", expected: .value(.no)),
        .init(question: "fever", text: "nope.", expected: .value(.no)),
        .init(question: "fever", text: "not really", expected: .value(.no)),
        .init(question: "nausea", text: "not sure", expected: .value(.unsure)),
        .init(question: "nausea", text: "maybe", expected: .value(.unsure)),
        .init(question: "nausea", text: "don't know", expected: .value(.unsure)),
        .init(question: "fever", text: "I don't know", expected: .value(.unsure)),
        .init(question: "light_sensitive", text: "I can't stand bright light", expected: .value(.yes)),
        // numbers with units and rates
        .init(question: "headache_days", text: "twice a week", expected: .value(.number(8.7))),
        .init(question: "headache_days", text: "6 a year", expected: .value(.number(0.5))),
        .init(question: "headache_days", text: "every day", expected: .value(.number(30))),
        .init(question: "duration_hours", text: "half an hour", expected: .value(.number(0.5))),
        .init(question: "duration_hours", text: "2 days", expected: .value(.number(48))),
        .init(question: "duration_hours", text: "about 3 hours", expected: .value(.number(3))),
        .init(question: "duration_hours", text: "90 minutes", expected: .value(.number(1.5))),
        .init(question: "months", text: "2 years", expected: .value(.number(24))),
        .init(question: "attacks", text: "dozens", expected: .value(.number(24))),
        .init(question: "attacks", text: "hundreds", expected: .value(.number(100))),
        .init(question: "attacks", text: "this is the first one", expected: .value(.number(1))),
        .init(question: "age", text: "sixty-five", expected: .value(.number(65))),
        .init(question: "age", text: "42", expected: .value(.number(42))),
        .init(question: "age", text: "150", expected: .outOfRange(150, 1...120)),
        .init(question: "painkiller_days", text: "40", expected: .outOfRange(40, 0...31)),
        .init(question: "age", text: "not sure", expected: .value(.unsure)),
        // choices
        .init(question: "side", text: "behind my left eye", expected: .value(.choice("one_side"))),
        .init(question: "side", text: "one_side", expected: .value(.choice("one_side"))),
        .init(question: "side", text: "all over", expected: .value(.choice("both_sides"))),
        .init(question: "quality", text: "like a tight band", expected: .value(.choice("pressing"))),
        .init(question: "quality", text: "pounding", expected: .value(.choice("throbbing"))),
        .init(question: "severity", text: "7/10", expected: .value(.choice("severe"))),
        .init(question: "severity", text: "3/10", expected: .value(.choice("mild"))),
        .init(question: "severity", text: "5 out of 10", expected: .value(.choice("moderate"))),
        // The spec's 0-10 scale, as a bare score (1-3 mild, 4-6 moderate, 7-10 severe).
        .init(question: "severity", text: "8", expected: .value(.choice("severe"))),
        .init(question: "severity", text: "about a 7", expected: .value(.choice("severe"))),
        .init(question: "severity", text: "2", expected: .value(.choice("mild"))),
        .init(question: "painkiller_kind", text: "ibuprofen", expected: .value(.choice("simple"))),
        .init(question: "painkiller_kind", text: "sumatriptan", expected: .value(.choice("triptan"))),
        .init(question: "painkiller_kind", text: "co-codamol", expected: .value(.choice("combination"))),
        .init(question: "painkiller_kind", text: "tramadol", expected: .value(.choice("opioid"))),
        .init(question: "painkiller_kind", text: "not sure", expected: .value(.unsure)),
    ]

    @Test("phrasings map onto the spec's values", arguments: phrasings)
    func phrasing(_ row: Phrasing) throws {
        let reading = try Self.read(row.text, for: row.question)
        switch (reading, row.expected) {
        case (.value(.number(let got)), .value(.number(let want))):
            #expect(abs(got - want) < 0.05, "\(row.label): expected \(want), got \(got)")
        case (.notUnderstood, .notUnderstood):
            break
        default:
            #expect(reading == row.expected)
        }
    }

    @Test("gibberish is not understood, never guessed",
          arguments: [("nausea", "blorp fizzle"), ("age", "banana"), ("side", "purple"), ("headache_days", "qwerty"),
                      ("sudden_onset", "asdf")])
    func gibberish(_ id: String, _ text: String) throws {
        let reading = try Self.read(text, for: id)
        guard case .notUnderstood(let hint) = reading else {
            Issue.record("'\(text)' for \(id) was read as \(reading)")
            return
        }
        #expect(!hint.isEmpty)
    }

    /// The warning signs' yes/no questions (those the rules' flags read): a doubtful answer must
    /// never be taken as "no".
    static let redFlagQuestions = ["sudden_onset", "fever", "vision_problems"]

    static let hedges = [
        "I don't think so but maybe",
        "maybe",
        "not sure",
        "no... actually I'm not sure",
        "I don't think so, but I'm not certain",
        "possibly",
        "hard to say",
        "no idea",
        "not that I know of, but I can't remember",
        "nope, well, perhaps",
        "kind of",
        "no, but it might have",
        "no... or yes?",
        "nah, probably",
    ]

    @Test("a hedged answer to a red-flag question never becomes 'no'",
          arguments: redFlagQuestions, hedges)
    func hedgedNeverNo(_ id: String, _ text: String) throws {
        let reading = try Self.read(text, for: id)
        #expect(reading != .value(.no), "'\(text)' for \(id) was read as a firm no")
    }

    @Test("a leading no or 'not sure' never hides a warning sign named after it", arguments: redFlagQuestions)
    func leadingNoNeverHidesAWarningSign(_ id: String) throws {
        let rules = try Self.rules()
        let question = try #require(rules.question(id))
        let reader = AnswerReader(rules: rules)
        for sign in question.yesWords {
            for text in ["no, \(sign)", "nope. \(sign) though", "not sure, \(sign)", "hmm no, \(sign) once"] {
                #expect(reader.read(text, for: question) != .value(.no), "'\(text)' for \(id) was read as a firm no")
            }
        }
    }

    @Test("a leading answer is the answer, and the detail after it is kept out of the reading")
    func leadingAnswer() throws {
        #expect(try Self.read("no, it creeps up on me over a few hours", for: "sudden_onset") == .value(.no))
        #expect(try Self.read("nope, eyes are ok, just tired from the screen", for: "vision_problems") == .value(.no))
        #expect(try Self.read("not really, only a little when I'm busy", for: "activity_worse") == .value(.no))
        #expect(try Self.read("yes. never had one before this month", for: "new_or_changed") == .value(.yes))
        // The question's own words can contradict the leading answer: then it is asked again.
        if case .value = try Self.read("no, I threw up twice", for: "vomiting") { Issue.record("a contradiction was not asked again") }
    }

    @Test("numbers in context", arguments: [
        ("headache_days", "it started about six weeks ago and has been there almost daily", 25.0),
        ("headache_days", "a couple of days most weeks", 8.7),
        ("headache_days", "a day or two a week", 6.5),
        ("sleep_hours", "6ish", 6.0),
        ("months", "10 years-ish", 120.0),
        ("months", "since I was 15, I'm 40 now", 300.0),
        ("sleep_hours", "6. actually no, more like 5", 5.0),
        ("duration_hours", "a day or two", 36.0),
    ])
    func numbersInContext(_ id: String, _ text: String, _ expected: Double) throws {
        guard case .value(.number(let n)) = try Self.read(text, for: id) else {
            Issue.record("'\(text)' was not read as a number")
            return
        }
        #expect(abs(n - expected) <= max(0.02 * expected, 0.1), "'\(text)' read as \(n)")
    }

    @Test("a negated yes word is a no, and a 'but' ends the negation")
    func negation() throws {
        #expect(try Self.read("no, not queasy at all", for: "nausea") == .value(.no))
        #expect(try Self.read("never been sick with it", for: "vomiting") != .value(.yes))
        #expect(try Self.read("no thunderclap", for: "sudden_onset") == .value(.no))
    }

    // MARK: Story

    @Test("the story: pressure on both sides after long days at the computer")
    func officeStory() throws {
        let rules = try Self.rules()
        let facts = StoryReader(rules: rules).read("pressure on both sides of my head after long days at the computer")
        let byID = Dictionary(facts.map { ($0.questionID, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["side"] == .choice("both_sides"))
        #expect(byID["quality"] == .choice("pressing"))
        // Nothing in it is a warning sign.
        for id in Self.redFlagQuestions { #expect(byID[id] != .yes, "'\(id)' read as yes from the story") }
        for fact in facts { #expect(!fact.evidence.isEmpty, "\(fact.questionID) has no evidence") }
    }

    @Test("the story: no nausea but light hurts my eyes")
    func negatedStory() throws {
        let rules = try Self.rules()
        let facts = StoryReader(rules: rules).read("no nausea but light hurts my eyes")
        let byID = Dictionary(facts.map { ($0.questionID, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["nausea"] == .no)
        #expect(byID["light_sensitive"] == .yes)
    }

    /// Every question of the reader rules answered, none of them a warning sign.
    static func answers(_ changes: [String: String], removing: [String] = []) -> [String: String] {
        let base = ["sudden_onset": "no", "fever": "no", "vision_problems": "no", "age": "40", "new_or_changed": "no",
                    "painkiller_days": "2", "painkiller_kind": "simple", "duration_hours": "5", "attacks": "100",
                    "headache_days": "4", "months": "24", "side": "both_sides", "quality": "pressing", "severity": "moderate",
                    "activity_worse": "no", "nausea": "no", "vomiting": "no", "light_sensitive": "no", "sleep_hours": "7"]
        return Fixtures.answers(changes, removing: removing, base: base)
    }

    @Test("facts read from the story are not asked again, unless the script answers them")
    func storyInScript() throws {
        let rules = try Self.rules()
        let run = try Fixtures.run(Self.answers(["story": "throbbing pain behind my left eye"], removing: ["side", "quality"]), rules: rules)
        #expect(run.consultation.value(of: "side") == .choice("one_side"))
        #expect(run.consultation.value(of: "quality") == .choice("throbbing"))
        #expect(!run.consultation.asked.contains("side"))
        #expect(!run.consultation.asked.contains("quality"))
        #expect(!run.unanswered.contains("side"))

        // An explicit answer wins over the story.
        let explicit = try Fixtures.run(Self.answers(["story": "throbbing pain behind my left eye", "side": "both_sides"]), rules: rules)
        #expect(explicit.consultation.value(of: "side") == .choice("both_sides"))
    }
}
