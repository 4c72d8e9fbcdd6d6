import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The command line: an interactive conversation by default, and `run`, `check`, `test`.
@main
struct HeadacheTriage: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "headache-triage",
        abstract: "A conversational headache self-triage aid (not a diagnosis).",
        discussion: """
        With no command, starts the interactive conversation with the default rules.
        Conversations are saved as transcripts unless --no-save is given.
        """,
        version: version,
        subcommands: [ChatCommand.self, RunCommand.self, CheckCommand.self, TestCommand.self],
        defaultSubcommand: ChatCommand.self)

    /// A valid `run` command line is read directly (`RunRequest`); anything else goes to
    /// swift-argument-parser, without the file operands of `run`, which `RunOperands` keeps: its
    /// handling of many operands grows with their square.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let request = RunRequest(commandLine: arguments) {
            Glibc.exit(request.run() ? 0 : 1)
        }
        main(RunOperands.separate(arguments))
    }
}
