/// Resolves a parsed condition's names against the declarations, checking kinds as it goes.
///
/// Every problem becomes a diagnostic with a "did you mean" where a near name exists; the
/// resolver keeps going so one `check` run shows all of them.
struct ConditionResolver {
    /// What a condition in a given place may refer to: the engine decides flags before
    /// patterns, patterns before triage, and triage before therapy and advice.
    struct Scope: OptionSet {
        let rawValue: Int
        static let flags = Scope(rawValue: 1)
        static let contributors = Scope(rawValue: 2)
        static let pattern = Scope(rawValue: 4)
        static let triage = Scope(rawValue: 8)
        static let factsOnly: Scope = []
        static let everything: Scope = [.flags, .contributors, .pattern, .triage]
    }

    var questions: [String: Int]
    var questionKinds: [AnswerKind]
    var questionRanges: [SourceRange]
    var definitions: [String: Int]
    var flags: [String: Int]
    var contributors: [String: Int]
    var patterns: [String]
    var levels: [String: Int]
    /// Questions left out because their block has errors, with where the first of those is:
    /// a use of one is a follow-on error, folded under it.
    var brokenQuestions: [String: SourceLocation] = [:]

    var diagnostics: [Diagnostic] = []
    /// Definitions each resolved condition refers to, for cycle and scope checks.
    var usedDefinitions: Set<Int> = []
    var usedScope: Scope = []
    var usedQuestions: Set<Int> = []

