/// One fact of the consultation as the summary shows it: the value in plain words, the
/// person's own words, and where it came from.
public struct ReportFact: Sendable, Equatable {
    /// Where a fact's value came from (the `Provenance` of the consultation, for the report).
    public enum Source: String, Sendable, Equatable {
        /// Typed as the answer to its own question.
        case answered
        /// Read from the opening description.
        case story
        /// Typed to correct what the description said.
        case correction
        /// Asked, but not answered: counts as "not sure".
        case notAnswered = "not_answered"
        /// Given for a question that was never asked: listed, never used.
        case notAsked = "not_asked"
    }

    public var id: String
    /// The question as it was asked (the rules' `ask:`).
    public var question: String
    /// The heading the fact is shown under: the question's `summary section:`, else its `section:`.
    public var section: String?
    public var value: FactValue
    /// The value in plain words: "6 hours", "one side", "not sure".
    public var shown: String
    /// Exactly what the person typed or said, unescaped: renderers make it safe for their format.
    public var words: String?
    public var source: Source

    /// A "no" typed as one word of the rules' for no ("no", "nope"): the summary lists these
    /// together, so the answers that matter stand out; any other words are shown in full.
    public var isPlainNo: Bool
}

/// Facts of one `section:` of the rules, in the order they were asked.
public struct ReportFactGroup: Sendable, Equatable {
    public var title: String
    public var facts: [ReportFact]

    /// The facts by their heading, in the order the headings first come; answers to questions
    /// never asked are left out, as they changed nothing.
    static func groups(_ facts: [ReportFact], otherFacts: String) -> [ReportFactGroup] {
        var groups: [ReportFactGroup] = []
        for fact in facts where fact.source != .notAsked {
            let title = fact.section ?? otherFacts
            if let g = groups.firstIndex(where: { $0.title == title }) { groups[g].facts.append(fact) }
            else { groups.append(ReportFactGroup(title: title, facts: [fact])) }
        }
        return groups
    }
}

extension ReportFact {
    /// Every fact with a value, in the rules' order, with the words it came from as the
    /// consultation recorded them. `values` may hold more than the consultation's: answers a
    /// script gave to questions never asked.
    static func facts(of consultation: Consultation, values: [FactValue?], headings: SummaryHeadings) -> [ReportFact] {
        let rules = consultation.rules
        let noWords = Set(rules.lexicon.noWords)
        var facts: [ReportFact] = []
        for (q, question) in rules.questions.enumerated() {
            guard q < values.count, let value = values[q] else { continue }
            let source: Source, words: String?
            switch consultation.provenance[q] {
            case .answered(let text)?: (source, words) = (.answered, text)
            case .story(let text)?: (source, words) = (.story, text)
            case .correction(let text)?: (source, words) = (.correction, text)
            case .notAnswered?: (source, words) = (.notAnswered, nil)
            case .notAsked(let text)?: (source, words) = (.notAsked, text)
            // Known to the script's run but not to the consultation: an answer never asked for.
            case nil: (source, words) = (.notAsked, nil)
            }
            // One word of the rules' for no ("no", "nope"): several words ("not usually") may
            // hold a nuance, and are shown as typed.
            let typed = words.map(normalised) ?? ""
            let plainNo = value == .no && source == .answered && !typed.contains(" ") && noWords.contains(typed)
            facts.append(ReportFact(id: question.id, question: question.ask, section: question.summarySection ?? question.section, value: value,
                                    shown: source == .notAnswered ? headings.noAnswer : shown(value, question: question),
                                    words: words, source: source, isPlainNo: plainNo))
        }
        return facts
    }

    private static func normalised(_ words: String) -> String {
        words.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            .trimming([".", "!", ","])
    }

    /// A value in plain words, from the rules: a number with its unit, an option by its first
    /// phrase (the words a person sees), "not sure" for unsure.
    static func shown(_ value: FactValue, question: Question) -> String {
        switch value {
        case .yes: return "yes"
        case .no: return "no"
        case .unsure: return SummaryHeadings.english.notSure
        case .number(let n):
            if case .number(let unit, _) = question.kind, !unit.isEmpty { return "\(n.plainText) \(unit)" }
            return n.plainText
        case .choice(let id):
            return option(id, of: question)
        case .options(let ids):
            return ids.isEmpty ? "none" : ids.map { option($0, of: question) }.joined(separator: ", ")
        }
    }

    private static func option(_ id: String, of question: Question) -> String {
        question.kind.options.first { $0.id == id }?.phrases.first ?? id.replacingAll("_", with: " ")
    }
}
