import Foundation

/// The words that steer the conversation rather than answer a question.
///
/// A command is the whole input, optionally with a leading `/` or `:`, in the words the
/// rules give it (`command words:` in words.rules: "undo = back"); it is never an answer to a
/// question (no option or yes/no word is one of these words).
enum ChatControl: Equatable {
    case help, why, explain, explainRules, back, summary, restart, quit, reload
    case change(String?)
    /// Writes the summary (to this file, or beside the transcript).
    case save(String?)

    /// `input` read with `words`, the rules' command words by command.
    init?(_ input: String, words: [String: String]) {
        var text = input.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("/") || text.hasPrefix(":") { text.removeFirst() }
        let lower = text.lowercased()
        let parts = lower.split(separator: " ").map(String.init)
        guard let first = parts.first else { return nil }
        if let command = words[parts.joined(separator: " ")] {
            switch command {
            case "help": self = .help
            case "why": self = .why
            case "explain": self = .explain
            case "explain rules": self = .explainRules
            case "back": self = .back
            case "summary": self = .summary
            case "restart": self = .restart
            case "quit": self = .quit
            case "reload": self = .reload
            case "change": self = .change(nil)
            case "save": self = .save(nil)
            default: return nil
            }
            return
        }
        switch words[first] {
        case "change" where parts.count == 2:
            self = .change(parts[1])
        case "save":
            // The file name as typed: only the command word is case-blind.
            let path = text.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
            self = .save(path.isEmpty ? nil : path)
        default:
            return nil
        }
    }

    /// `change` and the words of a question ("change how much water"), once no question is asked:
    /// then the words cannot be an answer. Nil for anything else.
    static func change(naming input: String, words: [String: String]) -> ChatControl? {
        let parts = input.trimmingCharacters(in: .whitespaces).lowercased().split(separator: " ").map(String.init)
        guard parts.count > 1, words[parts[0]] == "change" else { return nil }
        return .change(parts.dropFirst().joined(separator: " "))
    }

    /// The words Tab completes to, from the rules.
    static func names(_ words: [String: String]) -> [String] {
        words.keys.filter { !$0.contains(" ") && $0.first?.isLetter == true }.sorted()
    }
}
