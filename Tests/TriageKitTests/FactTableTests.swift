import Testing
import TriageKit

/// clinical.md section 1: every fact is a question of the shipped rules, of the right kind,
/// and accepts its canonical answers and "not sure".
@Suite("Facts (clinical.md section 1)")
struct FactTableTests {
    @Test("each fact of the spec is a question of its kind", arguments: SpecFact.all)
    func factIsAQuestion(_ fact: SpecFact) throws {
        let rules = try FixtureRules.rules()
        let question = try #require(rules.question(fact.id), "the rules have no question '\(fact.id)'")
        switch (fact.kind, question.kind) {
        case (.yesNo, .yesNo):
            break
        case (.number(let specRange, let samples), .number(let unit, let range)):
            #expect(!unit.isEmpty, "a number question carries a unit")
            if let specRange { #expect(range == specRange) }
            for sample in samples { #expect(range.contains(sample), "test sample \(sample) outside \(range)") }
        case (.choice(let specOptions), .choice(let options)), (.several(let specOptions), .several(let options)):
            #expect(options.map(\.id) == specOptions)
        default:
            Issue.record("'\(fact.id)' is \(question.kind.name) in the rules")
        }
        #expect(!question.ask.isEmpty)
    }

    @Test("the safety screen is asked first")
    func safetyScreenFirst() throws {
        let rules = try FixtureRules.rules()
        let order = rules.questions.map(\.id)
        let lastSafety = SpecFact.all.filter(\.safetyScreen).compactMap { order.firstIndex(of: $0.id) }.max() ?? -1
        let firstOther = SpecFact.all.filter { !$0.safetyScreen }.compactMap { order.firstIndex(of: $0.id) }.min() ?? Int.max
        #expect(lastSafety < firstOther)
        // The emergency questions come at the very start.
        #expect(Array(order.prefix(4)) == ["sudden_onset", "worst_ever", "neuro_symptoms", "seizure"])
    }

    @Test("the contextual questions carry their context",
          arguments: ["stiff_neck", "temple_jaw", "aura_minutes", "aura_weakness", "painkiller_kind", "head_injury_danger",
                      "aura_features", "combined_pill", "pregnant"])
    func contextual(_ id: String) throws {
        let rules = try FixtureRules.rules()
        #expect(rules.question(id)?.context != nil, "'\(id)' has no 'only when:'")
    }

    @Test("every question accepts 'not sure' and its canonical answers", arguments: SpecFact.all)
    func canonicalAnswers(_ fact: SpecFact) throws {
        let rules = try FixtureRules.rules()
        let question = try #require(rules.question(fact.id))
        let reader = AnswerReader(lexicon: rules.lexicon)
        #expect(reader.read("not sure", for: question) == .value(.unsure))
        switch fact.kind {
        case .yesNo:
            #expect(reader.read("yes", for: question) == .value(.yes))
            #expect(reader.read("no", for: question) == .value(.no))
        case .number(_, let samples):
            for sample in samples { #expect(reader.read(sample.plainText, for: question) == .value(.number(sample))) }
        case .choice(let options):
            for option in options { #expect(reader.read(option, for: question) == .value(.choice(option))) }
        case .several(let options):
            #expect(reader.read("none", for: question) == .value(.options([])))
            for option in options { #expect(reader.read(option, for: question) == .value(.options([option]))) }
            #expect(reader.read(options.prefix(2).joined(separator: ", "), for: question) == .value(.options(options.prefix(2).sorted())))
        }
    }
}
