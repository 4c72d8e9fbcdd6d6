import Testing
import TriageKit

/// clinical.md section 2: every red-flag row, confirmed and unsure, the contextual questions,
/// and the edges of the thresholds. Each row starts from `FixtureRules.baseline` (no flag).
@Suite("Red flags (clinical.md section 2)")
struct RedFlagTableTests {
    struct FlagRow: LabelledRow {
        var flag: String
        var level: SpecLevel
        /// Answers that make the trigger true.
        var trigger: [String: String]
        /// The same trigger with one of its facts answered "not sure".
        var unsureTrigger: [String: String]
        var label: String { "\(flag) <- \(trigger.keys.sorted().joined(separator: " + "))" }
    }

    /// One row per flag of the table (and one per way a flag can fire), with the spec's level.
    static let rows: [FlagRow] = [
        .init(flag: "thunderclap", level: .emergency, trigger: ["sudden_onset": "yes"], unsureTrigger: ["sudden_onset": "not sure"]),
        .init(flag: "neuro_deficit", level: .emergency, trigger: ["neuro_symptoms": "yes"], unsureTrigger: ["neuro_symptoms": "not sure"]),
        .init(flag: "neuro_deficit", level: .emergency, trigger: ["aura": "yes", "aura_weakness": "yes"],
              unsureTrigger: ["aura": "yes", "aura_weakness": "not sure"]),
        .init(flag: "seizure", level: .emergency, trigger: ["seizure": "yes"], unsureTrigger: ["seizure": "not sure"]),
        .init(flag: "meningism", level: .emergency, trigger: ["fever": "yes", "stiff_neck": "yes"],
              unsureTrigger: ["fever": "yes", "stiff_neck": "not sure"]),
        .init(flag: "head_injury_on_blood_thinners", level: .emergency, trigger: ["head_injury": "yes", "blood_thinners": "yes"],
              unsureTrigger: ["head_injury": "yes", "blood_thinners": "not sure"]),
        .init(flag: "head_injury_danger", level: .emergency, trigger: ["head_injury": "yes", "head_injury_danger": "yes"],
              unsureTrigger: ["head_injury": "yes", "head_injury_danger": "not sure"]),
        .init(flag: "meningococcal_rash", level: .emergency, trigger: ["rash": "yes"], unsureTrigger: ["rash": "not sure"]),
        .init(flag: "worst_ever", level: .emergency, trigger: ["worst_ever": "yes"], unsureTrigger: ["worst_ever": "not sure"]),
        .init(flag: "acute_eye", level: .emergency, trigger: ["eye_emergency": "yes"], unsureTrigger: ["eye_emergency": "not sure"]),
        .init(flag: "neutropenic_fever", level: .emergency, trigger: ["fever": "yes", "weak_immunity": "yes"],
              unsureTrigger: ["fever": "yes", "weak_immunity": "not sure"]),
        .init(flag: "gca_sight", level: .emergency, trigger: ["age": "50", "temple_jaw": "yes", "vision_problems": "yes"],
              unsureTrigger: ["age": "50", "temple_jaw": "yes", "vision_problems": "not sure"]),
        .init(flag: "fever", level: .urgent, trigger: ["fever": "yes"], unsureTrigger: ["fever": "not sure"]),
        .init(flag: "possible_dissection", level: .urgent, trigger: ["new_neck_pain": "yes"], unsureTrigger: ["new_neck_pain": "not sure"]),
        .init(flag: "carbon_monoxide", level: .urgent, trigger: ["others_unwell": "yes"], unsureTrigger: ["others_unwell": "not sure"]),
        .init(flag: "thinners_new_headache", level: .urgent, trigger: ["blood_thinners": "yes", "new_or_changed": "yes"],
              unsureTrigger: ["blood_thinners": "not sure", "new_or_changed": "yes"]),
        .init(flag: "high_bp_new_headache", level: .urgent, trigger: ["high_blood_pressure": "yes", "new_or_changed": "yes"],
              unsureTrigger: ["high_blood_pressure": "not sure", "new_or_changed": "yes"]),
        .init(flag: "postpartum_positional", level: .urgent, trigger: ["pregnant": "yes", "positional": "yes"],
              unsureTrigger: ["pregnant": "not sure", "positional": "yes"]),
        .init(flag: "one_eye_sight_loss", level: .urgent, trigger: ["aura": "yes", "aura_features": "one_eye_only"],
              unsureTrigger: ["aura": "yes", "aura_features": "not sure"]),
        .init(flag: "head_injury", level: .urgent, trigger: ["head_injury": "yes"], unsureTrigger: ["head_injury": "not sure"]),
        .init(flag: "giant_cell_arteritis", level: .urgent, trigger: ["age": "50", "temple_jaw": "yes"],
              unsureTrigger: ["age": "50", "temple_jaw": "not sure"]),
        .init(flag: "visual_disturbance", level: .urgent, trigger: ["vision_problems": "yes"], unsureTrigger: ["vision_problems": "not sure"]),
        .init(flag: "atypical_aura", level: .urgent, trigger: ["aura": "yes", "aura_minutes": "61"],
              unsureTrigger: ["aura": "yes", "aura_minutes": "not sure"]),
        .init(flag: "cancer_history", level: .urgent, trigger: ["cancer": "yes", "new_or_changed": "yes"],
              unsureTrigger: ["cancer": "not sure", "new_or_changed": "yes"]),
        .init(flag: "weak_immunity", level: .urgent, trigger: ["weak_immunity": "yes", "new_or_changed": "yes"],
              unsureTrigger: ["weak_immunity": "not sure", "new_or_changed": "yes"]),
        .init(flag: "pregnancy_new_headache", level: .urgent, trigger: ["pregnant": "yes", "new_or_changed": "yes"],
              unsureTrigger: ["pregnant": "yes", "new_or_changed": "not sure"]),
        .init(flag: "older_new_onset", level: .consult, trigger: ["age": "50", "new_or_changed": "yes"],
              unsureTrigger: ["age": "50", "new_or_changed": "not sure"]),
        .init(flag: "pattern_change", level: .consult, trigger: ["new_or_changed": "yes"], unsureTrigger: ["new_or_changed": "not sure"]),
        .init(flag: "progressive", level: .consult, trigger: ["progressive": "yes"], unsureTrigger: ["progressive": "not sure"]),
        .init(flag: "positional", level: .consult, trigger: ["positional": "yes"], unsureTrigger: ["positional": "not sure"]),
        .init(flag: "exertional", level: .consult, trigger: ["cough_trigger": "yes"], unsureTrigger: ["cough_trigger": "not sure"]),
        .init(flag: "pregnancy", level: .consult, trigger: ["pregnant": "yes"], unsureTrigger: ["pregnant": "not sure"]),
        .init(flag: "systemic", level: .consult, trigger: ["weight_loss": "yes"], unsureTrigger: ["weight_loss": "not sure"]),
        .init(flag: "new_medicine", level: .consult, trigger: ["new_medicine": "yes"], unsureTrigger: ["new_medicine": "not sure"]),
        .init(flag: "medication_overuse", level: .consult, trigger: ["painkiller_days": "15", "painkiller_kind": "simple"],
              unsureTrigger: ["painkiller_days": "not sure"]),
        .init(flag: "medication_overuse", level: .consult, trigger: ["painkiller_days": "10", "painkiller_kind": "triptan"],
              unsureTrigger: ["painkiller_days": "10", "painkiller_kind": "not sure"]),
        .init(flag: "atypical_aura_features", level: .consult, trigger: ["aura": "yes", "aura_features": "unsteady"],
              unsureTrigger: ["aura": "yes", "aura_features": "not sure"]),
        .init(flag: "atypical_aura_features", level: .consult, trigger: ["aura": "yes", "aura_features": "hearing_loss, slurred_speech"],
              unsureTrigger: ["aura": "not sure", "aura_features": "hearing_loss, slurred_speech"]),
        .init(flag: "neck_vessel_symptoms", level: .consult, trigger: ["dizzy_neck_turn": "yes"], unsureTrigger: ["dizzy_neck_turn": "not sure"]),
        .init(flag: "young_child", level: .consult, trigger: ["age": "11"], unsureTrigger: ["age": "not sure"]),
        .init(flag: "aura_on_combined_pill", level: .consult, trigger: ["aura": "yes", "combined_pill": "yes"],
              unsureTrigger: ["aura": "yes", "combined_pill": "not sure"]),
    ]

