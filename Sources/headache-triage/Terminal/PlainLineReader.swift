import Glibc

/// Reads lines from standard input when it is not a terminal (a pipe or a file).
///
/// It never writes escape sequences, and by default it writes no prompt
/// either, so the output of a piped run holds only what the program says.
final class PlainLineReader: LineReader {
    /// Whether `readLine(prompt:)` writes the prompt before reading.
    let showsPrompt: Bool

    /// Kept only to honour the protocol: without a terminal there is no Tab key.
    var completions: [String] = []

    init(showsPrompt: Bool = false) {
        self.showsPrompt = showsPrompt
    }

    func readLine(prompt: String) -> LineInput {
        if showsPrompt && !prompt.isEmpty {
            print(prompt, terminator: "")
            // The prompt has no newline, so stdio would keep it buffered.
            fflush(stdout)
        }
        guard var line = Swift.readLine(strippingNewline: true) else {
            // A shown prompt would otherwise run into whatever comes next.
            if showsPrompt && !prompt.isEmpty { print() }
            return .endOfInput
        }
        // Files written on Windows end lines with "\r\n"; Swift treats "\r\n"
        // as one Character, but a lone trailing "\r" can still be left over.
        if line.hasSuffix("\r") {
            line.removeLast()
        }
        return .line(line)
    }

    /// Piped input has no history to recall; nothing to keep.
    func addToHistory(_ line: String) {}
}
