import Foundation
import Testing
import TriageKit

/// The public examples of spec/examples: on the fixture rules (written from the spec), each
/// script gives exactly the fields of its `.expected.json` (lists compared as sets). The tests
/// read a copy kept beside them (Resources/spec-examples), so they run in a clone without the
/// sibling `shared/` folder; one test checks the copy against `../shared/spec/examples` when
/// that folder is there.
///
/// Whether the shipped rules still give these outcomes is clinical, so it is checked by the
/// rules' own cases (`rules/tests/spec-NAME.case`, run by `headache-triage test`); here, only
/// that each example has its case there, with the published answers.
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

    @Test("each example gives the fields of its .expected.json", arguments: names)
    func example(_ name: String) throws {
        try Self.check(name, in: Self.copyFolder)
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

    // MARK: Checking one example

    static func check(_ name: String, in folder: URL) throws {
        let rules = try FixtureRules.rules()
        let scriptData = try read(folder, "\(name).txt")
        let expectedData = try read(folder, "\(name).expected.json")
        let script = AnswersScript(file: "\(name).txt", bytes: [UInt8](scriptData))
        let result = ScriptedRun(rules: rules).run(script)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.summaryLine))")

        let report = JSONReport().render(ConsultationReport(result: result, date: "", program: ""))
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any],
                                  "run --json output is not a JSON object")
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        compare(expected, actual, path: name)
    }

    /// Every field of `expected` must be in `actual` with the same value; arrays compare as sets.
    static func compare(_ expected: [String: Any], _ actual: [String: Any], path: String) {
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            let here = "\(path).\(key)"
            guard let got = actual[key] else {
                Issue.record("\(here) is missing from the result")
                continue
            }
            switch value {
            case let object as [String: Any]:
                guard let gotObject = got as? [String: Any] else { Issue.record("\(here) is not an object: \(got)"); continue }
                compare(object, gotObject, path: here)
            case let array as [Any]:
                let want = Set(array.map { "\($0)" })
                guard let gotArray = got as? [Any] else { Issue.record("\(here) is not a list: \(got)"); continue }
                let have = Set(gotArray.map { "\($0)" })
                #expect(want == have, "\(here): expected \(want.sorted()), got \(have.sorted())")
                #expect(gotArray.count == have.count, "\(here) has duplicates: \(gotArray)")
            default:
                #expect("\(value)" == "\(got)", "\(here): expected \(value), got \(got)")
            }
        }
    }
}
