import Foundation
import Testing
import TriageKit

/// Random answer sets: yes / no / not sure, in-range numbers and options for every fact of
/// clinical.md section 1.
enum RandomAnswers {
    /// How the safety screen is answered: almost every answer set with a "not sure" in the
    /// screen already needs a doctor, which would hide what the pattern does to the triage.
    enum Profile: CaseIterable {
        /// Safety questions almost all "no" (2% yes, 2% not sure each): the pattern decides.
        case clean
        /// 8% yes and 12% not sure on every question.
        case noisy
        /// Safety questions often "yes" (25%): many emergencies.
        case alarming
    }

    static func make(seed: UInt64, profile: Profile? = nil) -> [String: String] {
        var rng = SplitMix64(seed: seed)
        let profile = profile ?? (rng.chance(50) ? .clean : .noisy)
        // Questions the rules have beyond the spec's (a therapist's addition) keep their baseline answer.
        var answers: [String: String] = FixtureRules.baseline.filter { id, _ in !SpecFact.all.contains { $0.id == id } }
        for fact in SpecFact.all {
            let unsure: Int, yes: Int
            switch (profile, fact.safetyScreen) {
            case (.clean, true): (unsure, yes) = (2, 2)
            case (.alarming, true): (unsure, yes) = (10, 25)
            case (.noisy, true): (unsure, yes) = (12, 8)
            case (_, false): (unsure, yes) = (profile == .clean ? 5 : 12, 40)
            }
            if rng.chance(unsure) {
                answers[fact.id] = "not sure"
                continue
            }
            switch fact.kind {
            case .yesNo:
                answers[fact.id] = rng.chance(yes) ? "yes" : "no"
            case .number(_, let samples):
                answers[fact.id] = rng.pick(samples).plainText
            case .choice(let options):
                answers[fact.id] = rng.pick(options)
            case .several(let options):
                // Mostly none; otherwise one or two of the options.
                let picked = rng.chance(60) ? [] : Set((0..<(1 + rng.below(2))).map { _ in rng.pick(options) }).sorted()
                answers[fact.id] = picked.isEmpty ? "none" : picked.joined(separator: ", ")
            }
        }
        return answers
    }
}

/// The safety properties of clinical.md section 2, over thousands of seeded random answer sets.
/// Every failure names its seed and prints the answers: `RandomAnswers.make(seed:)` rebuilds the
/// case (with `profile: .alarming` for the emergency property).
@Suite("Safety properties (clinical.md section 2)")
struct SafetyPropertyTests {
    static let baseSeed: UInt64 = 0x7E57_5EED
    static let casesPerChunk = 400
    /// 8 chunks of 400: 3,200 random answer sets per property, run in parallel.
    static let chunks = Array(0..<8)

    static func seed(chunk: Int, index: Int) -> UInt64 { baseSeed &+ UInt64(chunk * casesPerChunk + index) }

    static func level(_ id: String) -> SpecLevel? { SpecLevel(rawValue: id) }

    static func describe(_ answers: [String: String]) -> String {
        answers.keys.sorted().map { "\($0): \(answers[$0]!)" }.joined(separator: "\n")
    }

    /// Patterns that call for a doctor without any flag (clinical.md section 2, last rule).
    static let consultPatterns: Set<String> = ["chronic_migraine", "chronic_tension_type", "cluster_like", "unclassified"]

    /// The level the red flags alone set: confirmed flags at their level, unsure ones one lower.
    static func flagLevel(_ outcome: Outcome, _ rules: RuleSet) -> SpecLevel {
        var level = SpecLevel.self_care
        for flag in outcome.redFlags {
            if let l = SpecLevel(rawValue: rules.levels[flag.level].id), l.urgency > level.urgency { level = l }
        }
        for flag in outcome.redFlagsUnsure {
            if let l = SpecLevel(rawValue: rules.levels[flag.level].id)?.whenUnsure, l.urgency > level.urgency { level = l }
        }
        return level
    }

