import Testing
@testable import TriageKit

/// Screens: yes/no questions asked together in one turn, on small rules of the test's own.
@Suite("Screens")
struct ScreenTests {
    static let rulesText = """
        name: Test rules
        version: 1.0
        yes words: yes, yeah
        no words: no, none, nope
        unsure words: not sure, maybe
        negation before: no, not
        negation ends: but

        question thunderclap
          ask: Sudden?
          answer: yes/no
          yes words: thunderclap, suddenly

        question fever
          ask: A fever?
          answer: yes/no
          yes words: fever, feverish

        question stiff_neck
          ask: A stiff neck?
          answer: yes/no
          yes words: stiff neck, neck is stiff

        question rash
          ask: A rash?
          answer: yes/no
          yes words: rash, spots

        question age
          ask: Age?
          answer: number
          unit: years
          range: 1 to 120

        screen signs
          ask: Is any of these happening?
          item thunderclap: It came on suddenly
          item fever: A fever
          item stiff_neck: A stiff neck
          item rash: A rash that does not fade

        level emergency
          advice: Ambulance.
          when unsure: urgent
          stops conversation: yes

        level urgent
          advice: Today.

        level self_care
          advice: Home.

        flag thunderclap
          level: emergency
          when: thunderclap
          message: Sudden.

        flag fever
          level: urgent
          when: fever or stiff_neck or rash
          message: Signs.

        flag old
          level: urgent
          when: age > 100
          message: Old.

        pattern any
          name: Any

        """

    static func rules() throws -> RuleSet {
        let loaded = LanguageTests.load(rulesText)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    static func questions(_ rules: RuleSet) -> [Question] {
        ["thunderclap", "fever", "stiff_neck", "rash"].compactMap { rules.question($0) }
    }

    @Test("answers to a screen", arguments: [
        ("none", ScreenReading.values([.no, .no, .no, .no])),
        ("nope", .values([.no, .no, .no, .no])),
        ("2 and 4", .values([.no, .yes, .no, .yes])),
        ("not sure about 3", .values([.no, .no, .unsure, .no])),
        ("2, not sure about 3", .values([.no, .yes, .unsure, .no])),
        ("the fever one", .values([.no, .yes, .no, .no])),
        ("no fever but my neck is stiff", .values([.no, .no, .yes, .no])),
        ("1?", .values([.unsure, .no, .no, .no])),
        ("no, same as always", .values([.no, .no, .no, .no])),
        ("nope. yeah it's the usual", .values([.no, .no, .no, .no])),
        ("yes", .askEach),
        ("maybe", .askEach),
    ])
    func reading(_ text: String, _ expected: ScreenReading) throws {
        let rules = try Self.rules()
        #expect(ScreenReader(rules: rules).read(text, questions: Self.questions(rules)) == expected)
    }

    @Test("an answer naming nothing it can read is asked again, never guessed", arguments: ["7", "purple", "", "12 and 14"])
    func unreadable(_ text: String) throws {
        let rules = try Self.rules()
        guard case .notUnderstood(let hint) = ScreenReader(rules: rules).read(text, questions: Self.questions(rules)) else {
            Issue.record("'\(text)' was read")
            return
        }
        #expect(hint.contains("none"))
    }

    @Test("the next turn is the screen with every question still open in it")
    func turns() throws {
        let rules = try Self.rules()
        var c = Consultation(rules: rules)
        guard case .screen(let screen, let asked)? = c.nextTurn() else { Issue.record("no screen first"); return }
        #expect(screen.id == "signs" && asked.map(\.id) == ["thunderclap", "fever", "stiff_neck", "rash"])
        // Facts known from the story are left out of the screen.
        c.record("fever", .no, from: .story("no fever"))
        guard case .screen(_, let open)? = c.nextTurn() else { Issue.record("no screen"); return }
        #expect(open.map(\.id) == ["thunderclap", "stiff_neck", "rash"])
        // With one question left open, it is asked as a plain question.
        c.record("thunderclap", .no, from: .answered("no"))
        c.record("stiff_neck", .no, from: .answered("no"))
        guard case .question(let question)? = c.nextTurn() else { Issue.record("no plain question"); return }
        #expect(question.id == "rash")
    }

    @Test("a script run answers a screen in one turn, and lists its prompts")
    func scripted() throws {
        let rules = try Self.rules()
        let result = ScriptedRun(rules: rules).run(AnswersScript(file: "t.txt", text: "thunderclap: no\nfever: no\nstiff_neck: no\nrash: no\nage: 40\n"))
        #expect(result.diagnostics.isEmpty)
        // The story prompt, the screen, the age.
        #expect(result.turns == 3)
        #expect(result.prompts == [["thunderclap", "fever", "stiff_neck", "rash"], ["age"]])
        #expect(result.consultation.asked == ["thunderclap", "fever", "stiff_neck", "rash", "age"])
    }

    @Test("mistakes in a screen are located errors", arguments: [
        ("item rash: A rash that does not fade", "item rahs: A rash that does not fade", "unknown question 'rahs'", "item rahs"),
        ("item rash: A rash that does not fade", "item age: Your age", "'age' is a number question; a screen holds yes/no questions only", "item age"),
        ("item rash: A rash that does not fade", "item fever: Again", "'fever' is already in the screen 'signs'", "item fever: Again"),
    ])
    func located(_ old: String, _ new: String, _ message: String, _ needle: String) {
        let text = Self.rulesText.replacingOccurrences(of: old, with: new)
        let loaded = LanguageTests.load(text)
        #expect(loaded.rules == nil)
        // The place is the question's id after 'item '.
        LanguageTests.expectDiagnostic(loaded, message, at: needle, in: text, offset: 5)
    }

    @Test("a misspelt item gets a suggestion, and a screen of one item is an error")
    func suggestionAndSize() {
        let misspelt = Self.rulesText.replacingOccurrences(of: "item rash:", with: "item rahs:")
        let d = LanguageTests.load(misspelt).diagnostics.first { $0.message == "unknown question 'rahs'" }
        #expect(d?.notes.contains { $0.contains("rash") } == true)
        let single = Self.rulesText.replacingOccurrences(of: """
              item fever: A fever
              item stiff_neck: A stiff neck
              item rash: A rash that does not fade

            """, with: "\n")
        let loaded = LanguageTests.load(single)
        #expect(loaded.diagnostics.contains { $0.message == "screen 'signs' needs at least two 'item' lines" })
    }
}

/// The sentences said around the clinical content come from the rules' `wording` block.
@Suite("Wording")
struct WordingTests {
    @Test("a wording block replaces the English, fills in {names}, and check lists what it leaves out")
    func wordingBlock() throws {
        let text = ScreenTests.rulesText + """

            wording francais
              greeting: Je vais vous poser quelques questions.
              not understood: Pardon, je n'ai pas compris. {hint}
              why heading: Pourquoi :

            """
        let loaded = LanguageTests.load(text)
        let rules = try #require(loaded.rules)
        #expect(rules.wording(.greeting) == "Je vais vous poser quelques questions.")
        #expect(rules.wording(.notUnderstood, ["hint": "Oui ou non ?"]) == "Pardon, je n'ai pas compris. Oui ou non ?")
        // A text left out is said in English, and the checker says which ones are missing.
        #expect(rules.wording(.notSaved) == "This conversation is not being saved.")
        let warning = try #require(loaded.diagnostics.first { $0.message.hasPrefix("wording 'francais' has no texts for:") })
        #expect(warning.severity == .warning && warning.message.contains("not saved"))
        // The ending's headings follow it too.
        let consultation = SeveralAndLevelsTests.consultation(rules, ["thunderclap": .no, "fever": .yes, "stiff_neck": .no, "rash": .no, "age": .number(40)])
        let report = ConsultationReport(consultation: consultation, outcome: consultation.outcome(), story: nil, date: "", program: "")
        #expect(TextReport().render(report).contains("Pourquoi :"))
    }

