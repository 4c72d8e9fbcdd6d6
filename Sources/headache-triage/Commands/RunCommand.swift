import ArgumentParser
import Foundation
import TriageKit

/// `headache-triage run`: scripted triage from answers scripts or saved transcripts.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run triage from answers scripts or saved transcripts.",
        discussion: """
        Each FILE holds 'question_id: answer' lines (a saved transcript works too); '-' reads
        standard input. Questions the file does not answer count as "not sure".
        With --check, each FILE or folder of saved transcripts is replayed with the current
        rules and every outcome that changed is reported (exit 1 when any did).
        """)

    @OptionGroup var rulesOptions: RulesOptions

    @Flag(help: "Print one JSON object per file (an array for several files).")
    var json = false

    @Flag(help: "Also show how each conclusion was reached, criterion by criterion.")
    var explain = false

    @Flag(help: "Replay saved transcripts and report every outcome that changed.")
    var check = false

    @Option(help: ArgumentHelp("Save a transcript of each scripted run in this folder.", valueName: "dir"))
    var transcripts: String?

    @Argument(help: ArgumentHelp("Answers scripts or transcripts ('-' for standard input); folders with --check.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one answers file (or '-' for standard input)") }
    }

    func run() throws {
        let rules = try rulesOptions.load()
        if check {
            let report = ReplayCheck(rules: rules).run(paths: files)
            if !report { throw ExitCode(1) }
            return
        }
        let runner = ScriptedRun(rules: rules)
        var objects: [JSONValue] = []
        var failed = false
        for file in files {
            let started = TranscriptWriter.timestamp()
            let bytes: [UInt8]
            do { bytes = try InputFile.read(file) } catch {
                StandardError.write("headache-triage: \(error)\n")
                failed = true
                continue
            }
            let script = AnswersScript(file: file == "-" ? "<stdin>" : file, bytes: bytes)
            let result = runner.run(script)
            let renderer = DiagnosticRenderer(sources: [script.file: String(decoding: bytes, as: UTF8.self)])
            if !result.diagnostics.isEmpty { StandardError.write(renderer.render(result.diagnostics)) }
            if result.diagnostics.hasErrors {
                failed = true
                continue
            }
            if let transcripts {
                do {
                    let writer = try TranscriptWriter(directory: transcripts)
                    try writer.write(TranscriptFormat.transcript(for: result, story: result.story,
                                                                 program: "headache-triage \(HeadacheTriage.version)",
                                                                 started: started, ended: TranscriptWriter.timestamp()))
                    writer.close()
                } catch {
                    StandardError.write("headache-triage: \(error)\n")
                    failed = true
                }
            }
            if json {
                objects.append(JSONReport.object(for: result, explain: explain))
            } else {
                if files.count > 1 { print("== \(script.file) ==") }
                print(TextReport().render(result.outcome, rules: rules))
                if explain { print(ExplanationText.render(result.consultation.outcome(explained: true))) }
            }
        }
        if json {
            if files.count == 1, let only = objects.first { print(only.render()) }
            else if files.count > 1 { print(JSONValue.array(objects).render()) }
        }
        if failed { throw ExitCode(1) }
    }
}

/// The `explain` view: each conclusion with its criteria, the person's values, met or not.
enum ExplanationText {
    static func render(_ outcome: Outcome) -> String {
        outcome.explanation.map { entry in
            (["\(entry.kind.rawValue) \(entry.id): \(entry.title)"] + entry.reasons.map { $0.render(indent: 1) }).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
