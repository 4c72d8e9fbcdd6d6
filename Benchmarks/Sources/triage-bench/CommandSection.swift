import Foundation
import TriageKit

/// `triage-bench command`: the program as people run it. Whole processes over many answers scripts
/// (on the command line, as a folder, from `--files-from`), one script's start-up and peak memory,
/// and, when `clips` is installed, CLIPS 6.30 making the same decisions (Benchmarks/clips) over the
/// same scripts, side by side in the same run.
extension Bench {
    func command() throws {
        heading("The command as people run it (whole process, release build)")
        let count = commandCases
        let folder = work + "/command-\(count)"
        let scripts = try commandScripts(count: count, folder: folder)
        let paths = scripts.indices.map { folder + "/cases/" + Self.caseName($0) }
        let list = folder + "/list.txt"
        try (paths.joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)

        // The library's own figure on the same scripts: parse, dialogue and the compact JSON line, one core.
        let runner = ScriptedRun(rules: rules)
        var checksum = 0
        let library = measure(runs: 3) {
            for (i, text) in scripts.enumerated() {
                let result = runner.run(AnswersScript(file: paths[i], text: text))
                checksum &+= JSONReport().object(ConsultationReport(result: result, date: "", program: "")).render(pretty: false).utf8.count
            }
        }
        let libraryRate = Double(count) / library.median
        report.add("library: \(count) scripts in-process, one core, with the JSON line", "\(Format.rate(libraryRate)) (\(Format.spread(library)))")

        // One script: start-up and peak memory.
        let one = paths[0]
        let oneRun = measureChild(runs: runs) { child.run([binary, "run", "--json", one]).seconds }
        report.add("command: one script, whole process (run --json FILE)", Format.spread(oneRun))
        let onePeak = peakMemory([binary, "run", "--json", one])
        report.add("command: one script, peak resident", onePeak.map { Format.mebibytes($0) + peakSource } ?? "n/a")

        // Many scripts in one process: the growth from 20 to \(count) files, and each way of naming them.
        var marginal: [Int: Double] = [:]
        var wall: [Int: Double] = [:]
        var failures: [String] = []
        let sizes = [20, 500, 2_000, count].filter { $0 <= count }
        var cpu: [Double] = []
        for n in sizes {
            let rounds = n >= 10_000 ? Swift.max(3, runs / 4) : Swift.max(5, runs / 2)
            cpu = []
            let samples = measureChild(runs: rounds) {
                let r = child.run([binary, "run", "--format", "jsonl"] + paths.prefix(n))
                if r.exitCode != 0 { failures.append("run --format jsonl \(n) paths: \(r.summary)") }
                cpu.append(r.cpuSeconds)
                return r.seconds
            }
            wall[n] = samples.median
            marginal[n] = (samples.median - oneRun.median) / Double(n - 1)
            report.add("command: \(n) paths on the command line (jsonl)",
                       "\(Format.spread(samples)); \(Format.rate(Double(n) / samples.median)); \(Format.seconds(marginal[n]!)) a file beyond the first")
        }
        if let small = marginal[sizes.count > 2 ? sizes[2] : sizes[0]], let big = marginal[count], let first = marginal[20] {
            report.add("command: cost a file, \(count) paths / 20 / \(sizes.count > 2 ? sizes[2] : sizes[0])",
                       "\(Format.ratio(big / first)) / \(Format.ratio(big / small)) (linear: 1.00×)",
                       target: "linear", met: big / small < 1.5)
        }
        let rounds = Swift.max(3, runs / 4)
        let ways: [(String, [String])] = [
            ("a folder (jsonl)", [binary, "run", "--format", "jsonl", folder + "/cases"]),
            ("--files-from LIST (jsonl)", [binary, "run", "--format", "jsonl", "--files-from", list]),
            ("paths, --json (one array)", [binary, "run", "--json"] + paths),
            ("paths, text", [binary, "run"] + paths),
        ]
        var jsonRate = Double.nan
        for (label, argv) in ways {
            var peak = 0
            let samples = measureChild(runs: rounds) {
                let r = child.run(argv)
                if r.exitCode != 0 { failures.append("\(label): \(r.summary)") }
                return r.seconds
            }
            if label.hasPrefix("a folder") { peak = peakMemory(argv) ?? 0 }
            let rate = Double(count) / samples.median
            report.add("command: \(count) scripts, \(label)",
                       "\(Format.spread(samples)); \(Format.rate(rate)); \(Format.ratio(rate / libraryRate)) the library's rate" + (peak > 0 ? "; peak \(Format.mebibytes(peak))" : ""))
            if label.hasPrefix("paths, --json") { jsonRate = rate }
        }
        let commandRate = Double(count) / (wall[count] ?? .nan)
        // Files run on every core; on a machine where other work holds a core the wall time
        // says less about the program than the processor time it used.
        let commandCPU = Samples(values: cpu).median
        report.add("command: \(count) paths (jsonl), processor time (user + system)",
                   "\(Format.seconds(commandCPU)); \(Format.rate(Double(count) / commandCPU)) a processor-second")
        report.add("command: \(count) paths (jsonl) against the library's rate", Format.ratio(commandRate / libraryRate))
        for f in Set(failures).sorted() { report.note(f) }

        try compareWithCLIPS(scripts: scripts, paths: paths, folder: folder, jsonRate: jsonRate, onePeak: onePeak)
        if checksum == 42 { print("") }
    }

