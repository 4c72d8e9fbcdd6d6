/// clinical.md sections 2 to 5 transcribed as plain Swift over canonical answers, as a reference
/// for the property tests. It knows nothing of the rules files or the engine: when it and the
/// engine disagree, one of them departs from the spec, and the table tests say which.
struct SpecModel {
    /// Three-valued truth, as the spec evaluates flags and criteria.
    enum T: Equatable, Sendable {
        case yes, no, unknown

        init(_ b: Bool) { self = b ? .yes : .no }

        static func && (a: T, b: T) -> T {
            if a == .no || b == .no { return .no }
            return a == .yes && b == .yes ? .yes : .unknown
        }

        static func || (a: T, b: T) -> T {
            if a == .yes || b == .yes { return .yes }
            return a == .no && b == .no ? .no : .unknown
        }

        static prefix func ! (a: T) -> T {
            switch a {
            case .yes: return .no
            case .no: return .yes
            case .unknown: return .unknown
            }
        }

        static func atLeast(_ n: Int, _ parts: [T]) -> T {
            let yes = parts.filter { $0 == .yes }.count, unknown = parts.filter { $0 == .unknown }.count
            if yes >= n { return .yes }
            return yes + unknown < n ? .no : .unknown
        }

        static func atMost(_ n: Int, _ parts: [T]) -> T {
            let yes = parts.filter { $0 == .yes }.count, unknown = parts.filter { $0 == .unknown }.count
            if yes + unknown <= n { return .yes }
            return yes > n ? .no : .unknown
        }
    }

    struct Result: Sendable {
        var triage: SpecLevel
        var pattern: String
        var flags: Set<String>
        var unsureFlags: Set<String>
        var nmt: String
        var focus: Set<String>
        var contributors: Set<String>
        var selfCare: Set<String>
        /// A confirmed emergency flag: only triage, pattern and NMT status are fixed.
        var emergencyStop: Bool
        /// An urgent triage: the flags a dialogue never asked about cannot be compared.
        var assessmentStopped: Bool
    }

    let answers: [String: String]

    // MARK: Facts

    func yn(_ id: String) -> T {
        switch answers[id] {
        case "yes": return .yes
        case "no": return .no
        default: return .unknown
        }
    }

    func number(_ id: String) -> Double? { answers[id].flatMap(Double.init) }

    func num(_ id: String, _ test: (Double) -> Bool) -> T { number(id).map { T(test($0)) } ?? .unknown }

    func choice(_ id: String, _ options: Set<String>) -> T {
        guard let v = answers[id], v != "not sure" else { return .unknown }
        return T(options.contains(v))
    }

    func unsure(_ id: String) -> Bool { answers[id] == nil || answers[id] == "not sure" }

    /// Whether a `several` fact holds an option: unknown when not answered or "not sure".
    func has(_ id: String, _ option: String) -> T {
        guard let v = answers[id], v != "not sure" else { return .unknown }
        if v == "none" { return .no }
        return T(v.components(separatedBy: ", ").contains(option))
    }

    /// The ages at which pregnancy is asked about, with the answer.
    var couldBePregnant: T { num("age") { $0 >= 12 && $0 <= 55 } && yn("pregnant") }

    // MARK: Section 2: red flags

    static let flagLevels: [(id: String, level: SpecLevel)] = [
        ("thunderclap", .emergency), ("neuro_deficit", .emergency), ("seizure", .emergency), ("meningism", .emergency),
        ("head_injury_on_blood_thinners", .emergency), ("head_injury_danger", .emergency), ("meningococcal_rash", .emergency),
        ("worst_ever", .emergency), ("acute_eye", .emergency), ("neutropenic_fever", .emergency), ("gca_sight", .emergency),
        ("fever", .urgent), ("head_injury", .urgent), ("giant_cell_arteritis", .urgent), ("possible_dissection", .urgent),
        ("carbon_monoxide", .urgent), ("thinners_new_headache", .urgent), ("high_bp_new_headache", .urgent),
        ("postpartum_positional", .urgent), ("one_eye_sight_loss", .urgent), ("visual_disturbance", .urgent),
        ("atypical_aura", .urgent), ("cancer_history", .urgent), ("weak_immunity", .urgent),
        ("pregnancy_new_headache", .urgent), ("older_new_onset", .consult), ("pattern_change", .consult),
        ("progressive", .consult), ("positional", .consult), ("exertional", .consult), ("pregnancy", .consult),
        ("systemic", .consult), ("new_medicine", .consult), ("medication_overuse", .consult),
        ("atypical_aura_features", .consult), ("neck_vessel_symptoms", .consult), ("young_child", .consult),
        ("aura_on_combined_pill", .consult),
    ]

