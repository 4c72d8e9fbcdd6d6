import Testing
import TriageKit

/// The reply to the story's read-back ("I understood: 1. ..., 2. ... Is that right?"): a natural
/// yes or no, which items are wrong, and corrections in the person's own words. On the reader's
/// small rules (`Tests/ReaderRules`), whose words let a story give an age ("I am 35") and a reply
/// say that light does not bother.
@Suite("Story confirmation")
struct StoryConfirmationTests {
    static let story = "throbbing pain on the left side, I feel sick, light hurts, I am 35"

    static func read(_ reply: String) throws -> (StoryConfirmationReading, [StoryFact]) {
        let rules = try SmallRulesFolder.rules("ReaderRules")
        let facts = StoryReader(rules: rules).read(story)
        return (StoryConfirmationReader(rules: rules).read(reply, facts: facts), facts)
    }

    @Test("the story shows its facts in the questions' order", arguments: [0])
    func storyFacts(_: Int) throws {
        let (_, facts) = try Self.read("yes")
        #expect(facts.map(\.questionID) == ["age", "side", "quality", "nausea", "light_sensitive"])
        #expect(facts.allSatisfy { !$0.evidence.isEmpty })
    }

    @Test("a natural yes keeps everything", arguments: ["", "yes", "y", "yeah", "yep, spot on", "that's right", "all good",
                                                          "correct", "ok", "Yes thanks", "perfect", "yes, that's it"])
    func agreement(_ reply: String) throws {
        #expect(try Self.read(reply).0 == .keepAll)
    }

    /// Found in a chat: with no side in the story, "yep thats right" was read as a pain on the right.
    @Test("a yes and then 'that's right' agrees: the 'right' is not a side",
          arguments: ["yep thats right", "yeah that's right", "yes, that's correct thanks", "yes yes that is right"])
    func agreementSayingRight(_ reply: String) throws {
        let rules = try SmallRulesFolder.rules("ReaderRules")
        let facts = StoryReader(rules: rules).read("dull headaches at the back of my head, I'm 42")
        #expect(!facts.contains { $0.questionID == "side" })
        #expect(StoryConfirmationReader(rules: rules).read(reply, facts: facts) == .keepAll)
    }

    @Test("a yes with a new fact after it still adds the fact")
    func yesAndSide() throws {
        let rules = try SmallRulesFolder.rules("ReaderRules")
        let facts = StoryReader(rules: rules).read("dull headaches at the back of my head, I'm 42")
        let reading = StoryConfirmationReader(rules: rules).read("yes, and it's on the right side", facts: facts)
        #expect(reading == .change(drop: [], corrections: StoryReader(rules: rules).read("it's on the right side")))
    }

    @Test("a plain no drops everything", arguments: ["no", "nope", "No.", "not really"])
    func disagreement(_ reply: String) throws {
        #expect(try Self.read(reply).0 == .dropAll)
    }

    @Test("items named by number or ordinal are dropped, counted from 1",
          arguments: [("2", [2]), ("the second one's wrong", [2]), ("2nd is wrong", [2]), ("1 and 3 are wrong", [1, 3]),
                      ("number 4 isn't right", [4]), ("the first one", [1])])
    func drops(_ reply: String, _ items: [Int]) throws {
        #expect(try Self.read(reply).0 == .change(drop: items, corrections: []))
    }

    @Test("a correction replaces the fact, with its own words")
    func corrections() throws {
        guard case .change(let drop, let corrections) = try Self.read("no, I'm 36 and it's on both sides").0 else {
            Issue.record("not read as a change")
            return
        }
        #expect(drop.isEmpty)
        #expect(corrections.map(\.questionID) == ["age", "side"])
        #expect(corrections.map(\.value) == [.number(36), .choice("both_sides")])
        #expect(corrections.allSatisfy { !$0.evidence.isEmpty })
    }

    @Test("'no, it's the right side' restates a one-sided pain: kept, with the better words")
    func restated() throws {
        let (reading, _) = try Self.read("no, it's the right side")
        guard case .change(let drop, let corrections) = reading else {
            Issue.record("not read as a change: \(reading)")
            return
        }
        #expect(drop.isEmpty)
        #expect(corrections.map(\.questionID) == ["side"])
        #expect(corrections.first?.value == .choice("one_side"))
    }

    @Test("a correction typed as people type it: without an apostrophe, with a little word inside",
          arguments: ["no, light doesnt bother me", "nope, light doesn't really bother me"])
    func correctionAsTyped(_ reply: String) throws {
        guard case .change(let drop, let corrections) = try Self.read(reply).0 else {
            Issue.record("'\(reply)' not read as a change")
            return
        }
        #expect(drop.isEmpty)
        #expect(corrections.map(\.questionID) == ["light_sensitive"])
        #expect(corrections.first?.value == FactValue.no)
    }

    @Test("an amount is not an item number: '2 hours' is a correction or nothing, never item 2")
    func amountsAreNotItems() throws {
        let (reading, _) = try Self.read("it lasts 2 hours")
        if case .change(let drop, _) = reading { #expect(drop.isEmpty) }
    }

    @Test("a reply it cannot follow is asked again", arguments: ["hmm what", "purple", "?"])
    func notUnderstood(_ reply: String) throws {
        #expect(try Self.read(reply).0 == .notUnderstood)
    }
}
