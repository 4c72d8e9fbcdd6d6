import Foundation
import TriageKit

/// Everything a section needs: where things are, how hard to try, and where figures go.
struct Bench {
    var binary: String
    var rulesFolder: String
    var work: String
    var runs: Int
    var transcripts: Int
    var cases: Int
    var limitTimeout: Double
    /// Answers scripts for the `command` section.
    var commandCases = 20_000
    let report: Report
    let ruleFiles: [String: [UInt8]]
    let rules: RuleSet
    let child = Child(extra: ["TERM": "xterm"])

    func heading(_ title: String) { print("\n== \(title) ==") }
    func log(_ text: String) { print("  \(text)") }

    // MARK: - Start-up

    func startup() throws {
        heading("Start-up (whole process, release build)")
        var generator = CaseGenerator(rules: rules, seed: 1)
        let script = work + "/one-case.txt"
        try write(generator.cases(count: 1, maxAttempts: 100).scripts[0], to: script)
        let env = Child(extra: ["TERM": "xterm", "XDG_DATA_HOME": work + "/xdg", "HOME": work + "/home"])

        var failures = 0
        var failure = ""
        let runSamples = measureChild(runs: runs) {
            let r = env.run([binary, "run", script], keepOutput: true)
            if r.exitCode != 0 { failures += 1; failure = "\(r.summary): \(r.stderr.prefix(300))" }
            return r.seconds
        }
        let memory = env.run([binary, "run", script], measureMemory: true)
        report.add("start-up: `run` on one answers script", Format.spread(runSamples) + ", peak \(Format.mebibytes(memory.maxRSSKiB))")
        if failures > 0 { report.note("`run` failed \(failures) times: \(failure)") }

        let help = measureChild(runs: runs) { env.run([binary, "--help"]).seconds }
        report.add("start-up: `--help` (process floor)", Format.spread(help))

        var missing = 0
        var lastOutput = ""
        let prompt = measureChild(runs: runs) {
            let (seconds, output) = env.timeToOutput([binary, "--no-save"], marker: "> ")
            if seconds == nil { missing += 1; lastOutput = output }
            return seconds ?? .nan
        }
        let promptSamples = Samples(values: prompt.values.filter { !$0.isNaN })
        report.add("start-up: to the first interactive prompt (pty)", Format.spread(promptSamples),
                   target: "≤ 20 ms", met: promptSamples.median <= 0.020)
        if missing > 0 { report.note("the prompt did not appear \(missing) times; last output: \(lastOutput.prefix(300))") }

        // What the process does before the prompt, in-process: loading and checking the rules.
        let load = measure(runs: runs) { _ = loadRules(ruleFiles) }
        report.add("in-process: load and check the shipped rules", Format.spread(load))
        // Then it prepares the rules' words for reading answers and the story.
        let readers = measure(runs: runs) { _ = (AnswerReader(rules: rules), StoryReader(rules: rules)) }
        report.add("in-process: prepare the answer and story readers", Format.spread(readers))
    }


    // MARK: - Throughput

