import TriageKit

/// A small, seedable random number generator (SplitMix64), so every run generates the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What a set of cases reaches: every pattern, red flag, level, therapy status, ... seen at least once.
struct Coverage {
    var wanted: [String: Set<String>] = [:]
    var seen: [String: Set<String>] = [:]

    init(rules: RuleSet) {
        wanted["pattern"] = Set(rules.patterns.map(\.id))
        wanted["red flag"] = Set(rules.flags.map(\.id))
        wanted["unsure red flag"] = Set(rules.flags.map(\.id))
        wanted["triage"] = Set(rules.levels.map(\.id))
        wanted["therapy status"] = Set(rules.statuses.map(\.id))
        wanted["focus area"] = Set(rules.focusAreas.map(\.id))
        wanted["contributor"] = Set(rules.contributors.map(\.id))
        wanted["advice"] = Set(rules.advice.map(\.id))
    }

    /// Records an outcome; true when it reached something not seen before.
    @discardableResult
    mutating func add(_ outcome: Outcome) -> Bool {
        var new = false
        func mark(_ kind: String, _ ids: [String]) {
            for id in ids where seen[kind, default: []].insert(id).inserted && wanted[kind]?.contains(id) == true { new = true }
        }
        mark("pattern", [outcome.patternID])
        mark("red flag", outcome.redFlags.map(\.id))
        mark("unsure red flag", outcome.redFlagsUnsure.map(\.id))
        mark("triage", [outcome.triage.id])
        mark("therapy status", outcome.therapy.map { [$0.id] } ?? [])
        mark("focus area", outcome.focus.map(\.id))
        mark("contributor", outcome.contributors.map(\.id))
        mark("advice", outcome.selfCare.map(\.id))
        return new
    }

    func missing(_ kind: String) -> [String] { (wanted[kind] ?? []).subtracting(seen[kind] ?? []).sorted() }

    var isComplete: Bool { wanted.keys.allSatisfy { kind in kind == "unsure red flag" || missing(kind).isEmpty } }

    var summary: String {
        ["pattern", "red flag", "unsure red flag", "triage", "therapy status", "focus area", "contributor", "advice"].map { kind in
            let all = wanted[kind]?.count ?? 0
            let got = all - missing(kind).count
            return "\(kind)s \(got)/\(all)"
        }.joined(separator: ", ")
    }
}

/// Generates answers scripts for the shipped rules: every question answered with a value the
/// rules care about (the numbers their conditions compare with, every option, yes/no/not sure),
/// written the way a person might type it, sometimes with an opening story and in any order.
struct CaseGenerator {
    let rules: RuleSet
    private var rng: SeededGenerator
    /// For each number question, the values its conditions test (thresholds and either side).
    private var thresholds: [Int: [Double]] = [:]
    /// Questions a red flag reads: answered "yes" rarely, so most cases reach a pattern.
    private var safetyQuestions: Set<Int> = []

    static let stories = [
        "throbbing pain behind my left eye and I feel a bit queasy",
        "pressure on both sides of my head after long days at the computer",
        "like a tight band around my head, no nausea",
        "pounding on one side, I can't stand light or noise",
        "dull ache in my neck and the back of my head, my shoulders are tight",
        "stabbing pain around one eye, my eye waters and my nose runs",
        "it came on gradually over the afternoon, not too bad",
    ]

    init(rules: RuleSet, seed: UInt64 = 42) {
        self.rules = rules
        rng = SeededGenerator(seed: seed)
        var numbers: [Int: Set<Double>] = [:]
        func walk(_ c: Condition, flag: Bool, seenDefinitions: inout Set<Int>) {
            switch c {
            case .isYes(let q), .isUnsure(let q), .isOneOf(let q, _), .hasAny(let q, _):
                if flag { safetyQuestions.insert(q) }
            case .compare(let q, _, let v):
                numbers[q, default: []].formUnion([v - 1, v - 0.5, v, v + 0.5, v + 1])
                if flag { safetyQuestions.insert(q) }
            case .between(let q, let lo, let hi):
                numbers[q, default: []].formUnion([lo - 0.5, lo, (lo + hi) / 2, hi, hi + 0.5])
                if flag { safetyQuestions.insert(q) }
            case .not(let inner): walk(inner, flag: flag, seenDefinitions: &seenDefinitions)
            case .and(let parts), .or(let parts), .count(_, _, let parts):
                for p in parts { walk(p, flag: flag, seenDefinitions: &seenDefinitions) }
            case .definition(let d):
                if seenDefinitions.insert(d).inserted { walk(rules.definitions[d].condition, flag: flag, seenDefinitions: &seenDefinitions) }
            case .flag, .contributor, .pattern, .triage: break
            }
        }
        var seen = Set<Int>()
        for f in rules.flags { seen = []; walk(f.condition, flag: true, seenDefinitions: &seen) }
        var conditions: [Condition] = rules.definitions.map(\.condition) + rules.patterns.flatMap { $0.criteria.map(\.condition) }
        conditions += rules.contributors.map(\.condition) + rules.focusAreas.map(\.condition)
        conditions += rules.statuses.compactMap(\.condition) + rules.advice.compactMap(\.condition)
        conditions += rules.levels.compactMap(\.alsoWhen) + rules.questions.compactMap(\.context)
        for c in conditions { seen = []; walk(c, flag: false, seenDefinitions: &seen) }
        for (q, question) in rules.questions.enumerated() {
            guard case .number(_, let range) = question.kind else { continue }
            var values = numbers[q, default: []].filter { range.contains($0) }
            values.formUnion([range.lowerBound, range.upperBound])
            thresholds[q] = values.sorted()
        }
    }