    static func caseName(_ i: Int) -> String {
        let digits = String(i)
        return String(repeating: "0", count: Swift.max(0, 5 - digits.count)) + digits + ".txt"
    }

    /// The answers scripts, generated once for these rules and kept in `folder/cases`.
    private func commandScripts(count: Int, folder: String) throws -> [String] {
        let stamp = folder + "/rules.sha256"
        if (try? String(contentsOfFile: stamp, encoding: .utf8)) == rules.sha256 {
            let scripts = (0..<count).compactMap { try? String(contentsOfFile: folder + "/cases/" + Self.caseName($0), encoding: .utf8) }
            if scripts.count == count { log("reusing \(count) scripts in \(folder)"); return scripts }
        }
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/cases", withIntermediateDirectories: true)
        var generator = CaseGenerator(rules: rules, seed: 20_000)
        let start = now()
        let (scripts, coverage, _) = generator.cases(count: count)
        for (i, text) in scripts.prefix(count).enumerated() { try write(text, to: folder + "/cases/" + Self.caseName(i)) }
        try rules.sha256.write(toFile: stamp, atomically: true, encoding: .utf8)
        log("wrote \(count) scripts in \(Format.seconds(now() - start)); coverage: \(coverage.summary)")
        return Array(scripts.prefix(count))
    }

    /// " (/usr/bin/time)" or " (helper)": where the peak came from.
    var peakSource: String { FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? " (/usr/bin/time)" : " (helper process)" }