    mutating func resolve(_ syntax: ConditionSyntax, scope: Scope, place: String) -> Condition? {
        switch syntax {
        case .name(let name):
            if let d = definitions[name.text] {
                usedDefinitions.insert(d)
                return .definition(d)
            }
            guard let q = question(name) else { return nil }
            switch questionKinds[q] {
            case .yesNo: return .isYes(q)
            case .number:
                fail("'\(name.text)' is a number question; compare it with a number", name.range,
                     notes: ["e.g. '\(name.text) >= 10'"])
            case .choice(let options):
                fail("'\(name.text)' is a choice question; say which option", name.range,
                     notes: ["e.g. '\(name.text) is \(options.first?.id ?? "option")'"])
            case .several(let options):
                fail("'\(name.text)' can hold several options; say which", name.range,
                     notes: ["e.g. '\(name.text) has \(options.first?.id ?? "option")' or '\(name.text) has any of (A, B)'"])
            }
            return nil

        case .not(let inner, _):
            return resolve(inner, scope: scope, place: place).map { .not($0) }

        case .and(let parts):
            let resolved = parts.compactMap { resolve($0, scope: scope, place: place) }
            guard resolved.count == parts.count else { return nil }
            checkContradiction(parts)
            return .and(resolved)

        case .or(let parts):
            let resolved = parts.compactMap { resolve($0, scope: scope, place: place) }
            return resolved.count == parts.count ? .or(resolved) : nil

        case .compare(let name, let op, let value, _):
            guard let q = numberQuestion(name, usage: "compared with a number") else { return nil }
            if case .number(_, let range) = questionKinds[q], !Self.canBeTrue(op, value, range) {
                fail("'\(name.text) \(op.rawValue) \(value.plainText)' can never be true: '\(name.text)' goes from \(range.lowerBound.plainText) to \(range.upperBound.plainText)",
                     name.range)
            }
            return .compare(q, op, value)

        case .between(let name, let low, let high, _):
            guard let q = numberQuestion(name, usage: "used with 'between'") else { return nil }
            if low > high {
                fail("'between \(low.plainText) and \(high.plainText)' can never be true: the smaller number goes first", name.range,
                     notes: ["write 'between \(high.plainText) and \(low.plainText)'"])
            } else if case .number(_, let range) = questionKinds[q], high < range.lowerBound || low > range.upperBound {
                fail("'\(name.text) between \(low.plainText) and \(high.plainText)' can never be true: '\(name.text)' goes from \(range.lowerBound.plainText) to \(range.upperBound.plainText)", name.range)
            }
            return .between(q, low, high)

        case .isValue(let name, let negated, let values):
            if definitions[name.text] != nil {
                fail("'\(name.text)' is a defined condition; write it alone (or 'not \(name.text)') rather than with 'is'", name.range)
                return nil
            }
            guard let q = question(name) else { return nil }
            let condition: Condition?
            if values.count == 1, values[0].text.lowercased() == "unsure" {
                condition = .isUnsure(q)
            } else {
                switch questionKinds[q] {
                case .yesNo:
                    let words = values.map { $0.text.lowercased() }
                    if words == ["yes"] { condition = .isYes(q) }
                    else if words == ["no"] { condition = .not(.isYes(q)) }
                    else {
                        fail("'\(name.text)' is a yes/no question: it can be 'yes', 'no' or 'unsure'", values[0].range,
                             notes: ["or write '\(name.text)' alone for yes, 'not \(name.text)' for no"])
                        condition = nil
                    }
                case .number:
                    fail("'\(name.text)' is a number question; compare it with a number", name.range,
                         notes: ["e.g. '\(name.text) >= 10' or '\(name.text) between 4 and 72'"])
                    condition = nil
                case .choice(let options):
                    let ids = options.map(\.id)
                    var ok = true
                    for value in values where !ids.contains(value.text) {
                        fail("'\(name.text)' has no option '\(value.text)'", value.range,
                             notes: Suggestions.note(for: value.text, in: ids) + ["its options are: \(ids.joined(separator: ", "))"])
                        ok = false
                    }
                    condition = ok ? .isOneOf(q, Set(values.map(\.text))) : nil
                case .several(let options):
                    fail("'\(name.text)' can hold several options: write 'has', not 'is'", name.range,
                         notes: ["e.g. '\(name.text) has any of (\(options.prefix(2).map(\.id).joined(separator: ", ")))', or '\(name.text) is unsure'"])
                    condition = nil
                }
            }
            return negated ? condition.map { .not($0) } : condition

        case .has(let name, let values):
            if definitions[name.text] != nil {
                fail("'\(name.text)' is a defined condition; 'has' is for a fact that holds several options", name.range)
                return nil
            }
            guard let q = question(name) else { return nil }
            guard case .several(let options) = questionKinds[q] else {
                fail("'\(name.text)' is a \(questionKinds[q].name) question; 'has' is for a question whose answer can be several options",
                     name.range, notes: questionKinds[q].name == "choice" ? ["write '\(name.text) is \(values.first?.text ?? "option")'"] : [])
                return nil
            }
            let ids = options.map(\.id)
            var ok = true
            for value in values where !ids.contains(value.text) {
                fail("'\(name.text)' has no option '\(value.text)'", value.range,
                     notes: Suggestions.note(for: value.text, in: ids) + ["its options are: \(ids.joined(separator: ", "))"])
                ok = false
            }
            return ok ? .hasAny(q, Set(values.map(\.text))) : nil

        case .count(let counting, let n, let parts, let range):
            let resolved = parts.compactMap { resolve($0, scope: scope, place: place) }
            guard resolved.count == parts.count else { return nil }
            if counting != .atMost, n > parts.count {
                fail("'\(counting.rawValue) \(n) of' a list of \(parts.count) can never be true", range)
            }
            return .count(counting, n, resolved)

        case .flag(let name):
            guard allowed(.flags, scope, name, what: "a red flag", place: place) else { return nil }
            guard let f = flags[name.text] else {
                fail("there is no red flag '\(name.text)'", name.range, notes: Suggestions.note(for: name.text, in: flags.keys))
                return nil
            }
            usedScope.insert(.flags)
            return .flag(f)

        case .contributor(let name):
            guard allowed(.contributors, scope, name, what: "a contributor", place: place) else { return nil }
            guard let c = contributors[name.text] else {
                fail("there is no contributor '\(name.text)'", name.range, notes: Suggestions.note(for: name.text, in: contributors.keys))
                return nil
            }
            usedScope.insert(.contributors)
            return .contributor(c)

        case .derived(let kind, let name, let negated, let values):
            let scopeNeeded: Scope = kind == .pattern ? .pattern : .triage
            guard allowed(scopeNeeded, scope, name, what: "the \(kind.rawValue)", place: place) else { return nil }
            usedScope.insert(scopeNeeded)
            var ok = true
            let condition: Condition
            switch kind {
            case .pattern:
                for value in values where !patterns.contains(value.text) {
                    fail("there is no pattern '\(value.text)'", value.range, notes: Suggestions.note(for: value.text, in: patterns))
                    ok = false
                }
                condition = .pattern(Set(values.map(\.text)))
            case .triage:
                var indices = Set<Int>()
                for value in values {
                    if let l = levels[value.text] { indices.insert(l) } else {
                        fail("there is no level '\(value.text)'", value.range, notes: Suggestions.note(for: value.text, in: levels.keys))
                        ok = false
                    }
                }
                condition = .triage(indices)
            }
            guard ok else { return nil }
            return negated ? .not(condition) : condition
        }
    }

