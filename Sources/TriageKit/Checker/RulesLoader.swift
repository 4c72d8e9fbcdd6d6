import Foundation

/// Where rules files come from: the disk for the program, the binary for the default rules,
/// and plain strings for tests. The engine itself never touches the file system.
public protocol RulesSource {
    /// The bytes of a file given by its path relative to the rules folder, or nil if it is missing.
    func read(_ relativePath: String) -> [UInt8]?
}

/// A source that can list its rules files, so that they can all be parsed at once, on two
/// threads, before the includes are followed.
public protocol ListedRulesSource: RulesSource {
    /// The paths of its `.rules` files, relative to the rules folder.
    var rulesPaths: [String] { get }
}

/// Rules held in memory, keyed by path relative to the rules folder.
public struct InMemoryRules: ListedRulesSource, Sendable {
    public var rulesPaths: [String] { files.keys.filter { $0.hasSuffix(".rules") }.sorted() }
    public var files: [String: [UInt8]]
    public init(files: [String: String]) { self.files = files.mapValues { Array($0.utf8) } }
    public init(bytes: [String: [UInt8]]) { self.files = bytes }
    public func read(_ relativePath: String) -> [UInt8]? { files[relativePath] }
}

/// What loading produced: the rule set when there was no error, and every diagnostic.
public struct LoadedRules: Sendable {
    public var rules: RuleSet?
    public var diagnostics: [Diagnostic]
    /// Source text by display name, for printing the offending lines.
    public var sources: [String: String]
    /// The files read, in order, relative to the rules folder.
    public var files: [String]
}

/// Reads a starting file and everything it includes, then checks the whole.
public struct RulesLoader {
    public static let maxIncludeDepth = 16
    public static let maxFiles = 200

    public var source: RulesSource
    /// Shown in diagnostics in front of each relative path (e.g. "rules/").
    public var displayPrefix: String

    /// The rules' sha256 when it is already known: the built-in rules' is worked out when they
    /// are embedded, at build time, and hashing them again was a twentieth of a one-script run.
    public var knownSHA256: String?
    /// The rules are known to load without a warning (the built-in rules are loaded once when
    /// they are embedded): the scan for what only a warning would say is skipped.
    public var knownWithoutWarnings = false

    public init(source: RulesSource, displayPrefix: String = "", knownSHA256: String? = nil) {
        self.source = source
        self.displayPrefix = displayPrefix
        self.knownSHA256 = knownSHA256
    }

    public func load(entry: String = "main.rules") -> LoadedRules {
        var diagnostics: [Diagnostic] = []
        var parsed: [RulesFileSyntax] = []
        var sources: [String: String] = [:]
        var order: [String] = []
        var hash = SHA256()
        // A missing file would make every name in it look unknown; a bad line in a file read is
        // skipped, and checking goes on so one run reports every problem.
        var missingFile = false

        let parsedAhead = parseAhead()

        func visit(_ path: String, depth: Int, from include: SourceRange?) {
            let display = displayPrefix + path
            if order.contains(path) {
                if let include { diagnostics.append(.error("'\(path)' is included more than once", at: include,
                                                           notes: ["each file is read once; remove this include"])) }
                return
            }
            guard depth <= Self.maxIncludeDepth, order.count < Self.maxFiles else {
                if let include { diagnostics.append(.error("includes go deeper than \(Self.maxIncludeDepth) files or beyond \(Self.maxFiles) files", at: include)) }
                return
            }
            guard let bytes = source.read(path) else {
                let at = include ?? SourceRange(SourceLocation(file: display, line: 1, column: 1), length: 1)
                diagnostics.append(.error(include == nil ? "cannot read the rules file '\(display)'" : "cannot find the file '\(path)'", at: at))
                missingFile = true
                return
            }
            order.append(path)
            if knownSHA256 == nil {
                hash.update("\(path)\n\(bytes.count)\n")
                hash.update(bytes)
            }
            let file = parsedAhead[path] ?? Self.parse(bytes, display: display)
            sources[display] = file.text
            diagnostics += file.diagnostics
            parsed.append(file.syntax)
            let syntax = file.syntax
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            for case .include(let name) in syntax.statements {
                guard let resolved = Self.resolve(name.text, in: folder) else {
                    diagnostics.append(.error("'\(name.text)' is outside the rules folder", at: name.range,
                                              notes: ["included files must be inside the folder of the starting rules file"]))
                    continue
                }
                visit(resolved, depth: depth + 1, from: name.range)
            }
        }

        visit(entry, depth: 0, from: nil)
        var rules: RuleSet?
        if !missingFile {
            var checker = Checker(files: parsed, sha256: knownSHA256 ?? hash.finalize())
            checker.looksForUnusedValues = !knownWithoutWarnings
            rules = checker.check()
            diagnostics += checker.diagnostics
        }
        diagnostics.sort { $0.location < $1.location }
        return LoadedRules(rules: diagnostics.hasErrors ? nil : rules, diagnostics: diagnostics, sources: sources, files: order)
    }

    /// One file parsed, with its text for the diagnostics.
    struct ParsedFile: Sendable {
        var syntax: RulesFileSyntax
        var diagnostics: [Diagnostic]
        var text: String
    }

    static func parse(_ bytes: [UInt8], display: String) -> ParsedFile {
        let text = SourceText(file: display, bytes: bytes)
        var parser = RulesParser(source: text)
        let syntax = parser.parse()
        return ParsedFile(syntax: syntax, diagnostics: parser.diagnostics, text: text.text)
    }

    /// Every file of a source that lists them, parsed on two threads at once (parsing the
    /// built-in rules was an eighth of a one-script run, on one processor). The includes are
    /// then followed through these, in order; a file never included is never looked at again.
    private func parseAhead() -> [String: ParsedFile] {
        guard let listed = source as? ListedRulesSource, BackgroundWork.isWorthwhile else { return [:] }
        let paths = listed.rulesPaths
        guard paths.count > 1, paths.count <= Self.maxFiles else { return [:] }
        let files = paths.map { source.read($0) }
        let slots = ParsedSlots(count: paths.count)
        let next = NextIndex(count: paths.count)
        let prefix = displayPrefix
        // Both threads take the next file not yet taken until none is left.
        @Sendable func parseFiles() {
            while let i = next.take() {
                if let bytes = files[i] { slots.put(Self.parse(bytes, display: prefix + paths[i]), at: i) }
            }
        }
        let helper = BackgroundWork.start(parseFiles)
        parseFiles()
        helper.wait()
        var ahead: [String: ParsedFile] = [:]
        for (i, path) in paths.enumerated() { ahead[path] = slots.take(i) }
        return ahead
    }

    /// Joins an include path onto its folder, refusing absolute paths and any `..` that leaves the root.
    static func resolve(_ include: String, in folder: String) -> String? {
        if include.hasPrefix("/") || include.hasPrefix("~") || include.contains("\\") { return nil }
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for part in include.split(separator: "/") {
            switch part {
            case ".", "": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

/// One slot for each file parsed ahead: each is written by one thread, and read only after both
/// have finished.
private final class ParsedSlots: @unchecked Sendable {
    private var slots: [RulesLoader.ParsedFile?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func put(_ file: RulesLoader.ParsedFile, at i: Int) {
        lock.lock()
        slots[i] = file
        lock.unlock()
    }

    func take(_ i: Int) -> RulesLoader.ParsedFile? { slots[i] }
}
