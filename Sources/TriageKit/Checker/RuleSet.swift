/// A checked rule set, ready for the engine: every name resolved to an index.
///
/// Only the checker makes one, and nothing changes it afterwards: the conditions compiled for
/// the engine are worked out from these parts once, so a part changed later would leave them
/// out of date. The parts are held in one shared, immutable object, because a rule set is
/// copied into every consultation (and every outcome and report), and copying two dozen
/// arrays, dictionaries and strings one by one cost more than some of the work done with them.
public struct RuleSet: Sendable {
    public var name: String { parts.name }
    public var version: String { parts.version }
    /// Fingerprint of the source files, so a transcript records exactly which rules decided it.
    public var sha256: String { parts.sha256 }
    public var questions: [Question] { parts.questions }
    public var definitions: [Definition] { parts.definitions }
    public var levels: [Level] { parts.levels }
    public var flags: [RedFlag] { parts.flags }
    public var patterns: [Pattern] { parts.patterns }
    public var contributors: [Contributor] { parts.contributors }
    public var statuses: [TherapyStatus] { parts.statuses }
    public var focusAreas: [FocusArea] { parts.focusAreas }
    public var advice: [Advice] { parts.advice }
    public var lexicon: Lexicon { parts.lexicon }
    public var screens: [Screen] { parts.screens }
    /// The sentences said around the clinical content (`wording` block).
    public var wording: Wording { parts.wording }

    /// The screen a question is asked in, if any, by question index.
    public func screen(ofQuestionAt q: Int) -> Int? { parts.screenOfQuestion[q] }

    public func question(_ id: String) -> Question? {
        parts.questionIndex[id].map { parts.questions[$0] }
    }

    public func questionIndex(of id: String) -> Int? { parts.questionIndex[id] }
    func flagIndex(of id: String) -> Int? { parts.flagIndex[id] }

    var questionIndex: [String: Int] { parts.questionIndex }
    /// The conditions compiled for the evaluator, with everything else it reads, in one shared
    /// object: an evaluator holds this one reference instead of a copy of the whole rule set.
    var compiled: CompiledConditions { parts.compiled }
    var graph: ConditionGraph { compiled.graph }
    var roots: ConditionRoots { compiled.roots }

    /// The yes, no and not-sure words prepared for matching, made once for all the readers of
    /// these rules: the answer reader, the story reader and the screens' reader each made their
    /// own, a tenth of a one-script run.
    var sharedWords: SharedWords { parts.sharedWords.get { SharedWords(lexicon: lexicon) } }
    /// The words of amounts ("twice", "a fortnight") prepared once, for the same reason.
    var quantityReader: QuantityReader { parts.quantityReader.get { QuantityReader(lexicon: lexicon) } }

    private let parts: Parts

    init(name: String, version: String, sha256: String, questions: [Question], definitions: [Definition],
         levels: [Level], flags: [RedFlag], patterns: [Pattern], contributors: [Contributor],
         statuses: [TherapyStatus], focusAreas: [FocusArea], advice: [Advice], lexicon: Lexicon, screens: [Screen] = [],
         wording: Wording = Wording()) {
        parts = Parts(name: name, version: version, sha256: sha256, questions: questions, definitions: definitions,
                      levels: levels, flags: flags, patterns: patterns, contributors: contributors, statuses: statuses,
                      focusAreas: focusAreas, advice: advice, lexicon: lexicon, screens: screens, wording: wording)
    }

    /// Everything a rule set holds, immutable.
    private final class Parts: Sendable {
        let name: String
        let version: String
        let sha256: String
        let questions: [Question]
        let definitions: [Definition]
        let levels: [Level]
        let flags: [RedFlag]
        let patterns: [Pattern]
        let contributors: [Contributor]
        let statuses: [TherapyStatus]
        let focusAreas: [FocusArea]
        let advice: [Advice]
        let lexicon: Lexicon
        let screens: [Screen]
        let screenOfQuestion: [Int?]
        let wording: Wording
        let questionIndex: [String: Int]
        let flagIndex: [String: Int]
        let compiled: CompiledConditions
        let sharedWords = MadeOnce<SharedWords>()
        let quantityReader = MadeOnce<QuantityReader>()

