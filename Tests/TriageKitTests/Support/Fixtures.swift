import Foundation
import Testing
import TriageKit
import DefaultRules

/// The shipped rules, loaded once, and helpers that run answers through rules the way
/// `headache-triage run` does (an answers script through `ScriptedRun`). Only the tests of the
/// reader's phrasings use the shipped rules themselves (they read its words); every other test
/// uses `FixtureRules`, so that editing `rules/` cannot break it.
enum Fixtures {
    /// The default rules (the repository's `rules/` folder, embedded at build time).
    static let loaded: LoadedRules = DefaultRules.load()

    /// The default rules; fails the calling test when they do not load without errors.
    static func rules(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RuleSet {
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "the default rules have errors:\n\(errors.map(\.summaryLine).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        return try #require(loaded.rules, "the default rules did not load", sourceLocation: sourceLocation)
    }

    /// A healthy adult with a frequent tension-type pattern and no red flag, answering every
    /// question: the rules tests' own baseline (`rules/tests/baseline.answers`), so a question
    /// a therapist adds is answered here by the one line added there. Each table row changes
    /// one or two facts from it.
    static let baseline: [String: String] = {
        guard let bytes = DefaultRules.baseline else { return [:] }
        var answers: [String: String] = [:]
        for answer in AnswersScript(file: "baseline.answers", bytes: bytes).answers { answers[answer.id] = answer.answer }
        return answers
    }()

    /// The baseline with some answers changed (and some removed, so they count as unanswered).
    static func answers(_ changes: [String: String], removing: [String] = [], base: [String: String] = baseline) -> [String: String] {
        var result = base.merging(changes) { _, new in new }
        for id in removing { result[id] = nil }
        return result
    }

    /// An answers script: one `id: answer` line per answer (sorted, so runs are reproducible).
    static func scriptText(_ answers: [String: String]) -> String {
        answers.keys.sorted().map { "\($0): \(answers[$0]!)" }.joined(separator: "\n") + "\n"
    }

    /// Runs the answers through the dialogue; every answer must be accepted unless `allowDiagnostics`.
    static func run(_ answers: [String: String], allowDiagnostics: Bool = false,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ScriptedResult {
        try run(answers, rules: rules(sourceLocation: sourceLocation), allowDiagnostics: allowDiagnostics, sourceLocation: sourceLocation)
    }

    /// Runs the answers through the dialogue of these rules.
    static func run(_ answers: [String: String], rules: RuleSet, allowDiagnostics: Bool = false,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ScriptedResult {
        let script = AnswersScript(file: "test.txt", text: scriptText(answers))
        let result = ScriptedRun(rules: rules).run(script)
        if !allowDiagnostics {
            #expect(result.diagnostics.isEmpty,
                    "the script was not accepted:\n\(result.diagnostics.map(\.summaryLine).joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
        }
        return result
    }

    /// A canonical answer ("yes", "no", "not sure", a number, an option id) as the engine's value;
    /// for a question that takes several options, "none" or ids joined by ", ".
    static func value(_ answer: String, for question: Question? = nil) -> FactValue {
        if case .several? = question?.kind, answer != "not sure" {
            return .options(answer == "none" ? [] : answer.components(separatedBy: ", ").sorted())
        }
        switch answer {
        case "yes": return .yes
        case "no": return .no
        case "not sure": return .unsure
        default: return Double(answer).map { .number($0) } ?? .choice(answer)
        }
    }
}

/// The outcome of running these answers (id -> answer text) through the shipped rules.
func outcome(_ answers: [String: String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Outcome {
    try Fixtures.run(answers, sourceLocation: sourceLocation).outcome
}

extension Outcome {
    var triageID: String { triage.id }
    var flagIDs: Set<String> { Set(redFlags.map(\.id)) }
    var unsureFlagIDs: Set<String> { Set(redFlagsUnsure.map(\.id)) }
    var therapyID: String? { therapy?.id }
    var focusIDs: Set<String> { Set(focus.map(\.id)) }
    var contributorIDs: Set<String> { Set(contributors.map(\.id)) }
    var selfCareIDs: Set<String> { Set(selfCare.map(\.id)) }
}

/// Table rows print as their label in the test report.
protocol LabelledRow: CustomTestStringConvertible, Sendable {
    var label: String { get }
}

extension LabelledRow {
    var testDescription: String { label }
}
