import Testing
import TriageKit

/// clinical.md sections 4 and 5: NMT status (first rule that applies), focus areas,
/// contributors with their thresholds, and the self-care advice ids.
@Suite("Neuromuscular therapy and self-care (clinical.md sections 4 and 5)")
struct TherapyTableTests {
    /// Migraine without aura and no contributor: status `may_help` when nothing else applies.
    static let migraine = PatternTableTests.migraine

    struct StatusRow: LabelledRow {
        var label: String
        var base: [String: String] = FixtureRules.baseline
        var changes: [String: String]
        var status: String
    }

    static let statusRows: [StatusRow] = [
        // 1. not_advised: triage emergency or urgent; or fever, head_injury or skin_problem
        .init(label: "1: emergency triage", changes: ["sudden_onset": "yes"], status: "not_advised"),
        .init(label: "1: urgent triage (vision problems)", changes: ["vision_problems": "yes"], status: "not_advised"),
        .init(label: "1: urgent triage (unsure emergency flag)", changes: ["seizure": "not sure"], status: "not_advised"),
        .init(label: "1: fever", changes: ["fever": "yes"], status: "not_advised"),
        .init(label: "1: head_injury", changes: ["head_injury": "yes"], status: "not_advised"),
        .init(label: "1: skin_problem (self-care triage)", changes: ["skin_problem": "yes"], status: "not_advised"),
        .init(label: "1: skin_problem beats blood_thinners", changes: ["skin_problem": "yes", "blood_thinners": "yes"],
              status: "not_advised"),
        .init(label: "1: new neck pain", changes: ["new_neck_pain": "yes"], status: "not_advised"),
        .init(label: "1: dizzy_neck_turn", changes: ["dizzy_neck_turn": "yes"], status: "not_advised"),
        // 2. with_clearance: consult triage; a medical reason; or a rule-1 trigger unsure
        .init(label: "2: consult triage (progressive)", changes: ["progressive": "yes"], status: "with_clearance"),
        .init(label: "2: consult triage (chronic tension-type pattern)", changes: ["headache_days": "15", "months": "4"],
              status: "with_clearance"),
        .init(label: "2: consult triage (unsure urgent flag)", changes: ["others_unwell": "not sure"], status: "with_clearance"),
        .init(label: "2: blood_thinners", changes: ["blood_thinners": "yes"], status: "with_clearance"),
        .init(label: "2: osteoporosis", changes: ["osteoporosis": "yes"], status: "with_clearance"),
        .init(label: "2: cancer", changes: ["cancer": "yes"], status: "with_clearance"),
        .init(label: "2: pregnant", changes: ["pregnant": "yes"], status: "with_clearance"),
        .init(label: "2: high_blood_pressure", changes: ["high_blood_pressure": "yes"], status: "with_clearance"),
        .init(label: "2: neck_precautions", changes: ["neck_precautions": "yes"], status: "with_clearance"),
        .init(label: "2: neck_precautions not sure", changes: ["neck_precautions": "not sure"], status: "with_clearance"),
        .init(label: "2: osteoporosis not sure", changes: ["osteoporosis": "not sure"], status: "with_clearance"),
        .init(label: "2: dizzy_neck_turn not sure", changes: ["dizzy_neck_turn": "not sure"], status: "with_clearance"),
        .init(label: "2: new neck pain not sure", changes: ["new_neck_pain": "not sure"], status: "with_clearance"),
        .init(label: "pregnant at 62 is not asked", changes: ["age": "62", "pregnant": "yes"], status: "recommended"),
        .init(label: "2: fever not sure", changes: ["fever": "not sure"], status: "with_clearance"),
        .init(label: "2: head_injury not sure", changes: ["head_injury": "not sure"], status: "with_clearance"),
        .init(label: "2: skin_problem not sure", changes: ["skin_problem": "not sure"], status: "with_clearance"),
        .init(label: "2: osteoporosis with a migraine pattern", base: migraine, changes: ["osteoporosis": "yes"],
              status: "with_clearance"),
        // 3. recommended: a tension-type pattern, or neck, jaw or posture
        .init(label: "3: frequent tension-type", changes: [:], status: "recommended"),
        .init(label: "3: infrequent tension-type", changes: ["headache_days": "0.5"], status: "recommended"),
        .init(label: "3: probable tension-type", changes: ["attacks": "9"], status: "recommended"),
        .init(label: "3: neck tension with probable tension-type", changes: ["neck_tension": "yes", "attacks": "9"], status: "recommended"),
        // With a migraine pattern, neck pain is common: therapy may help.
        .init(label: "4: migraine with neck tension", base: migraine, changes: ["neck_tension": "yes"], status: "may_help"),
        .init(label: "4: migraine with jaw clenching", base: migraine, changes: ["jaw_clenching": "yes"], status: "may_help"),
        .init(label: "4: migraine with 6 screen hours", base: migraine, changes: ["screen_hours": "6"], status: "may_help"),
        // 4. may_help: otherwise
        .init(label: "4: migraine", base: migraine, changes: [:], status: "may_help"),
        .init(label: "4: migraine with 5.9 screen hours", base: migraine, changes: ["screen_hours": "5.9"], status: "may_help"),
        .init(label: "4: migraine with stress, little sleep and water", base: migraine,
              changes: ["stress": "yes", "sleep_hours": "5", "water_glasses": "2"], status: "may_help"),
        .init(label: "4: migraine with neck tension not sure", base: migraine, changes: ["neck_tension": "not sure"], status: "may_help"),
        .init(label: "4: migraine with aura", base: PatternTableTests.aura, changes: [:], status: "may_help"),
    ]

