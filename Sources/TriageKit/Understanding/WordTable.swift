/// A table from words to values, for looking up the words of an answer.
///
/// Reading one answer looks up a dozen words (the question's tables, each word of the answer in
/// the phrase indexes). With `Dictionary`, hashing those short strings with the standard
/// library's seeded SipHash was a third of the time spent reading answers. Here a word is hashed
/// with FNV-1a over its UTF-8 bytes. Seeded hashing defends a table that an attacker can fill
/// with colliding keys; these tables are filled only from the rules, and an answer only looks
/// words up, so the longest search is fixed when the rules are loaded, whatever is typed.
struct WordTable<Value: Sendable>: Sendable {
    private var keys: [String?]
    private var values: [Value?]
    private(set) var count = 0

    init(minimumCapacity: Int = 8) {
        var capacity = 8
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        keys = Array(repeating: nil, count: capacity)
        values = Array(repeating: nil, count: capacity)
    }

    init(_ pairs: [String: Value]) {
        self.init(minimumCapacity: pairs.count)
        for (key, value) in pairs { set(value, for: key) }
    }

    var isEmpty: Bool { count == 0 }

    /// The value of a word; setting one adds the word or replaces its value. The tables are
    /// only ever filled, so there is no removing.
    subscript(word: String) -> Value? {
        get {
            var slot = Self.hash(word) & (keys.count - 1)
            while let key = keys[slot] {
                if key == word { return values[slot] }
                slot = (slot + 1) & (keys.count - 1)
            }
            return nil
        }
    }

    mutating func set(_ value: Value, for word: String) {
        // Kept at most half full, so a search that finds nothing ends soon.
        if count * 2 >= keys.count { grow() }
        var slot = Self.hash(word) & (keys.count - 1)
        while let key = keys[slot], key != word { slot = (slot + 1) & (keys.count - 1) }
        if keys[slot] == nil {
            keys[slot] = word
            count += 1
        }
        values[slot] = value
    }

    func contains(_ word: String) -> Bool { self[word] != nil }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: keys.count)
        count = 0
        for (key, value) in zip(oldKeys, oldValues) {
            if let key, let value { set(value, for: key) }
        }
    }

    private static func hash(_ word: String) -> Int { FNV1a.hash(word) }
}

/// FNV-1a (Fowler, Noll and Vo), 64 bits, over a text's UTF-8 bytes: the hash of the tables
/// that look words up many times a second (`WordTable`, `AnswerMemo`).
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash, from `basis` (another value mixed in first, or the usual offset basis), with the
    /// high bits folded into the low ones, which pick a table's slot.
    static func hash(_ text: String, basis: UInt64 = offsetBasis) -> Int {
        var h = basis
        for byte in text.utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

extension WordTable where Value == Void {
    /// A set of words.
    init(words: some Sequence<String>) {
        self.init()
        for word in words { set((), for: word) }
    }
}
