/// Checks, over seeded random consultations, what any safe rules must do whatever they say
/// clinically:
///
/// - one more "yes" (a "no" turned to "yes") never lowers the level the red flags call for,
///   nor the triage, except where a change of pattern alone lowers the triage (a `pattern
///   is ...` in a level's `also when:`: one more symptom can make a pattern that needs a
///   doctor, such as an unclassified one, a recognised one that does not). Those are
///   allowed, and counted;
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
    /// Enough to find a "not" slipped into a red flag of the shipped rules five to ten times
    /// over, and few enough to keep `test` quick (its time is in docs/).
    public static let defaultCount = 1_000
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

        /// Keeps one example of each problem: the one that lowered the most urgent advice, then
        /// the one with the fewest answers to list, then the first (so splitting a sweep into
        /// ranges keeps the same one).
        mutating func record(_ finding: SweepFinding) {
            guard let i = findings.firstIndex(where: { $0.key == finding.key }) else {
                findings.append(finding)
                return
            }
            let seen = findings[i].seen + finding.seen
            let order = { (f: SweepFinding) in (f.levelBefore, f.answers.count, f.consultation) }
            if order(finding) < order(findings[i]) { findings[i] = finding }
            findings[i].seen = seen
        }
    }

    /// Runs consultations `range` (numbered from 0). Ranges can be run apart and their results
    /// `add`ed in order: the same result as one run.
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
        /// The levels whose `also when:` holds at the end.
        var alsoHolding: Set<Int>

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
        let alsoHolding = Set(rules.levels.indices.filter { l in e.optional(rules.roots.levelAlso[l]) == .yes })
        return Run(consultation: consultation, outcome: consultation.outcome(), asked: asked, signs: signs, alsoHolding: alsoHolding)
    }

    func check(_ index: Int, into result: inout Result) {
        result.consultations += 1
        let answers = self.answers(of: index)
        let base = consult(answers)
        let confirmed = confirmedSigns(answers, base, index: index)
        result.checks[.confirmedSignMissed, default: 0] += confirmed.checked
        confirmed.missed.forEach { result.record($0) }

        // A "no" the conversation asked for (one it never asked changes nothing), turned to yes
        // and, separately, to not sure. Mostly one that a red flag that fired or a level's
        // `also when:` that holds reads, else one that any `also when:` or pattern reads: only
        // such a change can lower what the advice rests on, except through which questions
        // are asked, which the others try.
        let noes = base.asked.filter { rules.questions[$0].kind == .yesNo && answers[$0] == .no }
        guard !noes.isEmpty else { return }
        let readByFired = noes.filter { q in
            rules.roots.readers[q].contains { reader in
                switch reader {
                case .flag(let f): return base.signs[f] != nil
                case .levelAlso(let l): return base.alsoHolding.contains(l)
                case .pattern, .contributor, .status, .focus, .advice: return false
                }
            }
        }
        let readByTriage = noes.filter { q in
            rules.roots.readers[q].contains { reader in
                switch reader {
                case .levelAlso, .pattern: return true
                case .flag, .contributor, .status, .focus, .advice: return false
                }
            }
        }
        func pick(_ rng: inout SplitMix64) -> Int {
            let roll = rng.below(100)
            if roll < 50, !readByFired.isEmpty { return rng.pick(readByFired) }
            if roll < 75, !readByTriage.isEmpty { return rng.pick(readByTriage) }
            return rng.pick(noes)
        }
        var rng = SplitMix64(seed: (seed &+ UInt64(index)) ^ 0xF11F_F11F)
        for property in [SweepFinding.Property.oneMoreYes, .notSureForNo] {
            let q = pick(&rng)
            result.checks[property, default: 0] += 1
            switch change(q, property, of: answers, base, index: index) {
            case .safe: break
            case .loweredByPattern: result.loweredByPattern += 1
            case .unsafe(let finding): result.record(finding)
            }
        }
    }

    /// What changing one "no" did.
    enum Verdict {
        case safe
        /// A lower triage that a new pattern alone explains: allowed.
        case loweredByPattern
        case unsafe(SweepFinding)
    }

    /// The answers with question `q`'s "no" changed as the property says.
    static func changed(_ answers: [FactValue?], _ q: Int, _ property: SweepFinding.Property) -> [FactValue?] {
        var changed = answers
        changed[q] = property == .oneMoreYes ? .yes : .unsure
        return changed
    }

    func levelIndex(_ outcome: Outcome) -> Int {
        rules.levels.firstIndex { $0.id == outcome.triage.id } ?? rules.levels.count - 1
    }

    /// Changes question `q`'s "no" and compares the consultation with the one before (`before`,
    /// made from `answers`).
    private func change(_ q: Int, _ property: SweepFinding.Property, of answers: [FactValue?], _ before: Run, index: Int) -> Verdict {
        let after = consult(Self.changed(answers, q, property))
        let signsBefore = before.warningSignLevel(rules), signsAfter = after.warningSignLevel(rules)
        if signsAfter > signsBefore {
            // The flags that counted at that level before and count less now: those that read
            // the changed answer, if any (others may only have gone unasked).
            let lost = rules.flags.indices.filter { f in
                before.signs[f].map { $0 <= signsBefore } == true && after.signs[f].map { $0 <= signsBefore } != true
            }
            let reading = lost.filter { f in rules.roots.readers[q].contains(.flag(f)) }
            return .unsafe(finding(property, .warningSigns, index, answers, q, signsBefore, signsAfter, after,
                                   flags: reading.isEmpty ? lost : reading))
        }
        let triageBefore = levelIndex(before.outcome), triageAfter = levelIndex(after.outcome)
        guard triageAfter > triageBefore else { return .safe }
        // Allowed when the new pattern is the one cause: with the old pattern the new answers
        // would not have lowered it, and the new pattern alone, with the old answers, does.
        if before.outcome.patternID != after.outcome.patternID,
           triage(after.consultation.facts, assuming: before.outcome) <= triageBefore,
           triage(before.consultation.facts, assuming: after.outcome) > triageBefore {
            return .loweredByPattern
        }
        return .unsafe(finding(property, .advice, index, answers, q, triageBefore, triageAfter, after,
                               levels: before.alsoHolding.subtracting(after.alsoHolding).sorted()))
    }

    /// The triage these facts give with the pattern of `outcome` instead of their own.
    private func triage(_ facts: [FactValue?], assuming outcome: Outcome) -> Int {
        let e = Evaluator(compiled: rules.compiled, facts: facts, final: true)
        let pattern = outcome.pattern.flatMap { p in rules.patterns.firstIndex { $0.id == p.id } }
        e.assumePattern(pattern, assessed: !(outcome.stoppedEarly || outcome.assessmentStopped))
        return e.triage().lowerBound
    }

    /// Every red flag the whole set of answers confirms must count at its level at least: how
    /// many were confirmed, and those that did not count.
    private func confirmedSigns(_ answers: [FactValue?], _ run: Run, index: Int) -> (checked: Int, missed: [SweepFinding]) {
        let e = Evaluator(compiled: rules.compiled, facts: answers, final: true)
        let triage = levelIndex(run.outcome)
        let asked = Set(run.asked)
        var checked = 0, missed: [SweepFinding] = []
        for f in rules.flags.indices where e.flag(f) == .yes {
            checked += 1
            guard triage > rules.flags[f].level else { continue }
            var found = finding(.confirmedSignMissed, .advice, index, answers, nil, rules.flags[f].level, triage, run, flags: [f])
            found.unasked = rules.roots.flagFacts[f].filter { !asked.contains($0) }
            // The answers the conversation never heard are part of the case: they are why the sign fires.
            for q in found.unasked where !isBaseline(answers[q], q) && !found.answers.contains(where: { $0.question == q }) {
                if let value = answers[q] { found.answers.append((q, value)) }
            }
            found.answers.sort { $0.question < $1.question }
            missed.append(found)
        }
        return (checked, missed)
    }

    // MARK: - Simpler cases

    /// The result with its first `count` findings simplified (`simplified(_:)`): the ones a
    /// report shows.
    public func simplifying(_ result: Result, first count: Int) -> Result {
        var result = result
        for i in result.findings.indices.prefix(count) { result.findings[i] = simplified(result.findings[i]) }
        return result
    }

    /// The same finding with as few answers apart from the baseline as still show it: each
    /// answer the case would list is put back to the baseline's, one at a time, and stays so
    /// when the same problem (the same property and rules) still shows. A case of two or three
    /// lines says what is wrong better than one of ten.
    public func simplified(_ finding: SweepFinding) -> SweepFinding {
        var best = finding
        for (q, _) in finding.answers where q != finding.question {
            var trial = best.answerSet
            trial[q] = answerSets.baseline[q]
            if let found = reproduce(finding, with: trial) { best = found }
        }
        best.seen = finding.seen
        return best
    }

    /// The finding's problem, if these answers show it too.
    func reproduce(_ finding: SweepFinding, with answers: [FactValue?]) -> SweepFinding? {
        let base = consult(answers)
        let found: SweepFinding?
        if let q = finding.question {
            guard case .unsafe(let f) = change(q, finding.property, of: answers, base, index: finding.consultation) else { return nil }
            found = f
        } else {
            found = confirmedSigns(answers, base, index: finding.consultation).missed.first { $0.key == finding.key }
        }
        return found?.key == finding.key ? found : nil
    }

    private func finding(_ property: SweepFinding.Property, _ fall: SweepFinding.Fall, _ index: Int, _ answerSet: [FactValue?],
                         _ q: Int?, _ before: Int, _ after: Int, _ run: Run, flags: [Int] = [], levels: [Int] = []) -> SweepFinding {
        // The answers the conversation heard, where they differ from the baseline: with the
        // baseline's others, they make the same conversation again.
        let heard = run.asked.sorted().compactMap { q -> (question: Int, value: FactValue)? in
            guard let value = run.consultation.facts[q], !isBaseline(value, q) else { return nil }
            return (q, value)
        }
        return SweepFinding(property: property, fall: fall, consultation: index, answerSet: answerSet, question: q,
                            levelBefore: before, levelAfter: after, flags: flags, levelsNoLongerApplying: levels, unasked: [],
                            answers: heard)
    }

    /// Whether a test case can leave this answer out: the baseline gives it (an answer neither
    /// gives counts as not sure).
    private func isBaseline(_ value: FactValue?, _ q: Int) -> Bool {
        (value ?? .unsure) == (answerSets.baseline[q] ?? .unsure)
    }
}