    /// One answers script. `alarming` cases answer red-flag questions "yes" far more often.
    mutating func next() -> String {
        let alarming = Double.random(in: 0..<1, using: &rng) < 0.25
        var lines: [String] = []
        if Double.random(in: 0..<1, using: &rng) < 0.25 {
            lines.append("story: \(Self.stories.randomElement(using: &rng)!)")
        }
        for (q, question) in rules.questions.enumerated() {
            if Double.random(in: 0..<1, using: &rng) < 0.03 { continue } // left unanswered
            lines.append("\(question.id): \(answer(q, question, alarming: alarming))")
        }
        if Bool.random(using: &rng) { lines.shuffle(using: &rng) }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func answer(_ q: Int, _ question: Question, alarming: Bool) -> String {
        let roll = Double.random(in: 0..<1, using: &rng)
        let words = Double.random(in: 0..<1, using: &rng) < 0.25 // as free text rather than the canonical id
        switch question.kind {
        case .yesNo:
            let yesChance = safetyQuestions.contains(q) ? (alarming ? 0.15 : 0.015) : 0.45
            let unsureChance = safetyQuestions.contains(q) ? (alarming ? 0.10 : 0.01) : 0.05
            if roll < unsureChance { return words ? pick(rules.lexicon.unsureWords, or: "not sure") : "not sure" }
            if roll < unsureChance + yesChance { return words ? pick(rules.lexicon.yesWords, or: "yes") : "yes" }
            return words ? pick(rules.lexicon.noWords, or: "no") : "no"
        case .number(let unit, let range):
            if roll < 0.04 { return "not sure" }
            let value: Double
            if roll < 0.85, let values = thresholds[q], !values.isEmpty {
                value = values.randomElement(using: &rng)!
            } else {
                value = (Double.random(in: range, using: &rng) * 2).rounded() / 2
            }
            let n = Swift.min(range.upperBound, Swift.max(range.lowerBound, value)).plainText
            return words && !unit.isEmpty ? "\(n) \(unit)" : n
        case .choice(let options):
            if roll < 0.04 { return "not sure" }
            let option = options.randomElement(using: &rng)!
            if words, let phrase = option.phrases.randomElement(using: &rng) { return phrase }
            return option.id
        case .several(let options):
            // Any set of the options: none (most often), one, or two to three together, as ids
            // ("double_vision, unsteady") or the person's words ("seeing double and wobbly").
            if roll < 0.04 { return "not sure" }
            if roll < (alarming ? 0.35 : 0.6) { return "none" }
            let size = roll < (alarming ? 0.65 : 0.85) ? 1 : Int.random(in: 2...Swift.min(3, options.count), using: &rng)
            let chosen = Array(options.shuffled(using: &rng).prefix(size))
            if words {
                let phrases = chosen.map { $0.phrases.randomElement(using: &rng) ?? $0.id }
                return phrases.count == 1 ? phrases[0] : phrases.dropLast().joined(separator: ", ") + " and " + phrases.last!
            }
            return chosen.map(\.id).joined(separator: ", ")
        }
    }

    private mutating func pick(_ words: [String], or fallback: String) -> String {
        words.randomElement(using: &rng) ?? fallback
    }

    /// `count` scripts that run without errors and together reach every pattern, red flag, level,
    /// therapy status, focus area, contributor and advice the rules have (as far as `maxAttempts`
    /// random cases can), the rest random. Returns the scripts and what they cover.
    mutating func cases(count: Int, maxAttempts: Int = 60_000) -> (scripts: [String], coverage: Coverage, attempts: Int) {
        let runner = ScriptedRun(rules: rules)
        var coverage = Coverage(rules: rules)
        var covering: [String] = []
        var filler: [String] = []
        var attempts = 0
        while attempts < maxAttempts, !(coverage.isComplete && covering.count + filler.count >= count) {
            attempts += 1
            let text = next()
            let result = runner.run(AnswersScript(file: "case.txt", text: text))
            if result.diagnostics.hasErrors { continue } // a free-text answer that was not understood
            if coverage.add(result.outcome) { covering.append(text) } else if covering.count + filler.count < count { filler.append(text) }
        }
        var all = covering + filler
        all.shuffle(using: &rng)
        return (Array(all.prefix(Swift.max(count, covering.count))), coverage, attempts)
    }
}
