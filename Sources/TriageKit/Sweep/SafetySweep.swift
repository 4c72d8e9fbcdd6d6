/// Checks, over seeded random consultations, what any safe rules must do whatever they say
/// clinically (clinical.md section 2's safety property, and the rule about `only when:`):
///
/// - one more "yes" (a "no" turned to "yes") never lowers the level the red flags call for,
///   nor the triage, except where a change of headache pattern alone lowers the triage (a
///   `pattern is ...` in a level's `also when:`: one more symptom can make an unclassified
///   headache a recognised one). Those are allowed, and counted;
/// - a "not sure" in place of a "no" never lowers them either: a doubt must not be safer
///   than a no;
/// - a red flag that the answers confirm always counts in full: the triage is at least its
///   level (for the most urgent level, the consultation ends there). It fails when a question
///   the flag reads is asked only when its context holds and the flag does not require that
///   context, so the conversation never confirms it.
///
/// Two nearby properties are left out because the engine makes them hold for any rules: the
/// triage is never below the level the red flags call for, and a flag confirmed in the
/// outcome sets the triage to at least its level (the triage is worked out from exactly those).
///
/// Each consultation is driven as `headache-triage run` drives an answers script: the next
/// question, answered from the random set, until there is none. Its seed is the sweep's plus
/// its number, so any consultation can be made again alone.
public struct SafetySweep: Sendable {
    /// Enough to find a "not" slipped into a red flag of the shipped rules a dozen times over,
    /// in about a second of a debug build on two cores.
    public static let defaultCount = 2_000
    public static let defaultSeed: UInt64 = 0x5AFE_7EA5

    public let rules: RuleSet
    public let answerSets: RandomAnswers
    public let seed: UInt64

    public init(rules: RuleSet, baseline: AnswersScript?, seed: UInt64 = defaultSeed) {
        self.init(answers: RandomAnswers(rules: rules, baseline: baseline), seed: seed)
    }

    public init(answers: RandomAnswers, seed: UInt64 = defaultSeed) {
        rules = answers.rules
        answerSets = answers
        self.seed = seed
    }

    /// What the sweep found over some consultations.
    public struct Result: Sendable {
        public var consultations = 0
        /// One per distinct problem, in the order first seen.
        public var findings: [SweepFinding] = []
        /// Triages lowered by a new pattern alone: allowed, and counted.
        public var loweredByPattern = 0
        /// How many times each property was put to the test: a "no" changed, a flag confirmed
        /// by the answers.
        public var checks: [SweepFinding.Property: Int] = [:]

        public init() {}

        public var passed: Bool { findings.isEmpty }

        /// Adds the result of later consultations.
        public mutating func add(_ other: Result) {
            consultations += other.consultations
            loweredByPattern += other.loweredByPattern
            for (property, n) in other.checks { checks[property, default: 0] += n }
            for finding in other.findings { record(finding) }
        }

        mutating func record(_ finding: SweepFinding) {
            if let i = findings.firstIndex(where: { $0.key == finding.key }) {
                findings[i].seen += finding.seen
            } else {
                findings.append(finding)
            }
        }
    }

    /// Runs consultations `range` (numbered from 0); split a sweep into ranges to run them on
    /// several threads, and `add` the results in order.
    public func run(_ range: Range<Int>) -> Result {
        var result = Result()
        for index in range { check(index, into: &result) }
        return result
    }

    /// The random answers of consultation `index`.
    public func answers(of index: Int) -> [FactValue?] {
        answerSets.make(seed: seed &+ UInt64(index))
    }

    // MARK: - One consultation

    /// A consultation driven to its end, with the questions it asked in order.
    struct Run {
        var consultation: Consultation
        var outcome: Outcome
        var asked: [Int]
        /// Per red flag, the level it counts as at the end (confirmed: its level; unsure, from
        /// a "not sure" or a question never asked: its `when unsure:` level), or nil.
        var signs: [Int?]

        /// The level the red flags call for; the least urgent level when none fired.
        func warningSignLevel(_ rules: RuleSet) -> Int {
            signs.compactMap { $0 }.min() ?? rules.levels.count - 1
        }
    }

    /// Asks the next question until there is none, as a script run does, answering from `answers`.
    func consult(_ answers: [FactValue?]) -> Run {
        var consultation = Consultation(rules: rules)
        var asked: [Int] = []
        while let turn = consultation.nextTurnIndices() {
            for q in turn.questions {
                asked.append(q)
                if let value = answers[q] {
                    consultation.record(at: q, value, from: .answered(""))
                } else {
                    consultation.record(at: q, .unsure, from: .notAnswered)
                }
            }
        }
        // The flags as the triage counts them, all of them: the outcome lists only the unsure
        // flags a "not sure" left so, once the conversation stopped early.
        let e = Evaluator(compiled: rules.compiled, facts: consultation.facts, final: true)
        let signs = rules.flags.indices.map { f -> Int? in
            switch e.flag(f) {
            case .yes: return rules.flags[f].level
            case .unknown: return rules.flags[f].whenUnsure
            case .no: return nil
            }
        }
        return Run(consultation: consultation, outcome: consultation.outcome(), asked: asked, signs: signs)
    }

