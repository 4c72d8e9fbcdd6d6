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
        for file in paths.flatMap(Self.transcriptFiles) {
            let bytes: [UInt8]
            do { bytes = try InputFile.read(file) } catch {
                StandardError.write("headache-triage: \(error)\n")
                unreadable += 1
                continue
            }
            let script = AnswersScript(file: file, bytes: bytes)
            if script.diagnostics.hasErrors {
                for d in script.diagnostics { StandardError.write(d.summaryLine + "\n") }
                unreadable += 1
                continue
            }
            guard script.isTranscript else {
                print("\(file): not a transcript (its first line is not '\(AnswersScript.transcriptMarker)')")
                unreadable += 1
                continue
            }
            guard !script.recordedOutcome.isEmpty else {
                // A conversation that ended early has no outcome to compare with.
                endedEarly += 1
                continue
            }
            let result = runner.run(script)
            for d in result.diagnostics { StandardError.write(d.summaryLine + "\n") }
            if result.diagnostics.hasErrors {
                unreadable += 1
                continue
            }
            checked += 1
            var differences: [String] = []
            for (key, new) in TranscriptFormat.fields(result.outcome) {
                let old = script.recordedOutcome[key] ?? ""
                if old != new { differences.append("  \(key): \(old.isEmpty ? "(none)" : old) -> \(new.isEmpty ? "(none)" : new)") }
            }
            guard !differences.isEmpty else { continue }
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

    /// A file as given, or every regular file below a folder, in a stable order.
    static func transcriptFiles(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: path) {
            while let relative = walker.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var dir: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue,
                   !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    files.append(full)
                }
            }
        }
        return files.sorted()
    }
}
