import Testing
@testable import TriageKit

/// The safety sweep (`headache-triage test` runs it on the rules in use), on small rules of the
/// test's own: it passes sane rules, and catches each kind of slip a rules edit can make.
@Suite("Safety sweep")
struct SafetySweepTests {
    /// Sane rules: every condition of a warning sign reads only "yes" answers, the question
    /// asked only with a fever is read only together with the fever, and an unclassified
    /// headache needs a doctor (which one more symptom may rightly change).
    static let rulesText = """
        name: Sweep rules
        version: 1.0
        yes words: yes
        no words: no, none
        unsure words: not sure

        question fever
          ask: Do you have a fever?
          answer: yes/no

        question stiff_neck
          ask: Is your neck stiff?
          answer: yes/no
          only when: fever

        question rash
          ask: Do you have a rash?
          answer: yes/no

        question nausea
          ask: Do you feel sick with the headache?
          answer: yes/no

        question days
          ask: On how many days a month do you have a headache?
          answer: number
          unit: days
          range: 0 to 31

        question side
          ask: Where is the pain?
          answer: choice
          option one_side: one side
          option both_sides: both sides

        question sights
          ask: Which of these do you see?
          answer: several
          option flashes: flashes
          option zigzags: zigzags

        level emergency
          advice: Call an ambulance.
          when unsure: urgent
          stops conversation: yes

        level urgent
          advice: See a doctor today.
          when unsure: consult
          stops assessment: yes

        level consult
          advice: Book an appointment.
          also when: days >= 15 or pattern is unclassified

        level self_care
          advice: Look after yourself.

        flag meningism
          level: emergency
          when: fever and stiff_neck
          message: Meningism.

        flag rash
          level: emergency
          when: rash
          message: Rash.

        flag fever
          level: urgent
          when: fever
          message: Fever.

        flag flashes
          level: consult
          when: sights has flashes
          message: Flashes.

        advice diary
          when: days >= 10
          text: Keep a headache diary.

        pattern migraine_like
          name: Migraine-like
          criterion: nausea
          criterion: side is one_side

        pattern unclassified
          name: Unclassified

        """

    static let baselineText = """
        fever: no
        stiff_neck: no
        rash: no
        nausea: no
        days: 3
        side: both_sides
        sights: none

        """

    static func rules(_ text: String = rulesText) throws -> RuleSet {
        let loaded = LanguageTests.load(text)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    /// The sane rules with one line changed (which must be there).
    static func rules(replacing old: String, with new: String) throws -> RuleSet {
        precondition(rulesText.contains(old), "the sweep rules have no '\(old)'")
        return try rules(rulesText.replacingOccurrences(of: old, with: new))
    }

    static var baseline: AnswersScript { AnswersScript(file: "baseline.answers", text: baselineText) }

    static let count = 600

    static func sweep(_ rules: RuleSet, baseline: AnswersScript = baseline) -> SafetySweep.Result {
        SafetySweep(rules: rules, baseline: baseline).run(0..<count)
    }

    @Test("sane rules pass, with every property put to the test many times")
    func saneRulesPass() throws {
        let rules = try Self.rules()
        let result = Self.sweep(rules)
        #expect(result.passed, "\(SweepReport(rules: rules, result: result).text)")
        #expect(result.consultations == Self.count)
        for property in SweepFinding.Property.allCases {
            #expect(result.checks[property, default: 0] > Self.count / 20, "\(property) was checked \(result.checks[property, default: 0]) times")
        }
        // One more symptom makes an unclassified headache migraine-like: allowed, and counted.
        #expect(result.loweredByPattern > 0)
        #expect(SweepReport(rules: rules, result: result).text
            == "safety sweep: 600 random consultations, no answer made the advice less safe (in \(result.loweredByPattern), a change of pattern alone made it less urgent, which is allowed)\n")
    }

