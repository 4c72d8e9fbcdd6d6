import ArgumentParser
import DefaultRules
import Foundation
import TriageKit

/// `--rules PATH`, shared by every command that uses rules.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A rules file, or a folder with main.rules (default: the built-in rules).", valueName: "path"))
    var rules: String?

    /// Loads the rules, printing every diagnostic; throws ExitCode(1) when they have errors.
    func load() throws -> RuleSet {
        guard let ruleSet = RulesOptions.loadReporting(path: rules) else { throw ExitCode(1) }
        return ruleSet
    }

    /// Loads the rules, printing every error; nil when there are any.
    static func loadReporting(path: String?) -> RuleSet? {
        loadReporting(RulesOptions.load(path: path))
    }

    /// The same for rules already loaded (a command that shows their warnings too).
    static func loadReporting(_ loaded: LoadedRules) -> RuleSet? {
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { StandardError.write(DiagnosticRenderer(sources: loaded.sources).render(errors)) }
        guard let ruleSet = loaded.rules else {
            StandardError.write("headache-triage: the rules have errors; fix them and try again (see 'headache-triage check').\n")
            return nil
        }
        return ruleSet
    }

    static func load(path: String?) -> LoadedRules {
        guard let path else { return DefaultRules.load() }
        return DiskRules.load(path: path)
    }
}

/// Rules read from a folder on disk.
struct DiskRules: RulesSource {
    let root: URL

    func read(_ relativePath: String) -> [UInt8]? {
        let url = root.appendingPathComponent(relativePath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        // Refuse a file that a link takes outside the rules folder.
        let real = url.resolvingSymlinksInPath().standardizedFileURL.path
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        guard real.hasPrefix(realRoot + "/") else { return nil }
        // A file over the size limit is not read at all: one byte past the limit is enough for
        // the loader to report it, and a huge file must not be loaded into memory first.
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > SourceText.maxBytes {
            return Array(repeating: UInt8(ascii: " "), count: SourceText.maxBytes + 1)
        }
        return FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
    }

    /// Loads a rules path: a folder (its main.rules) or one file and what it includes.
    static func load(path: String) -> LoadedRules {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let url = URL(fileURLWithPath: path)
        if exists, isDirectory.boolValue {
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return RulesLoader(source: DiskRules(root: url), displayPrefix: prefix).load(entry: "main.rules")
        }
        let display = (path as NSString).deletingLastPathComponent
        return RulesLoader(source: DiskRules(root: url.deletingLastPathComponent()),
                           displayPrefix: display.isEmpty ? "" : display + "/").load(entry: url.lastPathComponent)
    }
}