    @Test("NMT status: the first rule that applies", arguments: statusRows)
    func status(_ row: StatusRow) throws {
        let answers = FixtureRules.answers(row.changes, base: row.base)
        let result = try fixtureOutcome(answers)
        #expect(result.therapyID == row.status)
        #expect(SpecModel(answers: answers).evaluate().nmt == row.status, "the spec model disagrees with this row")
    }

    struct FocusRow: LabelledRow {
        var label: String
        var base: [String: String] = FixtureRules.baseline
        var changes: [String: String]
        var focus: Set<String>
    }

    static let focusRows: [FocusRow] = [
        .init(label: "none", changes: [:], focus: []),
        .init(label: "neck_tension", changes: ["neck_tension": "yes"], focus: ["suboccipitals", "upper_trapezius"]),
        .init(label: "jaw_clenching", changes: ["jaw_clenching": "yes"], focus: ["masseter", "temporalis"]),
        .init(label: "posture (6 screen hours)", changes: ["screen_hours": "6"], focus: ["suboccipitals", "sternocleidomastoid"]),
        .init(label: "5.9 screen hours is not posture", changes: ["screen_hours": "5.9"], focus: []),
        .init(label: "posture at 64", changes: ["age": "64", "screen_hours": "6"], focus: ["suboccipitals", "sternocleidomastoid"]),
        .init(label: "posture at 65: no sternocleidomastoid", changes: ["age": "65", "screen_hours": "6"], focus: ["suboccipitals"]),
        .init(label: "neck and posture", changes: ["neck_tension": "yes", "screen_hours": "10"],
              focus: ["suboccipitals", "upper_trapezius", "sternocleidomastoid"]),
        .init(label: "neck, jaw and posture", changes: ["neck_tension": "yes", "jaw_clenching": "yes", "screen_hours": "8"],
              focus: ["suboccipitals", "upper_trapezius", "sternocleidomastoid", "masseter", "temporalis"]),
        .init(label: "neck tension not sure", changes: ["neck_tension": "not sure"], focus: []),
        // Listed with with_clearance and may_help too, never with not_advised.
        .init(label: "with clearance (osteoporosis)", changes: ["osteoporosis": "yes", "jaw_clenching": "yes"],
              focus: ["masseter", "temporalis"]),
        .init(label: "with clearance (consult triage)", changes: ["progressive": "yes", "neck_tension": "yes"],
              focus: ["suboccipitals", "upper_trapezius"]),
        .init(label: "not advised (skin problem)", changes: ["skin_problem": "yes", "neck_tension": "yes", "jaw_clenching": "yes"],
              focus: []),
        .init(label: "not advised (urgent triage)", changes: ["vision_problems": "yes", "neck_tension": "yes", "screen_hours": "8"],
              focus: []),
        .init(label: "not advised (fever)", changes: ["fever": "yes", "jaw_clenching": "yes"], focus: []),
    ]

