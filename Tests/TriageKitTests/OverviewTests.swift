import Testing
@testable import TriageKit

/// `show`: the overview of the rules as text and as a DOT picture. On small rules of the tests'
/// own that have every kind of block: every flag, level, pattern... appears, in its place.
@Suite("Rules overview")
struct OverviewTests {
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("the text lists every part of the rules, each red flag under its level with its message")
    func textListsEverything() throws {
        let rules = try LiveEvaluationTests.connectedRules()
        let text = OverviewText(rules: rules).render()
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func line(_ start: String) -> Int? { lines.firstIndex { $0 == start || $0.hasPrefix(start + ":") || $0.hasPrefix(start + " ") } }

        for (l, level) in rules.levels.enumerated() {
            let at = try #require(line("level \(level.id)"), "level \(level.id)")
            let next = l + 1 < rules.levels.count ? line("level \(rules.levels[l + 1].id)") ?? lines.count : lines.count
            for flag in rules.flags where rules.levels[flag.level].id == level.id {
                let flagLine = try #require(line("flag \(flag.id)"), "flag \(flag.id)")
                #expect(flagLine > at && flagLine < next, "flag \(flag.id) is not under level \(level.id)")
                #expect(lines[flagLine + 1].hasPrefix("when: "))
            }
        }
        let flat = Self.collapsed(text)
        for flag in rules.flags { #expect(flat.contains(Self.collapsed(flag.message)), "the message of \(flag.id)") }
        for pattern in rules.patterns { #expect(line("pattern \(pattern.id)") != nil, "pattern \(pattern.id)") }
        let criteria = lines.filter { $0.hasPrefix("criterion") }.count
        #expect(criteria == rules.patterns.reduce(0) { $0 + $1.criteria.count })
        for c in rules.contributors { #expect(line("contributor \(c.id)") != nil) }
        for s in rules.statuses { #expect(line("status \(s.id)") != nil) }
        for a in rules.focusAreas { #expect(line("focus \(a.id)") != nil) }
        for a in rules.advice { #expect(line("advice \(a.id)") != nil) }
        for d in rules.definitions { #expect(line("define \(d.id)") != nil) }
        for q in rules.questions {
            let at = try #require(line("question \(q.id)"), "question \(q.id)")
            let feeds = try #require(lines[at...].first { $0.hasPrefix("feeds: ") })
            #expect(feeds != "feeds: nothing", "every question of these rules feeds something: \(q.id)")
        }
    }

    @Test("what a question feeds follows the rules: through a flag, a definition, or asking another question")
    func questionFeeds() throws {
        let loaded = RulesLoader(source: InMemoryRules(files: ["main.rules": LanguageTests.base(
            replacing: "flag older\n", with: """
                define older_one_side: age >= 50 and side is one_side

                question stiff
                  ask: Stiff?
                  answer: yes/no
                  only when: fever

                flag stiff
                  level: urgent
                  when: stiff and fever
                  message: Stiff and hot.

                flag older

                """).replacingOccurrences(of: "when: age >= 50 and side is one_side", with: "when: older_one_side")])).load()
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.summaryLine))")
        let rules = try #require(loaded.rules)
        let map = RulesMap(rules: rules)
        let index = { (id: String) in try #require(rules.questionIndex(of: id)) }
        // Asking `stiff` only when there is a fever is a link of its own, not something fever feeds.
        #expect(map.feeds(.question(try index("fever"))).map(map.name) == ["flag fever", "flag stiff"])
        #expect(map.feeds(.question(try index("age"))).map(map.name) == ["define older_one_side"])
        #expect(map.feeds(.definition(0)).map(map.name) == ["flag older"])
        #expect(map.links.contains { $0.kind == .asksOnlyWhen && map.name($0.from) == "question fever" && map.name($0.to) == "question stiff" })
        let text = OverviewText(rules: rules).render()
        #expect(text.contains("  define older_one_side\n    means: age 50 or more and side is one_side\n    used by: flag older\n"), "\(text)")
        #expect(text.contains("  question stiff (yes/no)\n    asked only when: fever: yes\n    feeds: flag stiff\n"), "\(text)")
    }

    @Test("conditions in plain words", arguments: [
        ("fever", "fever: yes"),
        ("not fever", "fever: no"),
        ("fever is unsure", "fever: not sure"),
        ("age >= 50", "age 50 or more"),
        ("age > 50", "age more than 50"),
        ("age < 18", "age less than 18"),
        ("age <= 18", "age 18 or less"),
        ("age between 4 and 72.5", "age from 4 to 72.5"),
        ("side is one_side", "side is one_side"),
        ("side is one of (one_side, both_sides)", "side is both_sides or one_side"),
        ("fever and (age > 3 or side is one_side)", "fever: yes and (age more than 3 or side is one_side)"),
        ("at least 1 of (fever, age > 3)", "at least 1 of (fever: yes; age more than 3)"),
        ("not (fever and age > 3)", "not (fever: yes and age more than 3)"),
    ])
    func plainWords(condition: String, words: String) throws {
        let loaded = LanguageTests.load(LanguageTests.base(replacing: "when: fever\n", with: "when: \(condition)\n"))
        let rules = try #require(loaded.rules, "\(loaded.diagnostics.map(\.summaryLine))")
        let flag = try #require(rules.flags.first { $0.id == "fever" })
        #expect(ConditionWords(rules: rules).text(flag.condition) == words)
    }

    @Test("the DOT picture has a node for every part, each flag linked to its level, and only declared nodes in links")
    func dotPicture() throws {
        let rules = try LiveEvaluationTests.connectedRules()
        let dot = OverviewDOT(rules: rules)
        let text = dot.render()
        #expect(text.hasPrefix("digraph rules {\n") && text.hasSuffix("}\n"))
        var declared = Set<String>(), linked: [(String, String)] = []
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let first = line.split(separator: " ").first.map(String.init) ?? ""
            if line.contains(" -> ") {
                let parts = line.components(separatedBy: " -> ")
                linked.append((parts[0], String(parts[1].prefix { $0 != " " && $0 != ";" })))
            } else if first.contains("__") {
                declared.insert(first)
            }
        }
        for (from, to) in linked { #expect(declared.contains(from) && declared.contains(to), "\(from) -> \(to)") }
        for flag in rules.flags {
            #expect(linked.contains { $0 == ("flag__\(flag.id)", "level__\(rules.levels[flag.level].id)") }, "flag \(flag.id)")
        }
        let count = rules.questions.count + rules.definitions.count + rules.levels.count + rules.flags.count + rules.patterns.count
            + rules.contributors.count + rules.statuses.count + rules.focusAreas.count + rules.advice.count
        #expect(declared.count == count)
    }

    @Test("DOT strings escape quotes, backslashes and line breaks")
    func dotQuoting() throws {
        let dot = OverviewDOT(rules: try LiveEvaluationTests.connectedRules())
        #expect(dot.quoted("say \"hi\"\\\nnow") == "\"say \\\"hi\\\"\\\\\\nnow\"")
    }
}
