import Testing
import TriageKit

/// Errors a therapist can act on when the layout slips: a setting moved to the margin, a
/// setting indented too far, tabs, and errors that only follow from another one (folded
/// under it). Each message is checked with its line and column, on the tests' own small rules.
@Suite("Layout diagnostics")
struct LayoutDiagnosticTests {
    typealias L = LanguageTests

    @Test("a block's setting moved to the margin is one error naming it, and the block still reads it")
    func settingAtTheMargin() throws {
        let text = L.base(replacing: "  ask: Do you have a fever?\n", with: "ask: Do you have a fever?\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'ask:' is at the left margin, so it is not part of 'question fever' above it",
                           at: "ask: Do you have", in: text,
                           note: "indent it by 2 spaces, like the other settings of the block; it is read as part of the block for now")
        #expect(loaded.diagnostics.count == 1, "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("a margin setting with lines below it takes them into the block, as in the report of 118 errors")
    func settingAtTheMarginWithItsBlockBelow() throws {
        let text = L.base(replacing: "  ask: Do you have a fever?\n  answer: yes/no\n",
                          with: "ask: Do you have a fever?\n  help: Measured or felt.\n  answer: yes/no\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'ask:' is at the left margin, so it is not part of 'question fever' above it",
                           at: "ask: Do you have", in: text)
        #expect(loaded.diagnostics.count == 1, "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("two settings at the margin are two errors, each in its place")
    func twoSettingsAtTheMargin() throws {
        let text = L.base(replacing: "  ask: Do you have a fever?\n  answer: yes/no\n", with: "ask: Do you have a fever?\nanswer: yes/no\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'ask:' is at the left margin, so it is not part of 'question fever' above it", at: "ask: Do", in: text)
        L.expectDiagnostic(loaded, "'answer:' is at the left margin, so it is not part of 'question fever' above it",
                           at: "answer: yes/no", in: text)
        #expect(loaded.diagnostics.count == 2)
    }

    @Test("a setting indented too far is a warning that names it, and says how to fix it")
    func settingIndentedTooFar() throws {
        let text = L.base(replacing: "  ask: Do you have a fever?\n", with: "  ask: Do you have a fever?\n    help: Measured or felt.\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'help:' is indented further than 'ask:' above it, so it is read as more of the text of 'ask:'",
                           at: "help: Measured", in: text, severity: .warning,
                           note: "if 'help' is a setting of its own, indent it like 'ask:' (2 spaces)")
        #expect(loaded.diagnostics.count == 1)
        // What the warning warns about: the person would see it as part of the question.
        #expect(loaded.rules?.question("fever")?.ask == "Do you have a fever? help: Measured or felt.")
    }

    @Test("an option line indented too far is named with its option")
    func optionIndentedTooFar() throws {
        let text = L.base(replacing: "  option both_sides: both sides, all over\n", with: "      option both_sides: both sides, all over\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'option both_sides:' is indented further than 'option one_side:' above it, so it is read as more of the text of 'option one_side:'",
                           at: "option both_sides", in: text, severity: .warning)
    }

    @Test("a top-level setting indented below another one is named, with the fix")
    func topLevelSettingIndented() throws {
        let text = L.base(replacing: "version: 1.0\n", with: "version: 1.0\nyes words: yes, yeah\n  no words: no, nope\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'no words:' is indented further than 'yes words:' above it, so it is read as more of the text of 'yes words:'",
                           at: "no words", in: text, severity: .warning,
                           note: "if 'no words' is a setting of its own, start it at the left margin")
    }

    @Test("text that continues a value and merely has a colon is not a setting")
    func proseWithAColonIsFine() throws {
        let text = L.base(replacing: "  ask: Do you have a fever?\n", with: "  ask: Do you have a fever?\n    Note: a temperature of 38 or more.\n")
        let loaded = L.load(text)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("tabs are named once per file, where the first one is")
    func tabsAreNamed() throws {
        let text = L.base(replacing: "  ask: How old are you?\n  answer: number\n", with: "\task: How old are you?\n\tanswer: number\n")
            .replacingOccurrences(of: "  unit: years\n  range: 1 to 120\n", with: "\tunit: years\n\trange: 1 to 120\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "this line is indented with a tab (and 3 more lines are); indent with spaces",
                           at: "\task: How old", in: text, severity: .warning,
                           note: "a tab counts as one space here, however wide your editor shows it")
        #expect(loaded.diagnostics.count == 1)
    }

    @Test("an indentation error on a line indented with a tab says so")
    func tabInAnIndentationError() throws {
        let text = L.base(replacing: "  answer: yes/no\n\nquestion age", with: "  answer: yes/no\n\thelp: Measured.\n\nquestion age")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "this line is indented less than the lines above it in the same block", at: "help: Measured", in: text,
                           note: "this line's indent has a tab, which counts as one space; indent with spaces")
        L.expectDiagnostic(loaded, "this line is indented with a tab; indent with spaces", at: "\thelp", in: text, severity: .warning)
    }

    @Test("an indented line outside any block, indented with a tab, says so")
    func tabOutsideABlock() throws {
        let text = "\tname: Test rules\n" + L.base.replacingOccurrences(of: "name: Test rules\n", with: "")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "this line is indented but does not belong to a block above it", at: "name: Test", in: text,
                           note: "this line's indent has a tab, which counts as one space; indent with spaces")
        L.expectDiagnostic(loaded, "this line is indented with a tab; indent with spaces", at: "\tname", in: text, severity: .warning)
    }

    @Test("a misspelt block word is one error, and the block is still read")
    func misspeltBlockWord() throws {
        let text = L.base(replacing: "question fever\n", with: "quesiton fever\n")
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'quesiton' is not a kind of block", at: "quesiton", in: text, note: "did you mean 'question'?")
        #expect(loaded.diagnostics.count == 1, "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("questions look unused only once the conditions that read them have no errors")
    func noUnusedWarningsWhileConditionsHaveErrors() throws {
        // `age` and `side` are read only through the definition, which has the error.
        let text = L.base(replacing: "when: age >= 50 and side is one_side", with: "when: older_one_side")
            + "define older_one_side: age >= 50 and side is one_sid\n"
        let loaded = L.load(text)
        L.expectDiagnostic(loaded, "'side' has no option 'one_sid'", at: "is one_sid", in: text, offset: 3)
        #expect(!loaded.diagnostics.contains { $0.message.contains("not used by any rule") }, "\(loaded.diagnostics.map(\.summaryLine))")
    }

    @Test("uses of a question that cannot be read follow from its error and are folded under it")
    func followOnErrorsAreFolded() throws {
        let text = L.base(replacing: "  ask: Do you have a fever?\n  answer: yes/no\n", with: "  ask: Do you have a fever?\n")
            + "flag hot_and_old\n  level: urgent\n  when: fever and age > 70\n  message: Hot.\n"
        let loaded = L.load(text)
        let root = try #require(L.expectDiagnostic(loaded, "question 'fever' has no 'answer:'", at: "fever", in: text))
        let followers = loaded.diagnostics.filter { $0.message == "'fever' cannot be used until its question is fixed" }
        #expect(followers.count == 2)
        #expect(followers.allSatisfy { $0.followsFrom == root.location })
        // Each at its use of `fever`, just after "when: ".
        let uses = [try #require(L.position(of: "when: fever", in: text)), try #require(L.position(of: "when: fever", in: text, occurrence: 2))]
        #expect(followers.map { [$0.location.line, $0.location.column] }.sorted { $0.lexicographicallyPrecedes($1) }
                == uses.map { [$0.line, $0.column + 6] })
        // Only the root is printed, first, with the count of what follows from it; `age` is fine.
        let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
        #expect(rendered.hasPrefix("main.rules:4:10: error: question 'fever' has no 'answer:'\n"), "\(rendered)")
        #expect(rendered.contains("= 2 more errors follow from this one, and go away when it is fixed"))
        #expect(!rendered.contains("cannot be used"))
        #expect(!loaded.diagnostics.contains { $0.message.contains("'age'") })
    }

    @Test("a misspelt key is the root of the missing key and of every use of the question")
    func misspeltKeyIsTheRoot() throws {
        let text = L.base(replacing: "  answer: yes/no\n\nquestion age", with: "  anwser: yes/no\n\nquestion age")
        let loaded = L.load(text)
        let root = try #require(L.expectDiagnostic(loaded, "'question' has no setting 'anwser'", at: "anwser", in: text,
                                                   note: "did you mean 'answer'?"))
        let missing = loaded.diagnostics.first { $0.message == "question 'fever' has no 'answer:'" }
        #expect(missing?.followsFrom == root.location)
        #expect(loaded.diagnostics.first { $0.message.hasPrefix("'fever' cannot be used") }?.followsFrom == root.location)
        let folded = DiagnosticRenderer.folded(loaded.diagnostics)
        #expect(folded.map(\.message) == ["'question' has no setting 'anwser'"])
        #expect(folded.first?.notes.last == "2 more errors follow from this one, and go away when it is fixed")
    }

    @Test("one broken question used by many rules prints one error, not dozens")
    func manyFollowOnsStayFolded() throws {
        var text = L.base(replacing: "  answer: yes/no\n\nquestion age", with: "\nquestion age")
        for i in 0..<40 { text += "flag f\(i)\n  level: urgent\n  when: fever and age > \(i + 1)\n  message: F.\n\n" }
        let loaded = L.load(text)
        #expect(loaded.diagnostics.count == 42)
        let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
        #expect(rendered.components(separatedBy: ": error: ").count - 1 == 1, "\(rendered)")
        #expect(rendered.contains("41 more errors follow from this one"))
    }
}
