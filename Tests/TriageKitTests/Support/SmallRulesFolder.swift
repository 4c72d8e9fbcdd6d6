import Foundation
import Testing
import TriageKit

/// A small rules folder of the tests' own under `Tests/` (such as `Tests/ReaderRules`), loaded
/// the way the program loads a folder, so a test can run on rules that hold just what it needs.
enum SmallRulesFolder {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent() // Support
            .deletingLastPathComponent() // TriageKitTests
            .deletingLastPathComponent() // Tests
            .appendingPathComponent(name)
    }

    static func load(_ name: String) -> LoadedRules {
        let folder = url(name)
        var files: [String: [UInt8]] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".rules") {
            files[file] = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path).map { [UInt8]($0) }
        }
        return RulesLoader(source: InMemoryRules(bytes: files), displayPrefix: "Tests/\(name)/").load()
    }

    /// The folder's rules; fails the calling test when they do not load without errors.
    static func rules(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RuleSet {
        let loaded = load(name)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "Tests/\(name) has errors:\n\(errors.map(\.summaryLine).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        return try #require(loaded.rules, "Tests/\(name) did not load", sourceLocation: sourceLocation)
    }
}
