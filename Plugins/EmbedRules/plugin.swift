import Foundation
import PackagePlugin

/// Embeds the package's `rules/` folder into the binary, so the default rules work from any
/// directory and are always the very text in the repository.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["rules", "case", "answers"].contains(url.pathExtension) { inputs.append(url) }
        }
        return [.buildCommand(
            displayName: "Embedding the default rules",
            executable: try context.tool(named: "EmbedRulesTool").url,
            arguments: [rules.path, output.path],
            inputFiles: inputs.sorted { $0.path < $1.path },
            outputFiles: [output])]
    }
}
