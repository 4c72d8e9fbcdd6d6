import Foundation
import Testing

/// The public examples of spec/examples. What they give is clinical, so it is checked by the
/// shipped rules' own cases (`rules/tests/spec-NAME.case`, run by `headache-triage test`).
/// Here, only that the copy kept beside these tests (Resources/spec-examples, so they run in a
/// clone without the sibling `shared/` folder) is complete and matches `../shared/spec/examples`
/// when that folder is there, and that each example has its case in `rules/tests/`, with the
/// published answers.
@Suite("Spec examples (spec/examples)")
struct SpecExampleTests {
    /// The examples published with the spec; a new one must be added here (a test checks the folder).
    static let names = ["aura-on-the-pill", "fever-unsure", "office-tension", "opioid-overuse", "teen-migraine-aura", "thunderclap-stop"]

    /// The package root, from this file's path (symlinks resolved, so a mirror of the package works too).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // TriageKitTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // package root

    static let copyFolder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("Resources/spec-examples")

    /// `shared/` is a sibling of the clone folder.
    static let sharedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/spec/examples")

    static var sharedFolderExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: sharedFolder.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func read(_ folder: URL, _ file: String) throws -> Data {
        let url = folder.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("cannot read \(url.path): the spec examples must be copied into Tests/TriageKitTests/Resources/spec-examples")
            throw CocoaError(.fileReadNoSuchFile)
        }
        return data
    }

    @Test("the copied examples are all there, and listed in this test")
    func copyIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.copyFolder.path)
        let scripts = Set(files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(".txt".count)) })
        let expected = Set(files.filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) })
        #expect(scripts == Set(Self.names))
        #expect(expected == Set(Self.names))
    }

    @Test("the copies match ../shared/spec/examples",
          .enabled(if: SpecExampleTests.sharedFolderExists, "../shared/spec/examples is not beside this clone"))
    func copiesMatchShared() throws {
        let shared = try FileManager.default.contentsOfDirectory(atPath: Self.sharedFolder.path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".expected.json") }
        let copies = try FileManager.default.contentsOfDirectory(atPath: Self.copyFolder.path)
        #expect(Set(shared) == Set(copies), "the examples in ../shared changed: copy them again")
        for file in shared {
            #expect(try Self.read(Self.sharedFolder, file) == Self.read(Self.copyFolder, file), "\(file) differs from ../shared")
        }
    }

    @Test("each example is a case of the shipped rules' tests, with the published answers", arguments: names)
    func exampleIsARulesCase(_ name: String) throws {
        let rulesTests = Self.packageRoot.appendingPathComponent("rules/tests")
        let script = String(decoding: try Self.read(Self.copyFolder, "\(name).txt"), as: UTF8.self)
        let testCase = String(decoding: try Self.read(rulesTests, "spec-\(name).case"), as: UTF8.self)
        // The answers, without comments: a case adds its '#=' outcome lines and a description.
        func answers(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        }
        #expect(answers(testCase) == answers(script), "rules/tests/spec-\(name).case no longer has the published answers")
        #expect(testCase.contains("\n#= triage: "), "rules/tests/spec-\(name).case does not check the triage")
    }
}