    static func level(of flag: String) -> SpecLevel? { flagLevels.first { $0.id == flag }?.level }

    /// The level a flag counts as when unsure: one lower, but a suspected arteritis stays urgent.
    static func unsureLevel(of flag: String) -> SpecLevel? {
        flag == "giant_cell_arteritis" ? .urgent : level(of: flag)?.whenUnsure
    }

    func trigger(_ flag: String) -> T {
        let aura = yn("aura")
        switch flag {
        case "thunderclap": return yn("sudden_onset")
        case "neuro_deficit": return yn("neuro_symptoms") || (aura && yn("aura_weakness"))
        case "seizure": return yn("seizure")
        case "meningism": return yn("fever") && yn("stiff_neck")
        case "head_injury_on_blood_thinners": return yn("head_injury") && yn("blood_thinners")
        case "head_injury_danger": return yn("head_injury") && yn("head_injury_danger")
        case "meningococcal_rash": return yn("rash")
        case "worst_ever": return yn("worst_ever")
        case "acute_eye": return yn("eye_emergency")
        case "neutropenic_fever": return yn("fever") && yn("weak_immunity")
        case "gca_sight": return num("age") { $0 >= 50 } && yn("temple_jaw") && yn("vision_problems")
        case "fever": return yn("fever")
        case "head_injury": return yn("head_injury")
        case "giant_cell_arteritis": return num("age") { $0 >= 50 } && yn("temple_jaw")
        case "possible_dissection": return yn("new_neck_pain")
        case "carbon_monoxide": return yn("others_unwell")
        case "thinners_new_headache": return yn("blood_thinners") && yn("new_or_changed")
        case "high_bp_new_headache": return yn("high_blood_pressure") && yn("new_or_changed")
        case "postpartum_positional": return couldBePregnant && yn("positional")
        case "one_eye_sight_loss": return aura && has("aura_features", "one_eye_only")
        case "visual_disturbance": return yn("vision_problems")
        case "atypical_aura": return aura && num("aura_minutes") { $0 > 60 }
        case "cancer_history": return yn("cancer") && yn("new_or_changed")
        case "weak_immunity": return yn("weak_immunity") && yn("new_or_changed")
        case "pregnancy_new_headache": return couldBePregnant && yn("new_or_changed")
        case "older_new_onset": return num("age") { $0 >= 50 } && yn("new_or_changed")
        case "pattern_change": return yn("new_or_changed")
        case "progressive": return yn("progressive")
        case "positional": return yn("positional")
        case "exertional": return yn("cough_trigger")
        case "pregnancy": return couldBePregnant
        case "systemic": return yn("weight_loss")
        case "new_medicine": return yn("new_medicine")
        case "medication_overuse":
            return num("painkiller_days") { $0 >= 15 }
                || (num("painkiller_days") { $0 >= 10 } && !choice("painkiller_kind", ["simple"]))
        case "atypical_aura_features":
            let alone = ["double_vision", "unsteady", "reduced_consciousness"].map { has("aura_features", $0) }
            let two = ["slurred_speech", "spinning_dizziness", "ringing_ears", "hearing_loss", "double_vision", "unsteady",
                       "reduced_consciousness"].map { has("aura_features", $0) }
            return aura && (alone.reduce(T.no, ||) || T.atLeast(2, two))
        case "neck_vessel_symptoms": return yn("dizzy_neck_turn")
        case "young_child": return num("age") { $0 < 12 }
        case "aura_on_combined_pill": return aura && num("age") { $0 >= 12 && $0 <= 55 } && yn("combined_pill")
        default: return .no
        }
    }

    // MARK: Section 3: patterns

