import Foundation
import TriageKit

/// The rules shipped in the repository's `rules/` folder, embedded at build time.
public enum DefaultRules {
    /// The embedded files, keyed by path relative to the rules folder.
    public static let files: [String: [UInt8]] = EmbeddedRulesData.base64Files.compactMapValues {
        Data(base64Encoded: $0).map { [UInt8]($0) }
    }

    public static var source: InMemoryRules { InMemoryRules(bytes: files) }

    /// Loads and checks the default rules; shown in diagnostics as `rules/...`.
    public static func load() -> LoadedRules {
        RulesLoader(source: source, displayPrefix: "rules/").load()
    }
}
