/// The safety sweep's result in plain words, for the people who edit the rules: one line when
/// all is well; otherwise each problem, the rule behind it, and the answers that show it as a
/// test case they can keep.
public struct SweepReport {
    public let rules: RuleSet
    public let result: SafetySweep.Result
    /// Where the rules' test cases are, as the person knows it ("rules/tests").
    public let testsFolder: String
    private let reader: AnswerReader
    private let words: ConditionWords

    public init(rules: RuleSet, result: SafetySweep.Result, testsFolder: String = "rules/tests") {
        self.rules = rules
        self.result = result
        self.testsFolder = testsFolder
        reader = AnswerReader(rules: rules)
        words = ConditionWords(rules: rules)
    }

    /// More problems than this at once are one mistake showing many ways: the first are enough.
    public static let shown = 5

    /// The problems (the first few), then the summary line.
    public var text: String {
        var parts = result.findings.prefix(Self.shown).map(describe)
        if result.findings.count > Self.shown {
            parts.append("(\(result.findings.count - Self.shown) more, not shown: fix these first, then test again)")
        }
        return (parts + [summary]).joined(separator: "\n") + "\n"
    }

    /// "safety sweep: 1,000 random consultations, no answer made the advice less safe".
    public var summary: String {
        let consultations = "safety sweep: \(Self.grouped(result.consultations)) random consultations"
        guard result.passed else {
            let n = result.findings.count
            return "\(consultations), \(n) \(n == 1 ? "problem" : "problems") (above): fix the rules, then test again"
        }
        let allowed = result.loweredByPattern == 0 ? "" :
            " (in \(Self.grouped(result.loweredByPattern)), a change of pattern alone made it less urgent, which is allowed)"
        return "\(consultations), no answer made the advice less safe\(allowed)"
    }

    func describe(_ finding: SweepFinding) -> String {
        var lines: [String] = []
        let before = level(finding.levelBefore), after = level(finding.levelAfter)
        let what = finding.fall == .warningSigns ? "the level the warning signs call for" : "the advice"
        let seen = "seen in \(Self.grouped(finding.seen)) of \(Self.grouped(result.consultations)) consultations"
        switch finding.property {
        case .oneMoreYes, .notSureForNo:
            let q = finding.question.map { rules.questions[$0].id } ?? "?"
            let answer = finding.property == .oneMoreYes ? "yes" : "not sure"
            lines.append(finding.property == .oneMoreYes
                ? "UNSAFE: one more \"yes\" made the advice less safe (\(seen))"
                : "UNSAFE: \"not sure\" gave less safe advice than \"no\" (\(seen))")
            lines.append("  answering '\(q)' \(answer) instead of no took \(what) from \(before) to \(after)")
            for f in finding.flags {
                lines.append("  red flag '\(rules.flags[f].id)' no longer counts as it did; its condition: \(words.text(rules.flags[f].condition))")
            }
            for l in finding.levelsNoLongerApplying {
                if let also = rules.levels[l].alsoWhen {
                    lines.append("  level '\(rules.levels[l].id)' no longer applies; its 'also when': \(words.text(also))")
                }
            }
            lines.append(finding.property == .oneMoreYes
                ? "  A yes must never make the advice less urgent: look for a 'not' in the condition above."
                : "  A doubt must never be safer than a no: look for a 'not' or an 'is unsure' in the condition above.")
        case .confirmedSignMissed:
            let flag = finding.flags.first.map { rules.flags[$0] }
            lines.append("UNSAFE: a warning sign the answers confirm was missed (\(seen))")
            lines.append("  red flag '\(flag?.id ?? "?")' (\(before)) fires on these answers, but the advice was \(after)")
            for q in finding.unasked {
                let context = rules.questions[q].context.map { " (it is asked only when: \(words.text($0)))" } ?? ""
                lines.append("  the conversation never asked '\(rules.questions[q].id)'\(context)")
            }
            lines.append("  A flag that reads a question with an 'only when:' must need that condition too, as in 'fever and stiff_neck'.")
        }
        lines.append("  To keep this as a test case, save these lines as \(testsFolder)/NAME.case:")
        lines += caseText(finding).split(separator: "\n").map { "    " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The finding's answers as a test case (only those that differ from the baseline), expecting
    /// the level the answers must reach at least.
    public func caseText(_ finding: SweepFinding) -> String {
        let least = level(finding.levelBefore)
        var lines: [String] = []
        switch finding.property {
        case .oneMoreYes, .notSureForNo:
            let q = finding.question.map { rules.questions[$0].id } ?? "?"
            let answer = finding.property == .oneMoreYes ? "yes" : "not sure"
            lines.append("# '\(q)' \(answer) instead of no: the advice must be at least \(least)")
        case .confirmedSignMissed:
            let flag = finding.flags.first.map { rules.flags[$0].id } ?? "?"
            lines.append("# red flag '\(flag)' fires on these answers: the advice must be at least \(least)")
        }
        for (q, value) in finding.answers { lines.append("\(rules.questions[q].id): \(text(of: value, forQuestionAt: q))") }
        lines.append("#= triage: \(least)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func level(_ index: Int) -> String {
        rules.levels.indices.contains(index) ? rules.levels[index].id : "?"
    }

    /// An answer as a case writes it, in words these rules read back as the same value: "yes",
    /// "not sure", "none" where the rules' words have them, else the rules' own words.
    func text(of value: FactValue, forQuestionAt q: Int) -> String {
        let lexicon = rules.lexicon
        let candidates: [String]
        switch value {
        case .yes: candidates = ["yes"] + lexicon.yesWords
        case .no: candidates = ["no"] + lexicon.noWords
        case .unsure: candidates = ["not sure"] + lexicon.unsureWords
        case .number(let n): candidates = [n.plainText]
        case .choice(let id): candidates = [id]
        case .options(let ids): candidates = ids.isEmpty ? ["none"] + lexicon.noWords : [ids.joined(separator: ", ")]
        }
        return candidates.first { reader.read($0, questionAt: q) == .value(value) } ?? candidates[0]
    }

    /// 3000 as "3,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
