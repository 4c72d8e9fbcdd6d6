import Foundation
import Testing
@testable import TriageKit

/// The memo of answers a batch has read: the same readings as the reader, from any thread, and
/// never more than its capacity of them kept.
@Suite struct AnswerMemoTests {
    static let answers = ["no", "nope", "not really", "yes, a bit", "not sure", "twice a week", "6ish", "3 days a month",
                          "both sides, a bit more on the left", "throbbing", "no, though coughing makes it worse once I have one",
                          "maybe", "8/10", "hardly ever", "", "!!!"]

    @Test func readsAsTheReaderDoesEveryTime() throws {
        let rules = try FixtureRules.rules()
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
        let rules = try FixtureRules.rules()
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
        let rules = try FixtureRules.rules()
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
        let rules = try FixtureRules.rules()
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
