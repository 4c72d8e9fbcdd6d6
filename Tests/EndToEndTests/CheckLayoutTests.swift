import Foundation
import Testing

/// `check` on small rules of the tests' own (Tests/CommandLineRules) with one layout slip: the
/// slip is the one error shown.
@Suite struct CheckLayoutTests {
    /// A copy of the rules with `change` applied to the first `question` block of the first file
    /// (by name) that holds one.
    static func copyWithSlip(_ change: (inout [String], Int) -> Void) throws -> (folder: URL, file: String, line: Int) {
        let folder = try CommandLineRules.copy()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".rules") {
            let url = folder.appendingPathComponent(name)
            var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            guard let header = lines.firstIndex(where: { $0.hasPrefix("question ") }),
                  let ask = lines[header...].firstIndex(where: { $0.hasPrefix("  ask:") }) else { continue }
            change(&lines, ask)
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            return (folder, name, ask + 1)
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func aSettingMovedToTheMarginIsTheOneErrorShown() throws {
        let (folder, file, line) = try Self.copyWithSlip { lines, ask in lines[ask].removeFirst(2) }
        let result = try Binary.run(["check", folder.path])
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        #expect(errors == ["\(folder.path)/\(file):\(line):1: error: 'ask:' is at the left margin, so it is not part of "
                           + "'\(try Self.questionHeader(folder, file, before: line))' above it"], "\(result.stderr)")
        #expect(result.stdout == "\(folder.path): 1 error\n", "\(result.stdout)")
    }

    @Test func aMissingAnswerShowsItsErrorFirstWithTheRestFolded() throws {
        let (folder, file, _) = try Self.copyWithSlip { lines, ask in
            if let answer = lines[ask...].firstIndex(where: { $0.hasPrefix("  answer:") }) { lines[answer] = "  anwser: yes/no" }
        }
        let result = try Binary.run(["check", folder.path])
        #expect(result.status == 1)
        let first = result.stderr.components(separatedBy: "\n").first ?? ""
        #expect(first.hasPrefix("\(folder.path)/\(file):") && first.hasSuffix(": error: 'question' has no setting 'anwser'"), "\(result.stderr)")
        #expect(result.stderr.contains("more error"), "\(result.stderr)")
        #expect(result.stdout.contains("1 error (and "), "\(result.stdout)")
    }

    static func questionHeader(_ folder: URL, _ file: String, before line: Int) throws -> String {
        let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
        return lines[..<line].last { $0.hasPrefix("question ") } ?? ""
    }
}
