import Testing
@testable import TriageKit

/// A consultation keeps one evaluator and, after each recorded or forgotten fact, works out
/// again only what depends on it (`Evaluator.update`). At every step of random dialogues, with
/// answers recorded out of turn, changed and forgotten, and consultations copied, its values
/// must be exactly those of an evaluator built fresh for the same facts: every node, every
/// pattern's match, the pattern candidates and the triage span.
@Suite struct LiveEvaluationTests {
    /// Rules that reach what the shipped ones do not: a definition used before it is written,
    /// contributors that read flags and the pattern, a level that reads a contributor, statuses
    /// and advice that read the triage, counts of every kind, a question asked only sometimes,
    /// and the same condition for two flags of different levels and for a level's "also when"
    /// (identical conditions share one node of the graph).
    static let connected = """
        name: Connected rules
        version: 1.0

        question a
          ask: A?
          answer: yes/no

        question b
          ask: B?
          answer: yes/no

        question c
          ask: C?
          answer: yes/no
          only when: a or n > 3

        question n
          ask: N?
          answer: number
          unit: times
          range: 0 to 10

        question k
          ask: K?
          answer: choice
          option one: one
          option two: two
          option three: three

        level emergency
          advice: Now.
          when unsure: urgent
          stops conversation: yes

        level urgent
          advice: Today.
          when unsure: consult
          also when: exactly 1 of (late, k is one of (two, three), c is unsure)

        level consult
          advice: Soon.
          also when: contributor busy or pattern is one of (p2)

        level self_care
          advice: Rest.

        define late: early and not c
        define early: a or (n between 2 and 5)

        flag f1
          level: emergency
          when: b and n >= 9
          message: F1.

        flag f2
          level: urgent
          when: exactly 1 of (late, k is one of (two, three), c is unsure)
          message: F2.

        flag f3
          level: consult
          when: b and n >= 9
          message: F3.

        pattern p1
          name: P1
          criterion: at most 1 of (a, b, c)
          criterion: n < 4

        pattern p2
          name: P2
          match: all but one
          criterion: late
          criterion: k is one
          criterion: not b

        contributor busy
          name: Busy
          when: flag f2 or pattern is one of (p1)

        status not_advised
          title: No
          when: triage is one of (emergency, urgent)

        status maybe
          title: Maybe
          when: contributor busy and triage is one of (consult)

        status yes
          title: Yes

        focus neck
          name: Neck
          when: b or contributor busy

        advice rest
          text: Rest.
          when: triage is one of (self_care) and not a

        """

