import Foundation
import TriageKit

/// The conversation as a person reads it in a terminal (or in a pipe): wrapped text, a heading
/// when the section changes, numbered lines, faint hints, colour only where it is wanted.
final class TerminalChatOutput: ChatOutput {
    private let style: Style
    private let report: TextReport

    init(style: Style, width: Int = Terminal.textWidth()) {
        self.style = style
        report = TextReport(palette: style.palette, width: width)
    }

    private func say(_ text: String = "") {
        print(text)
        fflush(stdout)
    }

    func greeting(rules: RuleSet, transcriptPath: String?) {
        say(style.bold("Headache self-triage") + " (\(rules.name) \(rules.version))")
        say(report.wrap("I will ask about your headache and suggest what to do next: whether to see a doctor and how soon, what kind of headache it looks like, whether neuromuscular therapy may help, and self-care."))
        say(report.wrap(TextReport.disclaimer))
        say(report.wrap("If you have a sudden, very severe headache or feel very unwell, call an ambulance now."))
        if let transcriptPath { say("This conversation is saved to \(transcriptPath) (use --no-save to turn that off).") }
        else { say("This conversation is not being saved.") }
        say("Type 'help' at any time for commands.")
        say()
    }

    func prompt(_ prompt: ChatPrompt) {
        if let section = prompt.section { say(style.bold("— \(section) —")) }
        switch prompt.kind {
        case .story:
            say(report.wrap(prompt.text))
        case .confirm:
            say("I understood:")
            for (i, line) in prompt.options.enumerated() { say("  \(i + 1). \(line)") }
            say(report.wrap(prompt.text))
        case .done:
            say(style.dim(prompt.text))
        case .question, .screen:
            say(report.wrap(prompt.text))
            if prompt.numbered {
                for (i, line) in prompt.options.enumerated() {
                    say(report.wrap(line, indent: "     ", first: "  \(i + 1). "))
                }
            } else if !prompt.options.isEmpty {
                say(style.dim("(" + prompt.options.joined(separator: " / ") + ")"))
            }
        }
        if let hint = prompt.hint { say(style.dim(hint)) }
    }

    func message(_ text: String, faint: Bool) {
        say(faint ? style.dim(text) : text)
    }

    func understood(_ facts: [(id: String, value: FactValue)]) {}

    func ending(text: String, result: JSONValue, transcriptPath: String?) {
        say(String(repeating: "=", count: 60))
        say(text)
        if let transcriptPath { say("Saved to \(transcriptPath).") }
    }

    func endedEarly(reason: String, text: String) {
        say()
        say(text)
    }
}