    var cm: T {
        T.atLeast(2, [choice("side", ["one_side"]), choice("quality", ["throbbing"]),
                      choice("severity", ["moderate", "severe"]), yn("activity_worse")])
    }
    var dm: T { yn("nausea") || yn("vomiting") || (yn("light_sensitive") && yn("noise_sensitive")) }
    var bm: T {
        num("duration_hours") { $0 >= 4 && $0 <= 72 }
            || (num("age") { $0 < 18 } && num("duration_hours") { $0 >= 2 && $0 <= 72 })
    }
    var ct: T {
        T.atLeast(2, [choice("side", ["both_sides"]), choice("quality", ["pressing"]),
                      choice("severity", ["mild", "moderate"]), !yn("activity_worse")])
    }
    var dt: T { !yn("nausea") && !yn("vomiting") && !(yn("light_sensitive") && yn("noise_sensitive")) }
    var dtc: T { !yn("vomiting") && T.atMost(1, [yn("light_sensitive"), yn("noise_sensitive"), yn("nausea")]) }
    var bt: T { num("duration_hours") { $0 >= 0.5 && $0 <= 168 } }
    var typicalAura: T { yn("aura") && num("aura_minutes") { $0 >= 5 && $0 <= 60 } }
    var chronicDays: T { num("headache_days") { $0 >= 15 } && num("months") { $0 > 3 } }

    /// The rows of section 3 in order: id and its criteria (for the probable rows, the ones counted).
    var patternRows: [(id: String, criteria: [T], allButOne: Bool)] {
        let attacks5 = num("attacks") { $0 >= 5 }, attacks10 = num("attacks") { $0 >= 10 }
        let frequent = num("headache_days") { $0 >= 1 && $0 < 15 } && num("months") { $0 > 3 }
        let infrequent = num("headache_days") { $0 < 1 }
        return [
            ("cluster_like", [attacks5, choice("side", ["one_side"]), choice("severity", ["severe"]),
                              num("duration_hours") { $0 >= 0.25 && $0 <= 3 }, yn("red_eye") || yn("restless")], false),
            ("chronic_migraine", [chronicDays, attacks5, (cm && dm) || typicalAura], false),
            ("migraine_with_aura", [yn("aura"), num("aura_minutes") { $0 >= 5 && $0 <= 60 }, num("attacks") { $0 >= 2 }], false),
            ("migraine_without_aura", [attacks5, bm, cm, dm], false),
            ("chronic_tension_type", [chronicDays, num("duration_hours") { $0 >= 0.5 }, ct, dtc], false),
            ("frequent_tension_type", [attacks10, frequent, bt, ct, dt], false),
            ("infrequent_tension_type", [attacks10, infrequent, bt, ct, dt], false),
            ("probable_migraine", [attacks5, bm, cm, dm], true),
            ("probable_tension_type", [attacks10, infrequent || frequent, bt, ct, dt], true),
        ]
    }

    /// The first row that matches; an unknown criterion is unmet.
    var pattern: String {
        for row in patternRows {
            let unmet = row.criteria.filter { $0 != .yes }.count
            if row.allButOne ? unmet == 1 : unmet == 0 { return row.id }
        }
        return "unclassified"
    }

    // MARK: Everything

