import Foundation
import Testing
import TriageKit

/// `headache-triage show`, through the built executable, on small rules of the tests' own
/// (Tests/CommandLineRules).
@Suite struct ShowCommandTests {
    static func flagIDs() throws -> [String] { try CommandLineRules.flagIDs() }

    @Test func textNamesEveryRedFlag() throws {
        let result = try CommandLineRules.run("show")
        #expect(result.status == 0, "\(result.stderr)")
        let flags = try Self.flagIDs()
        #expect(!flags.isEmpty)
        // Each flag is listed under its own level (a question's "feeds:" line names flags too).
        let rules = try #require(CommandLineRules.ruleSet())
        let lines = result.stdout.components(separatedBy: "\n")
        for flag in rules.flags {
            let level = try #require(lines.firstIndex { $0.hasPrefix("  level \(rules.levels[flag.level].id):") }, "level of \(flag.id)")
            let next = lines[(level + 1)...].firstIndex { $0.hasPrefix("  level ") || $0.isEmpty } ?? lines.count
            #expect(lines[level..<next].contains("    flag \(flag.id)"), "flag \(flag.id) under level \(rules.levels[flag.level].id)")
        }
        #expect(rules.flags.map(\.id) == flags)
    }

    @Test func dotIsAGraphWithEveryRedFlag() throws {
        let result = try CommandLineRules.run("show", ["--dot"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("digraph rules {"))
        for flag in try Self.flagIDs() { #expect(result.stdout.contains("flag__\(flag) ["), "flag \(flag)") }
    }

    static var graphvizInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
    }

    @Test(.enabled(if: graphvizInstalled, "Graphviz's dot is not installed (.ci/run installs it)"))
    func svgIsDrawnWithGraphviz() throws {
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("rules.svg")
        let result = try CommandLineRules.run("show", ["--svg", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.contains("<svg"))
        for flag in try Self.flagIDs() { #expect(svg.contains("flag \(flag)"), "flag \(flag)") }
    }

    @Test func withoutGraphvizSaysHowToInstallIt() throws {
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("rules.svg")
        let result = try CommandLineRules.run("show", ["--svg", file.path], environment: ["PATH": folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("apt-get install graphviz"), "\(result.stderr)")
        #expect(result.stderr.contains("headache-triage show --dot > rules.dot"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
