import Foundation
import TriageKit

extension Binary {
    /// The fixture rules loaded in the test itself, to work out what the program must print
    /// from the same rules it runs with.
    static func fixtureRuleSet() -> RuleSet? {
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fixtureRules.path)) ?? [] where name.hasSuffix(".rules") {
            files[name] = FileManager.default.contents(atPath: fixtureRules.appendingPathComponent(name).path).map { [UInt8]($0) }
        }
        return RulesLoader(source: InMemoryRules(bytes: files)).load().rules
    }
}
