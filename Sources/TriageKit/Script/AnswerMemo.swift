import Foundation

/// Answers already read in a batch, by question and text. People answer in a few ways ("no",
/// "not really", "twice a week"), so a batch of scripts or transcripts meets most answers many
/// times; reading is a pure function of the rules, the question and the text, so each distinct
/// answer is read once. Bounded, so a batch of a million different answers stays at flat memory:
/// once full, answers not yet seen are read every time, as without the memo.
final class AnswerMemo: @unchecked Sendable {
    private struct Key: Hashable {
        let question: Int
        let text: String
    }

    static let capacity = 20_000
    private let reader: AnswerReader
    private let lock = NSLock()
    private var readings: [Key: AnswerReading] = [:]

    init(reader: AnswerReader) { self.reader = reader }

    /// How many readings are kept.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return readings.count
    }

    func read(_ text: String, questionAt q: Int) -> AnswerReading {
        let key = Key(question: q, text: text)
        lock.lock()
        let known = readings[key]
        lock.unlock()
        if let known { return known }
        let reading = reader.read(text, questionAt: q)
        lock.lock()
        if readings.count < Self.capacity { readings[key] = reading }
        lock.unlock()
        return reading
    }
}
