import Foundation

/// Runs the built `headache-triage` executable the way a user or a script would.
enum Binary {
    /// The executable built beside this test bundle.
    static var url: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The test runner sits inside NAME.xctest on some setups; the products folder is above it.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("headache-triage").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("headache-triage")
    }

    /// The repository root, for rules/ and transcripts/.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A frozen copy of the clinical rules (Tests/FixtureRules), for the few tests that need a
    /// whole, realistic rule set: the transcripts in `transcripts/` were made with it.
    static let fixtureRules: URL = packageRoot.appendingPathComponent("Tests/FixtureRules")

    /// The commands that read rules (and take `--rules`); the default command is `chat`.
    static let commandsWithRules: Set<String> = ["chat", "run", "show", "summary", "test"]
    static let otherCommands: Set<String> = ["check", "help"]

    /// Whether `arguments` name the rules the program reads, or need none named: `check` (which
    /// is given a folder, or checks the built-in rules), help and the version.
    static func namesRules(_ arguments: [String]) -> Bool {
        let first = arguments.first ?? ""
        return arguments.contains(where: { $0 == "--rules" || $0.hasPrefix("--rules=") }) || otherCommands.contains(first)
            || ["--help", "-h", "--version"].contains(first) || arguments == [first, "--version"]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs with arguments, optional standard input, and a time limit so nothing can hang a test.
    /// The arguments name the rules (`--rules FOLDER`: small rules of the test's own), or
    /// `builtInRules` asks for the rules built into the program (the shipped ones: only for
    /// tests of the built-in rules themselves, see ShippedRulesGuardTests); a command that
    /// reads rules and is given neither is refused, so no test runs on rules it did not choose.
    static func run(_ arguments: [String], builtInRules: Bool = false, stdin: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, timeout: TimeInterval = 60) throws -> Result {
        if !builtInRules, !namesRules(arguments) { throw RulesNotNamed(arguments: arguments) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a large output cannot block the child.
        var stdoutData = Data(), stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdoutData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { stderrData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw TimeoutError(arguments: arguments)
        }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    struct RulesNotNamed: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String {
            "headache-triage \(arguments.joined(separator: " ")): name the rules with --rules, or ask for the built-in ones (builtInRules)"
        }
    }

    struct TimeoutError: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String { "headache-triage \(arguments.joined(separator: " ")) did not finish in time" }
    }

    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ht-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
