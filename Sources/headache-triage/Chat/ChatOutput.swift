import TriageKit

/// One prompt of the conversation, as every front end shows it: the terminal as text, and
/// `chat --json` as one JSON line. The conversation decides it once, so both show the same turns.
struct ChatPrompt {
    enum Kind: String {
        case story, confirm, question, screen
        /// After the ending: Enter finishes, `change ID` corrects an answer.
        case done
    }

    /// Counts every prompt the person sees, as `run --json`'s `turns` does.
    var turn: Int
    var kind: Kind
    /// The facts this prompt asks (for the story, `story`; for the confirmation, the facts read).
    var ids: [String]
    /// The answer kind of a single question: yes/no, number, choice or several.
    var answer: String?
    /// A heading, given when the section changes.
    var section: String?
    var text: String
    /// What may be answered: yes/no words, options, or a screen's lines, numbered from 1.
    var options: [String]
    /// Whether `options` are numbered lines to pick from (a screen, several options, the story's facts).
    var numbered: Bool
    /// A short hint shown under the prompt.
    var hint: String?
}

/// Where the conversation shows what it says.
protocol ChatOutput: AnyObject {
    /// The greeting, before the first prompt.
    func greeting(rules: RuleSet, transcriptPath: String?)
    func prompt(_ prompt: ChatPrompt)
    /// Anything else said: hints, help, notes, command output.
    func message(_ text: String, faint: Bool)
    /// What an answer was understood as, fact by fact.
    func understood(_ facts: [(id: String, value: FactValue)])
    /// The ending: the advice as text, and the result as `run --json` gives it.
    func ending(text: String, result: JSONValue, transcriptPath: String?)
    /// The conversation ended before its ending.
    func endedEarly(reason: String, text: String)
}
