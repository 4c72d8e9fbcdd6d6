/// A fact read from the opening description, with the words it came from.
public struct StoryFact: Sendable, Equatable {
    public var questionID: String
    public var value: FactValue
    public var evidence: String
}

/// Reads facts from a free-text description of the headache, only where confident:
/// a question's own words or an option's phrases, with negation; never global yes/no words,
/// never a fact whose evidence points both ways.
public struct StoryReader: Sendable {
    let rules: RuleSet
    private let shared: SharedWords
    /// Every yes phrase of a yes/no question and every option phrase, at least three letters long
    /// (shorter ones are too easily found by chance), found in a story in one pass.
    private var matcher = PhraseMatcher<Source>()

    /// Amounts: age, how long, how often, how long one lasts.
    private let numbers: StoryNumbers

    /// Where a story phrase comes from: its question, its option (nil for a yes or no word), and its
    /// place in the rules' list.
    private struct Source: Sendable {
        let question: Int
        let option: Int?
        let phrase: Int
        /// A no word of the question ("sound doesn't bother me").
        var no = false
        /// A no word of a warning sign's question, which counts only beside the question's subject.
        var anchored = false
    }

    /// For a warning sign's question: the words that name its subject ("pressure" for high blood
    /// pressure), found in both its `ask:` and its yes words and in no other question's `ask:`. Its
    /// no words count in a story only in a sentence that names the subject too: "which is well
    /// controlled" says no about blood pressure, "it's fine" on its own says nothing.
    private var subjects: [Int: Set<String>] = [:]
    /// The questions a red flag reads.
    private var warningSign: Set<Int> = []

    public init(rules: RuleSet) {
        self.rules = rules
        shared = rules.sharedWords
        numbers = StoryNumbers(rules: rules)
        // Each question's `ask:` words, split once (for the warning signs' subjects).
        let askWords = rules.questions.map { Set(Words($0.ask).tokens) }
        var asking: [String: Int] = [:]
        for words in askWords { for word in words { asking[word, default: 0] += 1 } }
        for (q, question) in rules.questions.enumerated() {
            let readByFlag = rules.roots.readers[q].contains { if case .flag = $0 { return true } else { return false } }
            if readByFlag { warningSign.insert(q) }
            switch question.kind {
            case .yesNo:
                for (i, phrase) in Phrase.list(question.yesWords).enumerated() where phrase.text.count >= 3 {
                    matcher.add(phrase, Source(question: q, option: nil, phrase: i))
                }
                // A warning sign's no words fill it from a story only beside its subject: it is
                // asked about unless the story says plainly how it is.
                if readByFlag {
                    subjects[q] = Self.subject(of: q, rules, askWords: askWords, asking: asking)
                    guard subjects[q]?.isEmpty == false else { continue }
                }
                for (i, phrase) in Phrase.list(question.noWords, negative: true).enumerated() where phrase.text.count >= 3 {
                    matcher.add(phrase, Source(question: q, option: nil, phrase: 10_000 + i, no: true, anchored: readByFlag))
                }
            case .choice(let options), .several(let options):
                for (o, option) in options.enumerated() {
                    for (i, phrase) in QuestionWords.phrases(of: option).enumerated() where phrase.text.count >= 3 {
                        matcher.add(phrase, Source(question: q, option: o, phrase: i))
                    }
                }
            case .number:
                continue // Amounts in a story are too easily misread ("2 kids", "for 3 days"): ask instead.
            }
        }
    }

