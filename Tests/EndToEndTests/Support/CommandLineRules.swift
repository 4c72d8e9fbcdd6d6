import Foundation
import TriageKit

/// Small rules of the command line tests' own (Tests/CommandLineRules): a few questions, a
/// screen, four levels, red flags, patterns, therapy and advice, and answer scripts for them in
/// `scripts/`. The tests of `run`, `check`, `show` and `chat --json` run the program on these,
/// so what the clinical rules say never decides whether they pass.
enum CommandLineRules {
    static let folder = Binary.packageRoot.appendingPathComponent("Tests/CommandLineRules")
    static let scripts = folder.appendingPathComponent("scripts")

    /// The path of `scripts/NAME.txt`.
    static func script(_ name: String) -> String { scripts.appendingPathComponent("\(name).txt").path }

    /// The names of the scripts, sorted.
    static var scriptNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scripts.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// `headache-triage COMMAND --rules <these rules> ARGUMENTS...`.
    static func run(_ command: String, _ arguments: [String] = [], stdin: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, timeout: TimeInterval = 60) throws -> Binary.Result {
        try Binary.run([command, "--rules", folder.path] + arguments, stdin: stdin, environment: environment,
                       directory: directory, timeout: timeout)
    }

    /// A copy of the rules files (without the scripts) in a fresh temporary folder named `rules`,
    /// for a test to edit.
    static func copy() throws -> URL {
        let copy = try Binary.temporaryFolder().appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".rules") {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        return copy
    }

    /// The rules loaded in the test itself.
    static func ruleSet() -> RuleSet? {
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".rules") {
            files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { [UInt8]($0) }
        }
        return RulesLoader(source: InMemoryRules(bytes: files)).load().rules
    }

    /// Every `flag ID` of these rules.
    static func flagIDs() throws -> [String] {
        var ids: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".rules") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            ids += text.split(separator: "\n").filter { $0.hasPrefix("flag ") }.map { String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
        }
        return ids
    }
}
