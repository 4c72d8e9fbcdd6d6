import ArgumentParser
import TriageKit

/// `headache-triage check [PATH...]`: validates rules and reports every problem at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check rules files and report every problem as FILE:LINE:COLUMN.",
        discussion: "With no path, checks the built-in rules. Exits 0 when there is no error.")

    @Argument(help: ArgumentHelp("Rules files or folders (a folder means its main.rules).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        var failed = false
        for path in paths.isEmpty ? [nil] : paths.map(Optional.some) {
            let loaded = RulesOptions.load(path: path)
            let renderer = DiagnosticRenderer(sources: loaded.sources)
            if !loaded.diagnostics.isEmpty { StandardError.write(renderer.render(loaded.diagnostics) + "\n") }
            // Follow-on errors are folded under their root, and counted apart from it.
            let followOns = loaded.diagnostics.filter { $0.followsFrom != nil }.count
            let errors = loaded.diagnostics.filter { $0.severity == .error }.count - followOns
            let warnings = loaded.diagnostics.filter { $0.severity == .warning }.count
            let name = path ?? "built-in rules"
            if let rules = loaded.rules {
                let counts = [count(rules.questions.count, "question", "questions"), count(rules.flags.count, "red flag", "red flags"),
                              count(rules.patterns.count, "pattern", "patterns"), count(rules.advice.count, "piece of advice", "pieces of advice")]
                    + (warnings > 0 ? [count(warnings, "warning", "warnings")] : [])
                print("\(name): ok: \(counts.joined(separator: ", "))")
            } else {
                failed = true
                print("\(name): \(errors) error\(errors == 1 ? "" : "s")\(followOns > 0 ? " (and \(followOns) that follow from \(errors == 1 ? "it" : "them"))" : "")\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// "1 pattern", "3 patterns".
private func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
