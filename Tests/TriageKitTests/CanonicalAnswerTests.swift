import Testing
import TriageKit

/// The canonical answers scripts and cases are written with (`yes`, `no`, `not sure`, a number,
/// an option id, `none` or ids joined by commas) are read as exactly that value, for a question
/// of every kind. On small rules of the test's own, whose words are only the canonical ones.
@Suite("Canonical answers")
struct CanonicalAnswerTests {
    static let rulesText = """
        name: Canonical answers
        version: 1.0
        yes words: yes
        no words: no, none
        unsure words: not sure

        question fever
          ask: Fever?
          answer: yes/no

        question age
          ask: How old are you?
          answer: number
          unit: years
          range: 1 to 120

        question hours
          ask: How many hours?
          answer: number
          unit: hours
          range: 0 to 72

        question side
          ask: Where?
          answer: choice
          option one_side: on one side
          option both_sides: all over

        question features
          ask: Which of these?
          answer: several
          option double_vision: seeing double
          option unsteady: wobbly
          option ringing_ears: ringing

        level urgent
          advice: Today.

        level self_care
          advice: Home.

        flag any
          level: urgent
          when: fever or age > 100 or hours > 70 or side is both_sides or features has unsteady
          message: Any.

        """

    static func rules() throws -> RuleSet {
        let loaded = LanguageTests.load(rulesText)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    static func read(_ text: String, _ id: String) throws -> AnswerReading {
        let rules = try rules()
        return AnswerReader(lexicon: rules.lexicon).read(text, for: try #require(rules.question(id)))
    }

    @Test("every question accepts 'not sure'", arguments: ["fever", "age", "hours", "side", "features"])
    func notSure(_ id: String) throws {
        #expect(try Self.read("not sure", id) == .value(.unsure))
    }

    @Test("yes and no") func yesNo() throws {
        #expect(try Self.read("yes", "fever") == .value(.yes))
        #expect(try Self.read("no", "fever") == .value(.no))
    }

    @Test("numbers, whole and decimal, at the edges of the range",
          arguments: [("age", 1.0), ("age", 49), ("age", 50), ("age", 120), ("hours", 0), ("hours", 0.25), ("hours", 3.5), ("hours", 72)])
    func numbers(_ id: String, _ number: Double) throws {
        #expect(try Self.read(number.plainText, id) == .value(.number(number)))
    }

    @Test("an option's id", arguments: ["one_side", "both_sides"])
    func option(_ id: String) throws {
        #expect(try Self.read(id, "side") == .value(.choice(id)))
    }

    @Test("none, one option's id, and ids joined by commas")
    func several() throws {
        #expect(try Self.read("none", "features") == .value(.options([])))
        for option in ["double_vision", "unsteady", "ringing_ears"] {
            #expect(try Self.read(option, "features") == .value(.options([option])))
        }
        #expect(try Self.read("unsteady, double_vision", "features") == .value(.options(["double_vision", "unsteady"])))
        #expect(try Self.read("ringing_ears, double_vision, unsteady", "features")
                == .value(.options(["double_vision", "ringing_ears", "unsteady"])))
    }
}
