import Foundation
import TriageKit

/// Pathological inputs: each must end in a FILE:LINE error (or be read correctly) within a
/// second or so, never a crash, a stack overflow, a hang or an out-of-memory.
extension Bench {
    struct Probe {
        var name: String
        /// Rules files (folder contents), when the probe is a rules folder.
        var rules: [String: [UInt8]]?
        /// An answers script, run with the rules above or the built-in ones.
        var script: [UInt8]?
        /// Whether the program should accept the input (exit 0) rather than report an error.
        var shouldPass: Bool
    }

    func limits() throws {
        heading("Limits: gigantic, deeply nested and malformed inputs")
        let shipped = ruleFiles
        func withPatterns(_ extra: String) -> [String: [UInt8]] {
            var files = shipped
            files["patterns.rules"] = (files["patterns.rules"] ?? []) + Array(("\n" + extra + "\n").utf8)
            return files
        }
        func repeatLines(_ n: Int, _ line: (Int) -> String) -> String { (0..<n).map(line).joined(separator: "\n") }
        let example = Array(("story: throbbing pain on one side\n" + rules.questions.map { q -> String in
            switch q.kind {
            case .yesNo: return "\(q.id): no"
            case .number(_, let r): return "\(q.id): \(r.lowerBound.plainText)"
            case .choice(let o): return "\(q.id): \(o[0].id)"
            case .several: return "\(q.id): none"
            }
        }.joined(separator: "\n") + "\n").utf8)
        var probes: [Probe] = [
            Probe(name: "rules file over SourceText.maxBytes (9 MiB of comments)",
                  rules: withPatterns(String(repeating: "# " + String(repeating: "x", count: 97) + "\n", count: 9 * 1024 * 1024 / 100)), shouldPass: false),
            Probe(name: "rules line of 20,000 characters",
                  rules: withPatterns("# " + String(repeating: "y", count: 20_000)), shouldPass: false),
            Probe(name: "condition nested 100 parentheses deep",
                  rules: withPatterns("define deep: " + String(repeating: "(", count: 100) + "fever" + String(repeating: ")", count: 100)), shouldPass: false),
            Probe(name: "condition nested 5,000 deep over continuation lines",
                  rules: withPatterns("define deep:\n" + repeatLines(5_000) { _ in "  (" } + "\n  fever\n" + repeatLines(5_000) { _ in "  )" }), shouldPass: false),
            Probe(name: "'not' repeated 2,400 times",
                  rules: withPatterns("define deep: " + String(repeating: "not ", count: 2_400) + "fever"), shouldPass: false),
            Probe(name: "'at least N of' with a 400-digit N",
                  rules: withPatterns("define huge: at least " + String(repeating: "9", count: 400) + " of (fever, stiff_neck)"), shouldPass: false),
            Probe(name: "'at least N of' with N = 99999999999999999999",
                  rules: withPatterns("define huge: at least 99999999999999999999 of (fever, stiff_neck)"), shouldPass: false),
            Probe(name: "chain of 100,000 definitions, then `run`",
                  rules: withPatterns("define chain_0: fever\n" + repeatLines(99_999) { "define chain_\($0 + 1): chain_\($0)" }
                                      + "\nflag chain_flag\n  level: consult\n  when: chain_99999\n  message: chain"),
                  script: example, shouldPass: false),
            Probe(name: "chain of 40,000 definitions (under the rule count limit), then `run`",
                  rules: withPatterns("define chain_0: fever\n" + repeatLines(39_999) { "define chain_\($0 + 1): chain_\($0)" }
                                      + "\nflag chain_flag\n  level: consult\n  when: chain_39999\n  message: chain"),
                  script: example, shouldPass: false),
            Probe(name: "60,000 rules (over the rule count limit)",
                  rules: withPatterns(repeatLines(60_000) { "define many_\($0): fever" }), shouldPass: false),
            Probe(name: "include chain 30 files deep",
                  rules: {
                      var files = shipped
                      files["main.rules"] = (files["main.rules"] ?? []) + Array("\ninclude deep/0.rules\n".utf8)
                      for i in 0..<30 { files["deep/\(i).rules"] = Array("include \(i + 1).rules\n".utf8) }
                      files["deep/30.rules"] = []
                      return files
                  }(), shouldPass: false),
            Probe(name: "rules with 10,000 lines that are each an error",
                  rules: withPatterns(repeatLines(10_000) { "garbage line \($0)" }), shouldPass: false),
            Probe(name: "rules with CRLF line ends and a byte-order mark",
                  rules: shipped.mapValues { [0xEF, 0xBB, 0xBF] + Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8) },
                  shouldPass: true),
            Probe(name: "rules with a NUL byte",
                  rules: withPatterns("# a NUL \u{0} here"), shouldPass: false),
            Probe(name: "rules with invalid UTF-8",
                  rules: { var f = shipped; f["patterns.rules"]! += [0x0A, 0x23, 0x20, 0xC3, 0x28, 0xFF, 0x0A]; return f }(), shouldPass: false),
            Probe(name: "script with CRLF line ends and a byte-order mark",
                  script: [0xEF, 0xBB, 0xBF] + Array(String(decoding: example, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8), shouldPass: true),
            Probe(name: "script with a NUL byte and invalid UTF-8",
                  script: example + [0x23, 0x00, 0x0A, 0xC3, 0x28, 0x0A], shouldPass: false),
            Probe(name: "script line of 20,000 characters",
                  script: example + Array(("story: " + String(repeating: "pain ", count: 4_000) + "\n").utf8), shouldPass: false),
            Probe(name: "story of 9,900 characters (under the line limit)",
                  script: Array(("story: " + String(repeating: "no fever but a throbbing pain ", count: 330) + "\n").utf8), shouldPass: true),
            Probe(name: "script with 2,000 unknown question ids",
                  script: Array(repeatLines(2_000) { "unknown_\($0): yes" }.utf8), shouldPass: false),
            Probe(name: "script with 10,000 unknown question ids",
                  script: Array(repeatLines(10_000) { "unknown_\($0): yes" }.utf8), shouldPass: false),
            Probe(name: "transcript with 100,000 answer lines for one question",
                  script: Array((AnswersScript.transcriptMarker + "\n" + repeatLines(100_000) { "fever: no # \($0)" }).utf8), shouldPass: true),
        ]
        if ProcessInfo.processInfo.environment["TRIAGE_BENCH_SKIP_SLOW_LIMITS"] != nil {
            probes.removeAll { $0.name.contains("10,000 unknown") || $0.name.contains("10,000 lines") }
        }

        var index = 0
        for probe in probes {
            index += 1
            let folder = work + "/limits/\(index)"
            try? FileManager.default.removeItem(atPath: folder)
            var argv = [binary]
            if let files = probe.rules {
                for (name, bytes) in files {
                    let path = folder + "/rules/" + name
                    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
                }
            }
            if let script = probe.script {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: folder + "/script.txt", contents: Data(script))
                argv += ["run"] + (probe.rules != nil ? ["--rules", folder + "/rules"] : []) + [folder + "/script.txt"]
            } else {
                argv += ["check", folder + "/rules"]
            }
            let r = child.run(argv, keepOutput: true, timeout: limitTimeout, measureMemory: true)
            let located = r.stderr.range(of: #"[^\s:]+:\d+:\d+: error:"#, options: .regularExpression) != nil
            let verdict: String
            if r.timedOut { verdict = "HANG (killed after \(Format.seconds(limitTimeout)))" }
            else if r.crashed { verdict = "CRASH (\(r.summary))" }
            else if probe.shouldPass { verdict = r.exitCode == 0 ? "ok: accepted" : "WRONG: rejected (\(r.summary))" }
            else { verdict = r.exitCode == 0 ? "WRONG: accepted" : (located ? "ok: FILE:LINE error" : "WRONG: error without FILE:LINE") }
            let slow = r.seconds > 1 && !r.timedOut ? " SLOW" : ""
            report.add("limit: \(probe.name)", "\(verdict)\(slow), \(Format.seconds(r.seconds)), peak \(Format.mebibytes(r.maxRSSKiB))")
            if !verdict.hasPrefix("ok") || !slow.isEmpty {
                let firstError = r.stderr.split(separator: "\n").first { $0.contains("error") || $0.contains("failure") || $0.contains("crashed") }
                if let firstError { log("    \(firstError.prefix(200))") }
            }
        }
        try? FileManager.default.removeItem(atPath: work + "/limits")
    }
}
