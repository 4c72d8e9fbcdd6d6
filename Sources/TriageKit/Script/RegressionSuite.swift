/// The rules' own regression suite: answers scripts whose `#= key: value` lines give the
/// outcome they must produce, like a cram test. Only the fields a case lists are compared,
/// lists as sets; `accepted` rewrites them after a deliberate change.
///
/// Cases build on a shared baseline (`tests/baseline.answers`): a case lists only the answers
/// that differ from it, so a new question is one line in the baseline, not one in every case.
public struct RegressionSuite {
    public let rules: RuleSet
    /// The answers every case starts from; a case's own answer to a question replaces it.
    public let baseline: AnswersScript?
    /// One runner for every case: preparing its readers cost more than running a case.
    private let runner: ScriptedRun

    /// Where the baseline lives, relative to the rules folder.
    public static let baselinePath = "tests/baseline.answers"
    /// More changed cases than this at once is probably not one deliberate change.
    public static let fewCases = 5

    public init(rules: RuleSet, baseline: AnswersScript? = nil) {
        self.rules = rules
        self.baseline = baseline
        runner = ScriptedRun(rules: rules)
    }

    /// The case's answers on top of the baseline's.
    public func script(file: String, bytes: [UInt8]) -> AnswersScript {
        var script = AnswersScript(file: file, bytes: bytes)
        guard let baseline else { return script }
        let own = Set(script.answers.map(\.id))
        script.answers = baseline.answers.filter { !own.contains($0.id) } + script.answers
        script.diagnostics = baseline.diagnostics + script.diagnostics
        return script
    }

    /// One case's result: the fields that differ (expected, actual), empty when it passed.
    public struct CaseResult: Sendable {
        public var file: String
        public var differences: [(field: String, expected: String, actual: String)]
        public var diagnostics: [Diagnostic]
        public var outcome: Outcome?
        public var passed: Bool { differences.isEmpty && !diagnostics.hasErrors }
    }

    public func run(file: String, bytes: [UInt8]) -> CaseResult {
        let script = self.script(file: file, bytes: bytes)
        let result = runner.run(script)
        var diagnostics = result.diagnostics
        if script.recordedOutcome.isEmpty {
            diagnostics.append(.error("this case has no expected outcome: add lines like '#= triage: consult'",
                                      at: SourceRange(SourceLocation(file: file, line: 1, column: 1), length: 1)))
        }
        let actual = Dictionary(uniqueKeysWithValues: TranscriptFormat.fields(result.outcome).map { ($0.key, $0.value) })
        var differences: [(String, String, String)] = []
        for (field, expected) in script.recordedOutcome.sorted(by: { $0.key < $1.key }) {
            guard let value = actual[field] else {
                diagnostics.append(.error("'\(field)' is not an outcome field; use one of: \(actual.keys.sorted().joined(separator: ", "))",
                                          at: SourceRange(SourceLocation(file: file, line: 1, column: 1), length: 1)))
                continue
            }
            if Self.normalized(expected) != value { differences.append((field, Self.normalized(expected), value)) }
        }
        return CaseResult(file: file, differences: differences, diagnostics: diagnostics, outcome: result.outcome)
    }

    /// Lists compare as sets: "b, a" equals "a, b".
    static func normalized(_ value: String) -> String {
        value.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
    }

    /// The case text with its expected lines replaced by the actual outcome (for `--accept`).
    /// A description that names the triage ("# fever alone -> urgent") is kept true as well.
    public static func accepted(_ text: String, outcome: Outcome, levels: [String] = []) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expected = lines.filter { $0.hasPrefix("#= ") }.compactMap { $0.dropFirst(3).split(separator: ":").first.map { String($0).trimmingCharacters() } }
        var keep = lines.filter { !$0.hasPrefix("#= ") }
        if let first = keep.firstIndex(where: { $0.hasPrefix("# ") }), let arrow = keep[first].range(of: " -> ", options: .backwards),
           levels.contains(String(keep[first][arrow.upperBound...]).trimmingCharacters()) {
            keep[first] = keep[first][..<arrow.upperBound] + outcome.triage.id
        }
        var body = keep.joined(separator: "\n")
        while body.hasSuffix("\n") { body.removeLast() }
        let fields = TranscriptFormat.fields(outcome).filter { expected.isEmpty || expected.contains($0.key) }
        return body + "\n" + fields.map { "#= \($0.key): \($0.value)" }.joined(separator: "\n") + "\n"
    }

    /// Rules no case exercises: flags never confirmed, patterns never found, advice never given,
    /// statuses never chosen, contributors and focus areas never present.
    public func unexercised(by outcomes: [Outcome]) -> [String] {
        var seen = Set<String>()
        for o in outcomes {
            o.redFlags.forEach { seen.insert("flag \($0.id)") }
            o.pattern.map { _ = seen.insert("pattern \($0.id)") }
            o.selfCare.forEach { seen.insert("advice \($0.id)") }
            o.therapy.map { _ = seen.insert("status \($0.id)") }
            o.contributors.forEach { seen.insert("contributor \($0.id)") }
            o.focus.forEach { seen.insert("focus \($0.id)") }
        }
        let all = rules.flags.map { "flag \($0.id)" } + rules.patterns.map { "pattern \($0.id)" } + rules.advice.map { "advice \($0.id)" }
            + rules.statuses.map { "status \($0.id)" } + rules.contributors.map { "contributor \($0.id)" } + rules.focusAreas.map { "focus \($0.id)" }
        return all.filter { !seen.contains($0) }
    }
}
