import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import TriageKit

/// `headache-triage run`: scripted triage from answers scripts or saved transcripts.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run triage from answers scripts or saved transcripts.",
        discussion: """
        Each FILE holds 'question_id: answer' lines (a saved transcript works too); '-' reads \
        standard input, and a folder stands for its files, walked in name order. Questions the \
        file does not answer count as "not sure".

        --format jsonl writes one compact JSON object a line as the files are done, for batches \
        of any size. Files are run on every core; the output keeps the order of the files. \
        --format html or markdown writes a summary for each file into the folder given with -o.

        With --check, each FILE or folder of saved transcripts is replayed with the current \
        rules and every outcome that changed is reported (exit 1 when any did).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl, html, markdown

        /// A summary file for each script, rather than one stream on standard output.
        var isSummary: Bool { self == .html || self == .markdown }
    }

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: ArgumentHelp("text, json (one object, or an array for several files), jsonl (one object a line), or html or markdown (a summary for each file, into the folder of -o).", valueName: "format"))
    var format: Format?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The folder the html or markdown summaries are written to.", valueName: "dir"))
    var output: String?

    @Flag(help: "The same as --format json.")
    var json = false

    @Flag(help: "Also show how each conclusion was reached, criterion by criterion.")
    var explain = false

    @Flag(help: "Replay saved transcripts and report every outcome that changed.")
    var check = false

    @Option(help: ArgumentHelp("Save a transcript of each scripted run in this folder.", valueName: "dir"))
    var transcripts: String?

    @Option(name: .customLong("files-from"), help: ArgumentHelp("Also run the files listed in this file, one path a line ('-' for standard input).", valueName: "list"))
    var filesFrom: String?

    @Argument(help: ArgumentHelp("Answers scripts, transcripts or folders of them ('-' for standard input).", valueName: "file"))
    var files: [String] = []

    /// The file operands: taken off the command line before parsing (see `RunOperands`).
    var operands: [String] { RunOperands.taken ?? files }

    var outputFormat: Format { format ?? (json ? .json : .text) }

    func validate() throws {
        if operands.isEmpty && filesFrom == nil {
            throw ValidationError("give at least one answers file (or '-' for standard input, or --files-from LIST)")
        }
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) disagree; give one") }
        if outputFormat.isSummary, output == nil {
            throw ValidationError("--format \(outputFormat.rawValue) writes one summary a file: give the folder for them with -o DIR")
        }
        if output != nil, !outputFormat.isSummary { throw ValidationError("-o is for --format html or markdown") }
        if filesFrom == "-" && operands.contains("-") {
            throw ValidationError("standard input cannot be both the list of files (--files-from -) and a file ('-')")
        }
    }

    func run() throws {
        var request = RunRequest(rules: rulesOptions.rules, format: outputFormat, explain: explain, check: check,
                                 transcripts: transcripts, inputs: RunInputs(operands: operands, filesFrom: filesFrom))
        request.output = output
        if !request.run() { throw ExitCode(1) }
    }
}

/// What `run` was asked to do, once the command line is read.
struct RunRequest {
    var rules: String?
    var format: RunCommand.Format = .text
    var explain = false
    var check = false
    var transcripts: String?
    /// The folder summaries go to (`--format html|markdown -o DIR`).
    var output: String?
    var inputs = RunInputs(operands: [], filesFrom: nil)

    init(rules: String?, format: RunCommand.Format, explain: Bool, check: Bool, transcripts: String?, inputs: RunInputs) {
        self.rules = rules
        self.format = format
        self.explain = explain
        self.check = check
        self.transcripts = transcripts
        self.inputs = inputs
    }

    /// True when every file ran (with --check: when no outcome changed).
    func run() -> Bool {
        guard let rules = RulesOptions.loadReporting(path: rules) else { return false }
        if check { return ReplayCheck(rules: rules).run(inputs) }
        var batch = ScriptBatch(rules: rules, format: format, explain: explain, transcripts: transcripts,
                                several: inputs.isSeveral)
        batch.output = output
        let path = self.rules
        batch.loadRules = { RulesOptions.load(path: path).rules }
        return batch.run(inputs)
    }

    /// The request when `arguments` (without the program name) are a valid `run` command made only
    /// of its own options and files; nil for anything else, which swift-argument-parser then reads,
    /// with its help and its messages for mistakes. Reading the command line through the parser
    /// was an eighth of a one-script run: it looks up its types' conformances at run time, a
    /// search through every conformance that a statically linked Foundation brings.
    init?(commandLine arguments: [String]) {
        guard arguments.first == "run" else { return nil }
        var operands: [String] = []
        var json = false, format: RunCommand.Format?
        var index = 1, onlyOperands = false
        while index < arguments.count {
            var argument = arguments[index]
            index += 1
            if onlyOperands || argument == "-" || !argument.hasPrefix("-") { operands.append(argument); continue }
            var value: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                value = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            func takeValue() -> String? {
                if let value { return value }
                guard index < arguments.count else { return nil }
                index += 1
                return arguments[index - 1]
            }
            switch argument {
            case "--": guard value == nil else { return nil }; onlyOperands = true
            case "--json": guard value == nil else { return nil }; json = true
            case "--explain": guard value == nil else { return nil }; explain = true
            case "--check": guard value == nil else { return nil }; check = true
            case "--rules": guard let v = takeValue() else { return nil }; rules = v
            case "--transcripts": guard let v = takeValue() else { return nil }; transcripts = v
            case "--files-from": guard let v = takeValue() else { return nil }; inputs.filesFrom = v
            case "--format": guard let v = takeValue(), let f = RunCommand.Format(rawValue: v) else { return nil }; format = f
            case "-o", "--output": guard let v = takeValue() else { return nil }; output = v
            default: return nil
            }
        }
        // Mistakes the parser's validation reports: left to it.
        if operands.isEmpty && inputs.filesFrom == nil { return nil }
        if json, let format, format != .json { return nil }
        if inputs.filesFrom == "-" && operands.contains("-") { return nil }
        if (format?.isSummary ?? false) != (output != nil) { return nil }
        inputs.operands = operands
        self.format = format ?? (json ? .json : .text)
    }
}

/// Runs many answers scripts and writes their results in the order of the files: a batch of
/// files at a time, on every core, each thread with its own runner.
struct ScriptBatch {
    let rules: RuleSet
    let format: RunCommand.Format
    let explain: Bool
    let transcripts: String?
    /// A sequence of results (a JSON array, headings), not the one result of one file.
    let several: Bool
    /// The folder summaries are written to, for the html and markdown formats.
    var output: String?
    /// The summary names given so far in this run (files are written one at a time).
    private let summaryNames = NameRegistry()
    /// Threads running at once; one when transcripts are saved, so their names are in order.
    var threads: Int
    /// Loads the rules again, as a copy of their own for each thread after the first: threads
    /// sharing one rule set keep changing the same reference counts (every look at a rule
    /// retains and releases it), and each processor waits for the other's; with copies of
    /// their own, 20,000 scripts on two threads took a fifth less processor time.
    var loadRules: (() -> RuleSet?)?

    /// Files run between two rounds of writing: enough to keep every thread busy, few enough
    /// that memory stays flat and `jsonl` output keeps flowing.
    static let batchSize = 256

    init(rules: RuleSet, format: RunCommand.Format, explain: Bool, transcripts: String?, several: Bool) {
        self.rules = rules
        self.format = format
        self.explain = explain
        self.transcripts = transcripts
        self.several = several
        // One at a time when files are written, so their names come in order.
        threads = transcripts == nil && !format.isSummary ? Self.processorCount : 1
    }

    /// The processors online.
    static var processorCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// What running one file gave, kept until its turn to be written.
    struct FileResult {
        /// Diagnostics and errors, for standard error.
        var errors = ""
        /// The path was a folder: its files are run in its place.
        var folder: String?
        /// The result: text, one JSON object (indented as an array element when several), or one line.
        var output: [UInt8]?
        var failed = false
    }

    /// Returns false when any file could not be read or had errors.
    func run(_ inputs: RunInputs) -> Bool {
        var runners: [ScriptedRun] = []
        var failed = false
        var written = 0
        var batch: [String] = []
        batch.reserveCapacity(Self.batchSize)

        func write(_ batch: [String]) {
            while runners.count < min(threads, batch.count) {
                let own = runners.isEmpty ? rules : loadRules?() ?? rules
                runners.append(ScriptedRun(rules: own, storyReaderInBackground: runners.isEmpty))
            }
            for result in results(batch, runners) {
                if let folder = result.folder {
                    // The files in it, in name order, in its place among the results.
                    var inside: [String] = []
                    FileWalk.forEachFile(under: folder) { inside.append($0) }
                    var start = 0
                    while start < inside.count {
                        write(Array(inside[start..<min(inside.count, start + Self.batchSize)]))
                        start += Self.batchSize
                    }
                    continue
                }
                if !result.errors.isEmpty {
                    StandardOutput.flush()
                    StandardError.write(result.errors)
                }
                if result.failed { failed = true }
                guard let output = result.output else { continue }
                switch format {
                case .json where several:
                    StandardOutput.write(written == 0 ? "[\n  " : ",\n  ")
                    StandardOutput.write(bytes: output)
                default:
                    StandardOutput.write(bytes: output)
                }
                written += 1
            }
            StandardOutput.flush()
        }

        // A list read from a pipe may arrive slowly: the files at hand are run, and their
        // results written, while the next path is awaited.
        let listed = inputs.forEachFile(lookingInFolders: false, waiting: {
            guard !batch.isEmpty else { return }
            write(batch)
            batch.removeAll(keepingCapacity: true)
        }) { file in
            batch.append(file)
            if batch.count == Self.batchSize {
                write(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { write(batch) }
        if format == .json && several { StandardOutput.write(written == 0 ? "[]\n" : "\n]\n") }
        StandardOutput.flush()
        Self.keptUntilExit += runners
        return listed && !failed
    }

    /// The runners of the batch, and so their readers and rules, kept to the end of the process,
    /// whose exit frees them all at once: freeing their many tables one by one was a fiftieth
    /// of a one-script run. A process runs one batch.
    private static var keptUntilExit: [ScriptedRun] = []

    /// Runs `files` on the runners at once, each thread taking the next file not yet taken (a
    /// script with a story costs twice one without: handing them out in turn left one thread
    /// waiting for the other at the end of every round); the results come back in the order
    /// of `files`.
    func results(_ files: [String], _ runners: [ScriptedRun]) -> [FileResult] {
        let threads = min(runners.count, files.count)
        guard threads > 1 else { return files.map { run($0, with: runners[0]) } }
        var results = [FileResult](repeating: FileResult(), count: files.count)
        let next = NextIndex(count: files.count)
        results.withUnsafeMutableBufferPointer { slots in
            // Each slot is written by exactly one thread, and read only after all have finished.
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                while let index = next.take() {
                    slots[index] = run(files[index], with: runners[thread])
                }
            }
        }
        return results
    }

    /// Runs one file; writes nothing (but a transcript, when asked).
    func run(_ file: String, with runner: ScriptedRun) -> FileResult {
        // Transcripts and summaries show when the file was run; a JSON or text result does not
        // read the clock.
        let started = transcripts == nil && !format.isSummary ? "" : Timestamp.now()
        let bytes: [UInt8]
        do { bytes = try InputFile.read(file) } catch {
            if let error = error as? InputError, error.isFolder { return FileResult(folder: file) }
            return FileResult(errors: "headache-triage: \(error)\n", failed: true)
        }
        let script = AnswersScript(file: file == "-" ? "<stdin>" : file, bytes: bytes)
        let result = runner.run(script)
        var outcome = FileResult()
        if !result.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(sources: [script.file: String(decoding: bytes, as: UTF8.self)])
            outcome.errors = renderer.render(result.diagnostics)
        }
        if result.diagnostics.hasErrors {
            outcome.failed = true
            return outcome
        }
        if let transcripts {
            do {
                let writer = try TranscriptWriter(directory: transcripts)
                try writer.write(TranscriptFormat.transcript(for: result, story: result.story,
                                                             program: HeadacheTriage.program,
                                                             started: started, ended: Timestamp.now()))
                writer.close()
            } catch {
                outcome.errors += "headache-triage: \(error)\n"
                outcome.failed = true
            }
        }
        // One report per file, which every format reads.
        let report = ConsultationReport(result: result, date: started, program: HeadacheTriage.program)
        switch format {
        case .json:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(4096)
            JSONReport(explain: explain, indent: several ? 1 : 0, pretty: true).write(report, into: &bytes)
            if !several { bytes.append(0x0A) }
            outcome.output = bytes
        case .jsonl:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(2048)
            JSONReport(explain: explain, pretty: false).write(report, into: &bytes)
            bytes.append(0x0A)
            outcome.output = bytes
        case .html, .markdown:
            let path = summaryPath(for: script.file)
            do {
                try SummaryWriter.write(report: report, to: path)
                outcome.output = Array("\(script.file): summary written to \(path)\n".utf8)
            } catch {
                outcome.errors += "headache-triage: \(error)\n"
                outcome.failed = true
            }
        case .text:
            var text = several ? "== \(script.file) ==\n" : ""
            text += TextReport().render(report) + "\n"
            if explain { text += ExplanationText().render(report) + "\n" }
            outcome.output = Array(text.utf8)
        }
        return outcome
    }
}

extension ScriptBatch {
    /// Where a script's summary goes: its name with the format's extension, in the output folder
    /// (a summary from an earlier run is replaced), with "-2", "-3", ... where two scripts of this
    /// run share a name.
    func summaryPath(for file: String) -> String {
        var name = file == "<stdin>" ? "stdin" : String(file.split(separator: "/").last ?? "summary")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        let ext = format == .html ? "html" : "md"
        return "\(output ?? ".")/\(summaryNames.unique(name)).\(ext)"
    }
}

/// Names handed out once each: a second "a" is "a-2".
final class NameRegistry: @unchecked Sendable {
    private var counts: [String: Int] = [:]

    func unique(_ name: String) -> String {
        let n = (counts[name] ?? 0) + 1
        counts[name] = n
        return n == 1 ? name : "\(name)-\(n)"
    }
}
