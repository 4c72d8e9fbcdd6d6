import ArgumentParser
import DefaultRules
import Foundation
import TriageKit

/// `headache-triage test`: runs the rules' regression cases (the `tests/` folder beside the rules).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rules' test cases and show what differs.",
        discussion: """
        Each case in the rules' tests/ folder is an answers script with '#= field: value' lines
        giving the expected outcome (triage, pattern, red_flags, red_flags_unsure, nmt, focus,
        contributors, self_care). A case lists only the answers that differ from
        tests/baseline.answers. After a deliberate change, --accept rewrites the expected lines
        (when more than a few cases would change, it asks first, or needs --yes).
        It also lists every flag, pattern, status, contributor, focus area and piece of advice
        that no case exercises.
        Then it runs a safety sweep: thousands of random consultations, each checked for answers
        that make the advice less safe (one more yes, or a not sure for a no, lowering it; a
        warning sign the answers confirm that does not count). A problem found fails the test,
        and is shown with its answers as a case to keep.
        """)

    @OptionGroup var rulesOptions: RulesOptions

    @Flag(help: "Rewrite each failing case's expected lines with the actual outcome.")
    var accept = false

    @Flag(help: "With --accept: write even when more than a few cases change at once.")
    var yes = false

    @Argument(help: ArgumentHelp("Case files or folders (default: the tests/ folder of the rules).", valueName: "case"))
    var cases: [String] = []

    func run() throws {
        let loaded = RulesOptions.load(path: rulesOptions.rules)
        guard let rules = RulesOptions.loadReporting(loaded) else { throw ExitCode(1) }
        // Warnings are friendly notes about the rules (a question nothing uses): shown first,
        // with where they are, and never a failure: the cases say whether the rules are right.
        let warnings = loaded.diagnostics.filter { $0.severity == .warning }
        if !warnings.isEmpty {
            print(DiagnosticRenderer(sources: loaded.sources).render(warnings), terminator: "")
        }
        let files = try caseFiles()
        guard !files.isEmpty else {
            print("No test cases found.")
            throw ExitCode(1)
        }
        let suite = RegressionSuite(rules: rules, baseline: try baseline(besides: files))
        var failed = 0
        var outcomes: [Outcome] = []
        let results = files.map { suite.run(file: $0.0, bytes: $0.1) }
        let changing = results.filter { !$0.passed && !$0.diagnostics.hasErrors }.count
        var write = accept
        if accept, changing > RegressionSuite.fewCases, !yes {
            print("warning: \(changing) cases would change at once. That is more than a few for one deliberate change:")
            print("  a new question or a typo can make many cases fail together. Read the differences below first.")
            write = Self.confirm("Rewrite all \(changing) cases with what the rules give now? (yes/no) ")
            if !write { print("Nothing was written. Run 'test --accept --yes' to write them all.") }
        }
        for ((name, bytes, path), result) in zip(files, results) {
            if let outcome = result.outcome { outcomes.append(outcome) }
            if result.passed { continue }
            failed += 1
            let renderer = DiagnosticRenderer(sources: [name: String(decoding: bytes, as: UTF8.self)])
            print("FAIL \(name)")
            if !result.diagnostics.isEmpty { print(renderer.render(result.diagnostics), terminator: "") }
            for d in result.differences {
                print("  \(d.field):")
                print("    - expected: \(d.expected.isEmpty ? "(none)" : d.expected)")
                print("    + actual:   \(d.actual.isEmpty ? "(none)" : d.actual)")
            }
            if write, let path, let outcome = result.outcome, !result.diagnostics.hasErrors {
                let text = RegressionSuite.accepted(String(decoding: bytes, as: UTF8.self), outcome: outcome, levels: rules.levels.map(\.id))
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                print("  accepted: \(path) now expects the actual outcome")
            }
        }
        let unexercised = suite.unexercised(by: outcomes)
        if !unexercised.isEmpty {
            print("Not exercised by any case (\(unexercised.count)):")
            for rule in unexercised { print("  \(rule)") }
        }
        print("\(files.count - failed) passed, \(failed) failed")
        // On one thread: on two, the threads' counting of their shared references to the rules
        // made it slower.
        let sweeper = SafetySweep(rules: rules, baseline: suite.baseline)
        let sweep = sweeper.simplifying(sweeper.run(0..<SafetySweep.defaultCount), first: SweepReport.shown)
        let folder = files.first?.2.map { ($0 as NSString).deletingLastPathComponent } ?? "rules/tests"
        print(SweepReport(rules: rules, result: sweep, testsFolder: folder).text, terminator: "")
        if failed > 0, !write { throw ExitCode(1) }
        // Never accepted: the rules must be made safe.
        if !sweep.passed { throw ExitCode(1) }
    }

    /// Asks on a terminal; anywhere else the answer is no.
    private static func confirm(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        print(question, terminator: "")
        fflush(stdout)
        let answer = Swift.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return ["yes", "y"].contains(answer)
    }

    /// The baseline the cases build on: the built-in one, or `baseline.answers` in the folder
    /// of the first case.
    private func baseline(besides files: [(String, [UInt8], String?)]) throws -> AnswersScript? {
        guard let first = files.first else { return nil }
        guard let path = first.2 else {
            return DefaultRules.baseline.map { AnswersScript(file: "rules/" + RegressionSuite.baselinePath, bytes: $0) }
        }
        let folder = (path as NSString).deletingLastPathComponent
        let baseline = (folder as NSString).appendingPathComponent("baseline.answers")
        guard FileManager.default.fileExists(atPath: baseline) else { return nil }
        return AnswersScript(file: baseline, bytes: try InputFile.read(baseline))
    }

    /// (display name, bytes, path on disk if any) of every case.
    private func caseFiles() throws -> [(String, [UInt8], String?)] {
        var paths = cases
        if paths.isEmpty {
            guard let rulesPath = rulesOptions.rules else {
                if accept { throw ValidationError("--accept needs --rules PATH (the built-in cases cannot be rewritten)") }
                return DefaultRules.cases.sorted { $0.key < $1.key }.map { ("rules/" + $0.key, $0.value, nil) }
            }
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: rulesPath, isDirectory: &isDirectory) && isDirectory.boolValue
            let folder = isFolder ? rulesPath : (rulesPath as NSString).deletingLastPathComponent
            paths = [(folder as NSString).appendingPathComponent("tests")]
        }
        var files: [String] = []
        ReplayCheck.forEachFile(in: paths) { if $0.hasSuffix(".case") || cases.contains($0) { files.append($0) } }
        return try files.map { ($0, try InputFile.read($0), $0) }
    }
}
