import Foundation
import Testing
import TriageKit

/// Rules held in memory that cannot list their files, so the loader parses each file as it
/// follows the includes, one after another: the way rules on disk are read.
private struct UnlistedRules: RulesSource {
    var inner: InMemoryRules
    func read(_ relativePath: String) -> [UInt8]? { inner.read(relativePath) }
}

/// A source that lists its files (the built-in rules) has them all parsed at once, on two
/// threads, before the includes are followed. What loading gives must not change by a byte.
@Suite("Parsing the rules files ahead, in parallel")
struct ParseAheadTests {
    static let files = [
        "main.rules": """
            name: Parse ahead
            version: 1.0
            include questions.rules
            include more/flags.rules
            """,
        "questions.rules": """
            question fever
              ask: Do you have a fever?
              answer: yes/no

            question age
              ask: How old are you?
              answer: number
              unit: years
              range: 1 to 120
            """,
        "more/flags.rules": """
            include levels.rules

            flag fever
              level: urgent
              when: fever and age >= 50
              message: A fever needs a doctor.
            """,
        "more/levels.rules": """
            level urgent
              advice: See a doctor today.

            level self_care
              advice: Look after yourself.
            """,
        // Never included: its mistakes must not be reported.
        "spare.rules": "question Broken\n  ask:\n",
    ]

    static func bothWays(_ files: [String: String]) -> (ahead: LoadedRules, inOrder: LoadedRules) {
        let memory = InMemoryRules(files: files)
        return (RulesLoader(source: memory, displayPrefix: "r/").load(),
                RulesLoader(source: UnlistedRules(inner: memory), displayPrefix: "r/").load())
    }

    static func expectSame(_ a: LoadedRules, _ b: LoadedRules) {
        #expect(a.diagnostics.map(\.summaryLine) == b.diagnostics.map(\.summaryLine))
        #expect(a.files == b.files)
        #expect(a.sources == b.sources)
        #expect(a.rules?.sha256 == b.rules?.sha256)
        #expect(a.rules?.questions.map(\.id) == b.rules?.questions.map(\.id))
        #expect(a.rules?.flags.map(\.id) == b.rules?.flags.map(\.id))
    }

    @Test("rules in several folders load the same either way, and a file never included is never read")
    func cleanRules() throws {
        let (ahead, inOrder) = Self.bothWays(Self.files)
        Self.expectSame(ahead, inOrder)
        #expect(ahead.diagnostics.isEmpty, "\(ahead.diagnostics.map(\.summaryLine))")
        #expect(ahead.files == ["main.rules", "questions.rules", "more/flags.rules", "more/levels.rules"])
        #expect(ahead.sources["r/spare.rules"] == nil)
        #expect(try #require(ahead.rules).flags.map(\.id) == ["fever"])
    }

    @Test("mistakes in several files are reported the same either way, each at its place")
    func brokenRules() {
        var files = Self.files
        files["questions.rules"]! += "\n\nquestion age\n  ask: Again?\n  answer: yes/no\n"
        files["more/levels.rules"]! += "\n\tlevel later\n"
        files["more/flags.rules"]! = files["more/flags.rules"]!.replacingOccurrences(of: "fever and", with: "fevr and")
        let (ahead, inOrder) = Self.bothWays(files)
        Self.expectSame(ahead, inOrder)
        let places = Set(ahead.diagnostics.map(\.location.file))
        #expect(places.isSuperset(of: ["r/questions.rules", "r/more/levels.rules", "r/more/flags.rules"]),
                "\(ahead.diagnostics.map(\.summaryLine))")
        #expect(!places.contains("r/spare.rules"))
        #expect(ahead.rules == nil)
    }

    @Test("a missing include and an include cycle are reported the same either way")
    func missingAndCycle() {
        var files = Self.files
        files["main.rules"]! += "\ninclude missing.rules\n"
        files["more/levels.rules"]! += "\ninclude ../main.rules\n"
        let (ahead, inOrder) = Self.bothWays(files)
        Self.expectSame(ahead, inOrder)
        #expect(ahead.diagnostics.contains { $0.message == "cannot find the file 'missing.rules'" })
        #expect(ahead.diagnostics.contains { $0.message == "'main.rules' is included more than once" })
    }
}
