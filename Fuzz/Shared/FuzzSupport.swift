// Shared by the libFuzzer harnesses: they are compiled together with the TriageKit sources
// (one module), so the library's internal types are visible here.
import Foundation

/// Reads the shipped rules folder once, so the harnesses fuzz against the real rules.
///
/// The library has no file I/O; the harness reads `$TRIAGE_RULES_DIR` (set by Fuzz/run.sh to
/// the repository's rules/), falling back to `rules` in the current folder.
enum FuzzSupport {
    static let rulesDirectory: String = ProcessInfo.processInfo.environment["TRIAGE_RULES_DIR"] ?? "rules"

    /// Every `*.rules` file of the shipped folder, by file name.
    static let shippedRuleFiles: [String: [UInt8]] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory)) ?? []
        var files: [String: [UInt8]] = [:]
        for name in names where name.hasSuffix(".rules") {
            if let data = FileManager.default.contents(atPath: rulesDirectory + "/" + name) { files[name] = [UInt8](data) }
        }
        return files
    }()

    /// The shipped rules, checked; the harness stops at once if they do not load.
    static let defaultRules: RuleSet = {
        let loaded = RulesLoader(source: InMemoryRules(bytes: shippedRuleFiles), displayPrefix: "rules/").load()
        guard let rules = loaded.rules else {
            let renderer = DiagnosticRenderer(sources: loaded.sources)
            FileHandle.standardError.write(Data("fuzz: cannot load the rules from '\(rulesDirectory)' (set TRIAGE_RULES_DIR):\n".utf8))
            for d in loaded.diagnostics { FileHandle.standardError.write(Data(renderer.render(d).utf8)) }
            exit(2)
        }
        return rules
    }()

    /// Built once, as the program builds them once per conversation.
    static let reader = AnswerReader(rules: defaultRules)
    static let storyReader = StoryReader(rules: defaultRules)

    /// A property the library promises; a violation is a crash libFuzzer records like any other.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("fuzz: property violated: \(message())\n".utf8))
            abort()
        }
    }

    /// Every diagnostic has a usable FILE:LINE:COLUMN and renders without trapping.
    static func checkDiagnostics(_ diagnostics: [Diagnostic], sources: [String: String]) {
        let renderer = DiagnosticRenderer(sources: sources)
        for d in diagnostics {
            require(d.location.line >= 1 && d.location.column >= 1, "diagnostic at \(d.location): \(d.message)")
            require(!d.message.isEmpty, "empty diagnostic message at \(d.location)")
            _ = renderer.render(d)
        }
    }
}
