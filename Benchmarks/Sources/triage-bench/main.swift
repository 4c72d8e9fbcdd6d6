// triage-bench: the headache-triage benchmark. It generates its own inputs, runs the
// release-built program for whole-process figures and calls TriageKit in-process for
// throughput, and prints medians over repeated runs with the targets beside them.
//
//   swift build -c release && swift run -c release --package-path Benchmarks triage-bench [options] [section...]
//
// See docs/performance-and-hardening.md.
import Foundation
import TriageKit

let usage = """
usage: triage-bench [--binary PATH] [--rules DIR] [--work DIR] [--runs N] [--transcripts N]
                    [--cases N] [--limit-timeout SECONDS] [--quick] [section...]

sections (default: all but limits): startup throughput engine replay scale command limits, or 'all'
  command           the program as people run it: many scripts in one process (paths, a folder,
                    --files-from, jsonl), one script's start-up and memory, and CLIPS side by side
  --binary PATH     the release-built headache-triage (default: <repo>/.build/release/headache-triage)
  --rules DIR       the rules folder to generate cases from (default: <repo>/rules)
  --work DIR        where generated inputs go (default: $TMPDIR/triage-bench); transcripts are reused
  --runs N          repetitions of each whole-process timing (default 21)
  --transcripts N   transcripts replayed by run --check (default 100000)
  --cases N         answers scripts for the throughput figure (default 10000)
  --command-cases N answers scripts for the command section (default 20000)
  --limit-timeout S time allowed to each pathological input in 'limits' (default 60)
  --quick           fewer runs, 10,000 transcripts, 2,000 cases: a smoke test, not figures to quote
"""

/// The repository: three folders above this file (Benchmarks/Sources/triage-bench/main.swift).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

var binary = repository + "/.build/release/headache-triage"
var rulesFolder = repository + "/rules"
var work = FileManager.default.temporaryDirectory.path + "/triage-bench"
var runs = 21
var transcripts = 100_000
var cases = 10_000
var commandCases = 20_000
var limitTimeout = 60.0
var sections: [String] = []

SpawnHelper.runIfAsked()
setvbuf(stdout, nil, _IOLBF, 0) // progress shows up when the output goes to a file
var arguments = Array(CommandLine.arguments.dropFirst())
func value(_ option: String) -> String {
    guard !arguments.isEmpty else {
        FileHandle.standardError.write(Data("triage-bench: \(option) needs a value\n".utf8))
        exit(2)
    }
    return arguments.removeFirst()
}
func number(_ option: String) -> Int {
    let text = value(option)
    guard let n = Int(text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")), n > 0 else {
        FileHandle.standardError.write(Data("triage-bench: \(option) needs a positive number, not '\(text)'\n".utf8))
        exit(2)
    }
    return n
}
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--binary": binary = value(argument)
    case "--rules": rulesFolder = value(argument)
    case "--work": work = value(argument)
    case "--runs": runs = number(argument)
    case "--transcripts": transcripts = number(argument)
    case "--cases": cases = number(argument)
    case "--command-cases": commandCases = number(argument)
    case "--limit-timeout": limitTimeout = Double(number(argument))
    case "--quick": runs = 5; transcripts = 10_000; cases = 2_000; commandCases = 2_000
    case "-h", "--help": print(usage); exit(0)
    case "startup", "throughput", "engine", "replay", "scale", "command", "limits": sections.append(argument)
    case "all": sections += ["startup", "throughput", "engine", "replay", "scale", "command", "limits"]
    default:
        FileHandle.standardError.write(Data("triage-bench: unknown argument '\(argument)'\n\(usage)\n".utf8))
        exit(2)
    }
}
if sections.isEmpty { sections = ["startup", "throughput", "engine", "replay", "scale", "command"] }
binary = URL(fileURLWithPath: binary).standardizedFileURL.path
work = URL(fileURLWithPath: work).standardizedFileURL.path

let needsBinary = sections.contains { $0 != "throughput" && $0 != "engine" }
if needsBinary, !FileManager.default.isExecutableFile(atPath: binary) {
    FileHandle.standardError.write(Data("""
        triage-bench: no release build at \(binary)
        Build it first (swift build -c release) or give its path with --binary.

        """.utf8))
    exit(2)
}
let ruleFiles = readRulesFolder(rulesFolder)
let loaded = loadRules(ruleFiles)
guard let rules = loaded.rules else {
    FileHandle.standardError.write(Data("triage-bench: the rules in \(rulesFolder) do not load:\n".utf8))
    let renderer = DiagnosticRenderer(sources: loaded.sources)
    for d in loaded.diagnostics.prefix(10) { FileHandle.standardError.write(Data(renderer.render(d).utf8)) }
    exit(2)
}
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)

var uts = utsname()
uname(&uts)
let machine = withUnsafeBytes(of: &uts.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
print("triage-bench: \(rules.name) \(rules.version) (\(rules.questions.count) questions, \(rules.flags.count) red flags, \(rules.patterns.count) patterns)")
print("  binary \(binary)")
print("  work \(work); \(ProcessInfo.processInfo.activeProcessorCount) cores, \(machine); runs \(runs)")

let report = Report()
var bench = Bench(binary: binary, rulesFolder: rulesFolder, work: work, runs: runs, transcripts: transcripts, cases: cases,
                  limitTimeout: limitTimeout, report: report, ruleFiles: ruleFiles, rules: rules)
bench.commandCases = commandCases
do {
    for section in sections {
        switch section {
        case "startup": try bench.startup()
        case "throughput": bench.throughput()
        case "engine": bench.engine()
        case "replay": try bench.replay()
        case "scale": try bench.scale()
        case "command": try bench.command()
        case "limits": try bench.limits()
        default: break
        }
    }
} catch {
    FileHandle.standardError.write(Data("triage-bench: \(error)\n".utf8))
    report.printSummary()
    exit(1)
}
report.printSummary()