    public func read(_ story: String) -> [StoryFact] {
        let words = Words(story)
        guard !words.isEmpty else { return [] }
        // In the rules' order: by question, then option, then phrase, then place in the story.
        // A word inside another question's longer phrase is part of it ("tight" in "neck and
        // shoulders are always tight" says nothing about the headache's quality, "combined" in
        // "I'm on the combined pill" nothing about painkillers). A warning sign's words are kept
        // unless what holds them is another warning sign's: they are never lost to a phrase
        // that raises no flag.
        let all = matcher.matches(in: words)
        let found = all.filter { match in
            !all.contains { other in
                other.tag.question != match.tag.question && other.range.count > match.range.count
                    && (!warningSign.contains(match.tag.question) || warningSign.contains(other.tag.question))
                    && other.range.lowerBound <= match.range.lowerBound && match.range.upperBound <= other.range.upperBound
            }
        }.sorted { a, b in
            (a.tag.question, a.tag.option ?? -1, a.tag.phrase, a.range.lowerBound)
                < (b.tag.question, b.tag.option ?? -1, b.tag.phrase, b.range.lowerBound)
        }
        let negation = shared.find(in: words).negation
        var facts: [StoryFact] = []
        var start = 0
        while start < found.count {
            let q = found[start].tag.question
            var end = start
            while end < found.count, found[end].tag.question == q { end += 1 }
            if let fact = fact(rules.questions[q], found[start..<end], words, negation) { facts.append(fact) }
            start = end
        }
        let amounts = numbers.read(words, named: found.map { ($0.tag.question, $0.range) })
        for amount in amounts {
            facts.append(StoryFact(questionID: rules.questions[amount.question].id, value: .number(amount.value), evidence: amount.evidence))
        }
        facts += implied(by: facts)
        // In the rules' order, as the questions would be asked. The closure holds the rules
        // alone: holding `self` copied the whole reader at every comparison.
        let rules = self.rules
        return facts.sorted { (rules.questionIndex(of: $0.questionID) ?? 0) < (rules.questionIndex(of: $1.questionID) ?? 0) }
    }

    /// Yes answers the story's facts settle (`story says yes when:`), with the words of the facts
    /// they follow from, worked out by the engine from those facts alone.
    private func implied(by facts: [StoryFact]) -> [StoryFact] {
        let roots = rules.compiled.roots.storySaysYes
        guard !facts.isEmpty, roots.contains(where: { $0 != nil }) else { return [] }
        let evaluator = Evaluator(live: rules.compiled)
        var evidence: [Int: String] = [:]
        for fact in facts {
            guard let q = rules.questionIndex(of: fact.questionID) else { continue }
            evaluator.update(fact: q, to: fact.value)
            evidence[q] = fact.evidence
        }
        var result: [StoryFact] = []
        for (q, root) in roots.enumerated() {
            guard let root, evidence[q] == nil, evaluator.eval(node: root) == .yes,
                  let condition = rules.questions[q].storySaysYesWhen else { continue }
            var from: [String] = []
            condition.visit { c in
                switch c {
                case .isYes(let f), .isUnsure(let f), .compare(let f, _, _), .between(let f, _, _), .isOneOf(let f, _), .hasAny(let f, _):
                    if let words = evidence[f], !from.contains(words) { from.append(words) }
                default: break
                }
            }
            result.append(StoryFact(questionID: rules.questions[q].id, value: .yes, evidence: from.joined(separator: "; ")))
        }
        return result
    }

