/// Everything a summary of one consultation shows, in one value that every renderer reads:
/// the outcome with its texts from the rules, the facts with the person's own words and where
/// each came from, how the pattern was decided, the rules' identity and the date.
///
/// It holds no clock: the date comes in from whoever makes the report (the conversation's
/// start, a transcript's `started:` line), so the same consultation always gives the same report.
public struct ConsultationReport: Sendable {
    /// The rules that decided the outcome, as transcripts record them.
    public struct RulesIdentity: Sendable, Equatable {
        public var name: String
        public var version: String
        public var sha256: String
    }

    /// The summary's headings and labels, from the rules' wording.
    public var headings: SummaryHeadings
    public var date: String
    /// The program that made the report ("headache-triage 0.1.0").
    public var program: String
    public var rules: RulesIdentity
    /// The script or transcript it came from, when there is one.
    public var file: String?
    public var outcome: Outcome
    /// The triage's place among the levels: 0 is the most urgent.
    public var triageRank: Int
    public var levelCount: Int
    /// The opening description, exactly as typed.
    public var story: String?
    /// Every fact known at the end, in the rules' order.
    public var facts: [ReportFact]
    /// The facts the summary shows, by the rules' `summary section:` or else `section:`, in the
    /// order the sections are first asked: all but answers a script gave to questions never
    /// asked, which changed nothing.
    public var groups: [ReportFactGroup]
    /// The pattern found with each criterion met or not; nil when it was not assessed or, with
    /// rules that have no catch-all pattern, when none fits (`patternAssessed` tells which).
    public var pattern: ReportPattern?
    /// False when the conversation stopped before the pattern (an emergency, or a doctor to see
    /// today): then there is no pattern because none was looked for, not because none fits.
    public var patternAssessed: Bool { !outcome.stoppedEarly && !outcome.assessmentStopped }
    /// What to do if things get worse, from the flags that fired and the more urgent levels.
    public var safetyNets: [String]
    /// Why the therapy status applies: the parts of its condition that hold.
    public var therapyReasons: [String]

    /// The report of a scripted run (`run`, `summary TRANSCRIPT`).
    public init(result: ScriptedResult, date: String, program: String) {
        self.init(consultation: result.consultation, outcome: result.outcome, story: result.story,
                  facts: result.facts, date: date, program: program, file: result.file)
    }

    /// The report of a live conversation at its end: its consultation, the outcome shown, and
    /// the opening description as typed.
    public init(consultation: Consultation, outcome: Outcome, story: String?, date: String, program: String) {
        self.init(consultation: consultation, outcome: outcome, story: story, facts: consultation.facts,
                  date: date, program: program, file: nil)
    }

    /// `facts` may hold more than the consultation's: answers a script gave to questions never asked.
    init(consultation: Consultation, outcome: Outcome, story: String?, facts: [FactValue?], date: String,
         program: String, file: String?) {
        let rules = consultation.rules
        headings = SummaryHeadings(rules.wording)
        self.date = date
        self.program = program
        self.rules = RulesIdentity(name: rules.name, version: rules.version, sha256: rules.sha256)
        self.file = file
        self.outcome = outcome
        triageRank = rules.levels.firstIndex { $0.id == outcome.triage.id } ?? 0
        levelCount = rules.levels.count
        self.story = story.flatMap { $0.isEmpty ? nil : $0 }
        let facts = Self.facts(consultation, values: facts)
        self.facts = facts
        groups = Self.groups(facts, headings)
        safetyNets = TextReport.safetyNets(outcome, rules: rules)
        // How the pattern and the therapy status were reached is in the explanation, which the
        // outcome carries only when asked for: asked here, from the same consultation.
        let explanation = outcome.explanation.isEmpty ? consultation.outcome(explained: true).explanation : outcome.explanation
        pattern = ReportPattern(outcome: outcome, explanation: explanation, rules: rules, values: consultation.facts)
        therapyReasons = TherapyReasons(rules: rules, outcome: outcome, facts: facts).reasons(explanation)
    }

    private static func facts(_ consultation: Consultation, values: [FactValue?]) -> [ReportFact] {
        let rules = consultation.rules
        let noWords = Set(rules.lexicon.noWords)
        var facts: [ReportFact] = []
        for (q, question) in rules.questions.enumerated() {
            guard q < values.count, let value = values[q] else { continue }
            let source: ReportFact.Source, words: String?
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
            let typed = words.map(Self.normalised) ?? ""
            let plainNo = value == .no && source == .answered && !typed.contains(" ") && noWords.contains(typed)
            facts.append(ReportFact(id: question.id, question: question.ask, section: question.summarySection ?? question.section, value: value,
                                    shown: source == .notAnswered ? SummaryHeadings(consultation.rules.wording).noAnswer : ReportFact.shown(value, question: question),
                                    words: words, source: source, isPlainNo: plainNo))
        }
        return facts
    }

    private static func normalised(_ words: String) -> String {
        words.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            .trimming([".", "!", ","])
    }

    private static func groups(_ facts: [ReportFact], _ headings: SummaryHeadings) -> [ReportFactGroup] {
        var groups: [ReportFactGroup] = []
        for fact in facts where fact.source != .notAsked {
            let title = fact.section ?? headings.otherFacts
            if let g = groups.firstIndex(where: { $0.title == title }) { groups[g].facts.append(fact) }
            else { groups.append(ReportFactGroup(title: title, facts: [fact])) }
        }
        return groups
    }

}

extension StringProtocol {
    /// Without the given characters at either end (Foundation-free, like the rest of the library).
    func trimming(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
