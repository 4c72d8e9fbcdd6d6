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

    // MARK: Section 2: red flags

    static let flagLevels: [(id: String, level: SpecLevel)] = [
        ("thunderclap", .emergency), ("neuro_deficit", .emergency), ("seizure", .emergency), ("meningism", .emergency),
        ("head_injury_on_blood_thinners", .emergency), ("fever", .urgent), ("head_injury", .urgent),
        ("giant_cell_arteritis", .urgent), ("visual_disturbance", .urgent), ("painful_red_eye", .urgent),
        ("atypical_aura", .urgent), ("cancer_history", .urgent), ("weak_immunity", .urgent),
        ("pregnancy_new_headache", .urgent), ("older_new_onset", .consult), ("pattern_change", .consult),
        ("progressive", .consult), ("positional", .consult), ("exertional", .consult), ("pregnancy", .consult),
        ("systemic", .consult), ("new_medicine", .consult), ("medication_overuse", .consult),
    ]

    static func level(of flag: String) -> SpecLevel? { flagLevels.first { $0.id == flag }?.level }

    func trigger(_ flag: String) -> T {
        switch flag {
        case "thunderclap": return yn("sudden_onset")
        case "neuro_deficit": return yn("neuro_symptoms") || (yn("aura") && yn("aura_weakness"))
        case "seizure": return yn("seizure")
        case "meningism": return yn("fever") && yn("stiff_neck")
        case "head_injury_on_blood_thinners": return yn("head_injury") && yn("blood_thinners")
        case "fever": return yn("fever")
        case "head_injury": return yn("head_injury")
        case "giant_cell_arteritis": return num("age") { $0 >= 50 } && yn("temple_jaw")
        case "visual_disturbance": return yn("vision_problems")
        case "painful_red_eye": return yn("red_eye")
        case "atypical_aura": return yn("aura") && num("aura_minutes") { $0 > 60 }
        case "cancer_history": return yn("cancer") && yn("new_or_changed")
        case "weak_immunity": return yn("weak_immunity") && yn("new_or_changed")
        case "pregnancy_new_headache": return yn("pregnant") && yn("new_or_changed")
        case "older_new_onset": return num("age") { $0 >= 50 } && yn("new_or_changed")
        case "pattern_change": return yn("new_or_changed")
        case "progressive": return yn("progressive")
        case "positional": return yn("positional")
        case "exertional": return yn("cough_trigger")
        case "pregnancy": return yn("pregnant")
        case "systemic": return yn("weight_loss")
        case "new_medicine": return yn("new_medicine")
        case "medication_overuse":
            return num("painkiller_days") { $0 >= 15 }
                || (num("painkiller_days") { $0 >= 10 } && !choice("painkiller_kind", ["simple"]))
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
            case .unknown: unsureFlags.insert(id); levels.append(level.whenUnsure)
            case .no: break
            }
        }
        if flags.contains(where: { Self.level(of: $0) == .emergency }) {
            return Result(triage: .emergency, pattern: "not_assessed", flags: flags, unsureFlags: [], nmt: "not_advised",
                          focus: [], contributors: [], selfCare: [], emergencyStop: true)
        }
        let pattern = self.pattern
        if ["chronic_migraine", "chronic_tension_type", "cluster_like", "unclassified"].contains(pattern) {
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

        let rule1 = ["fever", "head_injury", "skin_problem"]
        let nmt: String
        if triage.urgency >= SpecLevel.urgent.urgency || rule1.contains(where: { yn($0) == .yes }) {
            nmt = "not_advised"
        } else if triage == .consult
                    || ["blood_thinners", "osteoporosis", "cancer", "pregnant", "high_blood_pressure", "dizzy_neck_turn"]
                        .contains(where: { yn($0) == .yes })
                    || rule1.contains(where: { yn($0) == .unknown }) {
            nmt = "with_clearance"
        } else if ["infrequent_tension_type", "frequent_tension_type", "chronic_tension_type", "probable_tension_type"].contains(pattern)
                    || !contributors.isDisjoint(with: ["neck_muscle_tension", "jaw_tmd", "posture"]) {
            nmt = "recommended"
        } else {
            nmt = "may_help"
        }
        var focus = Set<String>()
        if nmt != "not_advised" {
            if contributors.contains("neck_muscle_tension") { focus.formUnion(["suboccipitals", "upper_trapezius"]) }
            if contributors.contains("jaw_tmd") { focus.formUnion(["masseter", "temporalis"]) }
            if contributors.contains("posture") { focus.formUnion(["suboccipitals", "sternocleidomastoid"]) }
        }

        // Section 5: self-care.
        var selfCare: Set<String> = ["headache_diary"]
        if contributors.contains("dehydration") { selfCare.insert("hydration") }
        if contributors.contains("poor_sleep") { selfCare.insert("sleep_routine") }
        if contributors.contains("stress") { selfCare.insert("relaxation_breathing") }
        if contributors.contains("neck_muscle_tension") || contributors.contains("posture") { selfCare.insert("neck_shoulder_stretches") }
        if contributors.contains("posture") { selfCare.insert("screen_breaks") }
        if contributors.contains("jaw_tmd") { selfCare.insert("jaw_relaxation") }
        if flags.contains("medication_overuse") { selfCare.insert("limit_painkillers") }
        if ["migraine_without_aura", "migraine_with_aura", "chronic_migraine", "probable_migraine"].contains(pattern) {
            selfCare.insert("dark_quiet_room")
        }
        return Result(triage: triage, pattern: pattern, flags: flags, unsureFlags: unsureFlags, nmt: nmt, focus: focus,
                      contributors: contributors, selfCare: selfCare, emergencyStop: false)
    }
}