        init(name: String, version: String, sha256: String, questions: [Question], definitions: [Definition],
             levels: [Level], flags: [RedFlag], patterns: [Pattern], contributors: [Contributor],
             statuses: [TherapyStatus], focusAreas: [FocusArea], advice: [Advice], lexicon: Lexicon, screens: [Screen],
             wording: Wording) {
            self.name = name
            self.version = version
            self.sha256 = sha256
            self.questions = questions
            self.definitions = definitions
            self.levels = levels
            self.flags = flags
            self.patterns = patterns
            self.contributors = contributors
            self.statuses = statuses
            self.focusAreas = focusAreas
            self.advice = advice
            self.lexicon = lexicon
            self.screens = screens
            self.wording = wording
            var screenOf = [Int?](repeating: nil, count: questions.count)
            for (s, screen) in screens.enumerated() { for item in screen.items { screenOf[item.question] = s } }
            screenOfQuestion = screenOf
            var questionIndex: [String: Int] = [:]
            for (i, q) in questions.enumerated() { questionIndex[q.id] = i }
            self.questionIndex = questionIndex
            flagIndex = Dictionary(flags.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            compiled = CompiledConditions(.init(questions: questions, definitions: definitions, levels: levels, flags: flags,
                                                patterns: patterns, contributors: contributors, statuses: statuses,
                                                focusAreas: focusAreas, advice: advice))
        }
    }
}

/// What kind of answer a question takes.
public enum AnswerKind: Sendable, Equatable {
    case yesNo
    case number(unit: String, range: ClosedRange<Double>)
    case choice([ChoiceOption])
    /// Any set of these options, "none" being the empty set.
    case several([ChoiceOption])

    public var name: String {
        switch self {
        case .yesNo: return "yes/no"
        case .number: return "number"
        case .choice: return "choice"
        case .several: return "several"
        }
    }

