import Foundation
import Testing

/// Therapists edit the shipped `rules/` and test them with `headache-triage test`; after that,
/// `swift test` must still pass. So the tests of the program never rely on what the shipped
/// rules say: they use the fixture rules (Tests/FixtureRules) or small rules of their own, and
/// the shipped rules' clinical behaviour is in their own cases (`rules/tests/`).
///
/// A rules edit cannot be tried from inside `swift test` (the shipped rules are built into the
/// program and into TriageKitTests), so this guard looks at the tests' sources instead: every
/// way a test can reach the shipped rules is listed below, and only the files allowed here, each
/// for the reason given, may use one. A new test that reaches for the shipped rules fails here
/// with its file and line, before a therapist finds it by breaking it.
@Suite struct ShippedRulesGuardTests {
    /// The ways to reach the shipped rules from a test.
    static let patterns: [(name: String, regex: String)] = [
        ("the built-in rules", #"\bDefaultRules\b"#),
        ("the program with its built-in rules", #"builtInRules: true"#),
        // Fixtures.run and .answers are neutral when given the rules or the base answers.
        ("the shipped rules through Fixtures", #"\bFixtures\.(rules\(|loaded|baseline|run\((?!.*rules: )|answers\((?!.*base: ))"#),
        ("the shipped rules folder", #"(packageRoot|deletingLastPathComponent\(\))\.appendingPathComponent\("rules"#),
        ("a file of the shipped rules folder", #"appendingPathComponent\("rules/|"rules/tests/"#),
        ("a terminal session with the built-in rules",
         #"PseudoTerminal\(executable: Binary\.url, arguments: (?!.*"--rules")"#),
    ]

    /// The test files that may reach the shipped rules, and why that cannot break after a rules edit.
    static let allowed: [String: String] = [
        // Opt-in, and about the product as shipped: held-back phrasings read with the shipped words.
        "TriageKitTests/HeldBackPhrasingsTests.swift": "opt-in: measures the shipped reader on phrasings kept out of the repository",
        "TriageKitTests/Support/Fixtures.swift": "the shipped-rules helpers the held-back phrasings use",
        // Whatever the rules say, these hold.
        "TriageKitTests/DefaultRulesTests.swift": "the built-in copy is byte for byte the rules folder, and loads",
        "TriageKitTests/SpecExampleTests.swift": "each public spec example is a case in rules/tests, with its published answers",
        "EndToEndTests/TranscriptTests.swift": "runs 'headache-triage test' on the shipped rules: their cases pass",
        "EndToEndTests/VersionTests.swift": "--version names the built-in rules as a run reports them",
        "EndToEndTests/GuideCommandTests.swift": "the guides' commands, as typed, on a copy of the repository",
        "EndToEndTests/ShippedRulesGuardTests.swift": "this guard",
    ]

    static let testsFolder = Binary.packageRoot.appendingPathComponent("Tests")

    /// Every Swift source under Tests/, relative to it.
    static func sources() -> [String] {
        let walker = FileManager.default.enumerator(atPath: testsFolder.path)
        var files: [String] = []
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".swift") { files.append(path) }
        }
        return files.sorted()
    }

    @Test func onlyTheAllowedTestsReachTheShippedRules() throws {
        let files = Self.sources()
        #expect(files.count > 40, "the test sources were not found under \(Self.testsFolder.path)")
        for file in files where Self.allowed[file] == nil {
            let text = try String(contentsOf: Self.testsFolder.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                // Comments may name the shipped rules.
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                for (name, regex) in Self.patterns where line.range(of: regex, options: .regularExpression) != nil {
                    Issue.record("Tests/\(file):\(number + 1) uses \(name); a test of the program must not depend on the shipped rules: use the fixture rules (Tests/FixtureRules) or rules of its own, or move a clinical check into rules/tests\n  \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    @Test func everyAllowedFileExists() {
        for file in Self.allowed.keys {
            #expect(FileManager.default.fileExists(atPath: Self.testsFolder.appendingPathComponent(file).path), "\(file) is allowed but gone")
        }
    }

    /// The guard finds what it looks for: a line of each kind is caught.
    @Test func eachPatternCatchesItsExample() {
        let examples = [
            "import DefaultRules", "Binary.run([\"test\"], builtInRules: true)", "let rules = try Fixtures.rules()",
            "Binary.packageRoot.appendingPathComponent(\"rules\")", "let base = \"rules/tests/baseline.answers\"",
            "PseudoTerminal(executable: Binary.url, arguments: [\"--no-save\"], environment: env)",
        ]
        for (pattern, example) in zip(Self.patterns, examples) {
            #expect(example.range(of: pattern.regex, options: .regularExpression) != nil, "\(pattern.name) misses: \(example)")
        }
        // And lets the neutral forms through.
        let neutral = [
            "PseudoTerminal(executable: Binary.url, arguments: [\"--rules\", rules.path], environment: env)",
            "try Fixtures.run(answers, rules: rules)", "Fixtures.answers(changes, base: row.answers)",
            "let rules = folder.appendingPathComponent(\"rules\")", "#expect(line == \"rules/main.rules:1:1: error\")",
        ]
        for line in neutral {
            #expect(!Self.patterns.contains { line.range(of: $0.regex, options: .regularExpression) != nil }, "caught: \(line)")
        }
    }
}
