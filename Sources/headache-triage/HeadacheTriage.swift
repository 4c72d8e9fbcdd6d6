import ArgumentParser
import DefaultRules
import TriageKit
#if canImport(Glibc)
import Glibc
#endif

/// The command line: an interactive conversation by default, and `run`, `check`, `test`, `show`.
@main
struct HeadacheTriage: ParsableCommand {
    /// The program's version, and the only place it is written: transcripts and `--version`
    /// read it from here. The rules carry their own version (`version:` in main.rules).
    static let version = "0.1.0"
    /// The program as transcripts and reports name it.
    static let program = "headache-triage \(version)"

    static let configuration = CommandConfiguration(
        commandName: "headache-triage",
        abstract: "A conversational headache self-triage aid (not a diagnosis).",
        discussion: """
        With no command, starts the interactive conversation with the default rules.
        Conversations are saved as transcripts unless --no-save is given.
        """,
        version: version,
        subcommands: [ChatCommand.self, RunCommand.self, CheckCommand.self, TestCommand.self, ShowCommand.self, SummaryCommand.self],
        defaultSubcommand: ChatCommand.self)

    /// `--version` also names the default rules, which the argument parser's fixed version
    /// text cannot: loading them for every command just to fill it in would slow each start.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.prefix(while: { $0 != "--" }).contains("--version") {
            print(versionText(DefaultRules.load()))
            return
        }
        // A valid `run` command line is read directly (`RunRequest`); anything else goes to
        // swift-argument-parser, without the file operands of `run`, which `RunOperands` keeps:
        // its handling of many operands grows with their square.
        if let request = RunRequest(commandLine: arguments) {
            Glibc.exit(request.run() ? 0 : 1)
        }
        main(RunOperands.separate(arguments))
    }

    /// The program's version, then the default rules' name, version and sha256.
    static func versionText(_ loaded: LoadedRules) -> String {
        guard let rules = loaded.rules else {
            return "headache-triage \(version)\ndefault rules: cannot be loaded (see 'headache-triage check')"
        }
        return """
            headache-triage \(version)
            rules: \(rules.name) \(rules.version)
            rules sha256: \(rules.sha256)
            """
    }
}
