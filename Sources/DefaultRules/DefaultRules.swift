import Foundation
import TriageKit

/// The rules shipped in the repository's `rules/` folder, embedded at build time.
public enum DefaultRules {
    /// The embedded `.rules` files, keyed by path relative to the rules folder.
    public static let files: [String: [UInt8]] = EmbeddedRulesData.textRules.mapValues { Array($0.utf8) }
        .merging(decoded(EmbeddedRulesData.base64Rules) { _ in true }) { text, _ in text }

    /// The embedded test cases (`tests/*.case`), keyed by path relative to the rules folder.
    public static let cases: [String: [UInt8]] = decoded(EmbeddedRulesData.base64Tests) { $0.hasSuffix(".case") }

    /// The answers every test case builds on (`tests/baseline.answers`), if the rules have one.
    public static let baseline: [UInt8]? = decoded(EmbeddedRulesData.base64Tests) { $0 == RegressionSuite.baselinePath }.values.first

    private static func decoded(_ base64: [String: String], _ include: (String) -> Bool) -> [String: [UInt8]] {
        base64.filter { include($0.key) }.compactMapValues { Data(base64Encoded: $0).map { [UInt8]($0) } }
    }

    public static var source: InMemoryRules { InMemoryRules(bytes: files) }

    /// Loads and checks the default rules; shown in diagnostics as `rules/...`.
    public static func load() -> LoadedRules {
        var loader = RulesLoader(source: source, displayPrefix: "rules/", knownSHA256: EmbeddedRulesData.sha256)
        loader.knownWithoutWarnings = EmbeddedRulesData.withoutWarnings
        return loader.load()
    }
}
