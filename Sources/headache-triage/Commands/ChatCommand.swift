import ArgumentParser
import Foundation
import TriageKit

/// The interactive conversation (the default command).
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk through your headache (the default when no command is given).",
        discussion: """
        Conversations are saved as transcripts in $XDG_DATA_HOME/headache-triage/transcripts
        (or ~/.local/share/headache-triage/transcripts), private to you.
        """)

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: ArgumentHelp("Save transcripts in this folder.", valueName: "dir"))
    var transcripts: String?

    @Flag(help: "Do not save this conversation.")
    var noSave = false

    @Flag(help: "No colour, even on a terminal (NO_COLOR does the same).")
    var noColor = false

    @Flag(help: "The conversation as JSON Lines on standard output, one line of text a turn on standard input (docs/protocol.md).")
    var json = false

    @Option(help: ArgumentHelp("At the ending, write a summary to this file: .html, .md or .pdf (through Chromium).", valueName: "file"))
    var summary: String?

    func validate() throws {
        guard let summary else { return }
        guard SummaryFormat(path: summary) != nil else { throw ValidationError(SummaryError.unknownFormat(summary).description) }
        do { try SummaryWriter.checkDestination(summary) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let rules = try rulesOptions.load()
        // A program on the other end of --json reads lines: no line editing, no colour.
        let interactive = !json && Terminal.isInteractive()
        let style = Style(noColorFlag: noColor || json, environment: ProcessInfo.processInfo.environment, isTerminal: interactive)
        var writer: TranscriptWriter?
        if !noSave {
            let directory = transcripts ?? TranscriptWriter.defaultDirectory()
            do {
                writer = try TranscriptWriter(directory: directory)
                try writer?.write(TranscriptFormat.header(rules: rules, program: "headache-triage \(HeadacheTriage.version)",
                                                          started: TranscriptWriter.timestamp()))
            } catch {
                StandardError.write("headache-triage: \(error)\nThe conversation will not be saved.\n")
                writer = nil
            }
        }
        let path = rulesOptions.rules
        // Before the line reader: its own handlers restore the terminal, then pass the signal on.
        SignalGuard.install(transcript: writer)
        let width = json ? 78 : Terminal.textWidth()
        let output: ChatOutput = json ? JSONChatOutput() : TerminalChatOutput(style: style, width: width)
        let session = ChatSession(rules: rules, lines: Terminal.makeReader(interactive: interactive), output: output, style: style, width: width,
                                  transcript: writer, summaryPath: summary, reloadRules: { RulesOptions.load(path: path) })
        let status = session.run()
        if status != 0 { throw ExitCode(status) }
    }
}
