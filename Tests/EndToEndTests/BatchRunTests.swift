import Foundation
import Testing
import TriageKit

/// `headache-triage run` over many files: folders, `--files-from`, the three formats, and file
/// operands that the program reads itself rather than through the argument parser. On small
/// rules of the tests' own (Tests/CommandLineRules) and their answer scripts.
@Suite struct BatchRunTests {
    static let examples = CommandLineRules.scripts

    /// The path of the answer script NAME (Tests/CommandLineRules/scripts/NAME.txt).
    static func example(_ name: String) -> String { CommandLineRules.script(name) }

    /// A folder with copies of the answer scripts under the given names (subfolders allowed).
    static func folder(_ names: [String: String]) throws -> URL {
        let folder = try Binary.temporaryFolder()
        for (name, example) in names {
            let target = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.example(example), toPath: target.path)
        }
        return folder
    }

    static func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func aFolderRunsItsFilesInNameOrderSkippingHiddenOnes() throws {
        let folder = try Self.folder(["b.txt": "calm", "a.txt": "thunderclap", "sub/c.txt": "one-sided",
                                      ".hidden.txt": "fever-unsure"])
        let result = try CommandLineRules.run("run", ["--format", "jsonl", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try Self.objects(result.stdout)
        #expect(objects.map { ($0["file"] as? String) ?? "" } == ["a.txt", "b.txt", "sub/c.txt"].map { folder.path + "/" + $0 })
        #expect(objects.map { ($0["triage"] as? String) ?? "" } == ["emergency", "self_care", "self_care"])
        #expect(result.stdout.split(separator: "\n").allSatisfy { !$0.contains("\n") && $0.hasPrefix("{\"file\":") })
    }

    @Test func filesFromAListOrStandardInputGiveTheSameResultsAsPaths() throws {
        let names = ["calm", "fever-unsure", "thunderclap"]
        let paths = names.map(Self.example)
        let direct = try CommandLineRules.run("run", ["--format", "jsonl"] + paths)
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(try Self.objects(direct.stdout).count == 3)

        let folder = try Binary.temporaryFolder()
        let list = folder.appendingPathComponent("list.txt")
        // Blank lines are skipped; a Windows line end is tolerated.
        try (paths[0] + "\n\n" + paths[1] + "\r\n" + paths[2]).write(to: list, atomically: true, encoding: .utf8)
        let fromFile = try CommandLineRules.run("run", ["--format", "jsonl", "--files-from", list.path])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == direct.stdout)

        let fromStdin = try CommandLineRules.run("run", ["--files-from", "-", "--format=jsonl"], stdin: paths.joined(separator: "\n") + "\n")
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout == direct.stdout)

        // Operands come first, then the list.
        let both = try CommandLineRules.run("run", ["--format", "jsonl", "--files-from", list.path, Self.example("one-sided")])
        #expect(try Self.objects(both.stdout).map { $0["file"] as? String } == [Self.example("one-sided")] + paths)
    }

    /// A folder among the paths, on the command line or in a list, runs its files in its place,
    /// in name order, between the files before and after it; a path that is not there fails
    /// alone. (Folders are found when a path is opened, on the run's threads.)
    @Test func aFolderAmongThePathsRunsItsFilesInItsPlace() throws {
        let folder = try Self.folder(["b.txt": "fever-unsure", "a.txt": "calm", "sub/c.txt": "thunderclap"])
        let before = Self.example("one-sided"), after = Self.example("fever")
        let missing = folder.path + "/not-there.txt"
        let expected = [before, folder.path + "/a.txt", folder.path + "/b.txt", folder.path + "/sub/c.txt", after]
        let onTheLine = try CommandLineRules.run("run", ["--format", "jsonl", before, folder.path, missing, after])
        #expect(onTheLine.status == 1)
        #expect(onTheLine.stderr.contains("not-there.txt"), "\(onTheLine.stderr)")
        #expect(try Self.objects(onTheLine.stdout).map { $0["file"] as? String } == expected)
        let list = try Binary.temporaryFolder().appendingPathComponent("list.txt")
        try ([before, folder.path, after].joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
        let fromList = try CommandLineRules.run("run", ["--format", "jsonl", "--files-from", list.path])
        #expect(fromList.status == 0, "\(fromList.stderr)")
        #expect(try Self.objects(fromList.stdout).map { $0["file"] as? String } == expected)
    }

    @Test func jsonIsOneObjectForOneFileAndAnArrayOfTheJsonlObjectsForSeveral() throws {
        let paths = ["calm", "fever"].map(Self.example)
        let jsonl = try Self.objects(try CommandLineRules.run("run", ["--format", "jsonl"] + paths).stdout)
        let array = try CommandLineRules.run("run", ["--json"] + paths)
        #expect(array.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(array.stdout.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        for (a, b) in zip(parsed, jsonl) {
            #expect(NSDictionary(dictionary: a).isEqual(to: b))
        }
        #expect(try CommandLineRules.run("run", ["--format", "json"] + paths).stdout == array.stdout)
        // Options may follow the files.
        #expect(try CommandLineRules.run("run", paths + ["--json"]).stdout == array.stdout)

        let one = try CommandLineRules.run("run", ["--json", paths[0]])
        #expect(one.stdout.hasPrefix("{\n  \"file\": "), "\(one.stdout.prefix(80))")
        // A folder is a sequence however many files it holds.
        let folder = try Self.folder(["only.txt": "calm"])
        let inFolder = try CommandLineRules.run("run", ["--json", folder.path])
        #expect(inFolder.stdout.hasPrefix("[\n  {\n"), "\(inFolder.stdout.prefix(80))")
    }

    @Test func textHasAHeadingBeforeEachFileOnlyWhenThereAreSeveral() throws {
        let one = try CommandLineRules.run("run", [Self.example("calm")])
        #expect(one.status == 0)
        #expect(!one.stdout.contains("== "))
        let two = try CommandLineRules.run("run", [Self.example("calm"), Self.example("thunderclap")])
        #expect(two.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("== ") && $0.hasSuffix(" ==") }.count == 2)
        #expect(two.stdout.hasPrefix("== \(Self.example("calm")) ==\n"))
        #expect(two.stdout.contains("EMERGENCY"))
    }

    @Test func aBadFileFailsTheRunWithoutStoppingTheOthers() throws {
        let folder = try Binary.temporaryFolder()
        let bad = folder.appendingPathComponent("bad.txt")
        try "fever: no\nno_such_question: yes\n".write(to: bad, atomically: true, encoding: .utf8)
        let missing = folder.appendingPathComponent("missing.txt").path
        let result = try CommandLineRules.run("run", ["--format", "jsonl", Self.example("calm"), bad.path, missing,
                                     Self.example("thunderclap")])
        #expect(result.status == 1)
        #expect(try Self.objects(result.stdout).map { $0["file"] as? String } == [Self.example("calm"), Self.example("thunderclap")])
        #expect(result.stderr.contains("\(bad.path):2:1: error: unknown question id 'no_such_question'"), "\(result.stderr)")
        #expect(result.stderr.contains("\(missing): no such file"))
        let unreadableList = try CommandLineRules.run("run", ["--files-from", folder.appendingPathComponent("none.txt").path])
        #expect(unreadableList.status == 1)
        #expect(unreadableList.stderr.contains("cannot read the list of files"))
    }

    @Test func usageMistakesAreOneLineAndNonZero() throws {
        let conflict = try CommandLineRules.run("run", ["--json", "--format", "text", Self.example("calm")])
        #expect(conflict.status != 0)
        #expect(conflict.stderr.contains("--json and --format text disagree"))
        let badFormat = try CommandLineRules.run("run", ["--format", "xml", Self.example("calm")])
        #expect(badFormat.status != 0)
        #expect(badFormat.stderr.contains("xml"))
        let nothing = try CommandLineRules.run("run", ["--json"])
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("give at least one answers file"))
        let twoStdins = try CommandLineRules.run("run", ["--files-from", "-", "-"], stdin: "")
        #expect(twoStdins.status != 0)
        let help = try CommandLineRules.run("run", [Self.example("calm"), "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--files-from"))
    }

    @Test func aFileNamedLikeAnOptionRunsAfterTheDoubleDash() throws {
        let folder = try Self.folder(["--odd.txt": "calm"])
        let result = try CommandLineRules.run("run", ["--format", "jsonl", "--", "--odd.txt"], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.objects(result.stdout).first?["file"] as? String == "--odd.txt")
    }

    /// `--files-from -` with paths arriving one at a time: each result comes out before the next
    /// path is sent (results are not held back for a batch to fill).
    @Test func jsonlAnswersEachPathOfAPipeAsItArrives() throws {
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["run", "--rules", CommandLineRules.folder.path, "--format", "jsonl", "--files-from", "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let reader = output.fileHandleForReading
        var pending = Data()
        /// The next line of output, or nil when none comes within 20 s.
        func nextLine() -> String? {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending = Data(pending[(newline + 1)...])
                    return line
                }
                var ready = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
                if poll(&ready, 1, 100) > 0 {
                    let chunk = reader.availableData
                    if chunk.isEmpty { return nil }
                    pending.append(chunk)
                }
            }
            return nil
        }
        for name in ["calm", "thunderclap", "fever-unsure"] {
            input.fileHandleForWriting.write(Data((Self.example(name) + "\n").utf8))
            let line = try #require(nextLine(), "no result for \(name) while the list stays open")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["file"] as? String == Self.example(name))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Thousands of paths on one command line: every file runs, in order. (How the time grows
    /// with the number of paths is a figure of the benchmark, not a timed test.)
    @Test func thousandsOfPathsRunInTheirOrder() throws {
        let count = 3_000
        var names: [String: String] = [:]
        for i in 0..<count { names[String(format: "case-%05d.txt", i)] = i % 2 == 0 ? "calm" : "thunderclap" }
        let folder = try Self.folder(names)
        let paths = (0..<count).reversed().map { folder.path + "/" + String(format: "case-%05d.txt", $0) }
        let result = try CommandLineRules.run("run", ["--format", "jsonl"] + paths, timeout: 120)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        let objects = try Self.objects(result.stdout)
        #expect(objects.count == count)
        #expect(objects.map { $0["file"] as? String } == paths)
        #expect(objects.enumerated().allSatisfy { i, o in o["triage"] as? String == ((count - 1 - i) % 2 == 0 ? "self_care" : "emergency") })
        let folderRun = try CommandLineRules.run("run", ["--format", "jsonl", folder.path], timeout: 120)
        #expect(try Self.objects(folderRun.stdout).map { $0["file"] as? String } == paths.reversed())
    }

    /// Hundreds of files in one process (its threads each on rules of their own, answers read
    /// once and then remembered) give, line for line, what each file gives run alone.
    @Test func aBatchGivesWhatEachFileGivesAlone() throws {
        let examples = ["calm", "thunderclap", "older-one-sided", "fever-unsure", "fever", "one-sided"]
        var names: [String: String] = [:]
        for i in 0..<600 { names[String(format: "case-%04d.txt", i)] = examples[(i * 7) % examples.count] }
        let folder = try Self.folder(names)
        let batch = try CommandLineRules.run("run", ["--format", "jsonl", folder.path], timeout: 120)
        #expect(batch.status == 0, "\(batch.stderr.prefix(300))")
        let lines = batch.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == names.count)
        var alone: [String: String] = [:]
        for (i, line) in lines.enumerated() {
            let name = String(format: "case-%04d.txt", i), example = names[name]!
            let path = folder.path + "/" + name
            if alone[example] == nil {
                alone[example] = try CommandLineRules.run("run", ["--format", "jsonl", path]).stdout
                    .replacingOccurrences(of: name, with: "NAME")
            }
            #expect(line.replacingOccurrences(of: name, with: "NAME") + "\n" == alone[example], "\(name) (\(example))")
        }
    }

    /// The text report wraps plain ASCII on its bytes; it must wrap exactly as the general way.
    @Test func wrappingOnBytesMatchesTheGeneralWay() {
        var rng = SystemRandomNumberGenerator()
        let words = ["a", "an", "headache", "neuromuscular", "therapy", "", "x", String(repeating: "w", count: 90), "ok,", "(ICHD-3", "1.1)."]
        for _ in 0..<3_000 {
            // At any width: a chat on a narrow terminal wraps its ASCII text at that width too.
            let width = [78, 40, 30, 100].randomElement(using: &rng)!
            let report = TextReport(width: width)
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in words.randomElement(using: &rng)! }
                .joined(separator: Bool.random(using: &rng) ? " " : "  ")
            let indent = ["", "  ", "    "].randomElement(using: &rng)!
            let first = [nil, "- ", "-", "1. "].randomElement(using: &rng)!
            #expect(report.wrap(text, indent: indent, first: first) == Self.generalWrap(text, indent: indent, first: first, width: width),
                    "\(text.debugDescription) indent \(indent.debugDescription) first \(first.debugDescription) width \(width)")
        }
    }

    /// The wrapping as it was written before the byte path, counting characters.
    static func generalWrap(_ text: String, indent: String = "", first: String? = nil, width: Int = 78) -> String {
        var lines: [String] = []
        var current = first.map { indent.dropLast(min(indent.count, $0.count)) + $0 } ?? indent
        let startLength = current.count
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, current.count > startLength {
                lines.append(current)
                current = indent
            }
            current += (current.count == startLength || current == indent ? "" : " ") + word
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}