    /// The safety property of section 2. One more "yes" never lowers what the red flags demand,
    /// and the triage is never below that. The spec's own pattern rule (consult for chronic,
    /// cluster-like and unclassified patterns, self-care for the others) is not monotone: one
    /// more migraine symptom can move a case from `unclassified` to a migraine pattern. So a
    /// lower triage is allowed only where exactly that happened, and every such case is counted.
    @Test("one more 'yes' never lowers the triage level", arguments: chunks)
    func moreYesNeverLowersTriage(chunk: Int) throws {
        let rules = try FixtureRules.rules()
        var failures = 0, lowerable = 0, byPatternTable = 0
        for index in 0..<Self.casesPerChunk {
            let seed = Self.seed(chunk: chunk, index: index)
            var rng = SplitMix64(seed: seed ^ 0xF11F)
            let answers = RandomAnswers.make(seed: seed)
            // One more "yes", or (every third case) a larger number. Age is left out: the spec's
            // age bands (under 12, pregnancy from 12 to 55) make a larger age rightly lower some flags.
            var more = answers
            let flipped: String
            let larger = SpecFact.all.filter { fact in
                guard case .number(_, let samples) = fact.kind, fact.id != "age", let now = answers[fact.id].flatMap(Double.init) else { return false }
                return samples.contains { $0 > now }
            }
            if index % 3 == 0, !larger.isEmpty {
                let fact = rng.pick(larger)
                guard case .number(_, let samples) = fact.kind, let now = answers[fact.id].flatMap(Double.init) else { continue }
                flipped = fact.id
                more[flipped] = rng.pick(samples.filter { $0 > now }).plainText
            } else {
                let candidates = SpecFact.yesNoIDs.filter { answers[$0] != "yes" }
                guard !candidates.isEmpty else { continue }
                flipped = rng.pick(candidates)
                more[flipped] = "yes"
            }

            let before = Fixtures.dialogue(rules, answers).outcome()
            let after = Fixtures.dialogue(rules, more).outcome()
            guard let b = Self.level(before.triageID), let a = Self.level(after.triageID) else {
                Issue.record("unknown level '\(before.triageID)' or '\(after.triageID)' (seed \(seed))")
                continue
            }
            if b == .consult || b == .self_care { lowerable += 1 }
            let flagsBefore = Self.flagLevel(before, rules), flagsAfter = Self.flagLevel(after, rules)
            var problem: String?
            if flagsAfter.urgency < flagsBefore.urgency {
                problem = "the red flags' level fell from \(flagsBefore) to \(flagsAfter)"
            } else if a.urgency < flagsAfter.urgency {
                problem = "the triage \(a) is below its red flags' level \(flagsAfter)"
            } else if a.urgency < b.urgency {
                if Self.consultPatterns.contains(before.patternID), !Self.consultPatterns.contains(after.patternID),
                   flagsAfter.urgency < SpecLevel.consult.urgency {
                    byPatternTable += 1
                } else {
                    problem = "the triage fell from \(b) to \(a) without the pattern table explaining it"
                }
            }
            if let problem {
                failures += 1
                if failures <= 3 {
                    Issue.record("""
                        seed \(seed): answering '\(flipped)' \(more[flipped] ?? "") instead of '\(answers[flipped] ?? "")': \(problem) \
                        (pattern \(before.patternID) -> \(after.patternID))
                        answers:
                        \(Self.describe(answers))
                        """)
                }
            }
        }
        // Reported: the one kind of fall the spec allows (an unclassified pattern recognised).
        print("safety property, chunk \(chunk): \(byPatternTable) allowed falls (unclassified gives way to a recognised pattern) in \(Self.casesPerChunk) cases")
        #expect(failures == 0, "chunk \(chunk): \(failures) of \(Self.casesPerChunk) cases broke the property (base seed \(Self.baseSeed))")
        // The pattern only decides between consult and self-care: make sure many cases are there.
        #expect(lowerable > Self.casesPerChunk / 4, "too few consult or self-care cases (\(lowerable)) to test the property")
        // The spec conflict is rare; a jump in it would mean something else changed.
        #expect(byPatternTable <= Self.casesPerChunk / 50, "chunk \(chunk): \(byPatternTable) cases lowered by the pattern table")
    }

    struct OneMoreYes: LabelledRow {
        var label: String
        var answers: [String: String]
        var flip: String
        /// The spec's pattern table lowers the triage here (see `moreYesNeverLowersTriage`).
        var loweredByPatternTable = false
    }

