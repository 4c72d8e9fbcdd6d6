// libFuzzer target: the answers-script and transcript reader, the scripted dialogue on the
// shipped rules, the reports, and a transcript round trip. Run with `Fuzz/run.sh answers SECONDS`.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func answersFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let rules = FuzzSupport.defaultRules
    let script = AnswersScript(file: "fuzz.txt", bytes: bytes)
    let result = ScriptedRun(rules: rules).run(script)
    FuzzSupport.checkDiagnostics(result.diagnostics, sources: ["fuzz.txt": String(decoding: bytes, as: UTF8.self)])
    let report = ConsultationReport(result: result, date: "fuzz", program: "fuzz")
    _ = JSONReport(explain: true).render(report)
    _ = TextReport().render(report)
    for renderer in SummaryFormat.allCases.map(\.renderer) { _ = renderer.render(report) }
    FuzzSupport.require(result.outcome.triage.id.isEmpty == false, "no triage level")

    // `run --check` on its own fields: what the transcript records is what the outcome says.
    let fields = TranscriptFormat.fields(result.outcome)
    if !script.recordedOutcome.isEmpty {
        for (key, _) in fields { _ = script.recordedOutcome[key] }
    }

    // A script that ran without errors is saved as a transcript; replaying that transcript
    // must give the same outcome (this is what `run --check` relies on).
    guard !result.diagnostics.hasErrors else { return 0 }
    let transcript = TranscriptFormat.transcript(for: result, story: result.story, program: "fuzz", started: "t0", ended: "t1")
    let replayScript = AnswersScript(file: "replay.transcript", text: transcript)
    FuzzSupport.require(replayScript.isTranscript, "a written transcript is not read as one")
    let replay = ScriptedRun(rules: rules).run(replayScript)
    let replayed = TranscriptFormat.fields(replay.outcome)
    for (a, b) in zip(fields, replayed) {
        FuzzSupport.require(a.value == b.value, "transcript replay changed \(a.key): '\(a.value)' -> '\(b.value)'")
    }
    for (key, value) in fields {
        FuzzSupport.require(replayScript.recordedOutcome[key] ?? "" == value,
                            "transcript records \(key) as '\(replayScript.recordedOutcome[key] ?? "")', outcome has '\(value)'")
    }
    return 0
}