    @Test("the baseline raises no flag and is self-care")
    func baselineHasNoFlag() throws {
        let result = try fixtureOutcome(FixtureRules.baseline)
        #expect(result.flagIDs.isEmpty)
        #expect(result.unsureFlagIDs.isEmpty)
        #expect(result.triageID == SpecLevel.self_care.rawValue)
        #expect(result.patternID == "frequent_tension_type")
    }

    @Test("every flag of the spec table exists in the rules with its level")
    func everyFlagHasItsLevel() throws {
        let rules = try FixtureRules.rules()
        for (id, level) in SpecModel.flagLevels {
            let flag = rules.flags.first { $0.id == id }
            #expect(flag != nil, "the rules have no red flag '\(id)'")
            if let flag { #expect(rules.levels[flag.level].id == level.rawValue, "flag '\(id)'") }
        }
        #expect(rules.levels.map(\.id) == SpecLevel.allCases.map(\.rawValue), "levels, most urgent first")
    }

    @Test("a confirmed trigger raises the flag at its level", arguments: rows)
    func confirmed(_ row: FlagRow) throws {
        let run = try FixtureRules.run(FixtureRules.answers(row.trigger))
        let result = run.outcome
        #expect(result.flagIDs.contains(row.flag), "confirmed: \(result.flagIDs.sorted())")
        #expect(!result.unsureFlagIDs.contains(row.flag))
        #expect(result.triageID == row.level.rawValue)
        if row.level == .emergency {
            // A confirmed emergency flag ends the dialogue at once: no further question.
            #expect(result.patternID == "not_assessed")
            #expect(result.stoppedEarly)
            #expect(result.selfCareIDs.isEmpty, "no self-care advice with an emergency")
            #expect(row.trigger.keys.allSatisfy(run.consultation.asked.contains), "the trigger's questions were asked")
            #expect(run.consultation.nextQuestion() == nil)
        }
    }

    @Test("an unsure trigger makes the flag unsure, one level lower", arguments: rows)
    func unsure(_ row: FlagRow) throws {
        let result = try fixtureOutcome(FixtureRules.answers(row.unsureTrigger))
        #expect(result.unsureFlagIDs.contains(row.flag), "unsure: \(result.unsureFlagIDs.sorted())")
        #expect(!result.flagIDs.contains(row.flag))
        let level = try #require(SpecModel.unsureLevel(of: row.flag))
        #expect(result.triageID == level.rawValue)
        if level == .urgent {
            // A doctor today: the pattern is left to the doctor.
            #expect(result.patternID == "not_assessed")
            #expect(result.selfCareIDs.isEmpty && result.contributorIDs.isEmpty && result.focusIDs.isEmpty)
        } else {
            #expect(result.patternID != "not_assessed", "an unsure consult flag does not stop the assessment")
        }
    }

    @Test("an unanswered trigger counts as not sure", arguments: ["sudden_onset", "fever", "progressive"])
    func unanswered(_ id: String) throws {
        let run = try FixtureRules.run(FixtureRules.answers([:], removing: [id]))
        #expect(run.unanswered.contains(id))
        let row = try #require(Self.rows.first { $0.trigger == [id: "yes"] })
        #expect(run.outcome.unsureFlagIDs.contains(row.flag))
        #expect(run.outcome.triageID == row.level.whenUnsure.rawValue)
    }

    @Test("several flags can fire at once; the most urgent decides")
    func severalFlags() throws {
        let result = try fixtureOutcome(FixtureRules.answers(["vision_problems": "yes", "progressive": "yes", "positional": "not sure"]))
        #expect(result.flagIDs == ["visual_disturbance", "progressive"])
        #expect(result.unsureFlagIDs == ["positional"])
        #expect(result.triageID == "urgent")
    }

    @Test("an unsure emergency flag beside a confirmed consult flag counts as urgent, and ends the assessment")
    func unsureEmergencyBeatsConsult() throws {
        let run = try FixtureRules.run(FixtureRules.answers(["seizure": "not sure", "progressive": "yes"]))
        #expect(run.outcome.triageID == "urgent")
        #expect(run.outcome.unsureFlagIDs == ["seizure"])
        // Once a doctor is needed today, only what could make it an emergency is asked.
        #expect(!run.consultation.asked.contains("progressive"))
        #expect(run.consultation.asked.contains("rash") && run.consultation.asked.contains("eye_emergency"))
        #expect(run.outcome.patternID == "not_assessed")
    }

    // MARK: Contextual questions

    struct ContextRow: LabelledRow {
        var label: String
        var answers: [String: String]
        /// Questions that must not be asked in this context.
        var notAsked: [String]
        /// Flags that must be neither confirmed nor unsure.
        var noFlags: [String]
    }

    static let outOfContext: [ContextRow] = [
        .init(label: "stiff_neck yes without fever", answers: ["fever": "no", "stiff_neck": "yes"],
              notAsked: ["stiff_neck"], noFlags: ["meningism"]),
        .init(label: "stiff_neck not sure without fever", answers: ["fever": "no", "stiff_neck": "not sure"],
              notAsked: ["stiff_neck"], noFlags: ["meningism"]),
        .init(label: "temple_jaw yes at 49", answers: ["age": "49", "temple_jaw": "yes"],
              notAsked: ["temple_jaw"], noFlags: ["giant_cell_arteritis"]),
        .init(label: "temple_jaw not sure at 49", answers: ["age": "49", "temple_jaw": "not sure"],
              notAsked: ["temple_jaw"], noFlags: ["giant_cell_arteritis"]),
        .init(label: "temple_jaw not sure at 16", answers: ["age": "16", "temple_jaw": "not sure"],
              notAsked: ["temple_jaw"], noFlags: ["giant_cell_arteritis"]),
        .init(label: "aura_minutes 90 and aura_weakness yes without aura",
              answers: ["aura": "no", "aura_minutes": "90", "aura_weakness": "yes"],
              notAsked: ["aura_minutes", "aura_weakness"], noFlags: ["atypical_aura", "neuro_deficit"]),
        .init(label: "aura_minutes and aura_weakness not sure without aura",
              answers: ["aura": "no", "aura_minutes": "not sure", "aura_weakness": "not sure"],
              notAsked: ["aura_minutes", "aura_weakness"], noFlags: ["atypical_aura", "neuro_deficit"]),
        .init(label: "painkiller_kind opioid at 9 days", answers: ["painkiller_days": "9", "painkiller_kind": "opioid"],
              notAsked: ["painkiller_kind"], noFlags: ["medication_overuse"]),
        .init(label: "painkiller_kind not sure at 9 days", answers: ["painkiller_days": "9", "painkiller_kind": "not sure"],
              notAsked: ["painkiller_kind"], noFlags: ["medication_overuse"]),
        .init(label: "painkiller_kind not sure at 0 days", answers: ["painkiller_days": "0", "painkiller_kind": "not sure"],
              notAsked: ["painkiller_kind"], noFlags: ["medication_overuse"]),
    ]

    @Test("a contextual question is never asked out of its context and raises nothing", arguments: outOfContext)
    func contextFalse(_ row: ContextRow) throws {
        let run = try FixtureRules.run(FixtureRules.answers(row.answers))
        for id in row.notAsked {
            #expect(!run.consultation.asked.contains(id), "'\(id)' was asked")
            #expect(!run.unanswered.contains(id), "'\(id)' counted as unanswered")
        }
        for flag in row.noFlags {
            #expect(!run.outcome.flagIDs.contains(flag))
            #expect(!run.outcome.unsureFlagIDs.contains(flag))
        }
        #expect(run.outcome.triageID == "self_care")
    }

    static let inContext: [ContextRow] = [
        .init(label: "stiff_neck with fever", answers: ["fever": "yes"], notAsked: ["stiff_neck"], noFlags: []),
        .init(label: "stiff_neck with fever not sure", answers: ["fever": "not sure"], notAsked: ["stiff_neck"], noFlags: []),
        .init(label: "temple_jaw at 50", answers: ["age": "50"], notAsked: ["temple_jaw"], noFlags: []),
        .init(label: "temple_jaw with age not sure", answers: ["age": "not sure"], notAsked: ["temple_jaw"], noFlags: []),
        .init(label: "aura_minutes with aura", answers: ["aura": "yes"], notAsked: ["aura_minutes", "aura_weakness"], noFlags: []),
        .init(label: "aura_minutes with aura not sure", answers: ["aura": "not sure"], notAsked: ["aura_minutes", "aura_weakness"], noFlags: []),
        .init(label: "painkiller_kind at 10 days", answers: ["painkiller_days": "10"], notAsked: ["painkiller_kind"], noFlags: []),
        .init(label: "painkiller_kind at 14 days", answers: ["painkiller_days": "14"], notAsked: ["painkiller_kind"], noFlags: []),
        .init(label: "painkiller_kind with painkiller_days not sure", answers: ["painkiller_days": "not sure"],
              notAsked: ["painkiller_kind"], noFlags: []),
    ]

    /// Here `notAsked` lists the contextual questions that must be asked after all.
    @Test("a contextual question is asked when its context is true or unknown", arguments: inContext)
    func contextTrueOrUnknown(_ row: ContextRow) throws {
        let run = try FixtureRules.run(FixtureRules.answers(row.answers))
        for id in row.notAsked {
            #expect(run.consultation.asked.contains(id), "'\(id)' was not asked; asked: \(run.consultation.asked)")
        }
    }

    // MARK: Edges

    struct EdgeRow: LabelledRow {
        var answers: [String: String]
        var flag: String
        var fires: Bool
        var label: String {
            "\(flag) \(fires ? "fires" : "does not fire") with \(answers.keys.sorted().map { "\($0)=\(answers[$0]!)" }.joined(separator: ", "))"
        }
    }

    static let edges: [EdgeRow] = [
        .init(answers: ["age": "49", "temple_jaw": "yes"], flag: "giant_cell_arteritis", fires: false),
        .init(answers: ["age": "50", "temple_jaw": "yes"], flag: "giant_cell_arteritis", fires: true),
        .init(answers: ["age": "49", "new_or_changed": "yes"], flag: "older_new_onset", fires: false),
        .init(answers: ["age": "50", "new_or_changed": "yes"], flag: "older_new_onset", fires: true),
        .init(answers: ["aura": "yes", "aura_minutes": "60"], flag: "atypical_aura", fires: false),
        .init(answers: ["aura": "yes", "aura_minutes": "61"], flag: "atypical_aura", fires: true),
    ] + [9, 10, 14, 15].flatMap { days in
        ["simple", "triptan", "opioid", "combination", "several"].map { kind in
            // 15 days or more of anything; 10 days or more of anything but simple painkillers.
            EdgeRow(answers: ["painkiller_days": String(days), "painkiller_kind": kind], flag: "medication_overuse",
                    fires: days >= 15 || (days >= 10 && kind != "simple"))
        }
    }

    @Test("threshold edges", arguments: edges)
    func edge(_ row: EdgeRow) throws {
        let result = try fixtureOutcome(FixtureRules.answers(row.answers))
        #expect(result.flagIDs.contains(row.flag) == row.fires, "confirmed flags: \(result.flagIDs.sorted())")
        #expect(!result.unsureFlagIDs.contains(row.flag))
        if let level = SpecModel.level(of: row.flag), row.fires {
            #expect(result.triageID == level.rawValue)
        }
    }

    @Test("age not sure with temple_jaw yes makes giant_cell_arteritis unsure, which stays urgent")
    func ageUnsure() throws {
        let result = try fixtureOutcome(FixtureRules.answers(["age": "not sure", "temple_jaw": "yes"]))
        #expect(result.unsureFlagIDs.contains("giant_cell_arteritis"))
        #expect(result.triageID == "urgent")
    }
}
