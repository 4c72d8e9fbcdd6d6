/// What reading one line from the person gave.
enum LineInput: Equatable {
    /// A finished line, without its line terminator.
    case line(String)
    /// Ctrl-C: the half-typed line was discarded; the caller should ask again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input stream.
    case endOfInput
}

/// Reads one answer or command at a time.
///
/// Two implementations exist: `EditLineReader` for a person at a terminal
/// (line editing, history, Tab completion) and `PlainLineReader` for piped
/// input (no escape sequences, no prompt clutter). `Terminal.makeReader`
/// picks one.
protocol LineReader: AnyObject {
    /// Shows `prompt` (where that makes sense) and waits for one line.
    func readLine(prompt: String) -> LineInput

    /// Words that Tab may complete at the next prompt (current question's options and the commands).
    var completions: [String] { get set }

    /// Remembers `line` so that the up arrow (and Ctrl-R) can bring it back.
    func addToHistory(_ line: String)
}
