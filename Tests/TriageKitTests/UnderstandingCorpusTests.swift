import Foundation
import Testing
import TriageKit

/// The phrasing corpus (`Resources/phrasings.tsv`): typical things people type, each with the
/// value it must give, read with the shipped rules' words. Every row must be read right. Prints
/// accuracy per kind of fact, precision and recall per value class, and every row read wrongly.
///
/// Row format: `question_id<TAB>answer text<TAB>expected`, where expected is `yes`, `no`,
/// `unsure`, a number (2% or 0.1 either way), an option id, or `ask-again` (the answer must
/// come back not understood or out of range: never guessed). `story:FACT` rows read the text
/// as the opening description and expect FACT's value from it; `story-none:FACT` rows expect
/// FACT not to be read from it at all (expected `none`).
@Suite("Understanding corpus")
struct UnderstandingCorpusTests {
    /// The questions a red flag reads (clinical.md section 2): a hedged or unclear answer to one
    /// of them must never be taken as a firm "no".
    static let redFlagQuestions: Set<String> = [
        "sudden_onset", "neuro_symptoms", "seizure", "fever", "stiff_neck", "head_injury", "blood_thinners",
        "new_or_changed", "progressive", "temple_jaw", "positional", "cough_trigger", "vision_problems",
        "red_eye", "pregnant", "weak_immunity", "cancer", "weight_loss", "new_medicine", "aura", "aura_weakness",
    ]

    /// The corpus must keep growing with the ways people type, and every row must be read right:
    /// one regression fails the test.
    static let minimumRows = 800
    static let minimumHedgedRedFlagRows = 30
    static let minimumChattyRows = 200
    static let minimumStoryRows = 120

    struct Row: Sendable, CustomStringConvertible {
        enum Mode: Sendable { case answer, story, storyNone }
        var line: Int
        var question: String
        var mode: Mode
        var text: String
        var expected: String

        var description: String {
            let prefix = mode == .story ? "story:" : mode == .storyNone ? "story-none:" : ""
            return "line \(line): \(prefix)\(question) \"\(text)\" (expected \(expected))"
        }

        /// An answer with detail after it, the way people type: a leading part, punctuation, and at
        /// least two more words ("no, it creeps up on me"), or five words or more.
        var isChatty: Bool {
            guard mode == .answer else { return false }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count >= 5 { return true }
            guard let cut = text.firstIndex(where: { ",.;:!?(".contains($0) }) else { return false }
            return text[text.index(after: cut)...].split(separator: " ").count >= 2
        }

        /// A hedged or unclear answer to a red-flag question: it must come back unsure or be asked again.
        var isHedgedRedFlag: Bool {
            mode == .answer && UnderstandingCorpusTests.redFlagQuestions.contains(question)
                && (expected == "unsure" || expected == "ask-again")
        }
    }

    /// A row with what was read.
    struct Result: Sendable {
        var row: Row
        /// `yes/no`, `number`, `choice` or `story`.
        var kind: String
        /// `yes`, `no`, `unsure`, a number, an option id, `ask-again`, or for stories `none`.
        var actual: String
        var correct: Bool
    }

