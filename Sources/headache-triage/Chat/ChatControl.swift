import Foundation

/// The words that steer the conversation rather than answer a question.
///
/// A command is the whole input, optionally with a leading `/` or `:`; it is never an answer
/// to a question (no option or yes/no word is one of these words).
enum ChatControl: Equatable {
    case help, why, explain, explainRules, back, summary, restart, quit, reload
    case change(String?)

    static let names = ["help", "why", "explain", "back", "change", "summary", "restart", "quit", "reload"]

    static let helpText = """
    You can answer in your own words ("a bit queasy", "twice a week", "7/10"), or say "not sure".
    Commands:
      help           this list, and more about the current question
      why            why I am asking this question
      explain        how each conclusion so far was reached, in words
      explain rules  the same, rule by rule (for therapists editing the rules)
      back           undo your last answer
      change ID      answer an earlier question again (e.g. change age)
      summary        what I know so far
      restart        start again from the beginning
      reload         reload the rules (after editing them) and replay your answers
      quit           end the conversation (Ctrl-D does the same)
    Up and down arrows recall earlier lines; Tab completes answers and commands.
    """

    init?(_ input: String) {
        var text = input.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("/") || text.hasPrefix(":") { text.removeFirst() }
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        if first == "explain" || first == "how", words.count == 2, ["rules", "all"].contains(words[1]) {
            self = .explainRules
            return
        }
        if first == "change", words.count <= 2 {
            self = .change(words.count == 2 ? words[1] : nil)
            return
        }
        guard words.count == 1 else { return nil }
        switch first {
        case "help", "?": self = .help
        case "why": self = .why
        case "explain", "how": self = .explain
        case "back", "undo": self = .back
        case "summary": self = .summary
        case "restart": self = .restart
        case "quit", "exit": self = .quit
        case "reload": self = .reload
        default: return nil
        }
    }
}