    /// Hand-made cases next to the random ones: each answers one more question "yes".
    static let oneMoreYes: [OneMoreYes] = [
        // The conflict of revision 1, now closed: 20 headache days a month stay at consult whatever
        // the pattern becomes. Chronic tension-type; vomiting breaks D_tc and makes D_m.
        .init(label: "vomiting on chronic tension-type", answers: FixtureRules.answers(["headache_days": "20"]), flip: "vomiting"),
        // Chronic tension-type with nausea (consult); light sensitivity too breaks D_tc.
        .init(label: "light sensitivity on chronic tension-type with nausea",
              answers: FixtureRules.answers(["headache_days": "20", "nausea": "yes"]), flip: "light_sensitive"),
        // Chronic tension-type by both sides and not worse with activity (C_t = 2, consult);
        // activity_worse leaves 1 tension feature and makes 2 migraine features.
        .init(label: "activity_worse on chronic tension-type with 2 features",
              answers: FixtureRules.answers(["headache_days": "20", "quality": "stabbing", "severity": "severe"]), flip: "activity_worse"),
        // Unclassified on fewer days (consult): vomiting makes it probable migraine (self-care).
        // The one fall the spec allows.
        .init(label: "vomiting on an unclassified short history",
              answers: FixtureRules.answers(["attacks": "4", "nausea": "no", "light_sensitive": "no", "noise_sensitive": "no"],
                                        base: PatternTableTests.migraine),
              flip: "vomiting", loweredByPatternTable: true),
        // Cluster-like (consult) with restlessness; a red eye only adds a flag.
        .init(label: "red eye on cluster-like", answers: PatternTableTests.cluster, flip: "red_eye"),
        // The new warning signs on the healthy baseline.
        .init(label: "a rash on the baseline", answers: FixtureRules.baseline, flip: "rash"),
        .init(label: "new neck pain on the baseline", answers: FixtureRules.baseline, flip: "new_neck_pain"),
        .init(label: "neck precautions on the baseline", answers: FixtureRules.baseline, flip: "neck_precautions"),
        // Unclassified (consult): an aura can only add a pattern or a flag.
        .init(label: "aura on unclassified", answers: FixtureRules.answers(["attacks": "1", "duration_hours": "0.2"]), flip: "aura"),
        // Every red-flag question on the healthy baseline raises the level.
        .init(label: "sudden onset on the baseline", answers: FixtureRules.baseline, flip: "sudden_onset"),
        .init(label: "positional on the baseline", answers: FixtureRules.baseline, flip: "positional"),
    ]

