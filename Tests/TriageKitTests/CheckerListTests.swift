import Testing
@testable import TriageKit

/// The checker reads every word list (`yes words:`, an option's phrases, ...) through
/// `Checker.list`, with a byte-level path for plain ASCII: it must give exactly what the
/// general path gives.
@Suite("Checker word lists")
struct CheckerListTests {
    @Test("the ASCII path of list equals the general path on random texts")
    func asciiPathEqualsPlain() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aZ b,\t,,  Q_9-'é") // é sends a text down the general path
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(Checker.list(text) == Checker.plainList(text), "\(text.debugDescription)")
        }
        for text in ["", ",", " , ", "Yes, YEAH ,  yep\tyes", "a  b\t\tc, ,d", "Not  Sure ,", "ça va, OUI"] {
            #expect(Checker.list(text) == Checker.plainList(text), "\(text.debugDescription)")
        }
    }

    @Test("the ASCII path of the parser's key(of:) equals the general path on random lines")
    func keyOfASCIIPathEqualsGeneral() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aZ b:\t_9-'é:") + ["\u{301}"]
        for _ in 0..<20_000 {
            let line = String((0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let content = Substring(line)
            #expect(RulesParser.key(of: content) == RulesParser.generalKey(of: content), "\(line.debugDescription)")
        }
        for line in ["ask: Do you?", "  Yes Words : x", "a\tb: c", "a b\t: c", String(repeating: "k", count: 41) + ": x",
                     String(repeating: "k", count: 40) + ": x", ":\u{301} x", "é: x", "no colon here", "12: x"] {
            #expect(RulesParser.key(of: Substring(line)) == RulesParser.generalKey(of: Substring(line)), "\(line.debugDescription)")
        }
    }
}