    static func connectedRules() throws -> RuleSet {
        let loaded = RulesLoader(source: InMemoryRules(files: ["main.rules": connected])).load()
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.summaryLine)
        #expect(errors.isEmpty, "\(errors)")
        return try #require(loaded.rules)
    }

    /// Every value two evaluators keep that differs between them.
    static func differences(_ live: Evaluator, _ fresh: Evaluator) -> [String] {
        let compiled = live.compiled
        var differing: [String] = []
        for id in 0..<compiled.graph.count where live.eval(node: id) != fresh.eval(node: id) {
            differing.append("node \(id): \(live.eval(node: id)) not \(fresh.eval(node: id))")
        }
        for p in 0..<compiled.patternCount where live.patternMatch(p) != fresh.patternMatch(p) {
            differing.append("pattern \(compiled.patternIDs[p]): \(live.patternMatch(p)) not \(fresh.patternMatch(p))")
        }
        if live.patternCandidates() != fresh.patternCandidates() { differing.append("pattern candidates") }
        if live.firstCertainPattern() != fresh.firstCertainPattern() { differing.append("first certain pattern") }
        if live.triage() != fresh.triage() { differing.append("triage") }
        return differing
    }

    /// The final evaluator made from the live one (what `outcome()` uses) agrees with a fresh
    /// final one, also once the pattern assessment is stopped, and so do the outcomes built on them.
    static func expectSameOutcome(_ consultation: Consultation, _ context: @autoclosure () -> String) {
        let rules = consultation.rules
        let derived = consultation.liveEvaluator.finalEvaluator()
        let fresh = Evaluator(rules: rules, facts: consultation.facts, final: true)
        #expect(differences(derived, fresh).isEmpty, "\(context()), final: \(differences(derived, fresh).prefix(5))")
        // Stopped before anything is worked out, as `OutcomeBuilder` stops a fresh evaluator.
        derived.stopPatternAssessment()
        let freshStopped = Evaluator(rules: rules, facts: consultation.facts, final: true)
        freshStopped.stopPatternAssessment()
        #expect(differences(derived, freshStopped).isEmpty, "\(context()), stopped: \(differences(derived, freshStopped).prefix(5))")
        for explain in [false, true] {
            let a = OutcomeBuilder(rules: rules, evaluator: consultation.liveEvaluator.finalEvaluator(), explain: explain).build()
            let b = OutcomeBuilder(rules: rules, evaluator: Evaluator(rules: rules, facts: consultation.facts, final: true), explain: explain).build()
            #expect(a.triage.id == b.triage.id && a.patternID == b.patternID && a.stoppedEarly == b.stoppedEarly
                    && a.flagIDs == b.flagIDs && a.unsureFlagIDs == b.unsureFlagIDs && a.therapyID == b.therapyID
                    && a.focusIDs == b.focusIDs && a.contributorIDs == b.contributorIDs && a.selfCareIDs == b.selfCareIDs,
                    "\(context()): outcome")
            #expect(a.explanation.map { $0.reasons.map { $0.render() } } == b.explanation.map { $0.reasons.map { $0.render() } },
                    "\(context()): explanation")
        }
    }

    /// The live evaluator agrees with a fresh one on every value it keeps.
    static func expectSameValues(_ consultation: Consultation, _ context: @autoclosure () -> String) {
        let live = consultation.liveEvaluator
        let fresh = Evaluator(rules: consultation.rules, facts: consultation.facts, final: false)
        var differing = differences(live, fresh)
        var unanswered: [Int] = []
        var next = live.firstUnanswered(from: 0)
        while let q = next { unanswered.append(q); next = live.firstUnanswered(from: q + 1) }
        if unanswered != consultation.facts.indices.filter({ consultation.facts[$0] == nil }) { differing.append("unanswered questions") }
        #expect(differing.isEmpty, "\(context()): \(differing.prefix(5).joined(separator: "; "))")
        #expect(consultation.isStopped == (consultation.stoppingFlag(fresh) != nil), "\(context()): stopped")
        let expected = RelevanceTests.firstOpenQuestion(consultation)
        #expect(consultation.nextQuestion()?.id == expected, "\(context()): next question")
        let open = Consultation.openFacts(fresh)
        let remaining = consultation.rules.questions.indices.filter { q in
            consultation.facts[q] == nil && open[q] && fresh.optional(consultation.rules.compiled.roots.contexts[q]) != .no
        }.count
        #expect(consultation.isStopped || consultation.remainingQuestionEstimate() == remaining, "\(context()): remaining")
    }

    /// A random dialogue: mostly the next question answered, sometimes a fact recorded out of
    /// turn (as from a story) or changed, sometimes one forgotten, sometimes a copy changed.
    static func wander(_ rules: RuleSet, seed: UInt64, values: (inout SplitMix64, Question) -> FactValue) {
        var rng = SplitMix64(seed: seed)
        var consultation = Consultation(rules: rules)
        expectSameValues(consultation, "seed \(seed), start")
        for step in 0..<70 {
            let roll = rng.below(100)
            let question = rng.pick(rules.questions)
            if roll < 60, let next = consultation.nextQuestion() {
                consultation.record(next.id, values(&rng, next), from: .answered("x"))
            } else if roll < 75 {
                consultation.record(question.id, values(&rng, question), from: .story("x"))
            } else if roll < 93 {
                let answered = rules.questions.filter { consultation.value(of: $0.id) != nil }
                if !answered.isEmpty { consultation.forget(rng.pick(answered).id) }
            } else {
                // Copies share the evaluator until one changes: the original must not see it.
                let before = consultation.facts
                var copy = consultation
                copy.record(question.id, values(&rng, question), from: .answered("x"))
                expectSameValues(copy, "seed \(seed), step \(step), the copy")
                #expect(consultation.facts == before, "seed \(seed), step \(step): a copy changed the original")
            }
            expectSameValues(consultation, "seed \(seed), step \(step)")
            if step % 10 == 9 || consultation.nextQuestion() == nil { expectSameOutcome(consultation, "seed \(seed), step \(step)") }
        }
    }

    /// The answers of a random answer set (`RandomAnswers`), or "not sure".
    static func randomValue(_ answers: [FactValue?], _ rules: RuleSet) -> (inout SplitMix64, Question) -> FactValue {
        { rng, question in rng.chance(15) ? .unsure : rules.questionIndex(of: question.id).flatMap { answers[$0] } ?? .unsure }
    }

    @Test(arguments: 0..<4)
    func shippedRules(chunk: Int) throws {
        let rules = try FixtureRules.rules()
        let random = try FixtureRules.randomAnswers()
        for index in 0..<40 {
            let seed = UInt64(0x11FE + chunk * 40 + index)
            Self.wander(rules, seed: seed, values: Self.randomValue(random.make(seed: seed), rules))
        }
    }

    @Test func connectedRulesEveryValue() throws {
        let rules = try Self.connectedRules()
        let roots = rules.compiled.roots
        #expect(roots.flags[0] == roots.flags[2], "identical conditions share a node")
        #expect(roots.levelAlso[1] == roots.flags[1], "identical conditions share a node")
        for seed in UInt64(1)...200 {
            Self.wander(rules, seed: seed) { rng, question in
                if rng.chance(15) { return .unsure }
                switch question.kind {
                case .yesNo: return rng.chance(50) ? .yes : .no
                case .number: return .number(Double(rng.below(11)))
                case .choice(let options): return .choice(rng.pick(options).id)
                case .several(let options): return .options(options.map(\.id).filter { _ in rng.chance(30) })
                }
            }
        }
    }
}
