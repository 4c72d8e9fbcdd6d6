/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, seeded generator, so every random case can
/// be made again from its seed, on any platform and with any Swift version (the standard
/// library's generators promise neither).
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n (the tiny modulo bias does not matter here).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "a choice among no items")
        return Int(next() % UInt64(n))
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