    /// The peak resident memory of `argv` in KiB: through /usr/bin/time when it is installed (a small
    /// C program, so its own size does not show), else through this program's spawn helper.
    func peakMemory(_ argv: [String]) -> Int? {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
            let out = work + "/peak-\(getpid()).txt"
            var peaks: [Int] = []
            for _ in 0..<5 {
                unlink(out)
                _ = child.run(["/usr/bin/time", "-f", "%M", "-o", out] + argv)
                if let text = try? String(contentsOfFile: out, encoding: .utf8),
                   let kib = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) { peaks.append(kib) }
            }
            unlink(out)
            return peaks.isEmpty ? nil : peaks.sorted()[peaks.count / 2]
        }
        let r = child.run(argv, measureMemory: true)
        return r.maxRSSKiB > 0 ? r.maxRSSKiB : nil
    }

    /// Runs a child `runs` times after two warm-up runs; returns the seconds of each.
    func measureChild(runs: Int, _ body: () -> Double) -> Samples {
        _ = body(); _ = body()
        return Samples(values: (0..<runs).map { _ in body() })
    }

    // MARK: - CLIPS

    /// CLIPS 6.30 (`clips -f2 BATCH`, one process for all scripts) with the rules of
    /// Benchmarks/clips/headache.clp, given the same scripts' answers as facts, already understood
    /// (it neither reads the files nor understands free text, so its task is the smaller one).
    private func compareWithCLIPS(scripts: [String], paths: [String], folder: String, jsonRate: Double, onePeak: Int?) throws {
        heading("Side by side: CLIPS making the same decisions")
        guard let clips = Self.which("clips") else {
            report.note("CLIPS is not installed (no `clips` on PATH; Debian package clips): the CLIPS column is skipped")
            return
        }
        let rulesFile = repository + "/Benchmarks/clips/headache.clp"
        // The facts the CLIPS rules know (the slots of their `case` template): a question the
        // rules here have and the CLIPS rules do not yet is left out, and the comparison of
        // decisions below shows how far the two have drifted apart.
        let clipsText = (try? String(contentsOfFile: rulesFile, encoding: .utf8)) ?? ""
        let template = clipsText.range(of: "(deftemplate case").map { clipsText[$0.upperBound...] }
            .map { $0[..<($0.range(of: "\n\n")?.lowerBound ?? $0.endIndex)] } ?? ""
        let known = Set(template.replacingOccurrences(of: "(multislot ", with: "(slot ").components(separatedBy: "(slot ")
            .dropFirst().map { String($0.prefix { $0 != " " && $0 != ")" }) })
        let missing = rules.questions.map(\.id).filter { !known.contains($0) }
        if !missing.isEmpty { report.note("the CLIPS rules have no fact for \(missing.joined(separator: ", ")): left out of CLIPS's facts") }
        let runner = ScriptedRun(rules: rules)
        var facts: [String] = []
        var ours: [[String]] = []
        var turns: [Double] = [], prompts: [Double] = [], asked: [Double] = []
        for (i, text) in scripts.enumerated() {
            let script = AnswersScript(file: paths[i], text: text)
            let result = runner.run(script)
            turns.append(Double(result.turns))
            prompts.append(Double(result.prompts.count))
            asked.append(Double(result.consultation.asked.count))
            // The facts the conversation arrived at (answered, read from the story, or asked and
            // left unanswered), which the program decides on. A question it never asked (after a
            // stop, or outside its context) is left out, and counts as unsure in both.
            var slots = "(file \(Self.caseName(i)))"
            for (q, question) in rules.questions.enumerated() where known.contains(question.id) {
                guard let v = result.consultation.facts[q] else { continue }
                switch v {
                case .yes: slots += " (\(question.id) yes)"
                case .no: slots += " (\(question.id) no)"
                case .unsure: slots += " (\(question.id) unsure)"
                case .number(let n): slots += " (\(question.id) \(n.plainText))"
                case .choice(let id): slots += " (\(question.id) \(id))"
                case .options(let ids): slots += " (\(question.id)\(ids.map { " " + $0 }.joined()))"
                }
            }
            facts.append("(reset)\n(assert (case \(slots)))\n(run)\n")
            let o = result.outcome
            ours.append([Self.caseName(i), o.triage.id, o.patternID, o.therapy?.id ?? "", o.redFlags.map(\.id).sorted().joined(separator: ","),
                         o.redFlagsUnsure.map(\.id).sorted().joined(separator: ","),
                         o.focus.map(\.id).sorted().joined(separator: ","), o.selfCare.map(\.id).sorted().joined(separator: ",")])
        }
        report.add("per script: prompts (turns) / questions asked, median (min … max)",
                   "\(Format.count(Samples(values: turns))) / \(Format.count(Samples(values: asked))) (\(Format.count(Samples(values: prompts))) after the story)")
        func batch(_ n: Int) throws -> String {
            let path = folder + "/clips-\(n).bat"
            try ("(load* \"\(rulesFile)\")\n" + facts.prefix(n).joined() + "(exit)\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        // The decisions, compared: triage, pattern, NMT status, red flags confirmed and unsure,
        // focus areas and advice.
        let all = try batch(scripts.count)
        let check = child.run([clips, "-f2", all], keepOutput: true)
        let lines = check.stdout.split(separator: "\n").filter { $0.contains(".txt ") }
        var agree = 0
        var differences: [String] = []
        for (i, line) in lines.enumerated() where i < ours.count {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
            guard parts.count == 4, parts[0].count >= 4 else { continue }
            let head = parts[0]
            let theirs = Array(head.prefix(4)) + [head.dropFirst(4).sorted().joined(separator: ","), parts[1].sorted().joined(separator: ","),
                                                  parts[2].sorted().joined(separator: ","), parts[3].sorted().joined(separator: ",")]
            if theirs == ours[i] { agree += 1 } else if differences.count < 3 {
                differences.append("ours \(ours[i].joined(separator: " ")), CLIPS \(theirs.joined(separator: " "))")
            }
        }
        report.add("CLIPS: same triage, pattern, NMT status, red flags (confirmed, unsure), focus and advice",
                   "\(agree) of \(scripts.count)" + (lines.count < scripts.count ? " (CLIPS printed \(lines.count) results)" : ""))
        for d in differences { report.note("differs from CLIPS: \(d)") }

        let one = try batch(1)
        let clipsOne = measureChild(runs: runs) { child.run([clips, "-f2", one]).seconds }
        let clipsPeak = peakMemory([clips, "-f2", one])
        var clipsRate = Double.nan
        for n in [500, scripts.count] where n <= scripts.count {
            let path = try batch(n)
            var cpu: [Double] = []
            let samples = measureChild(runs: Swift.max(3, runs / 4)) {
                let r = child.run([clips, "-f2", path])
                cpu.append(r.cpuSeconds)
                return r.seconds
            }
            let rate = Double(n) / samples.median
            if n == scripts.count { clipsRate = rate }
            report.add("CLIPS: \(n) scripts, one process (clips -f2)",
                       "\(Format.spread(samples)); \(Format.rate(rate)); processor time \(Format.seconds(Samples(values: cpu).median))")
        }
        report.add("CLIPS: one script, whole process", Format.spread(clipsOne))
        report.add("CLIPS: one script, peak resident", clipsPeak.map { Format.mebibytes($0) + peakSource } ?? "n/a")

        // The ratios, from runs of both in turn (ours, CLIPS's, ours, ...), each pair's ratio taken
        // on its own: on a shared machine the load changes from minute to minute, and a pair
        // of runs back to back sees much the same load.
        var rateRatios: [Double] = [], cpuRatios: [Double] = [], oneRatios: [Double] = []
        for _ in 0..<Swift.max(3, runs / 4) {
            let ours = child.run([binary, "run", "--format", "jsonl"] + paths)
            let theirs = child.run([clips, "-f2", all])
            rateRatios.append(theirs.seconds / ours.seconds)
            cpuRatios.append(theirs.cpuSeconds / ours.cpuSeconds)
        }
        for _ in 0..<runs {
            let ours = child.run([binary, "run", "--json", paths[0]])
            let theirs = child.run([clips, "-f2", one])
            oneRatios.append(ours.seconds / theirs.seconds)
        }
        func spread(_ values: [Double]) -> String {
            let s = Samples(values: values)
            return "\(Format.ratio(s.median)) (\(Format.ratio(s.min)) … \(Format.ratio(s.max)), \(values.count) pairs)"
        }
        let rateRatio = Samples(values: rateRatios).median
        report.add("ratio: \(scripts.count) scripts on the command line (jsonl), our rate / CLIPS's", spread(rateRatios),
                   target: "≥ 10×", met: rateRatio >= 10)
        report.add("ratio: the same per processor-second, ours / CLIPS's", spread(cpuRatios))
        report.add("ratio: the same with --json (one array), medians apart", Format.ratio(jsonRate / clipsRate))
        let startRatio = Samples(values: oneRatios).median
        report.add("ratio: one script's whole process, ours / CLIPS's", spread(oneRatios), target: "≤ 2×", met: startRatio <= 2)
        if let onePeak, let clipsPeak {
            let memoryRatio = Double(onePeak) / Double(clipsPeak)
            report.add("ratio: one script's peak memory, ours / CLIPS's", Format.ratio(memoryRatio), target: "≤ 3×", met: memoryRatio <= 3)
        }
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