    @Test("a 'not' in a red flag: one more yes takes the flag away")
    func oneMoreYesLowers() throws {
        let rules = try Self.rules(replacing: "when: fever\n", with: "when: fever and not nausea\n")
        let result = Self.sweep(rules)
        let finding = try #require(result.findings.first { $0.property == .oneMoreYes }, "\(result.findings.map(\.key))")
        #expect(finding.fall == .warningSigns)
        #expect(finding.question.map { rules.questions[$0].id } == "nausea")
        #expect(finding.flags.map { rules.flags[$0].id } == ["fever"])
        #expect(rules.levels[finding.levelBefore].id == "urgent")
        let text = SweepReport(rules: rules, result: result).text
        #expect(text.contains("UNSAFE: one more \"yes\" made the advice less safe"), "\(text)")
        #expect(text.contains("answering 'nausea' yes instead of no took the level the warning signs call for from urgent to"), "\(text)")
        #expect(text.contains("red flag 'fever' no longer counts as it did; its condition: fever: yes and nausea: no"), "\(text)")
        #expect(text.contains("save these lines as rules/tests/NAME.case"), "\(text)")
        #expect(text.hasSuffix("problems (above): fix the rules, then test again\n") || text.hasSuffix("problem (above): fix the rules, then test again\n"))
        try Self.expectCaseShowsIt(finding, rules)
        // Its simplest case: the two answers the slip needs, all else as in the baseline, also
        // from answers that say much more.
        let sweep = SafetySweep(rules: rules, baseline: Self.baseline)
        var noisy = sweep.answerSets.baseline
        for (id, value) in [("fever", FactValue.yes), ("days", .number(20)), ("side", .choice("one_side")), ("sights", .options(["zigzags"]))] {
            noisy[try #require(rules.questionIndex(of: id))] = value
        }
        let long = try #require(sweep.reproduce(finding, with: noisy))
        #expect(long.answers.count > 2, "\(long.answers)")
        let simple = sweep.simplified(long)
        #expect(simple.key == finding.key && simple.answers.map { rules.questions[$0.question].id } == ["fever", "nausea"], "\(simple.answers)")
    }

    @Test("a 'not sure' that gives less urgent advice than a 'no'")
    func notSureBelowNo() throws {
        // Written to fire only on a clear answer about nausea: a yes or a no keep the fever
        // flag, a "not sure" takes it away.
        let rules = try Self.rules(replacing: "when: fever\n", with: "when: fever and not (nausea is unsure)\n")
        let result = Self.sweep(rules)
        #expect(!result.findings.contains { $0.property == .oneMoreYes }, "\(result.findings.map(\.key))")
        let finding = try #require(result.findings.first { $0.property == .notSureForNo }, "\(result.findings.map(\.key))")
        #expect(finding.question.map { rules.questions[$0].id } == "nausea")
        #expect(finding.flags.map { rules.flags[$0].id } == ["fever"])
        let text = SweepReport(rules: rules, result: result).text
        #expect(text.contains("UNSAFE: \"not sure\" gave less safe advice than \"no\""), "\(text)")
        #expect(text.contains("answering 'nausea' not sure instead of no"), "\(text)")
        try Self.expectCaseShowsIt(finding, rules)
    }

    @Test("a 'not' in a level's 'also when': one more yes lowers the advice, though the pattern changes too")
    func oneMoreYesLowersTheAdvice() throws {
        let rules = try Self.rules(replacing: "also when: days >= 15 or pattern is unclassified",
                                   with: "also when: (days >= 15 and not nausea) or pattern is unclassified")
        // Headaches on most days, on one side: nausea makes them migraine-like too, which the
        // pattern exception must not take for the cause (with the old answers, the new pattern
        // alone would still need a doctor: the days do).
        let baseline = AnswersScript(file: "baseline.answers", text: Self.baselineText
            .replacingOccurrences(of: "days: 3", with: "days: 20").replacingOccurrences(of: "side: both_sides", with: "side: one_side"))
        let result = Self.sweep(rules, baseline: baseline)
        let finding = try #require(result.findings.first { $0.property == .oneMoreYes && $0.fall == .advice },
                                   "\(result.findings.map(\.key))")
        #expect(finding.levelsNoLongerApplying.map { rules.levels[$0].id } == ["consult"])
        #expect(rules.levels[finding.levelBefore].id == "consult" && rules.levels[finding.levelAfter].id == "self_care")
        let text = SweepReport(rules: rules, result: result).text
        #expect(text.contains("level 'consult' no longer applies; its 'also when':"), "\(text)")
        try Self.expectCaseShowsIt(finding, rules, baseline: baseline)
    }