    @Test("one more 'yes' never lowers the triage: hand-made cases", arguments: oneMoreYes)
    func oneMoreYesCases(_ row: OneMoreYes) throws {
        #expect(row.answers[row.flip] == "no")
        let before = try fixtureOutcome(row.answers)
        let after = try fixtureOutcome(FixtureRules.answers([row.flip: "yes"], base: row.answers))
        let b = try #require(Self.level(before.triageID)), a = try #require(Self.level(after.triageID))
        if row.loweredByPatternTable {
            // Documents the spec conflict exactly: a consult pattern gives way to a self-care one.
            #expect(b == .consult && a == .self_care)
            #expect(Self.consultPatterns.contains(before.patternID) && !Self.consultPatterns.contains(after.patternID))
        } else {
            #expect(a.urgency >= b.urgency,
                    "'\(row.flip)' yes lowered the triage from \(b) (\(before.patternID)) to \(a) (\(after.patternID))")
        }
    }

    @Test("a confirmed emergency flag always ends in emergency, pattern not_assessed", arguments: chunks)
    func emergencyAlwaysStops(chunk: Int) throws {
        let rules = try FixtureRules.rules()
        let emergencyFlags = Set(SpecModel.flagLevels.filter { $0.level == .emergency }.map(\.id))
        var failures = 0, emergencies = 0
        for index in 0..<Self.casesPerChunk {
            let seed = Self.seed(chunk: chunk, index: index) &+ 0x1_0000_0000
            let answers = RandomAnswers.make(seed: seed, profile: .alarming)
            let consultation = Fixtures.dialogue(rules, answers)
            let outcome = consultation.outcome()
            let specSaysEmergency = SpecModel(answers: answers).evaluate().emergencyStop
            let engineConfirmed = !outcome.flagIDs.isDisjoint(with: emergencyFlags)
            guard specSaysEmergency || engineConfirmed else { continue }
            emergencies += 1
            let ok = outcome.triageID == "emergency" && outcome.patternID == "not_assessed"
                && outcome.therapyID == "not_advised" && consultation.nextQuestion() == nil
            if !ok {
                failures += 1
                if failures <= 3 {
                    Issue.record("""
                        seed \(seed): an emergency trigger is confirmed (spec: \(specSaysEmergency), engine flags: \
                        \(outcome.flagIDs.sorted())) but the result is \(outcome.triageID), pattern \(outcome.patternID), \
                        NMT \(outcome.therapyID ?? "none")
                        answers:
                        \(Self.describe(answers))
                        """)
                }
            }
        }
        #expect(failures == 0, "chunk \(chunk): \(failures) of \(emergencies) emergencies did not stop")
        #expect(emergencies > Self.casesPerChunk / 2, "too few emergencies generated to test anything (\(emergencies))")
    }

    /// Not one of the two properties of the brief, but the same random cases: the engine and
    /// a plain transcription of the spec's tables (Support/SpecModel.swift) must agree.
    @Test("the engine agrees with the spec's tables on random answer sets", arguments: chunks)
    func agreesWithSpecModel(chunk: Int) throws {
        let rules = try FixtureRules.rules()
        var failures = 0
        for index in 0..<(Self.casesPerChunk / 4) {
            let seed = Self.seed(chunk: chunk, index: index) &+ 0x2_0000_0000
            let answers = RandomAnswers.make(seed: seed)
            let outcome = Fixtures.dialogue(rules, answers).outcome()
            let spec = SpecModel(answers: answers).evaluate()
            var differences: [String] = []
            if index % 10 == 0 {
                // Now and then the whole way, through the script reader: the same outcome.
                let scripted = Fixtures.quickRun(rules, answers)
                if !scripted.diagnostics.isEmpty { differences.append("script not accepted: \(scripted.diagnostics.map(\.summaryLine))") }
                if TranscriptFormat.fields(scripted.outcome).map(\.value) != TranscriptFormat.fields(outcome).map(\.value) {
                    differences.append("the scripted run differs from the dialogue on values")
                }
            }
            if outcome.triageID != spec.triage.rawValue { differences.append("triage \(outcome.triageID) != spec \(spec.triage)") }
            if outcome.patternID != spec.pattern { differences.append("pattern \(outcome.patternID) != spec \(spec.pattern)") }
            if outcome.therapyID != spec.nmt { differences.append("nmt \(outcome.therapyID ?? "none") != spec \(spec.nmt)") }
            if spec.assessmentStopped {
                // The dialogue asked only what could still make it an emergency: every flag it
                // lists must be one the spec finds, and nothing beyond the doctor's visit is given.
                if !outcome.flagIDs.isSubset(of: spec.flags) { differences.append("red_flags \(outcome.flagIDs.sorted()) not in spec \(spec.flags.sorted())") }
                if !outcome.unsureFlagIDs.isSubset(of: spec.unsureFlags) {
                    differences.append("red_flags_unsure \(outcome.unsureFlagIDs.sorted()) not in spec \(spec.unsureFlags.sorted())")
                }
                if !(outcome.focusIDs.isEmpty && outcome.contributorIDs.isEmpty && outcome.selfCareIDs.isEmpty) {
                    differences.append("focus, contributors or self-care given with an urgent triage")
                }
            } else if !spec.emergencyStop {
                if outcome.flagIDs != spec.flags { differences.append("red_flags \(outcome.flagIDs.sorted()) != spec \(spec.flags.sorted())") }
                if outcome.unsureFlagIDs != spec.unsureFlags {
                    differences.append("red_flags_unsure \(outcome.unsureFlagIDs.sorted()) != spec \(spec.unsureFlags.sorted())")
                }
                if outcome.focusIDs != spec.focus { differences.append("focus \(outcome.focusIDs.sorted()) != spec \(spec.focus.sorted())") }
                if outcome.contributorIDs != spec.contributors {
                    differences.append("contributors \(outcome.contributorIDs.sorted()) != spec \(spec.contributors.sorted())")
                }
                if outcome.selfCareIDs != spec.selfCare {
                    differences.append("self_care \(outcome.selfCareIDs.sorted()) != spec \(spec.selfCare.sorted())")
                }
            } else if !outcome.selfCareIDs.isEmpty {
                differences.append("self_care \(outcome.selfCareIDs.sorted()) given with an emergency")
            }
            if !differences.isEmpty {
                failures += 1
                if failures <= 3 {
                    Issue.record("seed \(seed): \(differences.joined(separator: "; "))\nanswers:\n\(Self.describe(answers))")
                }
            }
        }
        #expect(failures == 0, "chunk \(chunk): \(failures) of \(Self.casesPerChunk / 4) cases differ from the spec's tables")
    }

    @Test("the generator is deterministic and covers every fact")
    func generator() {
        #expect(RandomAnswers.make(seed: 42) == RandomAnswers.make(seed: 42))
        #expect(RandomAnswers.make(seed: 42, profile: .alarming) == RandomAnswers.make(seed: 42, profile: .alarming))
        #expect(RandomAnswers.make(seed: 42) != RandomAnswers.make(seed: 43))
        #expect(Set(RandomAnswers.make(seed: 1).keys).isSuperset(of: SpecFact.all.map(\.id)))
        var rng = SplitMix64(seed: 0)
        // Reference values of SplitMix64 from seed 0.
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
