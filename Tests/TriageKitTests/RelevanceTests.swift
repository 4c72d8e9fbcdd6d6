import Testing
@testable import TriageKit

/// The engine picks the next question by asking, per question, whether any conclusion that
/// reads it can still change (`Evaluator.isRelevant`). That must agree with the plain
/// definition: the facts left open by every undecided conclusion (`Consultation.openFacts`).
@Suite struct RelevanceTests {
    /// The first question the plain definition would ask.
    static func firstOpenQuestion(_ consultation: Consultation) -> String? {
        let rules = consultation.rules
        let e = Evaluator(rules: rules, facts: consultation.facts, final: false)
        if consultation.isStopped { return nil }
        let open = Consultation.openFacts(e)
        for q in rules.questions.indices where consultation.facts[q] == nil && open[q] {
            if e.optional(rules.roots.contexts[q]) == .no { continue }
            return rules.questions[q].id
        }
        return nil
    }

    @Test(arguments: 0..<4)
    func nextQuestionAgreesWithOpenFacts(chunk: Int) throws {
        let rules = try FixtureRules.rules()
        let random = try FixtureRules.randomAnswers()
        for index in 0..<150 {
            let seed = UInt64(0xBEEF + chunk * 150 + index)
            let answers = random.make(seed: seed)
            var consultation = Consultation(rules: rules)
            var steps = 0
            while true {
                let expected = Self.firstOpenQuestion(consultation)
                let actual = consultation.nextQuestion()?.id
                #expect(actual == expected, "seed \(seed), step \(steps): asked \(actual ?? "nothing"), the open facts say \(expected ?? "nothing")")
                guard let id = actual, actual == expected else { break }
                consultation.record(id, rules.questionIndex(of: id).flatMap { answers[$0] } ?? .unsure, from: .answered("x"))
                steps += 1
            }
            #expect(steps > 0)
        }
    }
}