    @Test("focus areas, listed unless not_advised", arguments: focusRows)
    func focus(_ row: FocusRow) throws {
        let answers = FixtureRules.answers(row.changes, base: row.base)
        let result = try fixtureOutcome(answers)
        #expect(result.focusIDs == row.focus)
        if result.therapyID == "not_advised" { #expect(result.focus.isEmpty) }
    }

    struct ContributorRow: LabelledRow {
        var changes: [String: String]
        var contributors: Set<String>
        var label: String { changes.keys.sorted().map { "\($0)=\(changes[$0]!)" }.joined(separator: ", ") }
    }

    static let contributorRows: [ContributorRow] = [
        .init(changes: [:], contributors: []),
        .init(changes: ["neck_tension": "yes"], contributors: ["neck_muscle_tension"]),
        .init(changes: ["jaw_clenching": "yes"], contributors: ["jaw_tmd"]),
        .init(changes: ["stress": "yes"], contributors: ["stress"]),
        .init(changes: ["screen_hours": "5.9"], contributors: []),
        .init(changes: ["screen_hours": "6"], contributors: ["posture"]),
        .init(changes: ["sleep_hours": "5.9"], contributors: ["poor_sleep"]),
        .init(changes: ["sleep_hours": "6"], contributors: []),
        .init(changes: ["water_glasses": "5"], contributors: ["dehydration"]),
        .init(changes: ["water_glasses": "6"], contributors: []),
        .init(changes: ["neck_tension": "not sure", "stress": "not sure", "screen_hours": "not sure",
                        "sleep_hours": "not sure", "water_glasses": "not sure"], contributors: []),
        .init(changes: ["neck_tension": "yes", "jaw_clenching": "yes", "stress": "yes", "screen_hours": "12",
                        "sleep_hours": "4", "water_glasses": "1"],
              contributors: ["neck_muscle_tension", "jaw_tmd", "posture", "stress", "poor_sleep", "dehydration"]),
    ]

    @Test("contributors and their thresholds", arguments: contributorRows)
    func contributors(_ row: ContributorRow) throws {
        let result = try fixtureOutcome(FixtureRules.answers(row.changes))
        #expect(result.contributorIDs == row.contributors)
    }

    struct AdviceRow: LabelledRow {
        var label: String
        var base: [String: String] = FixtureRules.baseline
        var changes: [String: String]
        var advice: Set<String>
    }

    static let adviceRows: [AdviceRow] = [
        .init(label: "always a diary", changes: [:], advice: ["headache_diary"]),
        .init(label: "dehydration", changes: ["water_glasses": "5"], advice: ["headache_diary", "hydration"]),
        .init(label: "poor sleep", changes: ["sleep_hours": "5"], advice: ["headache_diary", "sleep_routine"]),
        .init(label: "stress", changes: ["stress": "yes"], advice: ["headache_diary", "relaxation_breathing"]),
        .init(label: "neck tension", changes: ["neck_tension": "yes"], advice: ["headache_diary", "neck_shoulder_stretches"]),
        .init(label: "posture", changes: ["screen_hours": "6"], advice: ["headache_diary", "neck_shoulder_stretches", "screen_breaks"]),
        .init(label: "jaw clenching", changes: ["jaw_clenching": "yes"], advice: ["headache_diary", "jaw_relaxation"]),
        .init(label: "medication overuse", changes: ["painkiller_days": "15"], advice: ["headache_diary", "limit_painkillers"]),
        .init(label: "medication overuse unsure", changes: ["painkiller_days": "not sure"], advice: ["headache_diary"]),
        .init(label: "migraine without aura", base: migraine, changes: [:], advice: ["headache_diary", "dark_quiet_room"]),
        .init(label: "migraine with aura", base: PatternTableTests.aura, changes: [:], advice: ["headache_diary", "dark_quiet_room"]),
        .init(label: "chronic migraine", base: migraine, changes: ["headache_days": "15", "months": "4"],
              advice: ["headache_diary", "dark_quiet_room"]),
        .init(label: "probable migraine", base: migraine, changes: ["attacks": "4"], advice: ["headache_diary", "dark_quiet_room"]),
        .init(label: "probable tension-type", changes: ["attacks": "9"], advice: ["headache_diary"]),
        .init(label: "cluster-like", base: PatternTableTests.cluster, changes: [:], advice: ["headache_diary"]),
        .init(label: "everything", base: migraine,
              changes: ["water_glasses": "2", "sleep_hours": "4", "stress": "yes", "neck_tension": "yes", "screen_hours": "9",
                        "jaw_clenching": "yes", "painkiller_days": "12", "painkiller_kind": "opioid"],
              advice: ["headache_diary", "hydration", "sleep_routine", "relaxation_breathing", "neck_shoulder_stretches",
                       "screen_breaks", "jaw_relaxation", "limit_painkillers", "dark_quiet_room"]),
        .init(label: "none with an urgent triage", changes: ["fever": "yes", "stress": "yes"], advice: []),
        .init(label: "no neck stretches with new neck pain not sure", changes: ["new_neck_pain": "not sure", "neck_tension": "yes"],
              advice: ["headache_diary"]),
        .init(label: "no neck stretches with dizziness on turning the head", changes: ["dizzy_neck_turn": "yes", "screen_hours": "8"],
              advice: ["headache_diary", "screen_breaks"]),
        .init(label: "none with an emergency", base: migraine,
              changes: ["sudden_onset": "yes", "water_glasses": "2", "stress": "yes", "neck_tension": "yes"], advice: []),
    ]

    @Test("self-care advice ids (section 5)", arguments: adviceRows)
    func advice(_ row: AdviceRow) throws {
        let answers = FixtureRules.answers(row.changes, base: row.base)
        let result = try fixtureOutcome(answers)
        #expect(result.selfCareIDs == row.advice)
        if !SpecModel(answers: answers).evaluate().emergencyStop {
            #expect(SpecModel(answers: answers).evaluate().selfCare == row.advice, "the spec model disagrees with this row")
        }
    }

    @Test("every advice id of section 5 has plain-language text")
    func adviceTexts() throws {
        let rules = try FixtureRules.rules()
        let ids = ["headache_diary", "hydration", "sleep_routine", "relaxation_breathing", "neck_shoulder_stretches",
                   "screen_breaks", "jaw_relaxation", "limit_painkillers", "dark_quiet_room"]
        for id in ids {
            let advice = rules.advice.first { $0.id == id }
            #expect(advice != nil, "no advice '\(id)'")
            #expect((advice?.text.count ?? 0) > 40, "advice '\(id)' needs a real text")
        }
    }

    @Test("a recommendation says what to expect")
    func whatToExpect() throws {
        let rules = try FixtureRules.rules()
        let recommended = try #require(rules.statuses.first { $0.id == "recommended" })
        let expect = try #require(recommended.expect?.lowercased())
        for phrase in ["posture", "trigger point", "myofascial", "muscle energy", "stretching", "a few sessions", "modest",
                       "unbearable", "medicine", "children", "referral"] {
            #expect(expect.contains(phrase), "'expect:' of recommended does not mention '\(phrase)'")
        }
        #expect(rules.statuses.map(\.id) == ["not_advised", "with_clearance", "recommended", "may_help"])
    }
}
