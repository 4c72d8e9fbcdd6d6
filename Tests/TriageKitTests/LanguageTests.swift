import Testing
import TriageKit

/// The rules language (rules/LANGUAGE.md): lexer, parsers, the checker's diagnostics with their
/// exact place, the renderer, and the small helpers behind them.
@Suite("Rules language")
struct LanguageTests {
    /// A small valid rule set in which every question is used; tests change one thing in it.
    static let base = """
        name: Test rules
        version: 1.0

        question fever
          ask: Do you have a fever?
          answer: yes/no

        question age
          ask: How old are you?
          answer: number
          unit: years
          range: 1 to 120

        question side
          ask: Where is the pain?
          answer: choice
          option one_side: one side, left, right
          option both_sides: both sides, all over

        level urgent
          advice: See a doctor today.

        level self_care
          advice: Look after yourself.

        flag fever
          level: urgent
          when: fever
          message: A fever needs a doctor.

        flag older
          level: urgent
          when: age >= 50 and side is one_side
          message: Older people should see a doctor.

        """

    static func load(_ text: String) -> LoadedRules {
        RulesLoader(source: InMemoryRules(files: ["main.rules": text])).load()
    }

    /// The base rules with one piece of text replaced (which must be there).
    static func base(replacing old: String, with new: String) -> String {
        precondition(base.contains(old), "the base rules have no '\(old)'")
        return base.replacingOccurrences(of: old, with: new)
    }

