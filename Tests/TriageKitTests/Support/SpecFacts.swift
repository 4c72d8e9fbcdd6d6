/// The facts of clinical.md section 1, written out from the spec (not read from the rules), so
/// tests can check the rules against them and generate answers for every fact.
struct SpecFact: Sendable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        case yesNo
        /// A number with the spec's plausible range when it gives one, and values worth trying
        /// (edges of the spec's thresholds), all inside the rules' range.
        case number(range: ClosedRange<Double>?, samples: [Double])
        case choice([String])
        /// Any set of these options ("none" for the empty set).
        case several([String])
    }

    var id: String
    var kind: Kind
    /// Asked first (section "Safety screen").
    var safetyScreen: Bool

    var description: String { id }

    static let all: [SpecFact] = [
        // Safety screen
        .init(id: "sudden_onset", kind: .yesNo, safetyScreen: true),
        .init(id: "neuro_symptoms", kind: .yesNo, safetyScreen: true),
        .init(id: "seizure", kind: .yesNo, safetyScreen: true),
        .init(id: "fever", kind: .yesNo, safetyScreen: true),
        .init(id: "stiff_neck", kind: .yesNo, safetyScreen: true),
        .init(id: "rash", kind: .yesNo, safetyScreen: true),
        .init(id: "worst_ever", kind: .yesNo, safetyScreen: true),
        .init(id: "eye_emergency", kind: .yesNo, safetyScreen: true),
        .init(id: "new_neck_pain", kind: .yesNo, safetyScreen: true),
        .init(id: "others_unwell", kind: .yesNo, safetyScreen: true),
        .init(id: "head_injury", kind: .yesNo, safetyScreen: true),
        .init(id: "head_injury_danger", kind: .yesNo, safetyScreen: true),
        .init(id: "blood_thinners", kind: .yesNo, safetyScreen: true),
        .init(id: "age", kind: .number(range: 1...120, samples: [4, 11, 12, 16, 17, 18, 35, 49, 50, 55, 56, 64, 65, 72]), safetyScreen: true),
        .init(id: "new_or_changed", kind: .yesNo, safetyScreen: true),
        .init(id: "progressive", kind: .yesNo, safetyScreen: true),
        .init(id: "temple_jaw", kind: .yesNo, safetyScreen: true),
        .init(id: "positional", kind: .yesNo, safetyScreen: true),
        .init(id: "cough_trigger", kind: .yesNo, safetyScreen: true),
        .init(id: "vision_problems", kind: .yesNo, safetyScreen: true),
        .init(id: "pregnant", kind: .yesNo, safetyScreen: true),
        .init(id: "weak_immunity", kind: .yesNo, safetyScreen: true),
        .init(id: "cancer", kind: .yesNo, safetyScreen: true),
        .init(id: "weight_loss", kind: .yesNo, safetyScreen: true),
        .init(id: "new_medicine", kind: .yesNo, safetyScreen: true),
        .init(id: "painkiller_days", kind: .number(range: 0...31, samples: [0, 2, 9, 10, 14, 15, 25]), safetyScreen: true),
        .init(id: "painkiller_kind", kind: .choice(["simple", "triptan", "combination", "opioid", "several"]), safetyScreen: true),
        // The headache pattern
        .init(id: "attacks", kind: .number(range: nil, samples: [1, 2, 4, 5, 9, 10, 40]), safetyScreen: false),
        .init(id: "headache_days", kind: .number(range: nil, samples: [0.5, 1, 3, 8.7, 14, 15, 20, 30]), safetyScreen: false),
        .init(id: "months", kind: .number(range: nil, samples: [1, 3, 4, 24]), safetyScreen: false),
        .init(id: "duration_hours", kind: .number(range: nil, samples: [0.2, 0.25, 0.5, 1, 1.9, 2, 3, 3.1, 3.9, 4, 6, 72, 72.1, 168, 1000]),
              safetyScreen: false),
        .init(id: "side", kind: .choice(["one_side", "both_sides"]), safetyScreen: false),
        .init(id: "quality", kind: .choice(["throbbing", "pressing", "stabbing", "other"]), safetyScreen: false),
        .init(id: "severity", kind: .choice(["mild", "moderate", "severe"]), safetyScreen: false),
        .init(id: "activity_worse", kind: .yesNo, safetyScreen: false),
        .init(id: "nausea", kind: .yesNo, safetyScreen: false),
        .init(id: "vomiting", kind: .yesNo, safetyScreen: false),
        .init(id: "light_sensitive", kind: .yesNo, safetyScreen: false),
        .init(id: "noise_sensitive", kind: .yesNo, safetyScreen: false),
        .init(id: "aura", kind: .yesNo, safetyScreen: false),
        .init(id: "aura_minutes", kind: .number(range: nil, samples: [4, 5, 20, 60, 61, 90]), safetyScreen: false),
        .init(id: "aura_weakness", kind: .yesNo, safetyScreen: false),
        .init(id: "aura_features", kind: .several(["slurred_speech", "spinning_dizziness", "ringing_ears", "hearing_loss",
                                                    "double_vision", "one_eye_only", "unsteady", "reduced_consciousness"]),
              safetyScreen: false),
        .init(id: "combined_pill", kind: .yesNo, safetyScreen: false),
        .init(id: "red_eye", kind: .yesNo, safetyScreen: false),
        .init(id: "restless", kind: .yesNo, safetyScreen: false),
        // Muscles and lifestyle
        .init(id: "neck_tension", kind: .yesNo, safetyScreen: false),
        .init(id: "jaw_clenching", kind: .yesNo, safetyScreen: false),
        .init(id: "screen_hours", kind: .number(range: nil, samples: [1, 5.9, 6, 10]), safetyScreen: false),
        .init(id: "stress", kind: .yesNo, safetyScreen: false),
        .init(id: "sleep_hours", kind: .number(range: nil, samples: [4, 5.9, 6, 8]), safetyScreen: false),
        .init(id: "water_glasses", kind: .number(range: nil, samples: [2, 5, 6, 8]), safetyScreen: false),
        // Before hands-on therapy
        .init(id: "skin_problem", kind: .yesNo, safetyScreen: false),
        .init(id: "osteoporosis", kind: .yesNo, safetyScreen: false),
        .init(id: "high_blood_pressure", kind: .yesNo, safetyScreen: false),
        .init(id: "dizzy_neck_turn", kind: .yesNo, safetyScreen: false),
        .init(id: "neck_precautions", kind: .yesNo, safetyScreen: false),
    ]

    static let yesNoIDs: [String] = all.filter { $0.kind == .yesNo }.map(\.id)
}
