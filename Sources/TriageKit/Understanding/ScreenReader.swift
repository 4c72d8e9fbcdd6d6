/// What an answer to a screen (several yes/no questions asked together) was understood as.
public enum ScreenReading: Sendable, Equatable {
    /// One value per question of the screen, in its order.
    case values([FactValue])
    /// A bare "yes", or a doubt about the whole list: go through the questions one by one.
    case askEach
    /// Not understood: show the screen again with this hint. Never guessed.
    case notUnderstood(String)
}

/// Understands an answer to a screen: "none", the numbers of the lines that apply ("2 and 4"),
/// their words ("the fever one", each question's own yes words), and "not sure about 3". Lines
/// not named are no once the answer names any line; a line named in a doubt is "not sure", one
/// named after a negation ("no fever") is no.
public struct ScreenReader: Sendable {
    private let rules: RuleSet
    private let shared: SharedWords

    public init(rules: RuleSet) {
        self.rules = rules
        shared = rules.sharedWords
    }

    public func read(_ text: String, questions: [Question]) -> ScreenReading {
        let whole = Words(text)
        guard !whole.isEmpty else { return .notUnderstood(hint(count: questions.count)) }
        // Each line's own words, found by line number.
        var matcher = PhraseMatcher<Int>()
        for (i, question) in questions.enumerated() {
            for phrase in Phrase.list(question.yesWords) where phrase.text.count >= 3 { matcher.add(phrase, i) }
        }
        // Clauses end at punctuation: "2, not sure about 3" says two things.
        var values = [FactValue?](repeating: nil, count: questions.count)
        // Without a line named, the leading answer is the answer ("no, same as always": the
        // rest is detail), as for a single question.
        var leading: (no: Bool, unsure: Bool, yes: Bool)?
        for clause in text.split(whereSeparator: { ",;.".contains($0) }) {
            let words = Words(String(clause))
            guard !words.isEmpty else { continue }
            let found = shared.find(in: words)
            let negation = found.negation
            let unsure = found.contains(.unsure) || clause.contains("?")
            var named: [(line: Int, range: Range<Int>)] = []
            for (position, token) in words.tokens.enumerated() {
                if let n = Int(token), (1...questions.count).contains(n) { named.append((n - 1, position..<(position + 1))) }
            }
            for match in matcher.matches(in: words) { named.append((match.tag, match.range)) }
            for (line, range) in named {
                let value: FactValue = unsure ? .unsure : negation.isNegated(range) ? .no : .yes
                values[line] = Self.moreAlarming(values[line], value)
            }
            if leading == nil, named.isEmpty, found.contains(.no) || found.contains(.yes) || unsure {
                leading = (found.contains(.no) && !unsure, unsure, found.contains(.yes) && !found.contains(.no))
            }
        }
        if values.contains(where: { $0 != nil }) {
            // The lines not named are no: the person went through the list.
            return .values(values.map { $0 ?? .no })
        }
        guard let leading else { return .notUnderstood(hint(count: questions.count)) }
        // A doubt, or a bare yes without saying which: one line at a time.
        if leading.unsure || leading.yes { return .askEach }
        return leading.no ? .values(Array(repeating: .no, count: questions.count)) : .notUnderstood(hint(count: questions.count))
    }

    /// Two readings of one line: a sign named both ways is taken seriously.
    private static func moreAlarming(_ a: FactValue?, _ b: FactValue) -> FactValue {
        guard let a else { return b }
        if a == .yes || b == .yes { return .yes }
        if a == .unsure || b == .unsure { return .unsure }
        return .no
    }

    public func hint(count: Int) -> String {
        rules.wording(.screenAnswerHint, ["example": String(min(count, 4))])
    }
}
