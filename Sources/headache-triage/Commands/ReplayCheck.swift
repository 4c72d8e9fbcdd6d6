import Foundation
import TriageKit

/// `run --check`: replays saved transcripts with the current rules and reports every outcome
/// field that changed, marking as a safety regression any triage that became less urgent and
/// any confirmed red flag that was lost or became unsure (even when the triage stayed the same:
/// another flag of the same level can hide it, and the person no longer hears its message).
///
/// Transcripts are independent, so they are replayed on every core at once, a batch of files
/// at a time; each file's messages are kept until its turn, so the output is the same, line
/// for line and in the same order, as replaying one file after another.
struct ReplayCheck {
    let rules: RuleSet
    /// Threads replaying at once.
    var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Files replayed between two rounds of printing: enough to keep every thread busy, few
    /// enough that memory stays flat however many transcripts a folder holds.
    static let batchSize = 256

    /// What replaying one file found, kept until it is its turn to be printed.
    struct FileReport {
        enum Verdict { case unreadable, endedEarly, unchanged, changed }
        var verdict: Verdict
        /// Lines for standard error and standard output, each ending in a newline.
        var errors = ""
        var output = ""
        /// The outcome fields that changed, for the count per field, and every field in the
        /// order a transcript lists them (set with a change), for the order of that count.
        var changedFields: [String] = []
        var fieldOrder: [String] = []
        /// "FILE: what became less safe", one line per safety regression.
        var regressions: [String] = []
    }

