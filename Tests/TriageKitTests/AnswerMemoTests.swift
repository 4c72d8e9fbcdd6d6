import Foundation
import Testing
@testable import TriageKit

/// The memo of answers a batch has read: the same readings as the reader, from any thread, and
/// never more than its capacity of them kept. On small rules of the test's own: a question of
/// each kind, with words the answers below use.
@Suite struct AnswerMemoTests {
    static let rulesText = """
        name: Memo rules
        version: 1.0
        yes words: yes, yeah, a bit, hardly ever
        no words: no, nope, not really
        unsure words: not sure, maybe
        negation before: no, not
        negation ends: but, though
        concession words: though
        number words: twice = 2, a couple = 2
        time units: hour = 1, hours = 1, day = 24, days = 24, week = 168, month = 730.5
        rate words: daily = day

        question cough
          ask: Does coughing bring it on?
          answer: yes/no
          yes words: coughing, when i cough

        question headache_days
          ask: On how many days a month do you have a headache?
          answer: number
          unit: days per month
          range: 0 to 31
          phrase hardly ever: 0.5

        question side
          ask: Is the pain on one side, or both?
          answer: choice
          option one_side: one side, left, right
          option both_sides: both sides, both

        question quality
          ask: How does it feel?
          answer: choice
          option throbbing: throbbing
          option pressing: pressing, tight

        question severity
          ask: How strong is it?
          answer: choice
          option mild: mild, 2/10
          option severe: severe, 8/10
          phrase 8: severe

        question aura_features
          ask: Which of these come before it?
          answer: several
          option zigzags: zigzag lines
          option numbness: numbness, tingling

        question sleep_hours
          ask: How many hours do you sleep?
          answer: number
          unit: hours per night
          range: 0 to 24

        level self_care
          advice: Home.

        flag cough
          level: self_care
          when: cough
          message: Cough.

        pattern any
          name: Any
          criterion: headache_days > 1 or side is one_side or quality is throbbing or severity is severe
            or aura_features has zigzags or sleep_hours < 6

        """

    static func rules() throws -> RuleSet {
        let loaded = RulesLoader(source: InMemoryRules(files: ["main.rules": rulesText])).load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    static let answers = ["no", "nope", "not really", "yes, a bit", "not sure", "twice a week", "6ish", "3 days a month",
                          "both sides, a bit more on the left", "throbbing", "no, though coughing makes it worse once I have one",
                          "maybe", "8/10", "hardly ever", "", "!!!"]

    @Test func readsAsTheReaderDoesEveryTime() throws {
        let rules = try Self.rules()
        let reader = AnswerReader(rules: rules)
        let memo = AnswerMemo(reader: reader)
        for _ in 0..<2 { // the second round comes from the memo
            for q in rules.questions.indices {
                for text in Self.answers {
                    #expect(memo.read(text, questionAt: q) == reader.read(text, questionAt: q), "\(rules.questions[q].id): '\(text)'")
                }
            }
        }
    }

    @Test func keepsNoMoreThanItsCapacity() throws {
        let rules = try Self.rules()
        let memo = AnswerMemo(reader: AnswerReader(rules: rules))
        for n in 0..<(AnswerMemo.capacity * 2) { _ = memo.read("\(n % 30) days, take \(n)", questionAt: 0) }
        // Full, or nearly: an answer whose few slots are taken is not kept.
        #expect(memo.count <= AnswerMemo.capacity)
        #expect(memo.count > AnswerMemo.capacity * 9 / 10)
        // Past its capacity it still reads right, without keeping the answer.
        let reader = AnswerReader(rules: rules)
        #expect(memo.read("not sure at all", questionAt: 1) == reader.read("not sure at all", questionAt: 1))
    }

    @Test func manyThreadsShareOne() throws {
        let rules = try Self.rules()
        let reader = AnswerReader(rules: rules)
        let memo = AnswerMemo(reader: reader)
        let wrong = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<2_000 {
                let text = Self.answers[(i + thread) % Self.answers.count], q = (i * 7 + thread) % rules.questions.count
                if memo.read(text, questionAt: q) != reader.read(text, questionAt: q) { wrong.add() }
            }
        }
        #expect(wrong.value == 0)
    }

    @Test func answersWrittenToCollideCostOnlyAFewLooksEach() throws {
        // Every answer below lands near the same slots or not: whichever, each read looks at no
        // more than a few of them, and reads right.
        let rules = try Self.rules()
        let reader = AnswerReader(rules: rules)
        let memo = AnswerMemo(reader: reader)
        for n in 0..<5_000 {
            let text = "no" + String(repeating: " ", count: n % 50) + "\(n)"
            #expect(memo.read(text, questionAt: 2) == reader.read(text, questionAt: 2))
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }
}