    private mutating func allowed(_ needed: Scope, _ scope: Scope, _ name: Name, what: String, place: String) -> Bool {
        if scope.contains(needed) { return true }
        fail("\(place) cannot depend on \(what): it is decided before \(what) is known", name.range)
        return false
    }

    private mutating func question(_ name: Name) -> Int? {
        if let q = questions[name.text] {
            usedQuestions.insert(q)
            return q
        }
        if let root = brokenQuestions[name.text] {
            diagnostics.append(Diagnostic.error("'\(name.text)' cannot be used until its question is fixed", at: name.range,
                                                notes: ["see \(root)"]).following(root))
            return nil
        }
        let candidates = Array(questions.keys) + Array(definitions.keys)
        fail("unknown fact '\(name.text)'", name.range, notes: Suggestions.note(for: name.text, in: candidates))
        return nil
    }

    private mutating func numberQuestion(_ name: Name, usage: String) -> Int? {
        if definitions[name.text] != nil {
            fail("'\(name.text)' is a defined condition, not a number; it cannot be \(usage)", name.range)
            return nil
        }
        guard let q = question(name) else { return nil }
        switch questionKinds[q] {
        case .number: return q
        case .yesNo:
            fail("'\(name.text)' is a yes/no question; it cannot be \(usage)", name.range,
                 notes: ["write '\(name.text)' for yes, or 'not \(name.text)' for no"])
        case .choice(let options):
            fail("'\(name.text)' is a choice question; it cannot be \(usage)", name.range,
                 notes: ["write '\(name.text) is \(options.first?.id ?? "option")'"])
        case .several(let options):
            fail("'\(name.text)' can hold several options; it cannot be \(usage)", name.range,
                 notes: ["write '\(name.text) has \(options.first?.id ?? "option")'"])
        }
        return nil
    }

    /// `fever and not fever`, or one choice fact required to be two different options at once.
    private mutating func checkContradiction(_ parts: [ConditionSyntax]) {
        var yes: [String: SourceRange] = [:], no: [String: SourceRange] = [:]
        var choices: [String: Set<String>] = [:]
        for part in parts {
            switch part {
            case .name(let n): yes[n.text] = n.range
            case .not(.name(let n), let r): no[n.text] = r
            case .isValue(let n, false, let values) where !(values.count == 1 && values[0].text == "unsure"):
                let set = Set(values.map(\.text))
                if let previous = choices[n.text], previous.isDisjoint(with: set) {
                    fail("this can never be true: '\(n.text)' cannot be \(previous.sorted().joined(separator: "/")) and \(set.sorted().joined(separator: "/")) at once", n.range)
                }
                choices[n.text, default: set].formIntersection(set)
            default: break
            }
        }
        for (name, range) in no where yes[name] != nil {
            fail("this can never be true: it needs both '\(name)' and 'not \(name)'", range)
        }
    }

    static func canBeTrue(_ op: ConditionSyntax.Comparison, _ v: Double, _ range: ClosedRange<Double>) -> Bool {
        switch op {
        case .gt: return v < range.upperBound
        case .ge: return v <= range.upperBound
        case .lt: return v > range.lowerBound
        case .le: return v >= range.lowerBound
        case .eq: return range.contains(v)
        case .ne: return true
        }
    }

    private mutating func fail(_ message: String, _ range: SourceRange, notes: [String] = []) {
        diagnostics.append(.error(message, at: range, notes: notes))
    }
}
