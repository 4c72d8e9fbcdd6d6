/// Two answer sets on the fixture rules that `SafetyPropertyTests` starts some of its hand-made
/// rows from. They come from the spec's pattern table, whose rows (like those of the red-flag and
/// therapy tables) are now the shipped rules' own cases in `rules/tests/`, run by
/// `headache-triage test`; the sets keep the name the safety tests know them by.
enum PatternTableTests {
    /// Migraine without aura (1.1): 20 attacks of 6 h, one-sided, throbbing, moderate, worse with
    /// activity, with nausea and both light and noise sensitivity; 3 days a month for a year.
    static let migraine = FixtureRules.answers([
        "side": "one_side", "quality": "throbbing", "severity": "moderate", "activity_worse": "yes",
        "nausea": "yes", "light_sensitive": "yes", "noise_sensitive": "yes",
    ])
    /// Cluster-like (3.1): severe one-sided stabbing attacks of 1 h with restlessness; no
    /// migraine symptoms, so nothing else is met in full.
    static let cluster = FixtureRules.answers([
        "side": "one_side", "quality": "stabbing", "severity": "severe", "duration_hours": "1", "restless": "yes",
    ])
}
