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
        contributors, self_care). After a deliberate change, --accept rewrites those lines.
        It also lists every flag, pattern, status, contributor, focus area and piece of advice
        that no case exercises.
        """)

    @OptionGroup var rulesOptions: RulesOptions

    @Flag(help: "Rewrite each failing case's expected lines with the actual outcome.")
    var accept = false

    @Argument(help: ArgumentHelp("Case files or folders (default: the tests/ folder of the rules).", valueName: "case"))
    var cases: [String] = []

    func run() throws {
        let rules = try rulesOptions.load()
        let suite = RegressionSuite(rules: rules)
        let files = try caseFiles()
        guard !files.isEmpty else {
            print("No test cases found.")
            throw ExitCode(1)
        }
        var failed = 0
        var outcomes: [Outcome] = []
        for (name, bytes, path) in files {
            let result = suite.run(file: name, bytes: bytes)
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
            if accept, let path, let outcome = result.outcome, !result.diagnostics.hasErrors {
                let text = RegressionSuite.accepted(String(decoding: bytes, as: UTF8.self), outcome: outcome)
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
        if failed > 0, !accept { throw ExitCode(1) }
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
