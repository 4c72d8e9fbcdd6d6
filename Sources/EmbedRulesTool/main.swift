import Foundation

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
swift += "enum EmbeddedRulesData {\n    static let base64Files: [String: String] = [\n"
for (path, base64) in entries {
    swift += "        \"\(path)\": \"\(base64)\",\n"
}
if entries.isEmpty { swift += "        :\n" }
swift += "    ]\n}\n"
do {
    try swift.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedRulesTool: \(error)\n".utf8))
    exit(1)
}
