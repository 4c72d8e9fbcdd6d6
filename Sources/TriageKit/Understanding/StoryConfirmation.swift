/// What a person's reply to "I understood: 1. ..., 2. ... Is that right?" means.
public enum StoryConfirmationReading: Sendable, Equatable {
    /// "yes", "yeah", "yep, spot on", or just Enter.
    case keepAll
    /// "no": ask every question instead.
    case dropAll
    /// "the second one's wrong" (drop item 2, counted from 1), "no, it's the right side" (a
    /// correction, read from the reply as a story is read, with the words it came from).
    case change(drop: [Int], corrections: [StoryFact])
    /// Ask again, with an example.
    case notUnderstood
}

/// Reads the reply to the story's read-back: agreement, disagreement, which items are wrong,
/// and corrections in the person's own words.
///
/// Agreement and disagreement are the rules' yes and no words (with the leading answer first,
/// as for any question); the items are counted with the rules' number words ("second one",
/// "2nd", "2"); a correction is whatever the story reader reads from the reply.
public struct StoryConfirmationReader: Sendable {
    private let answers: AnswerReader
    private let stories: StoryReader
    private let shared: SharedWords
    private let quantities: QuantityReader

    /// Replies that agree without being a yes to a question ("all good"), thanks, and ordinals:
    /// the rules' `agreement words`, `thanks words` and `ordinal words`.
    private let agreement: Set<String>
    private let thanks: Set<String>
    private let ordinals: [String: Double]

    public init(rules: RuleSet) {
        agreement = Set(rules.lexicon.agreementWords)
        thanks = Set(rules.lexicon.thanksWords)
        ordinals = rules.lexicon.ordinalWords
        answers = AnswerReader(rules: rules)
        stories = StoryReader(rules: rules)
        shared = rules.sharedWords
        quantities = rules.quantityReader
    }

    public func read(_ text: String, facts: [StoryFact]) -> StoryConfirmationReading {
        // "one's" is "one is": the item is named before the 's.
        let words = Words(text)
        let tokens = words.tokens.map { token in
            guard token.hasSuffix("'s") else { return token }
            let stem = String(token.dropLast(2))
            return ordinal(stem) != nil || quantities.number(at: 0, in: [stem]) != nil ? stem : token
        }
        // Enter alone keeps it all; a reply of only punctuation ("?") is asked again.
        guard !tokens.isEmpty else { return text.allSatisfy(\.isWhitespace) ? .keepAll : .notUnderstood }
        let plain = tokens.joined(separator: " ")
        let withoutThanks = dropThanks(tokens)
        let trimmed = withoutThanks.joined(separator: " ")
        if agreement.contains(plain) || agreement.contains(trimmed) || shared.exactYes.contains(trimmed) { return .keepAll }
        // "yep, that's right": a yes and then agreement keeps it all; the "right" is not the right side.
        let afterYes = withoutThanks.drop(while: { shared.exactYes.contains($0) })
        if afterYes.count < withoutThanks.count, agreement.contains(afterYes.joined(separator: " ")) { return .keepAll }

        let items = itemNumbers(tokens, count: facts.count)
        let found = shared.find(in: words)
        let lead = answers.leadingAnswer(found, words)
        let wholeNo = shared.exactNo.contains(trimmed)

        // Corrections: what the reply itself says about a fact, where it differs from what was shown
        // or adds to it ("yes, and I'm 35").
        let shown = Dictionary(facts.map { ($0.questionID, $0.value) }, uniquingKeysWith: { a, _ in a })
        let read = stories.read(text)
        let corrections = read.filter { shown[$0.questionID] != $0.value }
        // "No, it's the right side" when "one side" was shown: the same value, said better.
        let restated = read.filter { shown[$0.questionID] == $0.value }

        if !items.isEmpty || !corrections.isEmpty {
            // A corrected fact is replaced, not dropped; an item number in a reply that also says what is
            // right ("2 is wrong, it's the right side") drops the item whose fact is not corrected.
            let corrected = Set(corrections.map(\.questionID))
            let drop = items.filter { !corrected.contains(facts[$0 - 1].questionID) }
            return .change(drop: drop, corrections: corrections)
        }
        if lead?.value == .no, !restated.isEmpty { return .change(drop: [], corrections: restated) }
        if wholeNo || lead?.value == .no { return .dropAll }
        if lead?.value == .yes { return .keepAll }
        if let first = tokens.first, agreement.contains(first), words.boundaries.first?.before == 1 { return .keepAll }
        return .notUnderstood
    }

    /// "Thanks" at the end of a reply changes nothing.
    /// The reply without the thanks at its end ("yes thanks", "all good, thank you").
    private func dropThanks(_ tokens: [String]) -> [String] {
        var t = tokens
        while let last = t.last {
            if thanks.contains(last) { t.removeLast(); continue }
            if t.count >= 2, thanks.contains(t.suffix(2).joined(separator: " ")) { t.removeLast(2); continue }
            break
        }
        return t
    }

    /// The item numbers a reply names: "2", "the second one", "2nd", "1 and 3". A number with a unit
    /// after it ("2 hours") or an age before it ("I'm 2") is an amount, not an item.
    private func itemNumbers(_ t: [String], count: Int) -> [Int] {
        var items: [Int] = []
        var i = 0
        while i < t.count {
            var value: Double?, length = 1
            if let ordinal = ordinal(t[i]) {
                value = ordinal
                // "the second one": the "one" is the item, not item 1.
                if i + 1 < t.count, t[i + 1] == "one" { length = 2 }
            } else if let (n, l) = quantities.number(at: i, in: t) {
                (value, length) = (n, l)
            }
            defer { i += length }
            guard let value, value == value.rounded(), value >= 1, value <= Double(count) else { continue }
            let next = i + length
            if next < t.count, quantities.hours(ofUnit: t[next]) != nil || ["times", "a", "per", "out", "years", "year"].contains(t[next]) { continue }
            if i > 0, ["i'm", "im", "am", "aged", "about", "around", "maybe", "like"].contains(t[i - 1]) { continue }
            if !items.contains(Int(value)) { items.append(Int(value)) }
        }
        return items
    }

    /// "2nd", "3rd", "second" (a unit of time elsewhere, an item here), "third".
    private func ordinal(_ word: String) -> Double? { ordinals[word] }
}