    /// The options of a choice or several question; empty for the others.
    public var options: [ChoiceOption] {
        switch self {
        case .choice(let options), .several(let options): return options
        case .yesNo, .number: return []
        }
    }
}

/// One option of a choice question, with the phrases that mean it.
public struct ChoiceOption: Sendable, Equatable {
    public var id: String
    public var phrases: [String]
}

/// A question the engine may ask; its id is also the fact's id.
public struct Question: Sendable {
    public var id: String
    public var ask: String
    public var help: String?
    public var section: String?
    public var kind: AnswerKind
    public var yesWords: [String]
    public var noWords: [String]
    /// Exact phrases and what they mean ("every day" = 30).
    public var phrases: [(phrase: String, value: FactValue)]
    /// Asked only when this is true or still unknown.
    public var context: Condition?
    /// Other words for the question when this holds ("ask instead when:"), so the question
    /// fits what is known already ("how many headaches" for a headache that never stops).
    public var askInstead: (when: Condition, ask: String)?
    /// The option an answer naming several different options means ("ibuprofen and a triptan").
    public var severalOption: String?
    public var location: SourceLocation
    /// The heading the answer is shown under in the summary for a doctor (`summary section:`),
    /// when it is not the question's `section:` (a medicine asked among the safety questions).
    public var summarySection: String? = nil
    /// For yes/no questions: when facts a story gave make this true, the story answers yes
    /// (`story says yes when: months < 3`: a headache that began six weeks ago is a new one).
    public var storySaysYesWhen: Condition? = nil
}

/// Yes/no questions asked together in one turn: a lead-in and one line per question. Each
/// question keeps its own id and answer; only those still open are shown.
public struct Screen: Sendable {
    public struct Item: Sendable {
        /// The question's index in the rules.
        public var question: Int
        /// The line the person sees for it.
        public var text: String
    }
    public var id: String
    public var ask: String
    public var help: String?
    public var items: [Item]
}

/// A named, reusable piece of a condition (the spec's C_m, D_t, ...).
public struct Definition: Sendable {
    public var id: String
    public var condition: Condition
}

/// An urgency level; lower index is more urgent.
public struct Level: Sendable {
    public var id: String
    public var title: String
    public var advice: String
    /// Index of the level an unsure flag of this level counts as.
    public var whenUnsure: Int
    public var alsoWhen: Condition?
    public var stopsConversation: Bool
    /// A triage at this level leaves the pattern, therapy and self-care to the doctor: the
    /// conversation asks only what can still make it more urgent.
    public var stopsAssessment: Bool
    /// What to do if things get worse: shown in every ending less urgent than this level.
    public var safetyNet: String?
}

/// A red flag: a reason to see a doctor, with how soon.
public struct RedFlag: Sendable {
    public var id: String
    public var level: Int
    /// The level this flag counts as when unsure: its own `when unsure:`, or its level's.
    public var whenUnsure: Int
    public var condition: Condition
    public var message: String
    /// What would make it more urgent and what to do then; shown whenever the flag fired.
    public var safetyNet: String?
}

/// One criterion of a pattern, labelled as the classification labels it (A, B, ...).
public struct Criterion: Sendable {
    public var label: String?
    public var condition: Condition
    /// The criterion in plain words (`says:`), for the summary a person takes to a doctor.
    public var says: String? = nil
}

/// A headache pattern (an ICHD-3 row); the first that matches wins.
public struct Pattern: Sendable {
    public var id: String
    public var name: String
    public var code: String?
    public var about: String?
    public var criteria: [Criterion]
    /// Met when exactly one criterion is unmet (ICHD-3's "probable" rows).
    public var allButOne: Bool
}

/// Something that feeds the headaches (neck tension, little sleep...).
public struct Contributor: Sendable {
    public var id: String
    public var name: String
    public var condition: Condition
}

/// How suitable the hands-on therapy is; the first that applies wins.
public struct TherapyStatus: Sendable {
    public var id: String
    public var title: String
    public var text: String?
    public var expect: String?
    public var condition: Condition?
    public var showsFocus: Bool
}

/// An area for the therapist to work on.
public struct FocusArea: Sendable {
    public var id: String
    public var name: String
    public var condition: Condition
}

/// One piece of self-care advice.
public struct Advice: Sendable {
    public var id: String
    public var text: String
    public var condition: Condition?
}

/// The words used to understand free-text answers; all lowercase.
public struct Lexicon: Sendable {
    public var yesWords: [String] = []
    public var noWords: [String] = []
    public var unsureWords: [String] = []
    public var negationBefore: [String] = []
    public var negationAfter: [String] = []
    public var negationEnds: [String] = []
    public var pseudoNegations: [String] = []
    /// Words that join items of a list ("2 and 4"): nothing of their own.
    public var joiningWords: [String] = []
    /// Replies that agree with what was read from the story ("all good", "spot on"), kept apart
    /// from the yes words, where "all good" would answer "do you have a fever?" with yes.
    public var agreementWords: [String] = []
    /// Thanks at the end of a reply, which says nothing more ("thanks").
    public var thanksWords: [String] = []
    /// Words that open a concession after a leading no ("no, though coughing makes it worse once
    /// I've got one"): what follows is detail about the headache, not a yes.
    public var concessionWords: [String] = []
    /// Ordinals that name an item of a list ("the second one").
    public var ordinalWords: [String: Double] = [:]
    /// Times of life and the age each stands for, after "since": "since I was a teenager" (15),
    /// "since my twenties" (25).
    public var ageWords: [String: Double] = [:]
    /// The words of the conversation's commands, by command ("undo" = "back").
    public var commandWords: [String: String] = [:]

    /// The commands the conversation knows, which `command words` give words to.
    public static let commands = ["help", "why", "explain", "explain rules", "back", "change", "summary", "save", "restart",
                                  "quit", "reload"]
    public var numberWords: [String: Double] = [:]
    /// Units of time and their length in hours ("day" = 24).
    public var timeUnits: [String: Double] = [:]
    /// Words meaning "once per" a unit ("weekly" = "week").
    public var rateWords: [String: String] = [:]

    public init() {}
}