    static var corpusURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources").appendingPathComponent("phrasings.tsv")
    }

    static func loadCorpus() throws -> [Row] {
        let text = try String(contentsOf: corpusURL, encoding: .utf8)
        var rows: [Row] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else {
                Issue.record("phrasings.tsv:\(index + 1): expected 3 tab-separated fields, found \(fields.count)")
                continue
            }
            var id = fields[0].trimmingCharacters(in: .whitespaces)
            var mode = Row.Mode.answer
            if id.hasPrefix("story-none:") {
                mode = .storyNone
                id.removeFirst("story-none:".count)
            } else if id.hasPrefix("story:") {
                mode = .story
                id.removeFirst("story:".count)
            }
            rows.append(Row(line: index + 1, question: id, mode: mode, text: fields[1],
                            expected: fields[2].trimmingCharacters(in: .whitespaces)))
        }
        return rows
    }

    /// The fixture rules: the reader is tested with its words as they stood when each row was
    /// written, so a therapist's edit of the shipped words never fails `swift test` (their own
    /// cases in `rules/tests/` tell them what the edit did).
    static func rules() throws -> RuleSet { try FixtureRules.rules() }

    /// Whether a value read as text matches the expectation (numbers within 2% or 0.1).
    static func matches(_ actual: String, _ expected: String) -> Bool {
        if let want = Double(expected), let got = Double(actual) {
            return abs(got - want) <= max(0.02 * abs(want), 0.1)
        }
        return actual == expected
    }

    static func text(of reading: AnswerReading) -> String {
        switch reading {
        case .value(let value): return value.description
        case .outOfRange, .notUnderstood: return "ask-again"
        }
    }

    static func evaluate(_ rows: [Row], _ rules: RuleSet) throws -> [Result] {
        let answers = AnswerReader(rules: rules)
        let stories = StoryReader(rules: rules)
        var results: [Result] = []
        for row in rows {
            let question = try #require(rules.question(row.question), "\(row): the rules have no question '\(row.question)'")
            switch row.mode {
            case .answer:
                let actual = text(of: answers.read(row.text, for: question))
                results.append(Result(row: row, kind: question.kind.name, actual: actual,
                                      correct: matches(actual, row.expected)))
            case .story, .storyNone:
                let facts = stories.read(row.text).filter { $0.questionID == row.question }
                let actual = facts.first.map { "\($0.value)" } ?? "none"
                let expected = row.mode == .storyNone ? "none" : row.expected
                var correct = matches(actual, expected) && facts.count <= 1
                // Every fact read from a story names the words it came from.
                if let fact = facts.first, fact.evidence.trimmingCharacters(in: .whitespaces).isEmpty { correct = false }
                results.append(Result(row: row, kind: "story", actual: actual, correct: correct))
            }
        }
        return results
    }

    // MARK: The report

    struct Counts {
        var truePositive = 0, predicted = 0, expected = 0

        var precision: String { predicted == 0 ? "-" : percent(Double(truePositive) / Double(predicted)) }
        var recall: String { expected == 0 ? "-" : percent(Double(truePositive) / Double(expected)) }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// Precision and recall of each class, where `classOf` gives a value's class (nil: none of them).
    static func classCounts(_ results: [Result], classes: [String], classOf: (String) -> String?,
                            expectedOf: (Result) -> String = { $0.row.expected }) -> [(String, Counts)] {
        classes.map { c in
            var counts = Counts()
            for result in results {
                let got = classOf(result.actual), want = classOf(expectedOf(result))
                if got == c { counts.predicted += 1 }
                if want == c { counts.expected += 1 }
                if got == c, want == c { counts.truePositive += 1 }
            }
            return (c, counts)
        }
    }

    static func report(_ results: [Result]) -> String {
        var out: [String] = []
        out.append("Understanding corpus: \(results.count) phrasings from phrasings.tsv")
        out.append("")
        out.append(pad("kind", 10) + pad("rows", 7) + pad("correct", 9) + "accuracy")
        for kind in ["yes/no", "number", "choice", "story"] + ["overall"] {
            let these = kind == "overall" ? results : results.filter { $0.kind == kind }
            let correct = these.filter(\.correct).count
            let accuracy = these.isEmpty ? "-" : percent(Double(correct) / Double(these.count))
            out.append(pad(kind, 10) + pad("\(these.count)", 7) + pad("\(correct)", 9) + accuracy)
        }

        out.append("")
        out.append("yes/no answers (\(results.filter { $0.kind == "yes/no" }.count) rows): precision and recall per value")
        out.append(pad("value", 16) + pad("expected", 10) + pad("read", 7) + pad("precision", 11) + "recall")
        let yesNo = results.filter { $0.kind == "yes/no" }
        for (c, counts) in classCounts(yesNo, classes: ["yes", "no", "unsure", "ask-again"], classOf: { $0 }) {
            out.append(pad(c, 16) + pad("\(counts.expected)", 10) + pad("\(counts.predicted)", 7)
                       + pad(counts.precision, 11) + counts.recall)
        }

        let answers = results.filter { $0.kind != "story" }
        out.append("")
        out.append("asked again vs. understood (all \(answers.count) answer rows)")
        out.append(pad("class", 16) + pad("expected", 10) + pad("read", 7) + pad("precision", 11) + "recall")
        for (c, counts) in classCounts(answers, classes: ["understood", "ask-again"],
                                       classOf: { $0 == "ask-again" ? "ask-again" : "understood" }) {
            out.append(pad(c, 16) + pad("\(counts.expected)", 10) + pad("\(counts.predicted)", 7)
                       + pad(counts.precision, 11) + counts.recall)
        }

        let story = results.filter { $0.kind == "story" }
        out.append("")
        out.append("story facts (\(story.count) rows): read vs. not read")
        out.append(pad("class", 16) + pad("expected", 10) + pad("read", 7) + pad("precision", 11) + "recall")
        let storyExpected: (Result) -> String = { $0.row.mode == .storyNone ? "none" : $0.row.expected }
        for (c, counts) in classCounts(story, classes: ["read", "none"], classOf: { $0 == "none" ? "none" : "read" },
                                       expectedOf: storyExpected) {
            out.append(pad(c, 16) + pad("\(counts.expected)", 10) + pad("\(counts.predicted)", 7)
                       + pad(counts.precision, 11) + counts.recall)
        }

        let hedged = results.filter(\.row.isHedgedRedFlag)
        out.append("")
        out.append("hedged or unclear answers to red-flag questions: \(hedged.count) rows, "
                   + "\(hedged.filter { $0.actual == "no" }.count) read as no")

        let wrong = results.filter { !$0.correct }
        out.append("")
        out.append(wrong.isEmpty ? "every row read as expected" : "rows read wrongly (\(wrong.count)):")
        for result in wrong {
            out.append("  \(result.row): read \(result.actual)")
        }
        return out.joined(separator: "\n")
    }

    // MARK: Tests

    @Test("every row of the corpus is read right, and it prints precision and recall")
    func accuracy() throws {
        let rules = try Self.rules()
        let rows = try Self.loadCorpus()
        #expect(rows.count >= Self.minimumRows, "the corpus has \(rows.count) rows, fewer than \(Self.minimumRows)")
        let results = try Self.evaluate(rows, rules)
        print(Self.report(results))
        for result in results where !result.correct {
            Issue.record("\(result.row): read \(result.actual)")
        }
    }

    @Test("the corpus holds chatty answers (a leading answer plus detail) for every question, and stories")
    func chattyAndStories() throws {
        let rules = try Self.rules()
        let rows = try Self.loadCorpus()
        let chatty = rows.filter(\.isChatty)
        #expect(chatty.count >= Self.minimumChattyRows, "only \(chatty.count) chatty answers, fewer than \(Self.minimumChattyRows)")
        // Every question the corpus answers (the coverage test holds that to every fact of the spec).
        let asked = Set(chatty.map(\.question))
        for id in Set(rows.filter { $0.mode == .answer }.map(\.question)).sorted() {
            #expect(rules.question(id) == nil || asked.contains(id), "no chatty answer to '\(id)'")
        }
        let stories = rows.filter { $0.mode != .answer }
        #expect(stories.count >= Self.minimumStoryRows, "only \(stories.count) story rows, fewer than \(Self.minimumStoryRows)")
        print("Understanding corpus: \(rows.count) rows, \(chatty.count) chatty answers, \(stories.count) story rows")
    }

    @Test("a hedged or unclear answer to a red-flag question is never read as no")
    func hedgedRedFlagNeverNo() throws {
        let rules = try Self.rules()
        let rows = try Self.loadCorpus().filter(\.isHedgedRedFlag)
        #expect(rows.count >= Self.minimumHedgedRedFlagRows,
                "only \(rows.count) hedged red-flag rows, fewer than \(Self.minimumHedgedRedFlagRows)")
        for result in try Self.evaluate(rows, rules) {
            #expect(result.actual != "no", "\(result.row) was read as a firm no")
        }
    }

    @Test("every fact of clinical.md section 1 appears in the corpus, and every kind of fact")
    func coverage() throws {
        let rows = try Self.loadCorpus()
        let answered = Set(rows.filter { $0.mode == .answer }.map(\.question))
        for fact in SpecFact.all {
            #expect(answered.contains(fact.id), "no phrasing for '\(fact.id)' in the corpus")
        }
        #expect(rows.contains { $0.mode == .story }, "no story rows")
        #expect(rows.contains { $0.mode == .storyNone }, "no story-none rows")
        #expect(rows.contains { $0.expected == "ask-again" }, "no ask-again rows")
    }

    @Test("every row names a question of the rules and an expectation it can take")
    func rowsAreWellFormed() throws {
        let rules = try Self.rules()
        for row in try Self.loadCorpus() {
            guard let question = rules.question(row.question) else {
                Issue.record("\(row): no question '\(row.question)'")
                continue
            }
            if row.mode == .storyNone {
                #expect(row.expected == "none", "\(row): a story-none row expects 'none'")
                continue
            }
            var allowed: Set<String> = ["unsure"]
            if row.mode == .answer { allowed.insert("ask-again") }
            switch question.kind {
            case .yesNo:
                allowed.formUnion(["yes", "no"])
                #expect(allowed.contains(row.expected), "\(row): not an answer a yes/no question gives")
            case .number:
                #expect(allowed.contains(row.expected) || Double(row.expected) != nil, "\(row): not a number")
            case .choice(let options):
                allowed.formUnion(options.map(\.id))
                #expect(allowed.contains(row.expected), "\(row): not an option of '\(row.question)'")
            case .several(let options):
                // "none", or option ids joined by ", ".
                let ids = Set(options.map(\.id))
                let named = row.expected.components(separatedBy: ", ")
                #expect(allowed.contains(row.expected) || row.expected == "none" || named.allSatisfy(ids.contains),
                        "\(row): not a set of options of '\(row.question)'")
            }
        }
    }
}
