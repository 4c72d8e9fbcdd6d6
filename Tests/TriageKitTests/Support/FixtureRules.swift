import Foundation
import Testing
import TriageKit

/// The fixture rules (Tests/FixtureRules): a frozen copy of the rules at 2.0.0, the whole and
/// realistic rule set that the tests needing one (the reader's phrasing corpus, the fuzzers'
/// regressions) run on. Not the shipped
/// `rules/`: a therapist's edit there must never fail these tests (the shipped rules' clinical
/// behaviour is checked by their own cases, through `headache-triage test`).
enum FixtureRules {
    static let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // TriageKitTests
        .deletingLastPathComponent() // Tests
        .appendingPathComponent("FixtureRules")

    /// Every `.rules` file of the folder, as the loader reads them (`main.rules` includes the rest).
    static let loaded: LoadedRules = {
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".rules") {
            files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { [UInt8]($0) }
        }
        return RulesLoader(source: InMemoryRules(bytes: files), displayPrefix: "Tests/FixtureRules/").load()
    }()

    /// The fixture rules; fails the calling test when they do not load without errors.
    static func rules(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RuleSet {
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "the fixture rules have errors:\n\(errors.map(\.summaryLine).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        return try #require(loaded.rules, "the fixture rules did not load", sourceLocation: sourceLocation)
    }

    /// The fixture's test baseline (`tests/baseline.answers`): a healthy adult with a frequent
    /// tension-type pattern and no red flag, answering every question. Each table row changes
    /// one or two facts from it.
    static let baseline: [String: String] = {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("tests/baseline.answers").path) else { return [:] }
        var answers: [String: String] = [:]
        for answer in AnswersScript(file: "baseline.answers", bytes: [UInt8](data)).answers { answers[answer.id] = answer.answer }
        return answers
    }()

    /// The baseline with some answers changed (and some removed, so they count as unanswered).
    static func answers(_ changes: [String: String], removing: [String] = [], base: [String: String] = baseline) -> [String: String] {
        Fixtures.answers(changes, removing: removing, base: base)
    }

    /// Runs the answers through the dialogue; every answer must be accepted unless `allowDiagnostics`.
    static func run(_ answers: [String: String], allowDiagnostics: Bool = false,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ScriptedResult {
        try Fixtures.run(answers, rules: rules(sourceLocation: sourceLocation), allowDiagnostics: allowDiagnostics,
                         sourceLocation: sourceLocation)
    }
}

/// The outcome of running these answers (id -> answer text) through the fixture rules.
func fixtureOutcome(_ answers: [String: String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Outcome {
    try FixtureRules.run(answers, sourceLocation: sourceLocation).outcome
}
