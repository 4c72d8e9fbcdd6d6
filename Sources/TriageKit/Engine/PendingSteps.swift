/// The steps of the evaluation order (`Dependents`) still to be worked out after a fact changed,
/// one bit each, taken lowest first.
///
/// A step is only ever added above the one last taken (a value's dependents come after it in
/// the evaluation order), so one forward pass over the words finds them all, and a value whose
/// inputs changed several times is still worked out once.
struct PendingSteps {
    private var words: [UInt64]
    /// No bit is set below this word or above `last`.
    private var first = Int.max
    private var last = -1
    private var taken = -1

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ step: Int) {
        assert(step > taken, "a dependent comes after what it is worked out from")
        let word = step >> 6
        words[word] |= 1 << UInt64(step & 63)
        first = min(first, word)
        last = max(last, word)
    }

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
