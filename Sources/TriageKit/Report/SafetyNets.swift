/// What to do if things get worse, as every ending and summary shows it.
enum SafetyNets {
    /// Each fired flag's own line (confirmed, then unsure), then the line of every level more
    /// urgent than the triage (the emergency signs, in most endings); each line once.
    static func lines(_ outcome: Outcome, rules: RuleSet) -> [String] {
        var lines: [String] = []
        for flag in outcome.redFlags + outcome.redFlagsUnsure {
            if let line = flag.safetyNet, !lines.contains(line) { lines.append(line) }
        }
        let levelIndex = rules.levels.firstIndex { $0.id == outcome.triage.id } ?? 0
        for level in rules.levels[..<levelIndex] {
            if let line = level.safetyNet, !lines.contains(line) { lines.append(line) }
        }
        return lines
    }
}
