import Foundation
import TriageKit

extension Binary {
    /// The rules of `folder` loaded in the test itself, to work out what the program must print
    /// from the same rules it runs with.
    static func ruleSet(_ folder: URL) -> RuleSet? {
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".rules") {
            files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { [UInt8]($0) }
        }
        return RulesLoader(source: InMemoryRules(bytes: files)).load().rules
    }
}
