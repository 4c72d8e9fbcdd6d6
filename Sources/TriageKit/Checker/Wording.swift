/// Every sentence the program says around the clinical content (the greeting, prompts, hints,
/// headings, notes), by key, as the rules' `wording` block gives them: a second language is a
/// rules folder, not Swift code. `{name}` in a text is filled in where it is said.
///
/// The English here is the fallback for rule sets without a `wording` block (small rule sets
/// written for tests, or a first draft); the shipped rules give every key (a test holds them to
/// it), and `check` names the keys a `wording` block leaves out.
public struct Wording: Sendable {
    /// A sentence the program says.
    public enum Key: String, CaseIterable, Sendable {
        // The greeting.
        case greeting, ambulanceNow = "ambulance now", savedTo = "saved to", notSaved = "not saved", helpHint = "help hint"
        case disclaimer
        // The story and its confirmation.
        case storyPrompt = "story prompt", noStoryFacts = "no story facts", understoodHeading = "understood heading"
        case confirmPrompt = "confirm prompt"
        case confirmDroppedAll = "confirm dropped all", confirmDropped = "confirm dropped", confirmNoted = "confirm noted"
        case confirmNotUnderstood = "confirm not understood"
        // Questions and screens.
        case fewMore = "few more", severalHint = "several hint", screenHint = "screen hint", lineDiscarded = "line discarded"
        case notUnderstood = "not understood", outOfRange = "out of range", notedUnsure = "noted unsure", notedScreen = "noted screen"
        case oneAtATime = "one at a time", readBack = "read back", readBackHint = "read back hint"
        case yesNoHint = "yes no hint", numberHint = "number hint", choiceHint = "choice hint", severalAnswerHint = "several answer hint"
        case screenAnswerHint = "screen answer hint"
        // Commands.
        case whyEmergency = "why emergency", whyDoctor = "why doctor", whyPattern = "why pattern", whyTherapy = "why therapy"
        case whyOther = "why other", aboutThisQuestion = "about this question", commands, explainHeading = "explain heading", explainNoFlag = "explain no flag"
        case explainBecause = "explain because", explainPattern = "explain pattern", explainTherapy = "explain therapy"
        case explainFooter = "explain footer", summaryHeading = "summary heading", summaryNothing = "summary nothing"
        case summaryFromStory = "summary from story", nothingToUndo = "nothing to undo", whichAnswer = "which answer"
        case notAnswered = "not answered", didYouMean = "did you mean", answerAgain = "answer again", undone
        case startingAgain = "starting again", reloadNothing = "reload nothing", reloadRefused = "reload refused"
        case reloaded, reloadDropped = "reload dropped", savingStopped = "saving stopped"
        // The end.
        case summarySaved = "summary saved", summaryLater = "summary later"
        case afterEnding = "after ending", afterEndingHint = "after ending hint", conversationEnded = "conversation ended"
        case endedSaved = "ended saved", endedNotSaved = "ended not saved", soFar = "so far"
        // The ending's headings.
        case whyHeading = "why heading", unsureHeading = "unsure heading", safetyHeading = "safety heading"
        case patternHeading = "pattern heading", mostLike = "most like", contributorsLine = "contributors line"
        case therapyHeading = "therapy heading", focusLine = "focus line", expectLine = "expect line", selfCareHeading = "self-care heading"

