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
        let words = rules.wording
        say(report.wrap(words(.greeting)))
        say(report.wrap(words(.disclaimer)))
        say(report.wrap(words(.ambulanceNow)))
        say(report.wrap(transcriptPath.map { words(.savedTo, ["path": $0]) } ?? words(.notSaved)))
        say(report.wrap(words(.helpHint)))
        say()
    }

    func prompt(_ prompt: ChatPrompt) {
        if let section = prompt.section { say(style.bold("— \(section) —")) }
        switch prompt.kind {
        case .story:
            say(report.wrap(prompt.text))
        case .confirm:
            for (i, line) in prompt.options.enumerated() { say("  \(i + 1). \(line)") }
            say(report.wrap(prompt.text))
        case .done:
            say(style.dim(report.wrap(prompt.text)))
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
        // Each line wrapped at the terminal's width; lines already laid out (a list) keep their indent.
        let wrapped = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(" ") ? String($0) : report.wrap(String($0)) }.joined(separator: "\n")
        say(faint ? style.dim(wrapped) : wrapped)
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
