/// A checked rule set, ready for the engine: every name resolved to an index.
///
/// The parts are held in one shared, immutable object: a rule set is copied into every
/// consultation (and every outcome and report), and copying two dozen arrays, dictionaries and
/// strings one by one cost more than some of the work done with them. Changing a part (which
/// the program never does) makes a new object, so copies keep value semantics.
public struct RuleSet: Sendable {
    public var name: String {
        get { parts.name }
        set { change { $0.name = newValue } }
    }
    public var version: String {
        get { parts.version }
        set { change { $0.version = newValue } }
    }
    /// Fingerprint of the source files, so a transcript records exactly which rules decided it.
    public var sha256: String {
        get { parts.sha256 }
        set { change { $0.sha256 = newValue } }
    }
    public var questions: [Question] {
        get { parts.questions }
        set { change { $0.questions = newValue } }
    }
    public var definitions: [Definition] {
        get { parts.definitions }
        set { change { $0.definitions = newValue } }
    }
    public var levels: [Level] {
        get { parts.levels }
        set { change { $0.levels = newValue } }
    }
    public var flags: [RedFlag] {
        get { parts.flags }
        set { change { $0.flags = newValue } }
    }
    public var patterns: [Pattern] {
        get { parts.patterns }
        set { change { $0.patterns = newValue } }
    }
    public var contributors: [Contributor] {
        get { parts.contributors }
        set { change { $0.contributors = newValue } }
    }
    public var statuses: [TherapyStatus] {
        get { parts.statuses }
        set { change { $0.statuses = newValue } }
    }
    public var focusAreas: [FocusArea] {
        get { parts.focusAreas }
        set { change { $0.focusAreas = newValue } }
    }
    public var advice: [Advice] {
        get { parts.advice }
        set { change { $0.advice = newValue } }
    }
    public var lexicon: Lexicon {
        get { parts.lexicon }
        set { change { $0.lexicon = newValue } }
    }

    public func question(_ id: String) -> Question? {
        parts.questionIndex[id].map { parts.questions[$0] }
    }

    public func questionIndex(of id: String) -> Int? { parts.questionIndex[id] }

    var questionIndex: [String: Int] { parts.questionIndex }
    /// The conditions compiled for the evaluator, with everything else it reads, in one shared
    /// object: an evaluator holds this one reference instead of a copy of the whole rule set.
    var compiled: CompiledConditions { parts.compiled }
    var graph: ConditionGraph { compiled.graph }
    var roots: ConditionRoots { compiled.roots }

    private var parts: Parts

    init(name: String, version: String, sha256: String, questions: [Question], definitions: [Definition],
         levels: [Level], flags: [RedFlag], patterns: [Pattern], contributors: [Contributor],
         statuses: [TherapyStatus], focusAreas: [FocusArea], advice: [Advice], lexicon: Lexicon) {
        var questionIndex: [String: Int] = [:]
        for (i, q) in questions.enumerated() { questionIndex[q.id] = i }
        let compiled = CompiledConditions(.init(questions: questions, definitions: definitions, levels: levels, flags: flags,
                                                patterns: patterns, contributors: contributors, statuses: statuses,
                                                focusAreas: focusAreas, advice: advice))
        parts = Parts(name: name, version: version, sha256: sha256, questions: questions, definitions: definitions,
                      levels: levels, flags: flags, patterns: patterns, contributors: contributors, statuses: statuses,
                      focusAreas: focusAreas, advice: advice, lexicon: lexicon, questionIndex: questionIndex,
                      compiled: compiled)
    }

    /// Replaces the parts with changed ones. As before the parts were shared, the id index and
    /// the compiled conditions are those of the rule set as checked.
    private mutating func change(_ body: (inout Parts.Values) -> Void) {
        var values = parts.values
        body(&values)
        parts = Parts(values)
    }

    /// Everything a rule set holds, immutable.
    private final class Parts: Sendable {
        struct Values {
            var name: String
            var version: String
            var sha256: String
            var questions: [Question]
            var definitions: [Definition]
            var levels: [Level]
            var flags: [RedFlag]
            var patterns: [Pattern]
            var contributors: [Contributor]
            var statuses: [TherapyStatus]
            var focusAreas: [FocusArea]
            var advice: [Advice]
            var lexicon: Lexicon
            var questionIndex: [String: Int]
            var compiled: CompiledConditions
        }

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
        let questionIndex: [String: Int]
        let compiled: CompiledConditions

        convenience init(name: String, version: String, sha256: String, questions: [Question], definitions: [Definition],
                         levels: [Level], flags: [RedFlag], patterns: [Pattern], contributors: [Contributor],
                         statuses: [TherapyStatus], focusAreas: [FocusArea], advice: [Advice], lexicon: Lexicon,
                         questionIndex: [String: Int], compiled: CompiledConditions) {
            self.init(Values(name: name, version: version, sha256: sha256, questions: questions, definitions: definitions,
                             levels: levels, flags: flags, patterns: patterns, contributors: contributors, statuses: statuses,
                             focusAreas: focusAreas, advice: advice, lexicon: lexicon, questionIndex: questionIndex,
                             compiled: compiled))
        }

        init(_ values: Values) {
            name = values.name
            version = values.version
            sha256 = values.sha256
            questions = values.questions
            definitions = values.definitions
            levels = values.levels
            flags = values.flags
            patterns = values.patterns
            contributors = values.contributors
            statuses = values.statuses
            focusAreas = values.focusAreas
            advice = values.advice
            lexicon = values.lexicon
            questionIndex = values.questionIndex
            compiled = values.compiled
        }

        var values: Values {
            Values(name: name, version: version, sha256: sha256, questions: questions, definitions: definitions,
                   levels: levels, flags: flags, patterns: patterns, contributors: contributors, statuses: statuses,
                   focusAreas: focusAreas, advice: advice, lexicon: lexicon, questionIndex: questionIndex, compiled: compiled)
        }
    }
}

/// What kind of answer a question takes.
public enum AnswerKind: Sendable, Equatable {
    case yesNo
    case number(unit: String, range: ClosedRange<Double>)
    case choice([ChoiceOption])

    public var name: String {
        switch self {
        case .yesNo: return "yes/no"
        case .number: return "number"
        case .choice: return "choice"
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
    /// The option an answer naming several different options means ("ibuprofen and a triptan").
    public var severalOption: String?
    public var location: SourceLocation
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
}

/// A red flag: a reason to see a doctor, with how soon.
public struct RedFlag: Sendable {
    public var id: String
    public var level: Int
    public var condition: Condition
    public var message: String
}

/// One criterion of a pattern, labelled as the classification labels it (A, B, ...).
public struct Criterion: Sendable {
    public var label: String?
    public var condition: Condition
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
    public var numberWords: [String: Double] = [:]
    /// Units of time and their length in hours ("day" = 24).
    public var timeUnits: [String: Double] = [:]
    /// Words meaning "once per" a unit ("weekly" = "week").
    public var rateWords: [String: String] = [:]

    public init() {}
}