    /// The fact one question's phrases in the story give, if they agree.
    private func fact(_ question: Question, _ found: ArraySlice<PhraseMatcher<Source>.Match>, _ words: Words,
                      _ negation: Negation) -> StoryFact? {
        switch question.kind {
        case .yesNo:
            var values = Set<FactValue>()
            var evidence: [String] = []
            for match in found {
                // A no phrase is undone only by a denial right before it ("not the same as always").
                let negated = match.tag.no ? negation.isDeniedRightBefore(match.range) : negation.isNegated(match.range)
                // A no word inside a longer yes word ("keep still" in "can't keep still") is part of the yes.
                if match.tag.no, found.contains(where: { !$0.tag.no && $0.range.count > match.range.count && $0.range.overlaps(match.range) }) { continue }
                if match.tag.no {
                    // "Not the same as always" says nothing either way.
                    guard !negated else { continue }
                    if match.tag.anchored, !namesSubject(question, around: match.range, words) { continue }
                    values.insert(.no)
                    evidence.append(excerpt(words, match.range, negated: false))
                    continue
                }
                values.insert(negated ? .no : .yes)
                evidence.append(excerpt(words, match.range, negated: negated))
            }
            guard values.count == 1, let value = values.first else { return nil }
            // "Need a dark room" once, not again as "dark room".
            let shown = evidence.enumerated().filter { i, words in
                !evidence.enumerated().contains { j, other in j != i && other.contains(words) && (other != words || j < i) }
            }.map(\.element)
            return StoryFact(questionID: question.id, value: value, evidence: shown.joined(separator: "; "))
        case .choice(let options):
            // Each phrase counts where it first stands un-negated; the longest phrase found for
            // each option is the evidence shown back.
            var evidenceByOption: [Int: String] = [:]
            var counted: (option: Int, phrase: Int)?
            for match in found {
                guard let option = match.tag.option else { continue }
                // "Bad" inside "really bad" is part of the longer phrase.
                if found.contains(where: { $0.tag.option != nil && $0.tag.option != option && $0.range.count > match.range.count
                    && $0.range.lowerBound <= match.range.lowerBound && match.range.upperBound <= $0.range.upperBound }) { continue }
                if let counted, counted == (option, match.tag.phrase) { continue }
                guard !negation.isNegated(match.range) else { continue }
                counted = (option, match.tag.phrase)
                let evidence = words.tokens[match.range].joined(separator: " ")
                if evidence.count > (evidenceByOption[option]?.count ?? 0) { evidenceByOption[option] = evidence }
            }
            // "Ibuprofen or co-codamol": two options named where the rules say what that means.
            if evidenceByOption.count > 1, let several = question.severalOption,
               let index = options.firstIndex(where: { $0.id == several }) {
                let evidence = evidenceByOption.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ")
                return StoryFact(questionID: question.id, value: .choice(options[index].id), evidence: evidence)
            }
            if evidenceByOption.count > 1, let first = firstClauseOption(found, words, negation) {
                // "Both sides, a bit more on the left": what is said first, before any punctuation, is the answer.
                evidenceByOption = evidenceByOption.filter { $0.key == first }
            }
            guard evidenceByOption.count == 1, let (option, evidence) = evidenceByOption.first else { return nil }
            return StoryFact(questionID: question.id, value: .choice(options[option].id), evidence: evidence)
        case .several(let options):
            // Every option named un-negated; one not named is left open, to be asked.
            var evidenceByOption: [Int: String] = [:]
            for match in found {
                guard let option = match.tag.option, !negation.isNegated(match.range) else { continue }
                let evidence = words.tokens[match.range].joined(separator: " ")
                if evidence.count > (evidenceByOption[option]?.count ?? 0) { evidenceByOption[option] = evidence }
            }
            guard !evidenceByOption.isEmpty else { return nil }
            let named = evidenceByOption.keys.sorted()
            return StoryFact(questionID: question.id, value: .options(named.map { options[$0].id }.sorted()),
                             evidence: named.compactMap { evidenceByOption[$0] }.joined(separator: "; "))
        case .number:
            return nil
        }
    }

    /// A warning sign's subject: see `subjects`. `askWords` holds each question's `ask:` words,
    /// and `asking` how many questions' `ask:` has each word.
    private static func subject(of q: Int, _ rules: RuleSet, askWords: [Set<String>], asking: [String: Int]) -> Set<String> {
        let yesWords = Words(rules.questions[q].yesWords.joined(separator: ", ")).tokens
        return askWords[q].intersection(yesWords).filter { $0.count >= 5 && $0.allSatisfy(\.isLetter) && asking[$0] == 1 }
    }

    /// Whether the sentence around a no word names its question's subject outside the no word.
    private func namesSubject(_ question: Question, around r: Range<Int>, _ words: Words) -> Bool {
        guard let q = rules.questionIndex(of: question.id), let subject = subjects[q] else { return false }
        let start = words.boundaries.last { $0.strong && $0.before <= r.lowerBound }?.before ?? 0
        let end = words.boundaries.first { $0.strong && $0.before > r.lowerBound }?.before ?? words.tokens.count
        return (start..<end).contains { !r.contains($0) && subject.contains(words.tokens[$0]) }
    }

    /// The one option named in the first clause (up to punctuation) that names any, if only one is.
    private func firstClauseOption(_ found: ArraySlice<PhraseMatcher<Source>.Match>, _ words: Words, _ negation: Negation) -> Int? {
        let named = found.filter { $0.tag.option != nil && !negation.isNegated($0.range) }
        guard let earliest = named.map(\.range.lowerBound).min() else { return nil }
        let clauseStart = words.boundaries.last { $0.before <= earliest }?.before ?? 0
        guard let clauseEnd = words.boundaries.first(where: { $0.before > earliest })?.before else { return nil }
        let options = Set(named.filter { $0.range.lowerBound >= clauseStart && $0.range.upperBound <= clauseEnd }.compactMap(\.tag.option))
        return options.count == 1 ? options.first : nil
    }

    private func excerpt(_ words: Words, _ r: Range<Int>, negated: Bool) -> String {
        let start = negated ? max(0, r.lowerBound - Negation.window) : r.lowerBound
        return words.tokens[start..<r.upperBound].joined(separator: " ")
    }
}
