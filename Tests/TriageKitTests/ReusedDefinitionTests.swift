import Foundation
import Testing
@testable import TriageKit

/// Definitions reused inside definitions (`define d1: d0 and (d0 or e)`, and so on): each use
/// must not walk the definition again, or the work doubles per level. At 40 levels a walk per
/// use would take 2^40 steps, so these tests would never finish rather than merely be slow.
@Suite("Reused definitions")
struct ReusedDefinitionTests {
    static let levels = 40

    /// The rules (Tests/NestedDefinitionRules/main.rules, shared with the end-to-end test of
    /// the same chain): `q` matters only through `a and q`; with `a: no` it is closed
    /// everywhere, while every level stays unknown (through `z` and `e`): the walk that asks
    /// whether `q` is still open must visit the whole chain and find nothing.
    static func rules() -> String {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NestedDefinitionRules/main.rules")
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    static func load() throws -> RuleSet {
        let loaded = RulesLoader(source: InMemoryRules(files: ["main.rules": rules()])).load()
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    @Test("a dialogue over 40 nested reused definitions finishes, asking what is still open")
    func dialogueFinishes() throws {
        let rules = try Self.load()
        let result = ScriptedRun(rules: rules).run(AnswersScript(file: "case.txt", text: "a: no\n"))
        #expect(result.diagnostics.isEmpty)
        // `q` is closed once `a` is no; `e` and `z` still matter.
        #expect(result.consultation.asked == ["a", "e", "z"])
        #expect(result.outcome.redFlagsUnsure.map(\.id) == ["deep"])
    }

    @Test("relevance one question at a time agrees with the open facts of the whole consultation",
          arguments: ["yes", "no", "not sure"], ["yes", "no", "not sure"])
    func relevanceAgrees(a: String, e: String) throws {
        let rules = try Self.load()
        let answers = ["a": a, "e": e, "q": "no", "z": "not sure"]
        var consultation = Consultation(rules: rules)
        var steps = 0
        while true {
            let expected = RelevanceTests.firstOpenQuestion(consultation)
            let actual = consultation.nextQuestion()?.id
            #expect(actual == expected, "step \(steps): asked \(actual ?? "nothing"), the open facts say \(expected ?? "nothing")")
            guard let id = actual, actual == expected else { break }
            consultation.record(id, Fixtures.value(answers[id] ?? "not sure"), from: .answered("x"))
            steps += 1
        }
        #expect(steps > 0)
    }

    @Test("the explanation explains each reused definition once and refers to it after that")
    func explanationOnce() throws {
        let rules = try Self.load()
        let result = ScriptedRun(rules: rules).run(AnswersScript(file: "case.txt", text: "a: no\n"))
        let explanation = result.consultation.outcome(explained: true).explanation
        var full: [String: Int] = [:], referred: [String: Int] = [:], nodes = 0
        func walk(_ node: ExplanationNode) {
            nodes += 1
            if node.explainedAbove { referred[node.text, default: 0] += 1 }
            else if node.text.hasPrefix("d"), !node.children.isEmpty { full[node.text, default: 0] += 1 }
            node.children.forEach(walk)
        }
        for entry in explanation { entry.reasons.forEach(walk) }
        // d40 is the flag's, the contributor's and the advice's whole condition: its parts are
        // explained under the flag; every lower level is used twice by the level above it.
        for i in 0..<Self.levels { #expect(full["d\(i)"] == 1, "d\(i) explained \(full["d\(i)"] ?? 0) times") }
        for i in 0..<Self.levels { #expect(referred["d\(i)"] == 1, "d\(i) referred to \(referred["d\(i)"] ?? 0) times") }
        // Linear in the rules: a few nodes per level, not 2^40.
        #expect(nodes < 10 * Self.levels)
        let rendered = explanation.flatMap(\.reasons).map { $0.render() }.joined(separator: "\n")
        #expect(rendered.contains("d39  (explained above)"))
        // Another entry names where to look.
        #expect(rendered.contains("d\(Self.levels)  (explained above, under flag deep)"), "\(rendered.suffix(400))")
    }

    @Test("JSON explanations refer to a definition explained above")
    func jsonExplanation() throws {
        let rules = try Self.load()
        let result = ScriptedRun(rules: rules).run(AnswersScript(file: "case.txt", text: "a: no\n"))
        let json = JSONReport(explain: true).render(ConsultationReport(result: result, date: "", program: ""))
        #expect(json.contains("\"explained_above\":true") || json.contains("\"explained_above\": true"))
        #expect(json.utf8.count < 1_000_000)
    }
}
