import Foundation
import TriageKit

/// The engine alone: the dialogues of the throughput cases replayed with their facts already
/// understood, so neither parsing nor answer reading is in the figure.
extension Bench {
    /// One finished dialogue: what was known before the first question, and every answer given.
    private struct Replay {
        var known: [(id: String, value: FactValue, from: Provenance)] = []
        var answers: [String: FactValue] = [:]
    }

    func engine() {
        heading("Engine alone (nextQuestion, record, outcome), one core")
        var generator = CaseGenerator(rules: rules, seed: 42)
        let scripts = generator.cases(count: cases).scripts
        let runner = ScriptedRun(rules: rules)
        var replays: [Replay] = []
        for text in scripts {
            let consultation = runner.run(AnswersScript(file: "c.txt", text: text)).consultation
            var replay = Replay()
            for (q, question) in rules.questions.enumerated() {
                guard let value = consultation.facts[q], let from = consultation.provenance[q] else { continue }
                switch from {
                case .story, .correction: replay.known.append((question.id, value, from))
                case .answered, .notAnswered: replay.answers[question.id] = value
                case .notAsked: continue // listed only, never used
                }
            }
            replays.append(replay)
        }

        var asked = 0
        var checksum = 0
        func dialogue(_ replay: Replay) -> Consultation {
            var consultation = Consultation(rules: rules)
            for fact in replay.known { consultation.record(fact.id, fact.value, from: fact.from) }
            while let question = consultation.nextQuestion() {
                consultation.record(question.id, replay.answers[question.id] ?? .unsure, from: .answered(""))
            }
            return consultation
        }
        for replay in replays { asked += dialogue(replay).asked.count }
        let rounds = Swift.max(3, runs / 3)
        let questions = measure(runs: rounds) {
            for replay in replays { checksum &+= dialogue(replay).asked.count }
        }
        let finished = replays.map(dialogue)
        let outcomes = measure(runs: rounds) {
            for consultation in finished { checksum &+= consultation.outcome().redFlags.count }
        }
        // What the dialogue costs around the engine: the same questions copied out and their
        // answers looked up by id, in the order they were asked, without choosing them.
        let orders = finished.map { consultation in consultation.asked.compactMap { rules.questionIndex(of: $0) } }
        let around = measure(runs: rounds) {
            for (replay, order) in zip(replays, orders) {
                for q in order {
                    let question = rules.questions[q]
                    if replay.answers[question.id] != nil { checksum &+= 1 }
                }
            }
        }
        let n = Double(replays.count)
        report.add("engine: dialogue without reading answers, per script", "\(Format.seconds(questions.median / n)) (\(Format.spread(questions)) for \(replays.count) scripts)")
        report.add("engine: per question asked (\(String(format: "%.1f", Double(asked) / n)) a script)", Format.seconds(questions.median / Double(asked)))
        report.add("engine: outcome(), per script", Format.seconds(outcomes.median / n))
        report.add("engine: of the dialogue, copying the questions and looking up answers", Format.seconds(around.median / n))
        if checksum == 42 { print("") } // keeps the work observable
    }
}