    /// Returns true when nothing changed.
    func run(_ inputs: RunInputs) -> Bool {
        // Each thread has its own runner, so nothing inside one (its answer and story readers)
        // is ever shared between threads; the rules themselves are only read. Runners are made
        // as they are needed: checking one file makes one.
        var runners: [ScriptedRun] = []
        var checked = 0, changed = 0, unreadable = 0, endedEarly = 0
        var regressions: [String] = []
        var changesPerField: [String: Int] = [:], fieldOrder: [String] = []
        let listed = Self.forEachBatch(of: Self.batchSize, in: inputs) { files in
            while runners.count < min(threads, files.count) { runners.append(ScriptedRun(rules: rules)) }
            for report in check(files, with: runners) {
                if !report.errors.isEmpty { StandardError.write(report.errors) }
                if !report.output.isEmpty { print(report.output, terminator: "") }
                switch report.verdict {
                case .unreadable: unreadable += 1
                case .endedEarly: endedEarly += 1
                case .unchanged: checked += 1
                case .changed: checked += 1; changed += 1
                }
                regressions += report.regressions
                for field in report.changedFields { changesPerField[field, default: 0] += 1 }
                if fieldOrder.isEmpty { fieldOrder = report.fieldOrder }
            }
        }
        print("\(checked) transcript\(checked == 1 ? "" : "s") checked, \(changed) outcome\(changed == 1 ? "" : "s") changed\(endedEarly > 0 ? ", \(endedEarly) ended early (no outcome to compare)" : "")\(unreadable > 0 ? ", \(unreadable) unreadable" : "")")
        if !changesPerField.isEmpty {
            // In the order of the outcome's fields, so the summary reads like each report above.
            let order = Dictionary(fieldOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let counts = changesPerField.sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
            print("changed: " + counts.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if !regressions.isEmpty {
            print("SAFETY REGRESSION: \(regressions.count) change\(regressions.count == 1 ? "" : "s") made an outcome less safe"
                  + " (a less urgent triage, or a confirmed red flag lost or now unsure):")
            regressions.forEach { print("  \($0)") }
        }
        return listed && changed == 0 && unreadable == 0
    }

    /// Replays `files` on all the runners at once, each thread taking the next file not yet
    /// taken; the reports come back in the order of `files`.
    func check(_ files: [String], with runners: [ScriptedRun]) -> [FileReport] {
        let threads = min(runners.count, files.count)
        guard threads > 1 else { return files.map { check($0, with: runners[0]) } }
        var reports = [FileReport?](repeating: nil, count: files.count)
        let next = NextIndex(count: files.count)
        reports.withUnsafeMutableBufferPointer { slots in
            // Each slot is written by exactly one thread, and read only after all have finished.
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                while let index = next.take() {
                    slots[index] = check(files[index], with: runners[thread])
                }
            }
        }
        return reports.map { $0! }
    }

    /// Replays one transcript and says what changed; prints nothing.
    func check(_ file: String, with runner: ScriptedRun) -> FileReport {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(file) } catch {
            return FileReport(verdict: .unreadable, errors: "headache-triage: \(error)\n")
        }
        let script = AnswersScript(file: file, bytes: bytes)
        if script.diagnostics.hasErrors {
            return FileReport(verdict: .unreadable, errors: Self.lines(script.diagnostics.map(\.summaryLine)))
        }
        guard script.isTranscript else {
            return FileReport(verdict: .unreadable,
                              output: "\(file): not a transcript (its first line is not '\(AnswersScript.transcriptMarker)')\n")
        }
        guard !script.recordedOutcome.isEmpty else {
            // A conversation that ended early has no outcome to compare with.
            return FileReport(verdict: .endedEarly)
        }
        let result = runner.run(script)
        var report = FileReport(verdict: .unchanged, errors: Self.lines(result.diagnostics.map(\.summaryLine)))
        if result.diagnostics.hasErrors {
            report.verdict = .unreadable
            return report
        }
        var differences: [String] = []
        let fields = TranscriptFormat.fields(result.outcome)
        for (key, new) in fields {
            let old = script.recordedOutcome[key] ?? ""
            if old != new {
                differences.append("  \(key): \(old.isEmpty ? "(none)" : old) -> \(new.isEmpty ? "(none)" : new)")
                report.changedFields.append(key)
            }
        }
        guard !differences.isEmpty else { return report }
        report.verdict = .changed
        report.fieldOrder = fields.map(\.key)
        let regressions = safetyRegressions(recorded: script.recordedOutcome, now: result.outcome)
        report.output = Self.lines(["\(file):"] + differences + regressions.map { "  SAFETY REGRESSION: \($0)" })
        report.regressions = regressions.map { "\(file): \($0)" }
        return report
    }

    /// What became less safe: a less urgent triage; a red flag confirmed before that is now
    /// unsure or not raised at all.
    func safetyRegressions(recorded: [String: String], now outcome: Outcome) -> [String] {
        var found: [String] = []
        if let old = recorded["triage"], let oldIndex = rules.levels.firstIndex(where: { $0.id == old }),
           let newIndex = rules.levels.firstIndex(where: { $0.id == outcome.triage.id }), newIndex > oldIndex {
            found.append("triage \(old) -> \(outcome.triage.id)")
        }
        let confirmed = Set(outcome.redFlags.map(\.id)), unsure = Set(outcome.redFlagsUnsure.map(\.id))
        for flag in Self.ids(recorded["red_flags"]) where !confirmed.contains(flag) {
            found.append("red flag '\(flag)' was confirmed, \(unsure.contains(flag) ? "now only unsure" : "now not raised")")
        }
        return found
    }

    /// The ids of a recorded list field ("a, b").
    private static func ids(_ field: String?) -> [String] {
        (field ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }


    private static func lines(_ lines: [String]) -> String {
        lines.map { $0 + "\n" }.joined()
    }

    /// Hands the files of `inputs` to `body` in batches of at most `size`, in order; false when
    /// the list of files could not be read.
    static func forEachBatch(of size: Int, in inputs: RunInputs, _ body: ([String]) -> Void) -> Bool {
        var batch: [String] = []
        batch.reserveCapacity(size)
        let listed = inputs.forEachFile { file in
            batch.append(file)
            if batch.count == size {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { body(batch) }
        return listed
    }

    /// Calls `body` for each file as given, or each regular file below a folder, in name order.
    static func forEachFile(in paths: [String], _ body: (String) -> Void) {
        for path in paths { FileWalk.forEachFile(under: path, body) }
    }
}
