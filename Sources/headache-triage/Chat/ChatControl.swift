import Foundation

/// The words that steer the conversation rather than answer a question.
///
/// A command is the whole input, optionally with a leading `/` or `:`; it is never an answer
/// to a question (no option or yes/no word is one of these words).
enum ChatControl: Equatable {
    case help, why, explain, explainRules, back, summary, restart, quit, reload
    case change(String?)
    /// Writes the summary (to this file, or beside the transcript).
    case save(String?)

    static let names = ["help", "why", "explain", "back", "change", "summary", "save", "restart", "quit", "reload"]


    init?(_ input: String) {
        var text = input.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("/") || text.hasPrefix(":") { text.removeFirst() }
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        if first == "save" {
            // The file name as typed: only the command word is case-blind.
            let typed = input.trimmingCharacters(in: .whitespaces).drop { $0 == "/" || $0 == ":" }.dropFirst(4)
            let path = typed.trimmingCharacters(in: .whitespaces)
            self = .save(path.isEmpty ? nil : path)
            return
        }
        if first == "explain" || first == "how", words.count == 2, ["rules", "all"].contains(words[1]) {
            self = .explainRules
            return
        }
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