    func throughput() {
        heading("Scripted triage throughput (in-process, one core)")
        var generator = CaseGenerator(rules: rules, seed: 42)
        let start = now()
        let (scripts, coverage, attempts) = generator.cases(count: cases)
        log("generated \(scripts.count) cases from \(attempts) attempts in \(Format.seconds(now() - start))")
        log("coverage: \(coverage.summary)")
        for kind in ["pattern", "red flag", "triage", "therapy status"] where !coverage.missing(kind).isEmpty {
            report.note("no generated case reaches \(kind) \(coverage.missing(kind).joined(separator: ", "))")
        }
        let runner = ScriptedRun(rules: rules)
        var answers = 0
        var checksum = 0
        var turns: [Double] = [], asked: [Double] = []
        for text in scripts {
            let result = runner.run(AnswersScript(file: "c.txt", text: text))
            answers += result.consultation.asked.count
            turns.append(Double(result.turns))
            asked.append(Double(result.consultation.asked.count))
        }
        let rounds = Swift.max(3, runs / 3)

        let parseOnly = measure(runs: rounds) {
            for text in scripts { checksum &+= AnswersScript(file: "c.txt", text: text).answers.count }
        }
        let run = measure(runs: rounds) {
            for text in scripts { checksum &+= runner.run(AnswersScript(file: "c.txt", text: text)).unanswered.count }
        }
        let json = measure(runs: rounds) {
            for text in scripts {
                let result = runner.run(AnswersScript(file: "c.txt", text: text))
                checksum &+= JSONReport().object(ConsultationReport(result: result, date: "", program: "")).render().utf8.count
            }
        }
        // Understanding alone: each scripted answer read for its own question, and each story.
        let reader = AnswerReader(rules: rules)
        let storyReader = StoryReader(rules: rules)
        let parsed = scripts.flatMap { AnswersScript(file: "c.txt", text: $0).answers }
        let stories = parsed.filter { $0.id == ScriptedRun.storyID }.map(\.answer)
        let lines = parsed.compactMap { a in rules.question(a.id).map { (a.answer, $0) } }
        let answerReading = measure(runs: rounds) {
            for (text, question) in lines { if case .value = reader.read(text, for: question) { checksum &+= 1 } }
        }
        let storyReading = measure(runs: rounds) {
            for story in stories { checksum &+= storyReader.read(story).count }
        }
        let n = Double(scripts.count)
        let rate = n / run.median
        report.add("throughput: answers scripts (parse + dialogue)", "\(Format.rate(rate)) (\(Format.spread(run)) for \(scripts.count) scripts)",
                   target: "≥ 20,000/s", met: rate >= 20_000)
        report.add("throughput: with the JSON result", "\(Format.rate(n / json.median))")
        report.add("per script: parse / dialogue / JSON", "\(Format.seconds(parseOnly.median / n)) / \(Format.seconds((run.median - parseOnly.median) / n)) / \(Format.seconds((json.median - run.median) / n))")
        report.add("per script: prompts (turns) / questions asked, median (min … max)", "\(Format.count(Samples(values: turns))) / \(Format.count(Samples(values: asked)))")
        report.add("per turn (\(String(format: "%.1f", turns.reduce(0, +) / n)) a script, mean)", Format.seconds((run.median - parseOnly.median) / turns.reduce(0, +)))
        report.add("per answer (\(String(format: "%.1f", Double(answers) / n)) asked a script)", Format.seconds((run.median - parseOnly.median) / Double(answers)))
        report.add("understanding: one answer / one story", "\(Format.seconds(answerReading.median / Double(lines.count))) / \(Format.seconds(storyReading.median / Double(Swift.max(1, stories.count)))) (\(stories.count) stories in \(scripts.count) scripts)")
        if checksum == 42 { print("") } // keeps the work observable
    }

    // MARK: - Replay

    func replay() throws {
        heading("Replay: run --check over \(transcripts) generated transcripts")
        let set = TranscriptSet(directory: work + "/transcripts-\(transcripts)", count: transcripts)
        try set.prepare(rules: rules, log: log)
        var figures: [(Int, String)] = [(transcripts, set.directory)]
        if transcripts > 10_000 { figures.insert((10_000, set.directory + "/part-00"), at: 0) }
        var peaks: [Int: Int] = [:]
        var medians: [Int: Double] = [:]
        for (count, path) in figures {
            let rounds = count >= 100_000 ? 3 : 5
            var rss: [Int] = []
            var lastLine = ""
            var failed = 0
            let samples = Samples(values: (0..<rounds).map { _ in
                let r = child.run([binary, "run", "--check", path], keepOutput: true, measureMemory: true)
                rss.append(r.maxRSSKiB)
                lastLine = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
                if r.exitCode != 0 { failed += 1; lastLine = "\(r.summary): " + r.stdout.suffix(300) + r.stderr.suffix(300) }
                return r.seconds
            })
            peaks[count] = rss.max() ?? 0
            medians[count] = samples.median
            log("\(count): \(lastLine)")
            if failed > 0 { report.note("run --check over \(count) transcripts failed \(failed) of \(rounds) times: \(lastLine)") }
            let isMain = count == transcripts
            report.add("replay: \(count) transcripts, wall", Format.spread(samples),
                       target: isMain && count == 100_000 ? "< 10 s" : "", met: isMain && count == 100_000 ? samples.median < 10 : nil)
            report.add("replay: \(count) transcripts, peak resident", Format.mebibytes(peaks[count]!),
                       target: isMain && count == 100_000 ? "< 100 MB" : "", met: isMain && count == 100_000 ? Double(peaks[count]!) * 1024 < 100e6 : nil)
        }
        if let small = medians[10_000], let big = medians[transcripts], transcripts > 10_000 {
            report.add("replay: time ratio \(transcripts)/10,000", Format.ratio(big / small) + " (linear would be \(Format.ratio(Double(transcripts) / 10_000)))")
            report.add("replay: memory ratio \(transcripts)/10,000", Format.ratio(Double(peaks[transcripts]!) / Double(peaks[10_000]!)) + " (flat would be 1.00×)")
        }
    }