        /// The English said when the rules give no text for the key.
        var english: String {
            switch self {
            case .greeting: return "I will ask about your headache and suggest what to do next: whether to see a doctor and how soon, what kind of headache it looks like, whether neuromuscular therapy may help, and self-care."
            case .ambulanceNow: return "If you have a sudden, very severe headache or feel very unwell, call an ambulance now."
            case .savedTo: return "This conversation is saved to {path} (use --no-save to turn that off)."
            case .notSaved: return "This conversation is not being saved."
            case .helpHint: return "Type 'help' at any time for commands."
            case .disclaimer: return "This is a self-triage aid, not a diagnosis. If you are worried, or your symptoms change, contact a doctor."
            case .storyPrompt: return "In your own words, describe your headache (or press Enter to skip):"
            case .noStoryFacts: return "Thank you. I will ask a few questions."
            case .understoodHeading: return "I understood:"
            case .confirmPrompt: return "Is that right? Press Enter or say yes to keep it all, no to drop it all, or tell me what is wrong (for example \"2 is wrong\")."
            case .confirmDroppedAll: return "Fine, I will ask instead."
            case .confirmDropped: return "Dropped {number}. {fact}: I will ask about it instead."
            case .confirmNoted: return "Noted: {fact}   (from \"{words}\")"
            case .confirmNotUnderstood: return "Sorry, I did not follow. Press Enter or say yes if it is right, say no to drop it all, or say what is wrong, for example \"the second one is wrong\" or \"no, it's on the right side\"."
            case .fewMore: return "Just a few more questions."
            case .severalHint: return "(the numbers or words of those that apply / none / not sure)"
            case .screenHint: return "(the numbers of those that apply / none / not sure about a number)"
            case .lineDiscarded: return "(line discarded; answer the question, or type quit to end)"
            case .notUnderstood: return "Sorry, I did not understand that. {hint}"
            case .outOfRange: return "{number} is outside what I expect here ({low} to {high}). Could you check and answer again?"
            case .notedUnsure: return "Noted: not sure."
            case .notedScreen: return "Noted: {yes} yes, {unsure} not sure, {no} no."
            case .oneAtATime: return "Let's go through them one at a time."
            case .readBack: return "Before I finish, one question again, because you were not sure about it."
            case .readBackHint: return "It matters because: {message} If you can, please answer yes or no. \"Not sure\" is fine too: then a doctor's look is the safe choice."
            case .yesNoHint: return "Please answer yes, no or not sure. You can add detail after it, for example \"yes, with the bad ones\"."
            case .numberHint: return "Please give a number of {unit} (from {low} to {high}), or say not sure. For example: {example}."
            case .choiceHint: return "Please choose one of: {options}, or say not sure."
            case .severalAnswerHint: return "Please name the ones that apply (for example: {example}), or say none or not sure."
            case .screenAnswerHint: return "Please type the numbers of the lines that apply (for example: 2 and {example}), or none. You can also say \"not sure about 3\"."
            case .whyEmergency: return "Your answer decides whether you need help straight away."
            case .whyDoctor: return "Your answer helps decide whether you should see a doctor, and how soon."
            case .whyPattern: return "Your answer helps work out which kind of headache this is."
            case .whyTherapy: return "Your answer helps decide whether hands-on therapy suits you, and where to focus."
            case .whyOther: return "This answer helps complete the picture."
            case .aboutThisQuestion: return "About this question: {help}"
            case .commands: return "You can answer in your own words (\"a bit queasy\", \"twice a week\", \"7/10\"), or say \"not sure\". Commands: help (this list), why (why I ask this), explain (how each conclusion so far was reached; explain rules shows each rule), back (undo your last answer), change and a question (answer it again, for example change age), summary (what I know so far), restart, reload (read edited rules again), quit (end; Ctrl-D does the same). Up and down arrows recall earlier lines; Tab completes answers and commands."
            case .explainHeading: return "From your answers so far:"
            case .explainNoFlag: return "No warning sign so far."
            case .explainBecause: return "{title}, because:"
            case .explainPattern: return "Your headache looks most like {pattern}, from what you said about how often, how long and how it feels."
            case .explainTherapy: return "Neuromuscular therapy: {title}."
            case .explainFooter: return "Questions not answered yet count as \"not sure\" here. Type 'explain rules' to see each rule, step by step."
            case .summaryHeading: return "What I know so far:"
            case .summaryNothing: return "nothing yet"
            case .summaryFromStory: return "(from your description)"
            case .nothingToUndo: return "There is no earlier answer to undo."
            case .whichAnswer: return "Which answer? For example: change {id}. Answered so far: {ids}"
            case .notAnswered: return "'{id}' has not been answered."
            case .didYouMean: return "Did you mean '{id}'?"
            case .answerAgain: return "Let's answer '{id}' again."
            case .undone: return "Undone: {id}. Asking again."
            case .startingAgain: return "Starting again."
            case .reloadNothing: return "There is nothing to reload."
            case .reloadRefused: return "The edited rules have errors, so I kept the old ones:"
            case .reloaded: return "Reloaded {name} {version}; your answers were replayed."
            case .reloadDropped: return "These answers no longer fit and will be asked again if needed: {ids}"
            case .savingStopped: return "Saving stopped: {error}. The conversation goes on without saving."
            case .summarySaved: return "Saved a summary to take to your doctor or therapist: {path}"
            case .summaryLater: return "The summary is ready once the questions are done: type save then."
            case .afterEnding: return "Press Enter to finish, type save for a summary to take to your doctor or therapist, or type change and a question to correct an answer (for example: change age)."
            case .afterEndingHint: return "Press Enter to finish, or type change and a question's id, for example: change {id}."
            case .conversationEnded: return "The conversation has ended. Type change and a question to correct an answer."
            case .endedSaved: return "Ending here. Your answers so far are saved in {path}; you can replay them with 'headache-triage run {path}'."
            case .endedNotSaved: return "Ending here. Your answers were not saved."
            case .soFar: return "From what you said so far: {title}. {advice}"
            case .whyHeading: return "Why:"
            case .unsureHeading: return "You were not sure about these, so please mention them to the doctor:"
            case .safetyHeading: return "If things change:"
            case .patternHeading: return "Your headache pattern:"
            case .mostLike: return "Most like: {pattern}."
            case .contributorsLine: return "Things that may be adding to it: {list}."
            case .therapyHeading: return "Neuromuscular therapy (NMT): {title}"
            case .focusLine: return "Areas to focus on: {list}."
            case .expectLine: return "What to expect: {text}"
            case .selfCareHeading: return "Self-care that may help:"
            }
        }
    }

    /// The rules' texts by key.
    public let texts: [String: String]

    public init(texts: [String: String] = [:]) { self.texts = texts }

    /// The text for `key`, with each `{name}` filled in from `values`.
    public func callAsFunction(_ key: Key, _ values: [String: String] = [:]) -> String {
        var text = texts[key.rawValue] ?? key.english
        for (name, value) in values { text = text.replacing("{\(name)}", with: value) }
        return text
    }

    /// Every key a `wording` block may give.
    public static let keys = Key.allCases.map(\.rawValue)
}
