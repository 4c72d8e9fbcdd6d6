import Foundation
import TriageKit

/// `run --check`: replays saved transcripts with the current rules and reports every outcome
/// field that changed, marking any triage that became less urgent as a safety regression.
struct ReplayCheck {
    let rules: RuleSet

    /// Returns true when nothing changed.
    func run(paths: [String]) -> Bool {
        let runner = ScriptedRun(rules: rules)
        var checked = 0, changed = 0, unreadable = 0, endedEarly = 0
        var regressions: [String] = []
        Self.forEachFile(in: paths) { file in
            let bytes: [UInt8]
            do { bytes = try InputFile.read(file) } catch {
                StandardError.write("headache-triage: \(error)\n")
                unreadable += 1
                return
            }
            let script = AnswersScript(file: file, bytes: bytes)
            if script.diagnostics.hasErrors {
                for d in script.diagnostics { StandardError.write(d.summaryLine + "\n") }
                unreadable += 1
                return
            }
            guard script.isTranscript else {
                print("\(file): not a transcript (its first line is not '\(AnswersScript.transcriptMarker)')")
                unreadable += 1
                return
            }
            guard !script.recordedOutcome.isEmpty else {
                // A conversation that ended early has no outcome to compare with.
                endedEarly += 1
                return
            }
            let result = runner.run(script)
            for d in result.diagnostics { StandardError.write(d.summaryLine + "\n") }
            if result.diagnostics.hasErrors {
                unreadable += 1
                return
            }
            checked += 1
            var differences: [String] = []
            for (key, new) in TranscriptFormat.fields(result.outcome) {
                let old = script.recordedOutcome[key] ?? ""
                if old != new { differences.append("  \(key): \(old.isEmpty ? "(none)" : old) -> \(new.isEmpty ? "(none)" : new)") }
            }
            guard !differences.isEmpty else { return }
            changed += 1
            print("\(file):")
            differences.forEach { print($0) }
            if let old = script.recordedOutcome["triage"], let oldIndex = rules.levels.firstIndex(where: { $0.id == old }),
               let newIndex = rules.levels.firstIndex(where: { $0.id == result.outcome.triage.id }), newIndex > oldIndex {
                regressions.append("\(file): \(old) -> \(result.outcome.triage.id)")
            }
        }
        print("\(checked) transcript\(checked == 1 ? "" : "s") checked, \(changed) outcome\(changed == 1 ? "" : "s") changed\(endedEarly > 0 ? ", \(endedEarly) ended early (no outcome to compare)" : "")\(unreadable > 0 ? ", \(unreadable) unreadable" : "")")
        if !regressions.isEmpty {
            print("SAFETY REGRESSION: \(regressions.count) triage\(regressions.count == 1 ? "" : "s") became less urgent:")
            regressions.forEach { print("  \($0)") }
        }
        return changed == 0 && unreadable == 0
    }

    /// Calls `body` for each file as given, or each regular file below a folder, in name order,
    /// one folder at a time: a hundred thousand transcripts are never all listed in memory.
    static func forEachFile(in paths: [String], _ body: (String) -> Void) {
        func walk(_ path: String) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                body(path)
                return
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for name in names { walk((path as NSString).appendingPathComponent(name)) }
        }
        for path in paths { walk(path) }
    }
}
