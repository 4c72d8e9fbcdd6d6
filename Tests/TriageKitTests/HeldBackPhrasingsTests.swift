import Foundation
import Testing
import TriageKit

/// Phrasings held back from the corpus, written by people who never saw the program, run through
/// a scripted run exactly as `run --json` does. Opt-in: set `HEADACHE_TRIAGE_PHRASINGS` to a
/// folder of JSON files, each `{"answers": [{"id", "text", "want"}], "stories": [{"text",
/// "facts": {id: want}}]}`, where a want is a value, `[low, high]` for a number (a single number
/// allows 10% either way), or a list of option ids. Each answer is run alone, with what its
/// question's `only when` needs; each story alone. Every miss is printed and recorded.
@Suite("Held-back phrasings")
struct HeldBackPhrasingsTests {
    static let folder = ProcessInfo.processInfo.environment["HEADACHE_TRIAGE_PHRASINGS"]

    @Test("every held-back answer and story fact is read as meant",
          .enabled(if: folder != nil, "set HEADACHE_TRIAGE_PHRASINGS to a folder of phrasing files"))
    func everyPhrasingIsReadAsMeant() throws {
        let rules = try Fixtures.rules()
        let folder = try #require(Self.folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        var answers: [[String: Any]] = [], stories: [[String: Any]] = []
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(file))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(file) is not a JSON object")
            answers += object["answers"] as? [[String: Any]] ?? []
            stories += object["stories"] as? [[String: Any]] ?? []
        }
        let run = ScriptedRun(rules: rules)
        var misses: [String] = []
        var answersRead = 0, factsRead = 0, facts = 0
        for answer in answers {
            guard let id = answer["id"] as? String, let text = answer["text"] as? String else { continue }
            var lines = Self.context(for: id, rules).map { "\($0.key): \($0.value)" }
            lines.append("\(id): \(text)")
            let result = run.run(AnswersScript(file: "answer.txt", text: lines.joined(separator: "\n") + "\n"))
            let got = Self.fact(id, in: result, rules)
            if Self.matches(got, answer["want"] as Any) { answersRead += 1 } else {
                misses.append("answer  \(id): '\(text)' -> \(got.map(\.description) ?? "none"), meant \(answer["want"] ?? "?")")
            }
        }
        for story in stories {
            guard let text = story["text"] as? String, let wanted = story["facts"] as? [String: Any] else { continue }
            let result = run.run(AnswersScript(file: "story.txt", text: "story: \(text)\n"))
            for (id, want) in wanted.sorted(by: { $0.key < $1.key }) {
                facts += 1
                let got = Self.fact(id, in: result, rules)
                if Self.matches(got, want) { factsRead += 1 } else {
                    misses.append("story   \(id): got \(got.map(\.description) ?? "none"), meant \(want)  (\(text.prefix(60))...)")
                }
            }
        }
        print(misses.joined(separator: "\n"))
        print("held-back phrasings: answers \(answersRead)/\(answers.count), story facts \(factsRead)/\(facts)")
        for miss in misses { Issue.record(Comment(rawValue: miss)) }
    }

    /// A fact as `run --json` lists it: answers to questions never asked count too, as the file gives them.
    static func fact(_ id: String, in result: ScriptedResult, _ rules: RuleSet) -> FactValue? {
        guard let q = rules.questionIndex(of: id), q < result.facts.count else { return nil }
        return result.facts[q]
    }

    /// Answers that make a question's `only when` true, so that it is asked: "yes" to a yes/no fact,
    /// a number that meets a comparison, an option named; and the same for those facts in turn.
    static func context(for id: String, _ rules: RuleSet) -> [String: String] {
        var answers: [String: String] = [:]
        var pending = [id]
        while let next = pending.popLast() {
            guard let q = rules.questionIndex(of: next), let condition = rules.questions[q].context else { continue }
            for (f, value) in satisfying(condition) where f < rules.questions.count {
                let fact = rules.questions[f].id
                guard answers[fact] == nil, fact != id else { continue }
                answers[fact] = value
                pending.append(fact)
            }
        }
        return answers
    }

    static func satisfying(_ condition: Condition) -> [(Int, String)] {
        switch condition {
        case .isYes(let f): return [(f, "yes")]
        case .compare(let f, let op, let v):
            switch op {
            case .gt: return [(f, (v + 1).plainText)]
            case .lt: return [(f, (v - 1).plainText)]
            default: return [(f, v.plainText)]
            }
        case .between(let f, let low, _): return [(f, low.plainText)]
        case .isOneOf(let f, let options): return options.sorted().first.map { [(f, $0)] } ?? []
        case .and(let parts): return parts.flatMap(satisfying)
        case .or(let parts): return parts.first.map(satisfying) ?? []
        default: return []
        }
    }

    /// Whether a value read is the one wanted: equal, within [low, high], within 10% of a number,
    /// or the same set of option ids.
    static func matches(_ got: FactValue?, _ want: Any) -> Bool {
        guard let got else { return false }
        let text = got.description
        // "None" of a `several` question is the empty list.
        if let list = want as? [Any], list.isEmpty { return got == .options([]) }
        // JSON numbers and booleans are both NSNumber here: a boolean's type code is "c".
        if let number = want as? NSNumber, String(cString: number.objCType) != "c", !(want is String) {
            return Double(text).map { abs($0 - number.doubleValue) <= 0.1 * abs(number.doubleValue) + 1e-9 } ?? false
        }
        if let range = want as? [Double], range.count == 2 {
            return Double(text).map { range[0] <= $0 && $0 <= range[1] } ?? false
        }
        if let ids = want as? [String] {
            let gotIDs = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "[" || $0 == "]" }).map(String.init)
            return gotIDs.sorted() == ids.sorted()
        }
        if let number = want as? Double, !(want is Bool) {
            return Double(text).map { abs($0 - number) <= 0.1 * abs(number) + 1e-9 } ?? false
        }
        return text == (want as? String)
    }
}
