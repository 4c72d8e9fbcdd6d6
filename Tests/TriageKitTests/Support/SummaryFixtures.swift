import Foundation
import Testing
@testable import TriageKit

/// Reports of small example consultations and of hand-made answers, for the summary's tests.
/// They run on the summary's small rules (`Tests/SummaryRules`, with its examples).
enum SummaryFixtures {
    static let date = "2026-11-30"
    static let program = "headache-triage test"

    /// The examples in `Tests/SummaryRules/examples`.
    static let names = ["fever-unsure", "office", "overuse", "thunderclap"]

    static func rules() throws -> RuleSet { try SmallRulesFolder.rules("SummaryRules") }

    static func exampleResult(_ name: String) throws -> ScriptedResult {
        let rules = try Self.rules()
        let url = SmallRulesFolder.url("SummaryRules").appendingPathComponent("examples/\(name).txt")
        let bytes = try #require(FileManager.default.contents(atPath: url.path), "cannot read \(url.path)")
        return ScriptedRun(rules: rules).run(AnswersScript(file: "\(name).txt", bytes: [UInt8](bytes)))
    }

    static func example(_ name: String) throws -> ConsultationReport {
        ConsultationReport(result: try exampleResult(name), date: date, program: program)
    }

    /// The answers of the `office` example (without its story), with some changed or removed.
    static func answers(_ changes: [String: String], removing: [String] = []) throws -> [String: String] {
        let url = SmallRulesFolder.url("SummaryRules").appendingPathComponent("examples/office.txt")
        let bytes = try #require(FileManager.default.contents(atPath: url.path))
        var base: [String: String] = [:]
        for answer in AnswersScript(file: "office.txt", bytes: [UInt8](bytes)).answers where answer.id != "story" { base[answer.id] = answer.answer }
        return Fixtures.answers(changes, removing: removing, base: base)
    }

    static func report(_ answers: [String: String], story: String? = nil) throws -> ConsultationReport {
        ConsultationReport(result: try result(answers, story: story), date: date, program: program)
    }

    static func result(_ answers: [String: String], story: String? = nil) throws -> ScriptedResult {
        let rules = try Self.rules()
        var text = Fixtures.scriptText(answers)
        if let story { text = "story: \(story)\n" + text }
        return ScriptedRun(rules: rules).run(AnswersScript(file: "test.txt", text: text))
    }

    /// The ids marked in an SVG body map (`data-focus` on the marked shapes).
    static func marked(in svg: String) -> [String] {
        svg.components(separatedBy: #"class="focus" data-focus=""#).dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }

    /// Text with runs of white space made one space, to compare across line wrapping.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
