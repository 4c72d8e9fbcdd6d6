/// The steps of the evaluation order (`Dependents`) still to be worked out after a fact changed,
/// one bit each, taken lowest first.
///
/// A step is only ever added above the one last taken (a value's dependents come after it in
/// the evaluation order), so one forward pass over the words finds them all, and a value whose
/// inputs changed several times is still worked out once. The set ends empty, so its words are
/// allocated once per live evaluator and reused for every answer: allocating them for each one
/// would cost more than working out the handful of values an answer changes.
struct PendingSteps {
    private let words: UnsafeMutableBufferPointer<UInt64>
    /// No bit is set below this word or above `last`.
    private var first = Int.max
    private var last = -1
    private var taken = -1

    /// Words for a set of `count` steps, all clear; the owner deallocates them.
    static func allocateWords(count: Int) -> UnsafeMutableBufferPointer<UInt64> {
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, (count + 63) / 64))
        words.initialize(repeating: 0)
        return words
    }

    /// An empty set over clear words.
    init(words: UnsafeMutableBufferPointer<UInt64>) {
        self.words = words
    }

    mutating func insert(_ step: Int) {
        assert(step > taken, "a dependent comes after what it is worked out from")
        let word = step >> 6
        words[word] |= 1 << UInt64(step & 63)
        first = min(first, word)
        last = max(last, word)
    }

    /// The lowest step, now removed; nil once the set is empty (and its words clear again).
    mutating func takeLowest() -> Int? {
        while first <= last {
            let bits = words[first]
            if bits != 0 {
                words[first] = bits & (bits - 1)
                taken = first << 6 | bits.trailingZeroBitCount
                return taken
            }
            first += 1
        }
        return nil
    }
}