    // MARK: - Rules scale

    func scale() throws {
        heading("Rules scale: generated rules files of 100, 1,000 and 10,000 rules")
        let template = RulesTemplate(rules: rules, files: ruleFiles)
        var generator = CaseGenerator(rules: rules, seed: 99)
        let scripts = generator.cases(count: 300, maxAttempts: 2_000).scripts.map { AnswersScript(file: "c.txt", text: $0) }
        var perAnswer: [Int: Double] = [:], check: [Int: Double] = [:], load: [Int: Double] = [:]
        for size in [0, 100, 1_000, 10_000] {
            let files = size == 0 ? ruleFiles : template.folder(count: size)
            let label = size == 0 ? "shipped rules" : "\(size) rules"
            let folder = work + "/rules-\(size)"
            try? FileManager.default.removeItem(atPath: folder)
            for (name, bytes) in files { try write(String(decoding: bytes, as: UTF8.self), to: folder + "/" + name) }

            let loaded = loadRules(files)
            guard let generated = loaded.rules else {
                report.note("\(label): the generated rules do not check: \(loaded.diagnostics.first?.summaryLine ?? "?")")
                continue
            }
            let rounds = size >= 10_000 ? 5 : runs / 2 + 1
            let loadSamples = measure(runs: rounds) { _ = loadRules(files) }
            var status = ""
            let checkSamples = Samples(values: (0..<rounds).map { _ in
                let r = child.run([binary, "check", folder], keepOutput: true)
                status = r.exitCode == 0 ? "" : "\(r.summary) \(r.stderr.prefix(200))"
                return r.seconds
            })
            if !status.isEmpty { report.note("check \(label): \(status)") }
            let runner = ScriptedRun(rules: generated)
            var answers = 0
            for s in scripts { answers += runner.run(s).consultation.asked.count }
            let engine = measure(runs: 3) { for s in scripts { _ = runner.run(s) } }
            perAnswer[size] = engine.median / Double(answers)
            check[size] = checkSamples.median
            load[size] = loadSamples.median
            let counts = "\(generated.flags.count) flags, \(generated.definitions.count) definitions, \(generated.contributors.count) contributors, \(generated.advice.count) advice"
            log("\(label): \(counts); \(files.values.reduce(0) { $0 + $1.count } / 1024) KiB")
            report.add("scale \(label): `check` whole process", Format.spread(checkSamples),
                       target: size == 10_000 ? "< 1 s" : "", met: size == 10_000 ? checkSamples.median < 1 : nil)
            report.add("scale \(label): load + check in-process", Format.spread(loadSamples))
            report.add("scale \(label): engine cost per answer", Format.seconds(perAnswer[size]!))
        }
        for (a, b) in [(100, 1_000), (1_000, 10_000)] {
            guard let pa = perAnswer[a], let pb = perAnswer[b] else { continue }
            report.add("scale ratio \(b)/\(a) rules (10× rules)",
                       "check \(Format.ratio(check[b]! / check[a]!)), load \(Format.ratio(load[b]! / load[a]!)), per answer \(Format.ratio(pb / pa))",
                       target: "≤ ~10× (linear)", met: load[b]! / load[a]! <= 12 && pb / pa <= 12)
        }
    }
}