    @Test("a misspelt wording key gets a suggestion")
    func misspelt() {
        let text = ScreenTests.rulesText + "\nwording english\n  greting: Hello.\n"
        let d = LanguageTests.load(text).diagnostics.first { $0.message.contains("has no setting 'greting'") }
        #expect(d?.notes.contains { $0.contains("greeting") } == true)
    }
}

/// A question's words can fit what is known already (`ask instead when:`).
@Suite("Other words for a question")
struct AskInsteadTests {
    static let text = """
        name: Test rules
        version: 1.0

        question duration
          ask: How long does one last?
          answer: number
          unit: hours
          range: 0 to 10000

        question attacks
          ask: How many headaches have you had?
          ask instead when: duration > 168
          ask instead: How many separate headaches, counting one that never stops as 1?
          answer: number
          unit: headaches
          range: 1 to 1000

        level consult
          advice: Book.

        level self_care
          advice: Home.

        flag many
          level: consult
          when: attacks > 10 or duration > 72
          message: Many.

        """

    @Test("the other words are asked once their condition holds, and only then")
    func asked() throws {
        let loaded = LanguageTests.load(Self.text)
        let rules = try #require(loaded.rules, "\(loaded.diagnostics.map(\.summaryLine))")
        let question = try #require(rules.question("attacks"))
        var c = Consultation(rules: rules)
        #expect(c.askText(for: question) == "How many headaches have you had?")
        c.record("duration", .number(4), from: .answered("4 hours"))
        #expect(c.askText(for: question) == "How many headaches have you had?")
        c.record("duration", .number(1000), from: .answered("it never stops"))
        #expect(c.askText(for: question) == "How many separate headaches, counting one that never stops as 1?")
    }

    @Test("one key without the other is a located error")
    func halfGiven() {
        let text = Self.text.replacingOccurrences(of: "  ask instead when: duration > 168\n", with: "")
        LanguageTests.expectDiagnostic(LanguageTests.load(text), "'ask instead' needs an 'ask instead when:' saying when",
                                       at: "ask instead:", in: text)
    }
}