    func evaluate() -> Result {
        var flags = Set<String>(), unsureFlags = Set<String>()
        var levels: [SpecLevel] = []
        for (id, level) in Self.flagLevels {
            switch trigger(id) {
            case .yes: flags.insert(id); levels.append(level)
            case .unknown: unsureFlags.insert(id); levels.append(Self.unsureLevel(of: id) ?? level.whenUnsure)
            case .no: break
            }
        }
        if flags.contains(where: { Self.level(of: $0) == .emergency }) {
            return Result(triage: .emergency, pattern: "not_assessed", flags: flags, unsureFlags: [], nmt: "not_advised",
                          focus: [], contributors: [], selfCare: [], emergencyStop: true, assessmentStopped: false)
        }
        // Urgent: a doctor today works out the rest; no pattern, contributors, focus or self-care.
        if SpecLevel.mostUrgent(levels) == .urgent {
            return Result(triage: .urgent, pattern: "not_assessed", flags: flags, unsureFlags: unsureFlags, nmt: "not_advised",
                          focus: [], contributors: [], selfCare: [], emergencyStop: false, assessmentStopped: true)
        }
        let pattern = self.pattern
        if ["chronic_migraine", "chronic_tension_type", "cluster_like", "unclassified"].contains(pattern)
            || num("headache_days", { $0 >= 15 }) == .yes {
            levels.append(.consult)
        }
        let triage = SpecLevel.mostUrgent(levels)

        // Section 4: contributors, NMT status, focus areas.
        var contributors = Set<String>()
        if yn("neck_tension") == .yes { contributors.insert("neck_muscle_tension") }
        if yn("jaw_clenching") == .yes { contributors.insert("jaw_tmd") }
        if num("screen_hours", { $0 >= 6 }) == .yes { contributors.insert("posture") }
        if yn("stress") == .yes { contributors.insert("stress") }
        if num("sleep_hours", { $0 < 6 }) == .yes { contributors.insert("poor_sleep") }
        if num("water_glasses", { $0 < 6 }) == .yes { contributors.insert("dehydration") }

        let rule1 = ["fever", "head_injury", "skin_problem", "new_neck_pain", "dizzy_neck_turn"]
        let precautions = ["blood_thinners", "osteoporosis", "cancer", "high_blood_pressure", "neck_precautions"]
        // Pregnancy is a precaution when it could apply: age 12 to 55, or an age not known.
        let pregnancyInDoubt = (unsure("age") || num("age") { $0 >= 12 && $0 <= 55 } == .yes) && yn("pregnant") != .no
        let migrainePatterns: Set<String> = ["migraine_without_aura", "migraine_with_aura", "chronic_migraine", "probable_migraine"]
        let nmt: String
        if triage.urgency >= SpecLevel.urgent.urgency || rule1.contains(where: { yn($0) == .yes }) {
            nmt = "not_advised"
        } else if triage == .consult || precautions.contains(where: { yn($0) != .no }) || pregnancyInDoubt
                    || rule1.contains(where: { yn($0) == .unknown }) {
            nmt = "with_clearance"
        } else if ["infrequent_tension_type", "frequent_tension_type", "chronic_tension_type", "probable_tension_type"].contains(pattern)
                    || (!contributors.isDisjoint(with: ["neck_muscle_tension", "jaw_tmd", "posture"]) && !migrainePatterns.contains(pattern)) {
            nmt = "recommended"
        } else {
            nmt = "may_help"
        }
        var focus = Set<String>()
        if nmt != "not_advised" {
            if contributors.contains("neck_muscle_tension") { focus.formUnion(["suboccipitals", "upper_trapezius"]) }
            if contributors.contains("jaw_tmd") { focus.formUnion(["masseter", "temporalis"]) }
            if contributors.contains("posture") { focus.insert("suboccipitals") }
            if contributors.contains("posture"), num("age", { $0 < 65 }) == .yes { focus.insert("sternocleidomastoid") }
        }

        // Section 5: self-care.
        var selfCare: Set<String> = ["headache_diary"]
        if contributors.contains("dehydration") { selfCare.insert("hydration") }
        if contributors.contains("poor_sleep") { selfCare.insert("sleep_routine") }
        if contributors.contains("stress") { selfCare.insert("relaxation_breathing") }
        if contributors.contains("neck_muscle_tension") || contributors.contains("posture"),
           ["head_injury", "dizzy_neck_turn", "new_neck_pain"].allSatisfy({ yn($0) == .no }) {
            selfCare.insert("neck_shoulder_stretches")
        }
        if contributors.contains("posture") { selfCare.insert("screen_breaks") }
        if contributors.contains("jaw_tmd") { selfCare.insert("jaw_relaxation") }
        if flags.contains("medication_overuse") { selfCare.insert("limit_painkillers") }
        if migrainePatterns.contains(pattern) { selfCare.insert("dark_quiet_room") }
        return Result(triage: triage, pattern: pattern, flags: flags, unsureFlags: unsureFlags, nmt: nmt, focus: focus,
                      contributors: contributors, selfCare: selfCare, emergencyStop: false, assessmentStopped: false)
    }
}
