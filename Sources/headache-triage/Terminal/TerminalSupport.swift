import Glibc
#if canImport(TriageKit)
import TriageKit
#endif

/// Facts about the terminal the program runs in, and the choice of line reader.
enum Terminal {
    /// True when a person is typing and reading: both standard input and
    /// standard output are terminals. A pipe on either side means a script.
    /// The width to wrap text at: the terminal's columns less a margin, or 78 (an 80-column
    /// page) when the output is not a terminal.
    static func textWidth() -> Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 78 }
        return Int(size.ws_col) - 2
    }

    static func isInteractive() -> Bool {
        isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    }

    /// The line editor for a person at a terminal, plain line reading otherwise.
    ///
    /// - Parameters:
    ///   - interactive: normally `isInteractive()`; a parameter so a flag can force plain reading.
    ///   - showPromptWhenPlain: whether a `PlainLineReader` for piped input writes
    ///     prompts (off by default so piped output holds only answers).
    ///
    /// With TERM=dumb (Emacs shell buffers and the like) cursor movement
    /// cannot work, so a plain reader that shows prompts is used instead;
    /// likewise if libedit cannot start.
    static func makeReader(interactive: Bool = isInteractive(), showPromptWhenPlain: Bool = false) -> LineReader {
        guard interactive else {
            return PlainLineReader(showsPrompt: showPromptWhenPlain)
        }
        let term = getenv("TERM").map { String(cString: $0) }
        if term != "dumb", let reader = EditLineReader() {
            return reader
        }
        return PlainLineReader(showsPrompt: true)
    }

    /// Makes LC_CTYPE a UTF-8 locale, keeping the person's own one if it
    /// already is UTF-8; returns false only if no UTF-8 locale exists.
    ///
    /// Swift programs start in the "C" locale, where libedit would show
    /// every non-ASCII character as an octal escape and miscount widths.
    /// Only LC_CTYPE changes: numbers, dates and messages are unaffected.
    @discardableResult
    static func ensureUTF8CharacterLocale() -> Bool {
        if characterLocaleIsUTF8() { return true }
        for name in ["", "C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if setlocale(LC_CTYPE, name) != nil && characterLocaleIsUTF8() {
                return true
            }
        }
        return false
    }

    private static func characterLocaleIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

/// ANSI colours for output, or none at all.
///
/// Colour is off when NO_COLOR is set to anything (https://no-color.org asks
/// for non-empty; an empty value is treated the same, being the safer
/// reading), when the --no-color flag is given, when output is not a
/// terminal, and for TERM=dumb. When off, every function returns its text
/// unchanged, so callers never branch on it.
struct Style: Sendable {
    let enabled: Bool

    init(noColorFlag: Bool, environment: [String: String], isTerminal: Bool) {
        enabled = !noColorFlag
            && environment["NO_COLOR"] == nil
            && environment["TERM"] != "dumb"
            && isTerminal
    }

    /// For tests and for callers that already decided.
    init(enabled: Bool) {
        self.enabled = enabled
    }

    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func bold(_ text: String) -> String { wrap(text, "1") }
    /// Faint text for hints and progress, which should not compete with questions.
    func dim(_ text: String) -> String { wrap(text, "2") }

    private func wrap(_ text: String, _ code: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

#if canImport(TriageKit)
extension Style {
    /// The same colours for TriageKit's report: urgent red, caution yellow, calm green.
    var palette: TextReport.Palette {
        guard enabled else { return .plain }
        let style = self
        return TextReport.Palette(
            urgent: { style.red($0) },
            caution: { style.yellow($0) },
            calm: { style.green($0) },
            bold: { style.bold($0) }
        )
    }
}
#endif
