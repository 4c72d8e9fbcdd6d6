// libFuzzer target: free-text understanding. The input is one line a person might type; it is
// read as the answer to every question of the shipped rules, and as the opening story.
// Run with `Fuzz/run.sh understanding SECONDS`.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func understandingFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let rules = FuzzSupport.defaultRules
    // The reader the program uses (built from the rules, with the red-flag hedging), for every
    // question; and the lexicon-only reader for one question picked by the input.
    let byLexicon = rules.questions[size % rules.questions.count]
    let readings = rules.questions.map { (FuzzSupport.reader.read(text, for: $0), $0) }
        + [(AnswerReader(lexicon: rules.lexicon).read(text, for: byLexicon), byLexicon)]
    for (reading, question) in readings {
        switch reading {
        case .value(let value):
            switch (value, question.kind) {
            case (.number(let n), .number(_, let range)):
                FuzzSupport.require(n.isFinite && range.contains(n), "\(question.id): \(n) accepted outside \(range)")
            case (.choice(let id), .choice(let options)):
                FuzzSupport.require(options.contains { $0.id == id }, "\(question.id): unknown option '\(id)'")
            case (.options(let ids), .several(let options)):
                FuzzSupport.require(ids.allSatisfy { id in options.contains { $0.id == id } }, "\(question.id): unknown option in \(ids)")
                FuzzSupport.require(ids == Array(Set(ids)).sorted(), "\(question.id): options not sorted or repeated: \(ids)")
            case (.yes, .yesNo), (.no, .yesNo), (.unsure, _):
                break
            default:
                FuzzSupport.require(false, "\(question.id): value \(value) does not fit a \(question.kind.name) question")
            }
        case .outOfRange(_, let range):
            if case .number(_, let expected) = question.kind { FuzzSupport.require(range == expected, "\(question.id): wrong range") }
        case .notUnderstood(let hint):
            FuzzSupport.require(!hint.isEmpty, "\(question.id): empty hint")
        }
    }
    let facts = FuzzSupport.storyReader.read(text)
    var seen = Set<String>()
    for fact in facts {
        FuzzSupport.require(rules.question(fact.questionID) != nil, "story fact for unknown question \(fact.questionID)")
        FuzzSupport.require(seen.insert(fact.questionID).inserted, "two story facts for \(fact.questionID)")
    }
    return 0
}
