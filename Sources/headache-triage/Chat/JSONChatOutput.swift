import Foundation
import TriageKit

/// `chat --json`: the same conversation as JSON Lines on standard output, one object a line,
/// for other front ends and for tests that play the patient (docs/protocol.md).
final class JSONChatOutput: ChatOutput {
    private func emit(_ fields: [(String, JSONValue)]) {
        print(JSONValue.object(fields).render(pretty: false))
        fflush(stdout)
    }

    func greeting(rules: RuleSet, transcriptPath: String?) {
        emit([("type", .string("greeting")),
              ("text", .string([rules.wording(.greeting), rules.wording(.disclaimer), rules.wording(.ambulanceNow)].joined(separator: " "))),
              ("rules", .object([("name", .string(rules.name)), ("version", .string(rules.version)), ("sha256", .string(rules.sha256))])),
              ("transcript", transcriptPath.map { .string($0) } ?? .null)])
    }

    func prompt(_ prompt: ChatPrompt) {
        var fields: [(String, JSONValue)] = [
            ("type", .string("prompt")),
            ("turn", .number(Double(prompt.turn))),
            ("kind", .string(prompt.kind.rawValue)),
            ("ids", .array(prompt.ids.map { .string($0) })),
            ("text", .string(prompt.text)),
            ("options", .array(prompt.options.map { .string($0) })),
            ("numbered", .bool(prompt.numbered)),
        ]
        if let answer = prompt.answer { fields.append(("answer", .string(answer))) }
        if let section = prompt.section { fields.append(("section", .string(section))) }
        if let hint = prompt.hint { fields.append(("hint", .string(hint))) }
        emit(fields)
    }

    func message(_ text: String, faint: Bool) {
        // Blank lines only space out the terminal.
        guard !text.isEmpty else { return }
        emit([("type", .string("message")), ("text", .string(text))])
    }

    func understood(_ facts: [(id: String, value: FactValue)]) {
        emit([("type", .string("understood")),
              ("facts", .object(facts.map { ($0.id, JSONReport.json($0.value)) }))])
    }

    func ending(text: String, result: JSONValue, transcriptPath: String?) {
        emit([("type", .string("ending")), ("text", .string(text)), ("result", result),
              ("transcript", transcriptPath.map { .string($0) } ?? .null)])
    }

    func endedEarly(reason: String, text: String) {
        emit([("type", .string("ended")), ("reason", .string(reason)), ("text", .string(text))])
    }
}
