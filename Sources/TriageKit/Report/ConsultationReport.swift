/// Everything one consultation's ending and summaries show, in one value that every renderer
/// reads: the outcome with its texts from the rules, the facts with the person's own words and
/// where each came from, how the pattern was decided, what a scripted run adds (the questions
/// asked, the turns and prompts, what the story gave), the rules' identity and the date.
///
/// It holds no clock: the date comes in from whoever makes the report (the conversation's
/// start, a transcript's `started:` line), so the same consultation always gives the same report.
///
/// `run --format jsonl` makes one report per script, and most of them are only ever written
/// as a JSON line, which needs none of the facts' words, the criteria or the explanation. So
/// the report holds the consultation and its outcome as they are (references, not copies),
/// and works out those parts on first use, once (`ReportParts`).
public struct ConsultationReport: Sendable {
    /// The rules that decided the outcome, as transcripts record them.
    public struct RulesIdentity: Sendable, Equatable {
        public var name: String
        public var version: String
        public var sha256: String
    }

    public let date: String
    /// The program that made the report ("headache-triage 0.1.0").
    public let program: String
    /// The script or transcript it came from, when there is one ("chat" for a conversation's
    /// JSON ending, as its `file` has always said).
    public var file: String?
    /// The opening description, exactly as typed.
    public let story: String?
    /// Asked, but the script had no answer: counted as "not sure".
    public let unanswered: [String]
    /// Facts read from the story, with the words they were read from.
    public let storyFacts: [StoryFact]
    /// The prompts a person would have seen for these answers (`ScriptedResult.turns`).
    public let turns: Int
    /// The questions of each prompt after the story, in order: one id, or a screen's ids.
    public let prompts: [[String]]
    private let parts: ReportParts

    /// The report of a scripted run (`run`, `summary TRANSCRIPT`, a conversation's ending).
    public init(result: ScriptedResult, date: String, program: String) {
        self.date = date
        self.program = program
        file = result.file
        story = result.story.flatMap { $0.isEmpty ? nil : $0 }
        unanswered = result.unanswered
        storyFacts = result.storyFacts
        turns = result.turns
        prompts = result.prompts
        parts = ReportParts(consultation: result.consultation, outcome: result.outcome, values: result.facts)
    }

    /// The report of a live conversation from its consultation, the outcome shown, and the
    /// opening description as typed; it has no file, and what only a scripted run records (the
    /// turns, the prompts, the story's facts) is empty.
    public init(consultation: Consultation, outcome: Outcome, story: String?, date: String, program: String) {
        self.date = date
        self.program = program
        file = nil
        self.story = story.flatMap { $0.isEmpty ? nil : $0 }
        unanswered = []
        storyFacts = []
        turns = 0
        prompts = []
        parts = ReportParts(consultation: consultation, outcome: outcome, values: consultation.facts)
    }

    // MARK: What every ending shows

    public var outcome: Outcome { parts.outcome }
    /// The rule set that decided it, for the texts around the outcome.
    public var ruleSet: RuleSet { parts.consultation.rules }
    public var rules: RulesIdentity {
        let rules = parts.consultation.rules
        return RulesIdentity(name: rules.name, version: rules.version, sha256: rules.sha256)
    }
    /// The sentences said around the outcome, from the rules' `wording` block.
    public var wording: Wording { parts.consultation.rules.wording }
    /// Question ids in the order they were asked (facts from the story are not asked).
    public var asked: [String] { parts.consultation.asked }
    /// The triage's place among the levels: 0 is the most urgent.
    public var triageRank: Int {
        let id = parts.outcome.triage.id
        return parts.consultation.rules.levels.firstIndex { $0.id == id } ?? 0
    }
    public var levelCount: Int { parts.consultation.rules.levels.count }
    /// False when the conversation stopped before the pattern (an emergency, or a doctor to see
    /// today): then there is no pattern because none was looked for, not because none fits.
    public var patternAssessed: Bool { !parts.outcome.stoppedEarly && !parts.outcome.assessmentStopped }

    /// Each known fact's question id and value, in the rules' order: those of the consultation,
    /// and answers a script gave to questions never asked. The same facts as `facts`, without
    /// their words, for formats that show only values (a JSON line is written from these).
    public func forEachValue(_ body: (_ id: String, _ value: FactValue) -> Void) {
        let values = parts.values
        parts.consultation.rules.questions.withUnsafeBufferPointer { questions in
            // Read in place: copying each `Question` to read its id was a thirtieth of a JSON run.
            for q in 0..<min(values.count, questions.count) {
                if let value = values[q] { body(questions[q].id, value) }
            }
        }
    }

    // MARK: What summaries show, made on first use

    /// The summary's headings and labels, from the rules' wording.
    public var headings: SummaryHeadings { parts.headings }
    /// Every fact known at the end, in the rules' order, with the person's words.
    public var facts: [ReportFact] { parts.facts }
    /// The facts the summary shows, by the rules' `summary section:` or else `section:`, in the
    /// order the sections are first asked: all but answers a script gave to questions never
    /// asked, which changed nothing.
    public var groups: [ReportFactGroup] { parts.groups }
    /// The pattern found with each criterion met or not; nil when it was not assessed or, with
    /// rules that have no catch-all pattern, when none fits (`patternAssessed` tells which).
    public var pattern: ReportPattern? { parts.pattern }
    /// What to do if things get worse, from the flags that fired and the more urgent levels.
    public var safetyNets: [String] { parts.safetyNets }
    /// Why the therapy status applies: the parts of its condition that hold.
    public var therapyReasons: [String] { parts.therapyReasons }
    /// How each conclusion was reached, criterion by criterion: the outcome's own when it was
    /// made with one, else worked out from the same consultation.
    public var explanation: [ExplanationEntry] { parts.explanation }
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
