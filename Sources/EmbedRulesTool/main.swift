import Foundation
import TriageKit

// Writes a Swift file holding every `.rules` file, `.case` test case and `.answers` file of a
// folder, byte for byte (and so with the rules' sha256 of the files on disk), whatever their
// line endings: the rules files as string literals with every control character escaped, read
// at start by copying their UTF-8; a file that is not UTF-8, and the test cases, base64-encoded.
// It also loads the rules once, as the program would, to record what every start would
// otherwise work out again.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedRulesTool RULES_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
var files: [(path: String, bytes: [UInt8])] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
    for case let url as URL in walker where ["rules", "case", "answers"].contains(url.pathExtension) {
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
        guard let data = FileManager.default.contents(atPath: url.path) else { continue }
        files.append((relative, [UInt8](data)))
    }
}
files.sort { $0.path < $1.path }

/// A Swift string literal holding exactly `text`.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

func dictionary(_ name: String, _ entries: [(String, String)]) -> String {
    var text = "    static let \(name): [String: String] = [\n"
    for (path, value) in entries { text += "        \(literal(path)): \(value),\n" }
    if entries.isEmpty { text += "        :\n" }
    return text + "    ]\n"
}

let rules = files.filter { $0.path.hasSuffix(".rules") }
var textRules: [(String, String)] = [], otherRules: [(path: String, bytes: [UInt8])] = []
for file in rules {
    if let text = String(validating: file.bytes, as: UTF8.self) { textRules.append((file.path, literal(text))) } else { otherRules.append(file) }
}
let tests = files.filter { !$0.path.hasSuffix(".rules") }
func base64(_ files: [(path: String, bytes: [UInt8])]) -> [(String, String)] {
    files.map { ($0.path, "\"" + Data($0.bytes).base64EncodedString() + "\"") }
}

// Loaded once here: their sha256, and whether they have any warning, so that a start neither
// hashes them again nor scans them for what only a warning would say. Rules with errors get
// neither: the program then loads them the full way and reports the errors.
let loaded = RulesLoader(source: InMemoryRules(bytes: Dictionary(uniqueKeysWithValues: rules.map { ($0.path, $0.bytes) }))).load()

var swift = "// Generated from rules/ at build time. Do not edit.\n"
swift += "enum EmbeddedRulesData {\n"
swift += dictionary("textRules", textRules)
swift += dictionary("base64Rules", base64(otherRules))
// The test cases apart: a run needs none of them.
swift += dictionary("base64Tests", base64(tests))
swift += "    static let sha256: String? = \(loaded.rules.map { "\"\($0.sha256)\"" } ?? "nil")\n"
swift += "    static let withoutWarnings = \(loaded.rules != nil && loaded.diagnostics.isEmpty)\n"
swift += "}\n"
do {
    try swift.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedRulesTool: \(error)\n".utf8))
    exit(1)
}
