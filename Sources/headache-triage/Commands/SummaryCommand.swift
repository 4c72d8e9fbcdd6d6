import ArgumentParser
import Foundation
import TriageKit

/// `headache-triage summary TRANSCRIPT`: a readable summary of a saved conversation, to take to
/// a doctor or therapist.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Turn a saved transcript (or answers script) into a summary for a doctor or therapist.",
        discussion: """
        With -o FILE, writes the summary as a web page (.html), Markdown (.md) or PDF (.pdf, \
        printed by Chromium when it is installed), chosen by the file's extension; the file is \
        readable by you alone. Without -o, prints it as Markdown.
        """)

    @OptionGroup var rulesOptions: RulesOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the summary to this file (.html, .md or .pdf).", valueName: "file"))
    var output: String?

    @Argument(help: ArgumentHelp("A saved transcript or answers script ('-' for standard input).", valueName: "transcript"))
    var transcript: String

    func validate() throws {
        if let output, SummaryFormat(path: output) == nil { throw ValidationError(SummaryError.unknownFormat(output).description) }
    }

    func run() throws {
        let rules = try rulesOptions.load()
        let report = try Self.report(from: transcript, rules: rules)
        guard let output else {
            print(MarkdownSummary().render(report), terminator: "")
            return
        }
        do {
            try SummaryWriter.write(report: report, to: output)
        } catch {
            StandardError.write("headache-triage: \(error)\n")
            throw ExitCode(1)
        }
        print("Wrote the summary to \(output).")
    }

    /// The report of a transcript, dated when its conversation started; a file that is not a
    /// transcript or answers script is refused with the reasons, before anything is written.
    static func report(from path: String, rules: RuleSet) throws -> ConsultationReport {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path) } catch {
            StandardError.write("headache-triage: \(error); no summary written\n")
            throw ExitCode(1)
        }
        let script = AnswersScript(file: path == "-" ? "<stdin>" : path, bytes: bytes)
        let result = ScriptedRun(rules: rules).run(script)
        let renderer = DiagnosticRenderer(sources: [script.file: String(decoding: bytes, as: UTF8.self)])
        if result.diagnostics.hasErrors || script.answers.isEmpty {
            StandardError.write(renderer.render(result.diagnostics.filter { $0.severity == .error }))
            let why = script.answers.isEmpty ? "holds no answers" : "cannot be read as a transcript or answers script"
            StandardError.write("headache-triage: \(script.file) \(why); no summary written\n")
            throw ExitCode(1)
        }
        noteChangedOutcome(script, result, rules: rules)
        return ConsultationReport(result: result, date: startedDate(bytes) ?? TranscriptWriter.timestamp(),
                                  program: "headache-triage \(HeadacheTriage.version)")
    }

    /// The summary shows what the rules in use decide. When that is not what the person was
    /// told at the time (the rules were edited since), it says so, so nobody is misled.
    static func noteChangedOutcome(_ script: AnswersScript, _ result: ScriptedResult, rules: RuleSet) {
        guard script.isTranscript, !script.recordedOutcome.isEmpty else { return }
        let changed = TranscriptFormat.fields(result.outcome).filter { key, value in
            let recorded = script.recordedOutcome[key] ?? ""
            return recorded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
                != value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
        }
        guard !changed.isEmpty else { return }
        let list = changed.map { "\($0.key): \(script.recordedOutcome[$0.key].map { $0.isEmpty ? "(none)" : $0 } ?? "(none)") -> \($0.value.isEmpty ? "(none)" : $0.value)" }
        StandardError.write("""
            headache-triage: note: the rules in use (\(rules.name) \(rules.version)) decide differently from what \(script.file) records:
              \(list.joined(separator: "\n  "))
            The summary shows what these rules decide; --rules chooses other rules.

            """)
    }

    /// The `# started:` time a transcript records: the summary is dated by the conversation.
    static func startedDate(_ bytes: [UInt8]) -> String? {
        let prefix = "# started: "
        for line in String(decoding: bytes.prefix(4096), as: UTF8.self).split(separator: "\n") where line.hasPrefix(prefix) {
            let value = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
