import Foundation
import Testing

/// `headache-triage show`, through the built executable, on the shipped rules.
@Suite struct ShowCommandTests {
    /// Every `flag ID` block of the shipped rules, whichever file holds it.
    static func flagIDs() throws -> [String] {
        let folder = Binary.fixtureRules
        var ids: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".rules") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            ids += text.split(separator: "\n").filter { $0.hasPrefix("flag ") }.map { String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
        }
        return ids
    }

    @Test func textNamesEveryRedFlag() throws {
        let result = try Binary.run(["show", "--rules", Binary.fixtureRules.path])
        #expect(result.status == 0, "\(result.stderr)")
        let flags = try Self.flagIDs()
        #expect(!flags.isEmpty)
        for flag in flags { #expect(result.stdout.contains("flag \(flag)\n"), "flag \(flag)") }
    }

    @Test func dotIsAGraphWithEveryRedFlag() throws {
        let result = try Binary.run(["show", "--dot"])
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
        let result = try Binary.run(["show", "--svg", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.contains("<svg"))
        for flag in try Self.flagIDs() { #expect(svg.contains("flag \(flag)"), "flag \(flag)") }
    }

    @Test func withoutGraphvizSaysHowToInstallIt() throws {
        let folder = try Binary.temporaryFolder()
        let file = folder.appendingPathComponent("rules.svg")
        let result = try Binary.run(["show", "--svg", file.path], environment: ["PATH": folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("apt-get install graphviz"), "\(result.stderr)")
        #expect(result.stderr.contains("headache-triage show --dot > rules.dot"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
