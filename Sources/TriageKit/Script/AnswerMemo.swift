import Foundation

/// Answers already read in a batch, by question and text. People answer in a few ways ("no",
/// "not really", "twice a week"), so a batch of scripts or transcripts meets most answers many
/// times; reading is a pure function of the rules, the question and the text, so each distinct
/// answer is read once.
///
/// A table of slots, bounded, found by hashing the text (FNV-1a over its bytes, as `WordTable`: the
/// standard library's seeded hashing was a tenth of a run here) and looking at no more than a
/// few slots from there. So memory is flat whatever the batch holds, and answers written to
/// collide cost at most those few looks each: an answer that finds no free slot near its own is
/// simply read every time, as without the memo.
final class AnswerMemo: @unchecked Sendable {
    private struct Entry {
        let question: Int
        let text: String
        let reading: AnswerReading
    }

    /// Slots at first, and at most: powers of two. A run of one script reads a few dozen
    /// answers, so the table starts small (its start-up and memory are a one-script run's) and
    /// doubles, while a batch fills it, up to the most; it is kept at most about two thirds full.
    static let firstSlots = 256
    static let maxSlots = 1 << 15
    static let capacity = 20_000
    /// How many slots an answer may look at from its own.
    static let probes = 8

    private let reader: AnswerReader
    private let lock = NSLock()
    private var entries: [Entry?]
    private var mask: Int
    private(set) var storedCount = 0

    init(reader: AnswerReader) {
        self.reader = reader
        entries = Array(repeating: nil, count: Self.firstSlots)
        mask = Self.firstSlots - 1
    }

    /// How many readings are kept.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return storedCount
    }

    func read(_ text: String, questionAt q: Int) -> AnswerReading {
        let hash = Self.hash(text, q)
        lock.lock()
        for i in 0..<Self.probes {
            guard let entry = entries[(hash + i) & mask] else { break }
            if entry.question == q, entry.text == text {
                lock.unlock()
                return entry.reading
            }
        }
        lock.unlock()
        let reading = reader.read(text, questionAt: q)
        lock.lock()
        defer { lock.unlock() }
        guard storedCount < Self.capacity else { return reading }
        if storedCount * 3 >= entries.count * 2, entries.count < Self.maxSlots { grow() }
        store(Entry(question: q, text: text, reading: reading), hash: hash)
        return reading
    }

    /// Puts an entry in the first free slot of its few, unless it is there already (another
    /// thread may have stored it meanwhile) or they are all taken.
    private func store(_ new: Entry, hash: Int) {
        for i in 0..<Self.probes {
            let slot = (hash + i) & mask
            if let entry = entries[slot] {
                if entry.question == new.question, entry.text == new.text { return }
                continue
            }
            entries[slot] = new
            storedCount += 1
            return
        }
    }

    private func grow() {
        let old = entries
        entries = Array(repeating: nil, count: old.count * 2)
        mask = entries.count - 1
        storedCount = 0
        for case let entry? in old { store(entry, hash: Self.hash(entry.text, entry.question)) }
    }

    /// FNV-1a of the text's bytes, with the question mixed in first.
    private static func hash(_ text: String, _ q: Int) -> Int {
        FNV1a.hash(text, basis: FNV1a.offsetBasis ^ UInt64(truncatingIfNeeded: q &* 0x9E37_79B9))
    }
}
