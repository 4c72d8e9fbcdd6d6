/// `show`: the rules at a glance, as text. Each level with its red flags (condition in plain
/// words, message), the patterns with their criteria, therapy, advice, the definitions, and
/// for each question what it feeds.
public struct OverviewText {
    public let map: RulesMap
    private var rules: RuleSet { map.rules }
    private var words: ConditionWords { ConditionWords(rules: map.rules) }

    public init(rules: RuleSet) { map = RulesMap(rules: rules) }

    public func render() -> String {
        var out: [String] = []
        out.append("\(rules.name) \(rules.version): \(rules.questions.count) questions, \(rules.flags.count) red flags, "
                   + "\(rules.patterns.count) patterns, \(rules.advice.count) pieces of advice")
        out += section("URGENCY LEVELS AND RED FLAGS (most urgent first)", levels())
        out += section("HEADACHE PATTERNS (tried top to bottom; the first that matches wins)", patterns())
        out += section("CONTRIBUTORS", rules.contributors.enumerated().flatMap { c, contributor in
            entry(.contributor(c), title: contributor.name, [("when", words.text(contributor.condition))])
        })
        out += section("THERAPY (the first status that applies)", rules.statuses.enumerated().flatMap { s, status in
            entry(.status(s), title: status.title, [("when", status.condition.map(words.text) ?? "always (when none above applies)")])
        })
        out += section("FOCUS AREAS", rules.focusAreas.enumerated().flatMap { a, area in
            entry(.focus(a), title: area.name, [("when", words.text(area.condition))])
        })
        out += section("SELF-CARE ADVICE", rules.advice.enumerated().flatMap { i, advice in
            entry(.advice(i), title: nil, [("when", advice.condition.map(words.text) ?? "always"), ("text", advice.text)])
        })
        out += section("DEFINITIONS", rules.definitions.enumerated().flatMap { d, definition in
            entry(.definition(d), title: nil, [("means", words.text(definition.condition)), ("used by", names(map.feeds(.definition(d))))])
        })
        out += section("QUESTIONS AND WHAT THEY FEED (in the order asked)", questions())
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ lines: [String]) -> [String] {
        lines.isEmpty ? [] : ["", title] + lines
    }

    /// "  flag fever: title" and its fields, each wrapped and indented under it.
    private func entry(_ item: RulesMap.Item, title: String?, _ fields: [(String, String)], indent: String = "  ") -> [String] {
        let under = indent + "    "
        var lines = [wrap(map.name(item) + (title.map { ": \($0)" } ?? ""), indent: under, first: indent)]
        for (key, value) in fields where !value.isEmpty {
            lines.append(wrap(value, indent: under, first: indent + "  \(key): "))
        }
        return lines
    }

    private func levels() -> [String] {
        var lines: [String] = []
        for (l, level) in rules.levels.enumerated() {
            var notes: [String] = []
            if level.stopsConversation { notes.append("a confirmed flag ends the conversation") }
            if level.whenUnsure != l { notes.append("an unsure flag counts as \(rules.levels[level.whenUnsure].id)") }
            lines.append(wrap("level \(level.id): \(level.title)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"),
                                     indent: "      ", first: "  "))
            if let also = level.alsoWhen { lines.append(wrap(words.text(also), indent: "      ", first: "    also when: ")) }
            let flags = rules.flags.indices.filter { rules.flags[$0].level == l }
            if flags.isEmpty, l == rules.levels.count - 1 { lines.append("    (when nothing above applies)") }
            for f in flags {
                lines += entry(.flag(f), title: nil, [("when", words.text(rules.flags[f].condition)), ("message", rules.flags[f].message)],
                               indent: "    ")
            }
        }
        return lines
    }

    private func patterns() -> [String] {
        rules.patterns.enumerated().flatMap { p, pattern -> [String] in
            var lines = [wrap("pattern \(pattern.id): \(pattern.name)\(pattern.code.map { " (ICHD-3 \($0))" } ?? "")",
                                     indent: "      ", first: "  ")]
            if pattern.criteria.isEmpty { lines.append("    (no criteria: always matches)") }
            for criterion in pattern.criteria {
                lines.append(wrap(words.text(criterion.condition), indent: "      ",
                                         first: "    criterion\(criterion.label.map { " \($0)" } ?? ""): "))
            }
            if pattern.allButOne { lines.append("    (met when all but one criterion are)") }
            return lines
        }
    }

    private func questions() -> [String] {
        rules.questions.enumerated().flatMap { q, question -> [String] in
            let kind: String
            switch question.kind {
            case .yesNo: kind = "yes/no"
            case .number(let unit, _): kind = unit.isEmpty ? "number" : "number, \(unit)"
            case .choice(let options): kind = "one of " + options.map(\.id).joined(separator: ", ")
            case .several(let options): kind = "any of " + options.map(\.id).joined(separator: ", ")
            }
            var lines = [wrap("question \(question.id) (\(kind))", indent: "      ", first: "  ")]
            if let context = question.context {
                lines.append(wrap(words.text(context), indent: "      ", first: "    asked only when: "))
            }
            let feeds = map.feeds(.question(q))
            lines.append(wrap(feeds.isEmpty ? "nothing" : names(feeds), indent: "      ", first: "    feeds: "))
            return lines
        }
    }

    /// Words wrapped at 78 columns: the first line starts with `first`, the others with `indent`.
    private func wrap(_ text: String, indent: String, first: String) -> String {
        var lines: [String] = []
        var current = first
        var empty = true
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !empty, current.count + 1 + word.count > 78 {
                lines.append(current)
                current = indent
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    private func names(_ items: [RulesMap.Item]) -> String {
        items.map(map.name).joined(separator: ", ")
    }
}
