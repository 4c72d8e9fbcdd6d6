import Foundation

/// Repeated measurements of one figure.
struct Samples {
    var values: [Double]

    var median: Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }
}

/// Runs `body` `runs` times after `warmup` unmeasured runs; returns the seconds of each run.
func measure(runs: Int, warmup: Int = 1, _ body: () -> Void) -> Samples {
    for _ in 0..<warmup { body() }
    var values: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        values.append(now() - start)
    }
    return Samples(values: values)
}

enum Format {
    static func seconds(_ s: Double) -> String {
        if s.isNaN { return "n/a" }
        if s < 1e-6 { return String(format: "%.0f ns", s * 1e9) }
        if s < 1e-3 { return String(format: "%.2f µs", s * 1e6) }
        if s < 1 { return String(format: "%.2f ms", s * 1e3) }
        return String(format: "%.2f s", s)
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 100 ? String(format: "%.0f/s", perSecond) : String(format: "%.1f/s", perSecond)
    }

    static func mebibytes(_ kib: Int) -> String { String(format: "%.1f MiB", Double(kib) / 1024) }

    static func ratio(_ r: Double) -> String { r.isFinite ? String(format: "%.2f×", r) : "n/a" }

    /// Counts: "12 (5 … 31)", the median with the smallest and largest.
    static func count(_ s: Samples) -> String {
        func n(_ v: Double) -> String { v.isNaN ? "n/a" : v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
        return "\(n(s.median)) (\(n(s.min)) … \(n(s.max)))"
    }

    static func spread(_ s: Samples, _ f: (Double) -> String = seconds) -> String {
        "median \(f(s.median)) (min \(f(s.min)), max \(f(s.max)), \(s.values.count) runs)"
    }
}

/// The figures, with their targets, printed together at the end.
final class Report {
    struct Row {
        var figure: String
        var measured: String
        var target: String
        var verdict: String
    }

    private(set) var rows: [Row] = []
    private(set) var notes: [String] = []

    func add(_ figure: String, _ measured: String, target: String = "", met: Bool? = nil) {
        let verdict = met.map { $0 ? "met" : "MISSED" } ?? ""
        rows.append(Row(figure: figure, measured: measured, target: target, verdict: verdict))
        print("  \(figure): \(measured)\(target.isEmpty ? "" : "   [target \(target): \(verdict)]")")
    }

    func note(_ text: String) {
        notes.append(text)
        print("  note: \(text)")
    }

    func printSummary() {
        guard !rows.isEmpty else { return }
        let w0 = rows.map(\.figure.count).max() ?? 0
        let w1 = rows.map(\.measured.count).max() ?? 0
        let w2 = max(6, rows.map(\.target.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: Swift.max(0, w - s.count)) }
        print("")
        print("== Summary (medians) ==")
        print("\(pad("figure", w0)) | \(pad("measured", w1)) | \(pad("target", w2)) | verdict")
        print("\(String(repeating: "-", count: w0))-+-\(String(repeating: "-", count: w1))-+-\(String(repeating: "-", count: w2))-+--------")
        for r in rows { print("\(pad(r.figure, w0)) | \(pad(r.measured, w1)) | \(pad(r.target, w2)) | \(r.verdict)") }
        if !notes.isEmpty {
            print("")
            for n in notes { print("note: \(n)") }
        }
    }
}
