/// For a live evaluator, per urgency level: how many of the conditions that decide the triage
/// (each red flag's, under its level, and each level's "also when") are certainly true, and how
/// many are true or still unknown. The triage span then follows from the first level with any,
/// instead of going through every red flag after each answer (thousands, in a large rule set).
///
/// It gives the span `Evaluator.triage()` works out during the conversation (not at the end,
/// where unsure flags count as another level): the most urgent level still possible is the first
/// with a condition true or unknown, the least urgent the first with one certainly true.
struct LevelTallies: Sendable {
    private var certain: [Int32]
    private var possible: [Int32]

    init(levelCount: Int) {
        certain = Array(repeating: 0, count: levelCount)
        possible = Array(repeating: 0, count: levelCount)
    }

    /// Counts a condition of `level` with this truth (as the memo codes it: 1 yes, 2 no, 3 unknown),
    /// or takes it back with `by: -1`.
    mutating func count(_ code: UInt8, at level: Int, by step: Int32 = 1) {
        if code == 1 { certain[level] += step }
        if code == 1 || code == 3 { possible[level] += step }
    }

    var span: ClosedRange<Int> {
        let baseline = max(0, certain.count - 1)
        let mostUrgent = possible.firstIndex { $0 > 0 }.map { min($0, baseline) } ?? baseline
        let leastUrgent = certain.firstIndex { $0 > 0 }.map { min($0, baseline) } ?? baseline
        return mostUrgent...max(mostUrgent, leastUrgent)
    }
}