    /// Where a piece of text stands: 1-based line and column, in characters (as diagnostics count).
    static func position(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int)? {
        var seen = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            var offset = 0
            while let range = rest.range(of: needle) {
                seen += 1
                let column = offset + rest.distance(from: rest.startIndex, to: range.lowerBound) + 1
                if seen == occurrence { return (index + 1, column) }
                offset = column
                rest = rest[rest.index(after: range.lowerBound)...]
            }
        }
        return nil
    }

    /// Exactly one diagnostic with this message, at the place of `needle` in `text`, with the notes given.
    @discardableResult
    static func expectDiagnostic(_ loaded: LoadedRules, _ message: String, at needle: String, in text: String,
                                 occurrence: Int = 1, offset: Int = 0, file: String = "main.rules",
                                 severity: Diagnostic.Severity = .error,
                                 note: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        let matching = loaded.diagnostics.filter { $0.message == message }
        guard matching.count == 1, let diagnostic = matching.first else {
            Issue.record("expected one diagnostic '\(message)'; got:\n\(loaded.diagnostics.map(\.summaryLine).joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
            return nil
        }
        guard let place = position(of: needle, in: text, occurrence: occurrence) else {
            Issue.record("test bug: '\(needle)' is not in the text", sourceLocation: sourceLocation)
            return nil
        }
        #expect(diagnostic.severity == severity, sourceLocation: sourceLocation)
        #expect(diagnostic.location.file == file, sourceLocation: sourceLocation)
        #expect(diagnostic.location.line == place.line, "line of '\(message)'", sourceLocation: sourceLocation)
        #expect(diagnostic.location.column == place.column + offset, "column of '\(message)'", sourceLocation: sourceLocation)
        if let note {
            #expect(diagnostic.notes.contains(note), "notes: \(diagnostic.notes)", sourceLocation: sourceLocation)
        }
        if severity == .error {
            #expect(loaded.rules == nil, "rules with an error must not be used", sourceLocation: sourceLocation)
        }
        return diagnostic
    }

    // MARK: The base

    @Test("the small base rules load without any diagnostic")
    func baseIsValid() throws {
        let loaded = Self.load(Self.base)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        let rules = try #require(loaded.rules)
        #expect(rules.name == "Test rules")
        #expect(rules.version == "1.0")
        #expect(rules.questions.map(\.id) == ["fever", "age", "side"])
        #expect(rules.questions[1].kind == .number(unit: "years", range: 1...120))
        #expect(rules.levels.map(\.id) == ["urgent", "self_care"])
        #expect(rules.flags.map(\.id) == ["fever", "older"])
        #expect(rules.sha256.count == 64)
    }

    // MARK: Checker diagnostics

    @Test("unknown fact, with a suggestion")
    func unknownFact() {
        let text = Self.base(replacing: "  when: fever\n", with: "  when: fver\n")
        Self.expectDiagnostic(Self.load(text), "unknown fact 'fver'", at: "fver", in: text, note: "did you mean 'fever'?")
    }

    @Test("a yes/no fact compared with a number")
    func yesNoComparedWithNumber() {
        let text = Self.base(replacing: "  when: fever\n", with: "  when: fever >= 2\n")
        Self.expectDiagnostic(Self.load(text), "'fever' is a yes/no question; it cannot be compared with a number",
                              at: "fever >= 2", in: text)
    }

    @Test("a number fact used as yes/no")
    func numberUsedAsYesNo() {
        let text = Self.base(replacing: "  when: fever\n", with: "  when: fever and age\n")
        Self.expectDiagnostic(Self.load(text), "'age' is a number question; compare it with a number",
                              at: "and age", in: text, offset: 4)
    }

    @Test("an option that does not exist")
    func unknownOption() {
        let text = Self.base(replacing: "side is one_side", with: "side is left")
        Self.expectDiagnostic(Self.load(text), "'side' has no option 'left'", at: "side is left", in: text, offset: 8,
                              note: "its options are: one_side, both_sides")
    }

    @Test("an option misspelt gets a suggestion")
    func misspeltOption() {
        let text = Self.base(replacing: "side is one_side", with: "side is one_sid")
        Self.expectDiagnostic(Self.load(text), "'side' has no option 'one_sid'", at: "side is one_sid", in: text, offset: 8,
                              note: "did you mean 'one_side'?")
    }

    @Test("a duplicate question id")
    func duplicateQuestion() {
        let text = Self.base + """

            question fever
              ask: Again?
              answer: yes/no
            """
        let d = Self.expectDiagnostic(Self.load(text), "there is already a question 'fever'", at: "question fever", in: text,
                                      occurrence: 2, offset: 9)
        #expect(d?.notes.first?.hasPrefix("first defined at main.rules:4:10") == true, "\(d?.notes ?? [])")
    }

    @Test("a duplicate flag id")
    func duplicateFlag() {
        let text = Self.base + """

            flag older
              level: urgent
              when: fever
              message: Twice.
            """
        // At the id, not the keyword.
        Self.expectDiagnostic(Self.load(text), "there is already a red flag 'older'", at: "flag older", in: text,
                              occurrence: 2, offset: 5)
    }

    @Test("a question that no rule uses is a warning, and the rules still load")
    func unusedQuestion() throws {
        let text = Self.base + """

            question unused_one
              ask: Never asked?
              answer: yes/no
            """
        let loaded = Self.load(text)
        Self.expectDiagnostic(loaded, "question 'unused_one' is not used by any rule, so it is never asked",
                              at: "unused_one", in: text, severity: .warning)
        #expect(loaded.rules != nil)
        #expect(!loaded.diagnostics.hasErrors)
    }

    @Test("a comparison that can never be true")
    func comparisonNeverTrue() {
        let text = Self.base(replacing: "age >= 50", with: "age > 200")
        Self.expectDiagnostic(Self.load(text), "'age > 200' can never be true: 'age' goes from 1 to 120", at: "age > 200", in: text)
    }

    @Test("'at least 3 of' two conditions can never be true")
    func countNeverTrue() {
        let text = Self.base(replacing: "  when: fever\n", with: "  when: at least 3 of (fever, side is one_side)\n")
        Self.expectDiagnostic(Self.load(text), "'at least 3 of' a list of 2 can never be true", at: "at least 3", in: text)
    }

    @Test("'between' the wrong way round can never be true")
    func betweenNeverTrue() {
        let text = Self.base(replacing: "age >= 50", with: "age between 72 and 4")
        let loaded = Self.load(text)
        Self.expectDiagnostic(loaded, "'between 72 and 4' can never be true: the smaller number goes first",
                              at: "age between", in: text, note: "write 'between 4 and 72'")
    }

    @Test("a cycle between defines")
    func defineCycle() {
        let text = Self.base + """

            define part_a: part_b and fever
            define part_b: part_a
            """
        Self.expectDiagnostic(Self.load(text), "'part_a' is defined in terms of itself: part_a -> part_b -> part_a",
                              at: "part_a:", in: text)
    }

    @Test("a define that refers to itself")
    func defineSelf() {
        let text = Self.base + "\ndefine loop: loop or fever\n"
        Self.expectDiagnostic(Self.load(text), "'loop' is defined in terms of itself: loop -> loop", at: "loop:", in: text)
    }

    @Test("an include outside the rules folder", arguments: ["../x.rules", "/etc/passwd", "a/../../x.rules"])
    func includeOutside(_ path: String) {
        let text = Self.base + "\ninclude \(path)\n"
        Self.expectDiagnostic(Self.load(text), "'\(path)' is outside the rules folder", at: path, in: text,
                              note: "included files must be inside the folder of the starting rules file")
    }

    @Test("an include of a missing file, and of a file inside a subfolder")
    func includes() throws {
        let text = Self.base + "\ninclude missing.rules\n"
        Self.expectDiagnostic(Self.load(text), "cannot find the file 'missing.rules'", at: "missing.rules", in: text)

        let files = ["main.rules": Self.base + "\ninclude more/extra.rules\n",
                     "more/extra.rules": "include ../other.rules\n",
                     "other.rules": "flag extra\n  level: urgent\n  when: side is both_sides\n  message: Extra.\n"]
        let loaded = RulesLoader(source: InMemoryRules(files: files)).load()
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        #expect(loaded.files == ["main.rules", "more/extra.rules", "other.rules"])
        #expect(try #require(loaded.rules).flags.map(\.id) == ["fever", "older", "extra"])
    }

    @Test("includes nested deeper than the limit get an error, not a crash")
    func includeDepth() {
        let depth = RulesLoader.maxIncludeDepth + 4
        var files = ["main.rules": Self.base + "\ninclude f1.rules\n"]
        for k in 1...depth { files["f\(k).rules"] = "include f\(k + 1).rules\n" }
        files["f\(depth + 1).rules"] = "\n"
        let loaded = RulesLoader(source: InMemoryRules(files: files)).load()
        let errors = loaded.diagnostics.filter { $0.message.contains("includes go deeper than \(RulesLoader.maxIncludeDepth)") }
        #expect(errors.count == 1, "\(loaded.diagnostics.map(\.summaryLine))")
        #expect(errors.first?.location.file == "f\(RulesLoader.maxIncludeDepth).rules")
        #expect(errors.first?.location.line == 1)
        #expect(errors.first?.location.column == 9)
        #expect(loaded.rules == nil)
    }

    @Test("rules with more blocks and definitions than the limit get one error at the first one over it")
    func tooManyRules() {
        // Definitions are the smallest rule; the last lines hold the one over the limit.
        let count = Checker.maxRules + 2
        var extra = ""
        extra.reserveCapacity(count * 24)
        for k in 1...count { extra += "define many_\(k): fever\n" }
        let files = ["main.rules": Self.base + "\ninclude many.rules\n", "many.rules": extra]
        let loaded = RulesLoader(source: InMemoryRules(files: files)).load()
        let errors = loaded.diagnostics.filter { $0.message.contains("the limit is \(Checker.maxRules)") }
        #expect(errors.count == 1, "\(loaded.diagnostics.prefix(5).map(\.summaryLine))")
        #expect(errors.first?.location.file == "many.rules")
        // The base holds 7 blocks (3 questions, 2 levels, 2 flags) before the include.
        #expect(errors.first?.location.line == Checker.maxRules + 1 - 7)
        #expect(errors.first?.location.column == 8)
        #expect(loaded.rules == nil)
    }

    @Test("an include cycle is reported, not followed forever")
    func includeCycle() {
        let files = ["main.rules": Self.base + "\ninclude a.rules\n", "a.rules": "include main.rules\n"]
        let loaded = RulesLoader(source: InMemoryRules(files: files)).load()
        #expect(loaded.diagnostics.contains { $0.message == "'main.rules' is included more than once" && $0.location.file == "a.rules" },
                "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("a flag without level or message")
    func flagMissingKeys() {
        let text = Self.base + """

            flag broken
              when: fever
            """
        let loaded = Self.load(text)
        Self.expectDiagnostic(loaded, "flag 'broken' has no 'level:'", at: "broken", in: text,
                              note: "add an indented line 'level: ...' below it")
        Self.expectDiagnostic(loaded, "flag 'broken' has no 'message:'", at: "broken", in: text)
    }

    @Test("a flag with a level that does not exist")
    func flagUnknownLevel() {
        let text = Self.base(replacing: "  level: urgent\n  when: fever\n", with: "  level: urgnet\n  when: fever\n")
        Self.expectDiagnostic(Self.load(text), "there is no level 'urgnet'", at: "urgnet", in: text, note: "did you mean 'urgent'?")
    }

    @Test("an unknown block setting, with a suggestion")
    func unknownBlockSetting() {
        let text = Self.base(replacing: "  ask: Do you have a fever?\n", with: "  ask: Do you have a fever?\n  hepl: Some help.\n")
        Self.expectDiagnostic(Self.load(text), "'question' has no setting 'hepl'", at: "hepl", in: text,
                              note: "did you mean 'help'?")
    }

    @Test("an unknown top-level setting, with a suggestion")
    func unknownTopLevelSetting() {
        let text = Self.base + "\nnmae: Another\n"
        Self.expectDiagnostic(Self.load(text), "unknown setting 'nmae'", at: "nmae", in: text, note: "did you mean 'name'?")
    }

    @Test("an invalid id")
    func invalidID() {
        let text = Self.base + "\nflag Bad-Flag\n  level: urgent\n  when: fever\n  message: Bad.\n"
        Self.expectDiagnostic(Self.load(text),
                              "'Bad-Flag' is not a valid id: use lowercase letters, digits and _, starting with a letter",
                              at: "Bad-Flag", in: text, note: "try 'bad_flag'")
    }

    /// A condition spread over continuation lines (indented 4) of 50 characters, or of 10 words
    /// when it has spaces, so that no line is over the length limit.
    static func overLines(_ text: String) -> String {
        var lines: [String] = []
        if text.contains(" ") {
            let words = text.split(separator: " ")
            for start in stride(from: 0, to: words.count, by: 10) {
                lines.append(words[start..<min(start + 10, words.count)].joined(separator: " "))
            }
        } else {
            var rest = Substring(text)
            while !rest.isEmpty {
                lines.append(String(rest.prefix(50)))
                rest = rest.dropFirst(50)
            }
        }
        return lines.joined(separator: "\n    ")
    }

    @Test("a condition nested deeper than the limit gets an error, not a crash",
          arguments: [500, 10_000])
    func deepParentheses(_ depth: Int) {
        let condition = Self.overLines(String(repeating: "(", count: depth) + "fever" + String(repeating: ")", count: depth))
        let text = Self.base(replacing: "  when: fever\n", with: "  when: \(condition)\n")
        let loaded = Self.load(text)
        let errors = loaded.diagnostics.filter { $0.message.contains("nested more than \(ConditionParser.maxDepth) levels deep") }
        #expect(errors.count == 1, "\(loaded.diagnostics.map(\.summaryLine).prefix(3))")
        // At the first '(' past the limit: 50 on the 'when:' line (from column 9), then 50 a line from column 5.
        let index = ConditionParser.maxDepth + 1
        let whenLine = Self.position(of: "  when: (", in: text)?.line ?? 0
        #expect(errors.first?.location.line == whenLine + index / 50)
        #expect(errors.first?.location.column == (index < 50 ? 9 + index : 5 + index % 50))
        #expect(errors.first?.notes.contains("split it into named parts with 'define'") == true)
        #expect(loaded.rules == nil)
    }

    @Test("a long chain of 'not' gets an error, not a crash")
    func deepNot() {
        let condition = Self.overLines(String(repeating: "not ", count: 5_000) + "fever")
        let text = Self.base(replacing: "  when: fever\n", with: "  when: \(condition)\n")
        let loaded = Self.load(text)
        #expect(loaded.diagnostics.contains { $0.message.contains("nested more than") }, "\(loaded.diagnostics.map(\.summaryLine).prefix(3))")
    }

    @Test("CRLF line ends and a byte-order mark are accepted")
    func crlfAndBOM() throws {
        let crlf = Self.base.replacingOccurrences(of: "\n", with: "\r\n")
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(crlf.utf8)
        let loaded = RulesLoader(source: InMemoryRules(bytes: ["main.rules": bytes])).load()
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        let rules = try #require(loaded.rules)
        #expect(rules.name == "Test rules", "no BOM or CR in the name")
        #expect(rules.questions.first?.ask == "Do you have a fever?", "no CR at the end of a value")

        // Positions in a CRLF file with a BOM are those of the same file with LF.
        let lf = Self.base(replacing: "  when: fever\n", with: "  when: fver\n")
        let broken: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let brokenLoaded = RulesLoader(source: InMemoryRules(bytes: ["main.rules": broken])).load()
        Self.expectDiagnostic(brokenLoaded, "unknown fact 'fver'", at: "fver", in: lf)
    }

    @Test("a NUL byte is reported on its line")
    func nulByte() {
        var lines = Self.base.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        lines[4] = [0] + lines[4] // line 5
        let bytes = Array(lines.joined(separator: [10]))
        let loaded = RulesLoader(source: InMemoryRules(bytes: ["main.rules": bytes])).load()
        let nul = loaded.diagnostics.filter { $0.message.contains("NUL byte") }
        #expect(nul.count == 1, "\(loaded.diagnostics.map(\.summaryLine))")
        #expect(nul.first?.location.line == 5)
        #expect(nul.first?.location.column == 1)
        #expect(nul.first?.severity == .error)
        #expect(loaded.rules == nil)
    }

    @Test("invalid UTF-8 is reported on its line")
    func invalidUTF8() {
        var bytes = Array(Self.base.utf8)
        let secondLineStart = bytes.firstIndex(of: 10)! + 1
        bytes.insert(contentsOf: [0xC3, 0x28], at: secondLineStart) // a broken two-byte sequence on line 2
        let loaded = RulesLoader(source: InMemoryRules(bytes: ["main.rules": bytes])).load()
        let bad = loaded.diagnostics.filter { $0.message.contains("not valid UTF-8") }
        #expect(bad.count == 1, "\(loaded.diagnostics.map(\.summaryLine))")
        #expect(bad.first?.location.line == 2)
    }

    @Test("one run reports several errors at once")
    func severalErrors() {
        var text = Self.base(replacing: "  when: fever\n", with: "  when: fver\n")
        text = text.replacingOccurrences(of: "side is one_side", with: "side is left")
        text += """

            nmae: Oops
            question fever
              ask: Twice?
              answer: yes/no
            flag broken
              level: urgent
              when: fever
            """
        let loaded = Self.load(text)
        let messages = Set(loaded.diagnostics.filter { $0.severity == .error }.map(\.message))
        for expected in ["unknown fact 'fver'", "'side' has no option 'left'", "unknown setting 'nmae'",
                         "there is already a question 'fever'", "flag 'broken' has no 'message:'"] {
            #expect(messages.contains(expected), "missing '\(expected)' in \(messages.sorted())")
        }
        // Sorted by place, so they read top to bottom.
        let places = loaded.diagnostics.map { $0.location.line * 100_000 + $0.location.column }
        #expect(places == places.sorted())
    }

    /// design.md: "error recovery so one run reports every problem".
    @Test("a syntax error does not hide the checker's errors elsewhere")
    func syntaxErrorDoesNotHideOthers() {
        var text = Self.base(replacing: "  when: fever\n", with: "  when: fver\n")
        text += "\nquestion broken\n  this line has no colon\n  ask: x\n  answer: yes/no\n"
        let loaded = Self.load(text)
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages.contains("expected 'key: value' here"), "\(messages)")
        #expect(messages.contains("unknown fact 'fver'"), "the unknown fact is not reported beside the syntax error: \(messages)")
    }

    @Test("a missing name and version")
    func missingNameAndVersion() {
        let text = Self.base(replacing: "name: Test rules\nversion: 1.0\n", with: "\n\n")
        let loaded = Self.load(text)
        #expect(loaded.diagnostics.contains { $0.message == "the rules have no name" })
        #expect(loaded.diagnostics.contains { $0.message == "the rules have no version" })
    }

    // MARK: Rendering

    @Test("the renderer shows the line and a caret under the column")
    func rendererExact() {
        let diagnostic = Diagnostic.error("unknown fact 'fver'",
                                          at: SourceRange(TriageKit.SourceLocation(file: "a.rules", line: 2, column: 9), length: 4),
                                          notes: ["did you mean 'fever'?"])
        let renderer = DiagnosticRenderer(sources: ["a.rules": "flag x\n  when: fver\n  message: M\n"])
        #expect(renderer.render(diagnostic) == """
            a.rules:2:9: error: unknown fact 'fver'
              |
            2 |   when: fver
              |         ^^^^
              = did you mean 'fever'?

            """)
    }

    @Test("the renderer lines the caret up with the column of a real diagnostic")
    func rendererFromLoader() throws {
        let text = Self.base(replacing: "  when: fever\n", with: "  when: fver\n")
        let loaded = RulesLoader(source: InMemoryRules(files: ["main.rules": text]), displayPrefix: "rules/").load()
        let diagnostic = try #require(loaded.diagnostics.first { $0.message == "unknown fact 'fver'" })
        let place = try #require(Self.position(of: "fver", in: text))
        let output = DiagnosticRenderer(sources: loaded.sources).render(diagnostic)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "rules/main.rules:\(place.line):\(place.column): error: unknown fact 'fver'")
        let sourceLine = try #require(lines.first { $0.hasPrefix("\(place.line) | ") })
        #expect(sourceLine == "\(place.line) |   when: fver")
        let caretLine = try #require(lines.first { $0.contains("^") })
        // The caret stands under the first letter of 'fver' in the source line above it.
        let caretIndex = try #require(caretLine.firstIndex(of: "^"))
        let fverIndex = try #require(sourceLine.range(of: "fver")?.lowerBound)
        #expect(caretLine.distance(from: caretLine.startIndex, to: caretIndex)
                == sourceLine.distance(from: sourceLine.startIndex, to: fverIndex))
        #expect(caretLine.filter { $0 == "^" }.count == 4)
        #expect(lines.contains { $0.hasSuffix("= did you mean 'fever'?") })
    }

    @Test("the renderer keeps tabs so the caret lines up, and copes with a missing source")
    func rendererTabsAndMissingSource() {
        let diagnostic = Diagnostic.error("x", at: SourceRange(TriageKit.SourceLocation(file: "t.rules", line: 1, column: 3), length: 1))
        let withTab = DiagnosticRenderer(sources: ["t.rules": "\tab"]).render(diagnostic)
        #expect(withTab.contains("  | \t ^\n"), "\(withTab.debugDescription)")
        let missing = DiagnosticRenderer(sources: [:]).render(diagnostic)
        #expect(missing == "t.rules:1:3: error: x\n")
    }

    // MARK: Parsers

    static func parse(_ text: String) -> (RulesFileSyntax, [Diagnostic]) {
        var parser = RulesParser(source: SourceText(file: "t.rules", text: text))
        let syntax = parser.parse()
        return (syntax, parser.diagnostics)
    }

    @Test("the rules parser reads settings, includes, defines and blocks")
    func rulesParser() throws {
        let text = """
            # a comment
            name: Test
            include other.rules
            define both: fever and
              stiff_neck

            question fever
              ask: Do you have
                a fever?
              answer: yes/no
            """
        let (syntax, diagnostics) = Self.parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.summaryLine))")
        #expect(syntax.statements.count == 4)
        guard syntax.statements.count == 4 else { return }
        guard case .setting(let name) = syntax.statements[0] else { Issue.record("not a setting"); return }
        #expect(name.key.text == "name")
        #expect(name.value.text == "Test")
        #expect(name.value.segments.first?.start.line == 2)
        #expect(name.value.segments.first?.start.column == 7)
        guard case .include(let path) = syntax.statements[1] else { Issue.record("not an include"); return }
        #expect(path.text == "other.rules")
        #expect(path.range.start.line == 3 && path.range.start.column == 9)
        guard case .define(let id, let condition) = syntax.statements[2] else { Issue.record("not a define"); return }
        #expect(id.text == "both")
        #expect(id.range.start.column == 8)
        #expect(condition.text == "fever and stiff_neck")
        guard case .block(let block) = syntax.statements[3] else { Issue.record("not a block"); return }
        #expect(block.keyword.text == "question")
        #expect(block.id.text == "fever")
        #expect(block.id.range.start.line == 7 && block.id.range.start.column == 10)
        #expect(block.entries.map(\.key.text) == ["ask", "answer"])
        #expect(block.entries.first?.value.text == "Do you have a fever?")
        #expect(block.entries.first?.value.segments.map(\.start.line) == [8, 9])
    }

    @Test("rules parser errors with their place",
          arguments: [
            ("# a comment\n  stray: indented\nname: x\n", "this line is indented but does not belong to a block above it", 2, 3),
            ("question fever\n  no colon here\n", "expected 'key: value' here", 2, 3),
            ("question\n", "'question' needs an id after it, e.g. 'question my_question'", 1, 1),
            ("include\n", "'include' needs a file name, e.g. 'include red-flags.rules'", 1, 1),
            ("question Two Words\n  ask: x\n", "an id is one word (letters, digits and _): 'Two Words'", 1, 10),
            ("question fever\n    ask: x\n  answer: yes/no\n", "this line is indented less than the lines above it in the same block", 3, 3),
            ("name: x\n: value\n", "there is nothing before the ':'", 2, 1),
          ])
    func rulesParserErrors(_ text: String, _ message: String, _ line: Int, _ column: Int) {
        let (_, diagnostics) = Self.parse(text)
        let matching = diagnostics.filter { $0.message == message }
        #expect(matching.count == 1, "\(diagnostics.map(\.summaryLine))")
        #expect(matching.first?.location.line == line)
        #expect(matching.first?.location.column == column)
    }

    /// A condition parsed from `when: TEXT` (continuation lines allowed), as a compact shape.
    static func condition(_ text: String) throws -> Result<ConditionSyntax, Diagnostic> {
        let (syntax, diagnostics) = Self.parse("when: " + text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.summaryLine))")
        guard case .setting(let entry) = try #require(syntax.statements.first) else { throw ParseFailure() }
        return ConditionParser.parse(entry.value)
    }

    struct ParseFailure: Error {}

    static func shape(_ c: ConditionSyntax) -> String {
        switch c {
        case .name(let n): return n.text
        case .not(let inner, _): return "not(\(shape(inner)))"
        case .and(let parts): return "and(\(parts.map(shape).joined(separator: ", ")))"
        case .or(let parts): return "or(\(parts.map(shape).joined(separator: ", ")))"
        case .compare(let n, let op, let v, _): return "\(n.text) \(op.rawValue) \(v.plainText)"
        case .between(let n, let low, let high, _): return "\(n.text) between \(low.plainText) and \(high.plainText)"
        case .isValue(let n, let negated, let values):
            return "\(n.text) is \(negated ? "not " : "")[\(values.map(\.text).joined(separator: ", "))]"
        case .has(let n, let values): return "\(n.text) has [\(values.map(\.text).joined(separator: ", "))]"
        case .count(let counting, let n, let parts, _): return "\(counting.rawValue) \(n) of (\(parts.map(shape).joined(separator: ", ")))"
        case .flag(let n): return "flag \(n.text)"
        case .contributor(let n): return "contributor \(n.text)"
        case .derived(let kind, _, let negated, let values):
            return "\(kind.rawValue) is \(negated ? "not " : "")[\(values.map(\.text).joined(separator: ", "))]"
        }
    }

    @Test("conditions parse with 'and' binding tighter than 'or'",
          arguments: [
            ("a or b and c", "or(a, and(b, c))"),
            ("a and b or c", "or(and(a, b), c)"),
            ("not a and b", "and(not(a), b)"),
            ("not (a or b)", "not(or(a, b))"),
            ("(a or b) and c", "and(or(a, b), c)"),
            ("age >= 50 and temple_jaw", "and(age >= 50, temple_jaw)"),
            ("age>=50", "age >= 50"),
            ("months > 3", "months > 3"),
            ("painkiller_days != 0", "painkiller_days != 0"),
            ("duration_hours between 0.25 and 3", "duration_hours between 0.25 and 3"),
            ("side is one_side", "side is [one_side]"),
            ("side is not one_side", "side is not [one_side]"),
            ("severity is one of (moderate, severe)", "severity is [moderate, severe]"),
            ("fever is unsure", "fever is [unsure]"),
            ("at least 2 of (a, b, c)", "at least 2 of (a, b, c)"),
            ("at most 1 of (a, b and c)", "at most 1 of (a, and(b, c))"),
            ("exactly 1 of (a, b)", "exactly 1 of (a, b)"),
            ("flag medication_overuse", "flag medication_overuse"),
            ("contributor posture", "contributor posture"),
            ("pattern is one of (a, b)", "pattern is [a, b]"),
            ("triage is one of (emergency)", "triage is [emergency]"),
            ("fever and\n    (age >= 50 or\n    side is one_side)", "and(fever, or(age >= 50, side is [one_side]))"),
            ("fever # a comment", "fever"),
          ])
    func conditionShapes(_ text: String, _ expected: String) throws {
        switch try Self.condition(text) {
        case .success(let syntax): #expect(Self.shape(syntax) == expected)
        case .failure(let d): Issue.record("'\(text)' did not parse: \(d.summaryLine)")
        }
    }

    @Test("condition errors with their place (the value starts at column 7)",
          arguments: [
            ("fever and", "the condition ends too early", 1, 16),
            ("fever )", "I did not expect ')' here", 1, 13),
            ("age >=", "expected a number after '>='", 1, 13),
            ("(fever", "expected a ')' to close the '(' at column 7", 1, 13),
            ("& fever", "'&' is not part of the rules language", 1, 7),
            ("fever & age", "I did not expect '&' here", 1, 13),
            ("and fever", "'and' cannot start a condition", 1, 7),
            ("50 <= age", "a number cannot start a condition", 1, 7),
            ("at least two of (a, b)", "expected how many, e.g. 'at least 2 of (...)'", 1, 16),
            ("at least 1.5 of (a, b)", "'at least' needs a whole number from 0 to 1000", 1, 16),
            ("age between 4 72", "'between' is written 'between LOW and HIGH'", 1, 21),
            ("fever age", "I did not expect 'age' here", 1, 13),
            ("fever and\n    (age >= 50 or", "the condition ends too early", 2, 18),
          ])
    func conditionErrors(_ text: String, _ message: String, _ line: Int, _ column: Int) throws {
        switch try Self.condition(text) {
        case .success(let syntax): Issue.record("'\(text)' parsed as \(Self.shape(syntax))")
        case .failure(let d):
            #expect(d.message == message)
            #expect(d.location.line == line)
            #expect(d.location.column == column)
            #expect(d.severity == .error)
        }
    }

    @Test("the condition lexer keeps each token's place")
    func lexer() throws {
        let (syntax, _) = Self.parse("when: age>=50 and (x, y)")
        guard case .setting(let entry) = try #require(syntax.statements.first) else { Issue.record("not a setting"); return }
        let tokens = ConditionLexer.tokens(entry.value)
        #expect(tokens.map(\.text) == ["age", ">=", "50", "and", "(", "x", ",", "y", ")"])
        #expect(tokens.map(\.range.start.column) == [7, 10, 12, 15, 19, 20, 21, 23, 24])
        #expect(tokens[1].kind == .comparison(.ge))
        #expect(tokens[2].kind == .number(50))
    }

    // MARK: Helpers

    @Test("edit distance", arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("fever", "fever", 0), ("fver", "fever", 1), ("fevre", "fever", 1),
        ("nuasea", "nausea", 1), ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("hepl", "help", 1),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(Suggestions.distance(a, b) == expected)
        #expect(Suggestions.distance(b, a) == expected, "symmetric")
    }

    @Test("suggestions pick the closest name, and none when nothing is close")
    func suggestions() {
        #expect(Suggestions.closest(to: "fver", in: ["age", "fever", "side"]) == "fever")
        #expect(Suggestions.closest(to: "nausae", in: ["nausea", "vomiting"]) == "nausea")
        #expect(Suggestions.closest(to: "xyz", in: ["fever", "age"]) == nil)
        #expect(Suggestions.closest(to: "NAUSEA", in: ["nausea"]) == "nausea")
        #expect(Suggestions.note(for: "fver", in: ["fever"]) == ["did you mean 'fever'?"])
        #expect(Suggestions.note(for: "zzzz", in: ["fever"]) == [])
    }

    @Test("SHA-256 NIST vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256(_ message: String, _ digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
        // Fed in pieces, the same digest.
        var h = SHA256()
        for ch in message.utf8 { h.update([ch]) }
        #expect(h.finalize() == digest)
    }

    @Test("SHA-256 of a million 'a' (NIST long message)")
    func sha256Million() {
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(h.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
