// libFuzzer target: the rules lexer, parser, include loader and checker, then the engine on
// whatever rule set survives. Build and run with `Fuzz/run.sh rules SECONDS`.
//
// The input is a rules file (main.rules). Lines `%%% NAME` split it into several files, so the
// fuzzer can also reach includes; the shipped rules files are present under their own names
// (an input chunk replaces one), so `include questions.rules` works as in the real folder.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func rulesFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var files = FuzzSupport.shippedRuleFiles
    let chunks = RulesFuzzInput.split(bytes)
    for chunk in chunks { files[chunk.name] = chunk.bytes }

    let loaded = RulesLoader(source: InMemoryRules(bytes: files), displayPrefix: "fuzz/").load(entry: "main.rules")
    FuzzSupport.checkDiagnostics(loaded.diagnostics, sources: loaded.sources)
    FuzzSupport.require(loaded.rules == nil || !loaded.diagnostics.hasErrors, "rules returned together with errors")
    FuzzSupport.require(loaded.rules != nil || loaded.diagnostics.hasErrors, "no rules and no error")
    guard let rules = loaded.rules else { return 0 }

    // Drive the engine on the fuzzed rules: once with nothing answered (every fact unsure),
    // once with every question answered by a plausible value.
    let runner = ScriptedRun(rules: rules)
    var answers: [String] = []
    for question in rules.questions {
        switch question.kind {
        case .yesNo: answers.append("\(question.id): yes")
        case .number(_, let range): answers.append("\(question.id): \(range.lowerBound.plainText)")
        case .choice(let options): answers.append("\(question.id): \(options.first?.id ?? "not sure")")
        case .several(let options): answers.append("\(question.id): \(options.prefix(2).map(\.id).joined(separator: ", "))")
        }
    }
    for script in [AnswersScript(file: "empty.txt", text: ""),
                   AnswersScript(file: "all.txt", text: answers.joined(separator: "\n"))] {
        let result = runner.run(script)
        let report = ConsultationReport(result: result, date: "fuzz", program: "fuzz")
        _ = JSONReport(explain: true).render(report)
        _ = TextReport().render(report)
        for renderer in SummaryFormat.allCases.map(\.renderer) { _ = renderer.render(report) }
        for entry in result.outcome.explanation { for node in entry.reasons { _ = node.render(indent: 1) } }
        _ = TranscriptFormat.transcript(for: result, story: nil, program: "fuzz", started: "t0", ended: "t1")
    }
    var consultation = Consultation(rules: rules)
    if let first = consultation.nextQuestion() {
        _ = consultation.stakeKinds(of: first.id)
        _ = consultation.remainingQuestionEstimate()
        consultation.record(first.id, .unsure, from: .answered("not sure"))
        consultation.forget(first.id)
    }
    RulesDialogue.run(rules, choosingWith: bytes)
    return 0
}

/// A whole dialogue on the fuzzed rules, as a person would have it: ask the next question,
/// answer it, until nothing is left; then the outcome with its explanation. The answers mix
/// yes, no and not sure (picked by the input's bytes), so some conditions are settled while
/// others stay open: that is where a walk that asks what is still open, or an explanation,
/// can blow up (definitions reused inside definitions), which all-yes or all-unsure answers miss.
enum RulesDialogue {
    static func run(_ rules: RuleSet, choosingWith bytes: [UInt8]) {
        var consultation = Consultation(rules: rules)
        var turn = 0
        while let question = consultation.nextQuestion(), turn <= rules.questions.count {
            let pick = bytes.isEmpty ? turn : Int(bytes[(turn &* 31) % bytes.count]) &+ turn
            let value: FactValue
            switch question.kind {
            case .yesNo: value = [FactValue.yes, .no, .unsure][pick % 3]
            case .number(_, let range):
                value = [FactValue.number(range.lowerBound), .number(range.upperBound), .unsure][pick % 3]
            case .choice(let options):
                value = options.isEmpty || pick % 4 == 3 ? .unsure : .choice(options[pick % options.count].id)
            case .several(let options):
                value = pick % 4 == 3 ? .unsure : .options(options.enumerated().filter { ($0.offset + pick) % 3 == 0 }.map(\.element.id).sorted())
            }
            _ = consultation.stakeKinds(of: question.id)
            _ = consultation.askText(for: question)
            _ = consultation.nextTurn()
            _ = consultation.readBacks(excluding: [])
            _ = consultation.remainingQuestionEstimate()
            consultation.record(question.id, value, from: .answered("fuzz"))
            turn += 1
        }
        FuzzSupport.require(consultation.nextQuestion() == nil, "the dialogue asked more questions than the rules hold")
        let outcome = consultation.outcome(explained: true)
        for entry in outcome.explanation { for node in entry.reasons { _ = node.render(indent: 1) } }
    }
}

/// Splits a fuzz input into rules files at lines `%%% NAME`; the first part is main.rules.
enum RulesFuzzInput {
    static let marker: [UInt8] = Array("%%% ".utf8)

    static func split(_ bytes: [UInt8]) -> [(name: String, bytes: [UInt8])] {
        var chunks: [(name: String, bytes: [UInt8])] = []
        var name = "main.rules"
        var current: [UInt8] = []
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: marker) {
                chunks.append((name, current))
                name = String(decoding: line.dropFirst(marker.count), as: UTF8.self)
                current = []
            } else {
                current += line
                if lineEnd < bytes.count { current.append(10) }
            }
            lineStart = lineEnd + 1
        }
        chunks.append((name, current))
        return chunks
    }
}
