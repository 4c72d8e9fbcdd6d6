import Foundation
import Testing

/// Every `headache-triage ...` command in the guides works exactly as typed, from the
/// repository folder, and `scripts/link-command` (run by `scripts/start`) makes the program
/// runnable by that name.
@Suite struct GuideCommandTests {
    static let guides = ["README.md", "rules/README.md", "rules/LANGUAGE.md"]

    /// The commands of a guide: lines of code blocks that start with the program's name (or
    /// `$ ` and the name), and inline code that does; a trailing `# comment` is dropped.
    static func commands(in text: String) -> [String] {
        var found: [String] = []
        var inBlock = false
        func add(_ command: Substring) {
            var line = String(command)
            if let comment = line.range(of: "  #") { line = String(line[..<comment.lowerBound]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("$ ") { line.removeFirst(2) }
            if line.hasPrefix("headache-triage"), !found.contains(line) { found.append(line) }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { inBlock.toggle(); continue }
            if inBlock { add(Substring(trimmed)); continue }
            for (i, part) in line.split(separator: "`", omittingEmptySubsequences: false).enumerated() where i % 2 == 1 {
                add(part)
            }
        }
        return found
    }

    static var allCommands: [String] {
        guides.flatMap { guide in
            (try? String(contentsOf: Binary.packageRoot.appendingPathComponent(guide), encoding: .utf8)).map(commands) ?? []
        }
    }

    @Test func theGuidesHaveCommands() {
        #expect(Self.allCommands.count >= 10, "\(Self.allCommands)")
        #expect(Self.allCommands.contains("headache-triage check rules"))
    }

    /// Each command runs in a copy of the repository's rules and transcripts (so `--accept`
    /// changes nothing real); a file the guide asks the reader to write first is written empty.
    @Test(arguments: allCommands)
    func commandWorksAsTyped(command: String) throws {
        let folder = try Binary.temporaryFolder()
        for item in ["rules", "transcripts"] {
            try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        try "".write(to: folder.appendingPathComponent("my-case.txt"), atomically: true, encoding: .utf8)
        #expect(!command.contains("\"") && !command.contains("'"), "quoted arguments are not split here")
        let arguments = command.split(separator: " ").dropFirst().map(String.init)
        // As typed: a command that names no rules reads the ones built into the program.
        let result = try Binary.run(arguments, builtInRules: true, stdin: "", directory: folder)
        // 0, or 1 when what it reports (a changed outcome, a failed case) says so; never a
        // usage error, and never a file or option that is not there.
        #expect([0, 1].contains(result.status), "\(command): status \(result.status)\n\(result.stderr)")
        for sign in ["Error:", "Usage:", "no such file", "cannot read", "cannot find", "Unknown option"] {
            #expect(!result.stderr.contains(sign), "\(command):\n\(result.stderr)")
        }
        #expect(!result.stdout.isEmpty || !result.stderr.isEmpty, "\(command) said nothing")
    }

    /// Runs `scripts/link-command` with a home folder and PATH of the test's own.
    static func link(path: (URL) -> String) throws -> (home: URL, result: Binary.Result) {
        let home = try Binary.temporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Binary.packageRoot.appendingPathComponent("scripts/link-command").path, Binary.url.path]
        process.environment = ["HOME": home.path, "PATH": path(home)]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let output = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (home, Binary.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: output, as: UTF8.self)))
    }

    @Test func linksIntoAFolderOnThePathAndSaysSo() throws {
        let (home, result) = try Self.link { "\($0.path)/.local/bin:/usr/bin:/bin" }
        #expect(result.status == 0, "\(result.stderr)")
        let link = home.appendingPathComponent(".local/bin/headache-triage")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == Binary.url.path)
        #expect(result.stderr.contains("Linked \(link.path)"))
        #expect(result.stderr.contains("You can now type 'headache-triage'"))
        // By name, from another folder, as the guides write it.
        let byName = Process()
        byName.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        byName.arguments = ["headache-triage", "--version"]
        byName.environment = ["HOME": home.path, "PATH": "\(home.path)/.local/bin:/usr/bin:/bin"]
        byName.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe()
        byName.standardOutput = out
        try byName.run()
        let version = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        byName.waitUntilExit()
        #expect(byName.terminationStatus == 0)
        #expect(version.hasPrefix("headache-triage "))
        // A second run changes nothing and says nothing.
        let again = try Self.linkAgain(home: home, path: "\(home.path)/.local/bin:/usr/bin:/bin")
        #expect(again.isEmpty, "\(again)")
    }

    static func linkAgain(home: URL, path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Binary.packageRoot.appendingPathComponent("scripts/link-command").path, Binary.url.path]
        process.environment = ["HOME": home.path, "PATH": path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let output = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    @Test func saysWhatToAddWhenNoFolderIsOnThePath() throws {
        let (home, result) = try Self.link { _ in "/usr/bin:/bin" }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(".local/bin/headache-triage").path))
        #expect(result.stderr.contains("is not on your PATH yet"), "\(result.stderr)")
        #expect(result.stderr.contains("export PATH=\"$HOME/.local/bin:$PATH\""), "\(result.stderr)")
    }

    @Test func neverReplacesAFileThatIsNotALink() throws {
        let home = try Binary.temporaryFolder()
        let bin = home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\n".write(to: bin.appendingPathComponent("headache-triage"), atomically: true, encoding: .utf8)
        let output = try Self.linkAgain(home: home, path: "\(bin.path):/usr/bin:/bin")
        #expect(output.contains("is not a link, so it was left alone"), "\(output)")
        #expect(try String(contentsOf: bin.appendingPathComponent("headache-triage"), encoding: .utf8) == "#!/bin/sh\n")
    }
}
