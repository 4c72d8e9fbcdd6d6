/// One way the safety sweep found the rules' advice less safe than it must be, with the first
/// consultation that showed it.
public struct SweepFinding: Sendable {
    /// The safety property that failed.
    public enum Property: String, Sendable, CaseIterable {
        /// A "no" turned to "yes" lowered what the warning signs or the triage call for.
        case oneMoreYes
        /// A "no" turned to "not sure" lowered them: a doubt must never be safer than a no.
        case notSureForNo
        /// A warning sign that the answers confirm did not count in full: a question it reads
        /// was never asked.
        case confirmedSignMissed
    }

    /// What fell.
    public enum Fall: Sendable, Equatable {
        /// The level the red flags call for (confirmed ones at their level, unsure ones at their
        /// `when unsure:` level).
        case warningSigns
        /// The triage.
        case advice
    }

    public var property: Property
    public var fall: Fall
    /// The consultation of the sweep that showed it (its seed is the sweep's seed plus this).
    public var consultation: Int
    /// Every answer of the consultation, by question index, before the change: with `question`
    /// and `property`, the whole consultation again.
    public var answerSet: [FactValue?]
    /// The question whose "no" was changed; for a missed sign, nil.
    public var question: Int?
    /// The level before the change, by index (lower is more urgent); for a missed sign, the flag's level.
    public var levelBefore: Int
    /// The level after the change; for a missed sign, the triage reached.
    public var levelAfter: Int
    /// The red flags that no longer count as they did (or, for a missed sign, the sign).
    public var flags: [Int]
    /// The levels whose `also when:` held before the change and not after.
    public var levelsNoLongerApplying: [Int]
    /// For a missed sign: the questions it reads that the conversation never asked.
    public var unasked: [Int]
    /// The answers that show it, after the change, where they differ from the baseline: what a
    /// test case lists.
    public var answers: [(question: Int, value: FactValue)]
    /// How many consultations of the sweep showed the same (same property, same rules involved).
    public var seen = 1

    /// What makes two findings the same: the property and the rules involved, not the answers.
    var key: String {
        "\(property.rawValue) \(fall == .advice ? "advice" : "signs") \(flags) \(levelsNoLongerApplying) \(unasked)"
            + (property == .confirmedSignMissed ? "" : " \(question ?? -1)")
    }
}