    @Test("a red flag that reads a question asked only in a context it does not require")
    func confirmedSignMissed() throws {
        let rules = try Self.rules(replacing: "when: fever and stiff_neck", with: "when: stiff_neck")
        let result = Self.sweep(rules)
        let finding = try #require(result.findings.first { $0.property == .confirmedSignMissed }, "\(result.findings.map(\.key))")
        #expect(finding.flags.map { rules.flags[$0].id } == ["meningism"])
        #expect(finding.unasked.map { rules.questions[$0].id } == ["stiff_neck"])
        #expect(rules.levels[finding.levelBefore].id == "emergency")
        let text = SweepReport(rules: rules, result: result).text
        #expect(text.contains("UNSAFE: a warning sign the answers confirm was missed"), "\(text)")
        #expect(text.contains("the conversation never asked 'stiff_neck' (it is asked only when: fever: yes)"), "\(text)")
        #expect(text.contains("    stiff_neck: yes\n"), "\(text)")
        try Self.expectCaseShowsIt(finding, rules)
        // Its simplest case: a stiff neck without a fever.
        let simple = SafetySweep(rules: rules, baseline: Self.baseline).simplified(finding)
        #expect(simple.answers.map { rules.questions[$0.question].id } == ["stiff_neck"], "\(simple.answers)")
    }

