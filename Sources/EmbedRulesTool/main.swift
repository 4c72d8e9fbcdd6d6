import Foundation
import TriageKit

// Writes a Swift file holding every `.rules` file and `.case` test case of a folder, base64-encoded so the bytes
// (and so the rules' sha256) are exactly those on disk, whatever their line endings.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedRulesTool RULES_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
var entries: [(String, String)] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
    for case let url as URL in walker where ["rules", "case", "answers"].contains(url.pathExtension) {
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
        guard let data = FileManager.default.contents(atPath: url.path) else { continue }
        entries.append((relative, data.base64EncodedString()))
    }
}
entries.sort { $0.0 < $1.0 }
var swift = "// Generated from rules/ at build time. Do not edit.\n"
swift += "enum EmbeddedRulesData {\n"
// The rules files apart from the test cases: a run needs only the first, and making the
// dictionary of them all at start was a two-hundredth of a one-script run.
func dictionary(_ name: String, _ entries: [(String, String)]) -> String {
    var text = "    static let \(name): [String: String] = [\n"
    for (path, base64) in entries {
        text += "        \"\(path)\": \"\(base64)\",\n"
    }
    if entries.isEmpty { text += "        :\n" }
    return text + "    ]\n"
}
swift += dictionary("base64Rules", entries.filter { $0.0.hasSuffix(".rules") })
swift += dictionary("base64Tests", entries.filter { !$0.0.hasSuffix(".rules") })
// The rules' sha256, worked out here once rather than at every start. Rules with errors get
// none: the program then loads them the full way and reports the errors.
var files: [String: [UInt8]] = [:]
for (path, _) in entries where path.hasSuffix(".rules") {
    files[path] = FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { [UInt8]($0) }
}
let sha256 = RulesLoader(source: InMemoryRules(bytes: files)).load().rules?.sha256
swift += "    static let sha256: String? = \(sha256.map { "\"\($0)\"" } ?? "nil")\n"
swift += "}\n"
do {
    try swift.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedRulesTool: \(error)\n".utf8))
    exit(1)
}
