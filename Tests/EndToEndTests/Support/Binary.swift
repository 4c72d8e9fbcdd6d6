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

    /// The rules these tests run the program with: a frozen copy (Tests/FixtureRules), not the
    /// shipped `rules/`, so that a therapist's edit there cannot break a test of the program.
    static let fixtureRules: URL = packageRoot.appendingPathComponent("Tests/FixtureRules")

    /// The commands that read rules (and take `--rules`); the default command is `chat`.
    static let commandsWithRules: Set<String> = ["chat", "run", "show", "summary", "test"]
    static let otherCommands: Set<String> = ["check", "help"]

    /// `arguments` with `--rules` naming the fixture rules, unless they name rules already or
    /// the command reads none (`check`, help, the version).
    static func withFixtureRules(_ arguments: [String]) -> [String] {
        let first = arguments.first ?? ""
        if arguments.contains(where: { $0 == "--rules" || $0.hasPrefix("--rules=") }) || otherCommands.contains(first)
            || ["--help", "-h", "--version"].contains(first) || arguments == [first, "--version"] {
            return arguments
        }
        let rules = ["--rules", fixtureRules.path]
        return commandsWithRules.contains(first) ? [first] + rules + arguments.dropFirst() : rules + arguments
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs with arguments, optional standard input, and a time limit so nothing can hang a test.
    /// The program reads the fixture rules, unless the arguments name rules or `builtInRules`
    /// asks for the rules built into it (the shipped ones: only for tests of the built-in rules
    /// themselves, see ShippedRulesGuardTests).
    static func run(_ arguments: [String], builtInRules: Bool = false, stdin: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = builtInRules ? arguments : withFixtureRules(arguments)
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