    /// The case the report offers, saved in the rules' tests, makes the same consultation as
    /// the one the sweep found (the same answers heard, the same outcome), so it fails as the
    /// sweep did, expecting the level the answers must reach.
    static func expectCaseShowsIt(_ finding: SweepFinding, _ rules: RuleSet, baseline: AnswersScript = baseline,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = SweepReport(rules: rules, result: SafetySweep.Result()).caseText(finding)
        let result = RegressionSuite(rules: rules, baseline: baseline).run(file: "NAME.case", bytes: Array(text.utf8))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.summaryLine))\n\(text)", sourceLocation: sourceLocation)
        let outcome = try #require(result.outcome, sourceLocation: sourceLocation)

        let sweep = SafetySweep(rules: rules, baseline: baseline)
        let found = sweep.consult(finding.question.map { SafetySweep.changed(finding.answerSet, $0, finding.property) } ?? finding.answerSet)
        #expect(TranscriptFormat.fields(outcome).map(\.value) == TranscriptFormat.fields(found.outcome).map(\.value), "\(text)",
                sourceLocation: sourceLocation)
        // The same answers heard, in the same order.
        let scripted = ScriptedRun(rules: rules).run(RegressionSuite(rules: rules, baseline: baseline).script(file: "NAME.case", bytes: Array(text.utf8)))
        #expect(scripted.consultation.facts == found.consultation.facts, "\(text)", sourceLocation: sourceLocation)
        #expect(scripted.consultation.asked == found.asked.map { rules.questions[$0].id }, "\(text)", sourceLocation: sourceLocation)
        let triage = try #require(result.differences.first { $0.field == "triage" }, "the case passes:\n\(text)", sourceLocation: sourceLocation)
        #expect(triage.expected == rules.levels[finding.levelBefore].id, sourceLocation: sourceLocation)

        // Simplified, it still shows the same problem, with no more answers to list.
        let simple = sweep.simplified(finding)
        #expect(simple.key == finding.key && simple.answers.count <= finding.answers.count, sourceLocation: sourceLocation)
        if simple.answers.count < finding.answers.count {
            try expectCaseShowsIt(simple, rules, baseline: baseline, sourceLocation: sourceLocation)
        }
    }

    @Test("the same seed gives the same sweep, and each consultation can be made again alone")
    func deterministic() throws {
        let rules = try Self.rules(replacing: "when: fever\n", with: "when: fever and not nausea\n")
        let sweep = SafetySweep(rules: rules, baseline: Self.baseline)
        let whole = sweep.run(0..<200)
        var split = sweep.run(0..<77)
        split.add(sweep.run(77..<200))
        #expect(whole.findings.map(\.key) == split.findings.map(\.key))
        #expect(whole.findings.map(\.consultation) == split.findings.map(\.consultation))
        #expect(whole.findings.map(\.seen) == split.findings.map(\.seen))
        #expect(whole.checks == split.checks && whole.loweredByPattern == split.loweredByPattern)
        #expect(sweep.answers(of: 5) == sweep.answers(of: 5))
        #expect(sweep.answers(of: 5) != sweep.answers(of: 6))
        let first = try #require(whole.findings.first)
        #expect(sweep.run(first.consultation..<first.consultation + 1).findings.map(\.key).contains(first.key))
    }

    @Test("random answers are of each question's kind, inside its range, and start from the baseline")
    func randomAnswers() throws {
        let rules = try Self.rules()
        let answers = RandomAnswers(rules: rules, baseline: Self.baseline)
        #expect(answers.baseline[rules.questionIndex(of: "days")!] == .number(3))
        #expect(answers.baseline[rules.questionIndex(of: "sights")!] == .options([]))
        var differ = 0, thresholds = Set<Double>()
        for seed in UInt64(0)..<300 {
            let set = answers.make(seed: seed)
            for (q, question) in rules.questions.enumerated() {
                let value = try #require(set[q])
                if value != answers.baseline[q] { differ += 1 }
                switch (question.kind, value) {
                case (_, .unsure), (.yesNo, .yes), (.yesNo, .no): break
                case (.number(_, let range), .number(let n)):
                    #expect(range.contains(n))
                    thresholds.insert(n)
                case (.choice(let options), .choice(let id)): #expect(options.contains { $0.id == id })
                case (.several(let options), .options(let ids)): #expect(ids.allSatisfy { id in options.contains { $0.id == id } })
                default: Issue.record("\(question.id): \(value) is not of its kind")
                }
            }
        }
        // Most answers stay as the baseline has them; the numbers try the threshold and its neighbours.
        #expect(differ > 0 && differ < 300 * rules.questions.count / 4)
        #expect(thresholds.isSuperset(of: [14, 15, 16]))
    }

    @Test("an answer in a case is written in words the rules read back")
    func answerWords() throws {
        let rules = try Self.rules(Self.rulesText.replacingOccurrences(of: "yes words: yes", with: "yes words: ja")
            .replacingOccurrences(of: "unsure words: not sure", with: "unsure words: weiss nicht"))
        let report = SweepReport(rules: rules, result: SafetySweep.Result())
        let fever = try #require(rules.questionIndex(of: "fever")), sights = try #require(rules.questionIndex(of: "sights"))
        #expect(report.text(of: .yes, forQuestionAt: fever) == "ja")
        #expect(report.text(of: .unsure, forQuestionAt: fever) == "weiss nicht")
        #expect(report.text(of: .no, forQuestionAt: fever) == "no")
        #expect(report.text(of: .options([]), forQuestionAt: sights) == "none")
        #expect(report.text(of: .options(["flashes", "zigzags"]), forQuestionAt: sights) == "flashes, zigzags")
        #expect(SweepReport.grouped(2000) == "2,000" && SweepReport.grouped(999) == "999" && SweepReport.grouped(1_234_567) == "1,234,567")
    }

    @Test("SplitMix64 gives its published reference values")
    func splitMix() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
