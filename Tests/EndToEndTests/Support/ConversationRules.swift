import Foundation

/// The small rules the conversation tests run on (Tests/ConversationRules): a question of every
/// kind of answer, screens, flags that stop the conversation or the assessment, patterns, a
/// therapy status with focus areas, advice and words for a story. They belong to the tests, so a
/// test of the conversation says what these rules make the program do, never what the clinical
/// rules decide.
enum ConversationRules {
    static let folder: URL = Binary.packageRoot.appendingPathComponent("Tests/ConversationRules")

    /// `arguments` with `--rules` naming these rules, after the command when there is one.
    static func arguments(_ arguments: [String]) -> [String] {
        let rules = ["--rules", folder.path]
        guard let first = arguments.first, Binary.commandsWithRules.contains(first) else { return rules + arguments }
        return [first] + rules + arguments.dropFirst()
    }

    /// Runs the program on these rules.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> Binary.Result {
        try Binary.run(Self.arguments(arguments), stdin: stdin, environment: environment, timeout: timeout)
    }

    /// The assistant on these rules on a new pseudo-terminal.
    static func terminal(_ arguments: [String], environment: [String: String] = InteractiveTests.environment) throws -> PseudoTerminal {
        try PseudoTerminal(executable: Binary.url, arguments: ["--rules", folder.path] + arguments, environment: environment)
    }

    /// The answers of one of the rules' own cases (tests/NAME.case) on top of their baseline, by id.
    static func answers(_ name: String? = nil) throws -> [String: String] {
        var answers: [String: String] = [:]
        for file in ["baseline.answers"] + (name.map { ["\($0).case"] } ?? []) {
            let text = try String(contentsOf: folder.appendingPathComponent("tests/\(file)"), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { answers[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return answers
    }

    /// A copy of these rules, their cases with them, in a temporary folder (named `rules`, or
    /// `name` inside `folder`), for a test that edits them.
    static func copy(named name: String = "rules", into folder: URL? = nil) throws -> URL {
        let copy = try (folder ?? Binary.temporaryFolder()).appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.folder, to: copy)
        return copy
    }

    /// The baseline answers as a script.
    static func baselineScript() throws -> String {
        try String(contentsOf: folder.appendingPathComponent("tests/baseline.answers"), encoding: .utf8)
    }
}
