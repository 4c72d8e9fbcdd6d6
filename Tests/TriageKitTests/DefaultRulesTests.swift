import DefaultRules
import Foundation
import Testing
import TriageKit

/// The rules built into the binary are exactly the repository's `rules/` folder.
@Suite struct DefaultRulesTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    @Test func embeddedFilesEqualTheRulesFolder() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path)
            .filter { $0.hasSuffix(".rules") }.sorted()
        #expect(!onDisk.isEmpty)
        #expect(DefaultRules.files.keys.sorted() == onDisk)
        for name in onDisk {
            let bytes = try [UInt8](Data(contentsOf: Self.rulesFolder.appendingPathComponent(name)))
            #expect(DefaultRules.files[name] == bytes, "\(name) differs from the embedded copy")
        }
    }

    @Test func embeddedRulesLoadWithoutErrorsAndMatchTheFolder() throws {
        let embedded = DefaultRules.load()
        #expect(!embedded.diagnostics.hasErrors, "\(embedded.diagnostics.map(\.summaryLine))")
        let rules = try #require(embedded.rules)
        var disk: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path) where name.hasSuffix(".rules") {
            disk[name] = try [UInt8](Data(contentsOf: Self.rulesFolder.appendingPathComponent(name)))
        }
        let fromDisk = try #require(RulesLoader(source: InMemoryRules(bytes: disk)).load().rules)
        #expect(rules.sha256 == fromDisk.sha256)
        #expect(rules.sha256.count == 64)
    }

    @Test("what the build worked out (the sha256, that there is no warning) is what loading them finds")
    func buildTimeFactsHold() throws {
        let full = RulesLoader(source: DefaultRules.source, displayPrefix: "rules/").load()
        let embedded = DefaultRules.load()
        #expect(embedded.diagnostics.map(\.summaryLine) == full.diagnostics.map(\.summaryLine))
        #expect(embedded.rules?.sha256 == full.rules?.sha256)
        #expect(embedded.sources == full.sources)
    }

    // Whether the shipped rules have warnings is not the Swift tests' to judge: a warning is a
    // friendly note to the therapist editing them, which `headache-triage test` shows first
    // (RulesTestCommandTests); the language's own warnings are tested on rules of their own.
}