    func check(_ index: Int, into result: inout Result) {
        result.consultations += 1
        let answers = self.answers(of: index)
        let base = consult(answers)
        checkConfirmedSigns(index, answers, base, into: &result)

        // A "no" the conversation asked for (one it never asked changes nothing), turned to yes
        // and, separately, to not sure. Mostly one that what the advice rests on reads: a red
        // flag that fired, a level's `also when:`, a pattern. Only such a change can lower it,
        // except through which questions are asked, which the others try.
        let noes = base.asked.filter { rules.questions[$0].kind == .yesNo && answers[$0] == .no }
        guard !noes.isEmpty else { return }
        let suspects = noes.filter { q in
            rules.roots.readers[q].contains { reader in
                switch reader {
                case .flag(let f): return base.signs[f] != nil
                case .levelAlso, .pattern: return true
                case .contributor, .status, .focus, .advice: return false
                }
            }
        }
        var rng = SplitMix64(seed: (seed &+ UInt64(index)) ^ 0xF11F_F11F)
        for (property, value) in [(SweepFinding.Property.oneMoreYes, FactValue.yes), (.notSureForNo, .unsure)] {
            let q = rng.pick(!suspects.isEmpty && rng.chance(75) ? suspects : noes)
            var changed = answers
            changed[q] = value
            result.checks[property, default: 0] += 1
            compare(base, consult(changed), property: property, question: q, index: index, into: &result)
        }
    }

    func levelIndex(_ outcome: Outcome) -> Int {
        rules.levels.firstIndex { $0.id == outcome.triage.id } ?? rules.levels.count - 1
    }

    /// Compares a consultation with the same one after one "no" changed.
    private func compare(_ before: Run, _ after: Run, property: SweepFinding.Property, question q: Int, index: Int,
                         into result: inout Result) {
        let signsBefore = before.warningSignLevel(rules), signsAfter = after.warningSignLevel(rules)
        if signsAfter > signsBefore {
            // The flags that counted at that level before and count less now: those that read
            // the changed answer, if any (others may only have gone unasked).
            let lost = rules.flags.indices.filter { f in
                before.signs[f].map { $0 <= signsBefore } == true && after.signs[f].map { $0 <= signsBefore } != true
            }
            let reading = lost.filter { f in rules.roots.readers[q].contains(.flag(f)) }
            result.record(finding(property, .warningSigns, index, q, signsBefore, signsAfter, after,
                                  flags: reading.isEmpty ? lost : reading))
            return
        }
        let triageBefore = levelIndex(before.outcome), triageAfter = levelIndex(after.outcome)
        guard triageAfter > triageBefore else { return }
        // Allowed when the new pattern is the one cause: with the old pattern the new answers
        // would not have lowered it, and the new pattern alone, with the old answers, does.
        if before.outcome.patternID != after.outcome.patternID,
           triage(after.consultation.facts, assuming: before.outcome) <= triageBefore,
           triage(before.consultation.facts, assuming: after.outcome) > triageBefore {
            result.loweredByPattern += 1
            return
        }
        let held = levelsAlsoHolding(before.consultation.facts), holds = levelsAlsoHolding(after.consultation.facts)
        result.record(finding(property, .advice, index, q, triageBefore, triageAfter, after,
                              levels: held.subtracting(holds).sorted()))
    }

    /// The triage these facts give with the pattern of `outcome` instead of their own.
    private func triage(_ facts: [FactValue?], assuming outcome: Outcome) -> Int {
        let e = Evaluator(compiled: rules.compiled, facts: facts, final: true)
        let pattern = outcome.pattern.flatMap { p in rules.patterns.firstIndex { $0.id == p.id } }
        e.assumePattern(pattern, assessed: !(outcome.stoppedEarly || outcome.assessmentStopped))
        return e.triage().lowerBound
    }

    /// The levels whose `also when:` holds for these facts (unanswered ones counting as not sure).
    private func levelsAlsoHolding(_ facts: [FactValue?]) -> Set<Int> {
        let e = Evaluator(compiled: rules.compiled, facts: facts, final: true)
        return Set(rules.levels.indices.filter { l in e.optional(rules.roots.levelAlso[l]) == .yes })
    }

    /// Every red flag the whole set of answers confirms must count at its level at least.
    private func checkConfirmedSigns(_ index: Int, _ answers: [FactValue?], _ run: Run, into result: inout Result) {
        let e = Evaluator(compiled: rules.compiled, facts: answers, final: true)
        let triage = levelIndex(run.outcome)
        let asked = Set(run.asked)
        for f in rules.flags.indices where e.flag(f) == .yes {
            result.checks[.confirmedSignMissed, default: 0] += 1
            guard triage > rules.flags[f].level else { continue }
            var found = finding(.confirmedSignMissed, .advice, index, nil, rules.flags[f].level, triage, run, flags: [f])
            found.unasked = rules.roots.flagFacts[f].filter { !asked.contains($0) }
            // The answers the conversation never heard are part of the case: they are why the sign fires.
            for q in found.unasked where !isBaseline(answers[q], q) && !found.answers.contains(where: { $0.question == q }) {
                if let value = answers[q] { found.answers.append((q, value)) }
            }
            found.answers.sort { $0.question < $1.question }
            result.record(found)
        }
    }

    private func finding(_ property: SweepFinding.Property, _ fall: SweepFinding.Fall, _ index: Int, _ q: Int?,
                         _ before: Int, _ after: Int, _ run: Run, flags: [Int] = [], levels: [Int] = []) -> SweepFinding {
        // The answers the conversation heard, where they differ from the baseline: with the
        // baseline's others, they make the same conversation again.
        let heard = run.asked.sorted().compactMap { q -> (question: Int, value: FactValue)? in
            guard let value = run.consultation.facts[q], !isBaseline(value, q) else { return nil }
            return (q, value)
        }
        return SweepFinding(property: property, fall: fall, consultation: index, question: q, levelBefore: before,
                            levelAfter: after, flags: flags, levelsNoLongerApplying: levels, unasked: [], answers: heard)
    }

    /// Whether a test case can leave this answer out: the baseline gives it (an answer neither
    /// gives counts as not sure).
    private func isBaseline(_ value: FactValue?, _ q: Int) -> Bool {
        (value ?? .unsure) == (answerSets.baseline[q] ?? .unsure)
    }
}

