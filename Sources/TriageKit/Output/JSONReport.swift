/// The JSON result of `run --json` and `--format jsonl` (and the `result` of a conversation's
/// JSON ending), in the shape the interface promises, from the consultation's report.
public struct JSONReport: ReportRenderer {
    /// With each conclusion's explanation (`--explain`).
    public var explain: Bool
    /// The level the object starts at: 1 inside the array of several files.
    public var indent: Int
    /// On several lines, indented; false for one line (`jsonl`).
    public var pretty: Bool

    public init(explain: Bool = false, indent: Int = 0, pretty: Bool = true) {
        self.explain = explain
        self.indent = indent
        self.pretty = pretty
    }

    public func render(_ report: ConsultationReport) -> String {
        var out: [UInt8] = []
        write(report, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The result as a tree of values (a conversation's ending puts it inside its own object).
    public func object(_ report: ConsultationReport) -> JSONValue {
        let outcome = report.outcome
        let rules = report.rules
        var facts: [(String, JSONValue)] = []
        report.forEachValue { id, value in facts.append((id, Self.json(value))) }
        var fields: [(String, JSONValue)] = [
            ("file", .string(report.file ?? "")),
            ("triage", .string(outcome.triage.id)),
            ("pattern", .string(outcome.patternID)),
            ("red_flags", .array(outcome.redFlags.map { .string($0.id) })),
            ("red_flags_unsure", .array(outcome.redFlagsUnsure.map { .string($0.id) })),
            ("nmt", .object([
                ("status", .string(outcome.therapy?.id ?? "")),
                ("focus", .array(outcome.focus.map { .string($0.id) })),
            ])),
            ("contributors", .array(outcome.contributors.map { .string($0.id) })),
            ("self_care", .array(outcome.selfCare.map { .string($0.id) })),
            ("facts", .object(facts)),
            ("asked", .array(report.asked.map { .string($0) })),
            ("turns", .number(Double(report.turns))),
            ("prompts", .array(report.prompts.map { .array($0.map { .string($0) }) })),
            ("unanswered", .array(report.unanswered.map { .string($0) })),
            ("story_facts", .array(report.storyFacts.map {
                .object([("id", .string($0.questionID)), ("value", Self.json($0.value)), ("words", .string($0.evidence))])
            })),
            ("pattern_code", outcome.pattern?.code.map { .string($0) } ?? .null),
            ("rules", .object([("name", .string(rules.name)), ("version", .string(rules.version)), ("sha256", .string(rules.sha256))])),
        ]
        if explain {
            fields.append(("explanation", .array(report.explanation.map { entry in
                .object([("kind", .string(entry.kind.rawValue)), ("id", .string(entry.id)), ("title", .string(entry.title)),
                         ("reasons", .array(entry.reasons.map(Self.node)))])
            })))
        }
        return .object(fields)
    }

    static func node(_ n: ExplanationNode) -> JSONValue {
        var fields: [(String, JSONValue)] = [("condition", .string(n.text)), ("result", .string(n.truth == .yes ? "met" : n.truth == .no ? "not met" : "unknown"))]
        if let label = n.label { fields.insert(("label", .string(label)), at: 0) }
        if let fact = n.fact { fields.append(("fact", .string(fact.id))); fields.append(("value", fact.value.map(json) ?? .null)) }
        if !n.children.isEmpty { fields.append(("parts", .array(n.children.map(node)))) }
        if n.explainedAbove { fields.append(("explained_above", .bool(true))) }
        if let place = n.explainedIn { fields.append(("explained_in", .string(place))) }
        return .object(fields)
    }

    public static func json(_ value: FactValue) -> JSONValue {
        switch value {
        case .yes: return .string("yes")
        case .no: return .string("no")
        case .unsure: return .string("unsure")
        case .number(let n): return .number(n)
        case .choice(let id): return .string(id)
        case .options(let ids): return .array(ids.map { .string($0) })
        }
    }

    /// `object(_:).render(indent:pretty:)`, byte for byte, appended to `out` without building
    /// the tree of values first: the tree was a third of the cost of a file's JSON line. With
    /// `explain` the tree is built, as the explanation is a tree itself.
    public func write(_ report: ConsultationReport, into out: inout [UInt8]) {
        if explain {
            object(report).write(to: &out, indent: indent, pretty: pretty)
            return
        }
        let indent = indent
        let outcome = report.outcome
        var w = JSONStream(out: out, pretty: pretty)
        out = []
        var first = true
        w.out.append(UInt8(ascii: "{"))
        w.key("file", indent, &first); w.string(report.file ?? "")
        w.key("triage", indent, &first); w.string(outcome.triage.id)
        w.key("pattern", indent, &first); w.string(outcome.patternID)
        w.key("red_flags", indent, &first); w.strings(outcome.redFlags.map(\.id))
        w.key("red_flags_unsure", indent, &first); w.strings(outcome.redFlagsUnsure.map(\.id))
        w.key("nmt", indent, &first)
        var nmtFirst = true
        w.out.append(UInt8(ascii: "{"))
        w.key("status", indent + 1, &nmtFirst); w.string(outcome.therapy?.id ?? "")
        w.key("focus", indent + 1, &nmtFirst); w.strings(outcome.focus.map(\.id))
        w.end(UInt8(ascii: "}"), indent + 1, empty: false)
        w.key("contributors", indent, &first); w.strings(outcome.contributors.map(\.id))
        w.key("self_care", indent, &first); w.strings(outcome.selfCare.map(\.id))
        w.key("facts", indent, &first)
        var factsFirst = true
        w.out.append(UInt8(ascii: "{"))
        report.forEachValue { id, value in
            w.key(id, indent + 1, &factsFirst)
            w.value(value)
        }
        w.end(UInt8(ascii: "}"), indent + 1, empty: factsFirst)
        w.key("asked", indent, &first); w.strings(report.asked)
        w.key("turns", indent, &first); w.out += String(report.turns).utf8
        w.key("prompts", indent, &first)
        var prompts: [UInt8] = []
        JSONValue.array(report.prompts.map { .array($0.map { .string($0) }) }).write(to: &prompts, indent: indent + 1, pretty: pretty)
        w.out += prompts
        w.key("unanswered", indent, &first); w.strings(report.unanswered)
        w.key("story_facts", indent, &first)
        if report.storyFacts.isEmpty {
            w.out += "[]".utf8
        } else {
            w.out.append(UInt8(ascii: "["))
            for (i, fact) in report.storyFacts.enumerated() {
                if i > 0 { w.out.append(UInt8(ascii: ",")) }
                w.newline(indent + 2)
                var factFirst = true
                w.out.append(UInt8(ascii: "{"))
                w.key("id", indent + 2, &factFirst); w.string(fact.questionID)
                w.key("value", indent + 2, &factFirst); w.value(fact.value)
                w.key("words", indent + 2, &factFirst); w.string(fact.evidence)
                w.end(UInt8(ascii: "}"), indent + 2, empty: false)
            }
            w.end(UInt8(ascii: "]"), indent + 1, empty: false)
        }
        w.key("pattern_code", indent, &first)
        if let code = outcome.pattern?.code { w.string(code) } else { w.out += "null".utf8 }
        let rules = report.rules
        w.key("rules", indent, &first)
        var rulesFirst = true
        w.out.append(UInt8(ascii: "{"))
        w.key("name", indent + 1, &rulesFirst); w.string(rules.name)
        w.key("version", indent + 1, &rulesFirst); w.string(rules.version)
        w.key("sha256", indent + 1, &rulesFirst); w.string(rules.sha256)
        w.end(UInt8(ascii: "}"), indent + 1, empty: false)
        w.end(UInt8(ascii: "}"), indent, empty: false)
        out = w.out
    }
}

/// The pieces of `JSONValue.write`, for writing a known shape straight into bytes.
private struct JSONStream {
    var out: [UInt8]
    let pretty: Bool

    mutating func newline(_ level: Int) {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<level { out.append(0x20); out.append(0x20) }
    }

    /// The key of a field of an object at `level`, after a comma unless it is the first.
    mutating func key(_ key: String, _ level: Int, _ first: inout Bool) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        newline(level + 1)
        JSONValue.quote(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(0x20) }
    }

    /// Closes an object or array at `level` ("{}" / "[]" when empty).
    mutating func end(_ bracket: UInt8, _ level: Int, empty: Bool) {
        if !empty { newline(level) }
        out.append(bracket)
    }

    mutating func string(_ s: String) { JSONValue.quote(s, into: &out) }

    /// An array of strings: always on one line, as `JSONValue` writes arrays of plain values.
    mutating func strings(_ items: [String]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")); out.append(0x20) }
            JSONValue.quote(item, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    mutating func value(_ value: FactValue) {
        switch value {
        case .yes: string("yes")
        case .no: string("no")
        case .unsure: string("unsure")
        case .number(let n): out += (n.isFinite ? n.plainJSON : "null").utf8
        case .choice(let id): string(id)
        case .options(let ids): strings(ids)
        }
    }
}