/// The JSON written straight into bytes (`JSONReport.write`) against the tree of values it
/// replaces on the way out (`JSONReport.object(_:).render`), byte for byte.
@Suite struct JSONStreamTests {
    /// The answer scripts of the command line tests' small rules (Tests/CommandLineRules).
    static var inputs: [URL] {
        CommandLineRules.scriptNames.map { URL(fileURLWithPath: CommandLineRules.script($0)) }
    }

    @Test func theWrittenBytesAreTheRenderedTree() throws {
        let rules = try #require(CommandLineRules.ruleSet())
        let runner = ScriptedRun(rules: rules)
        var stories = 0
        // Each input as written, and with its answer lines reversed and some dropped, for other shapes.
        var scripts: [(String, String)] = []
        for url in Self.inputs {
            let text = try String(contentsOf: url, encoding: .utf8)
            scripts.append((url.path, text))
            let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            scripts.append((url.path + " (reversed)", lines.reversed().joined(separator: "\n")))
            scripts.append((url.path + " (every other)", lines.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\n")))
        }
        scripts.append(("quote \"and\" \\ back.txt", "story: a \"tight\" band\tall day\nfever: no\n"))
        scripts.append(("empty.txt", ""))
        #expect(scripts.count >= 20)
        for (file, text) in scripts {
            let result = runner.run(AnswersScript(file: file, text: text))
            let report = ConsultationReport(result: result, date: "", program: "")
            if !result.storyFacts.isEmpty { stories += 1 }
            for explain in [false, true] {
                for (indent, pretty) in [(0, true), (1, true), (0, false)] {
                    var bytes: [UInt8] = []
                    let json = JSONReport(explain: explain, indent: indent, pretty: pretty)
                    json.write(report, into: &bytes)
                    let tree = json.object(report).render(indent: indent, pretty: pretty)
                    #expect(String(decoding: bytes, as: UTF8.self) == tree, "\(file) explain \(explain) indent \(indent) pretty \(pretty)")
                }
            }
        }
        #expect(stories >= 3, "some scripts should have story facts")
    }
}
