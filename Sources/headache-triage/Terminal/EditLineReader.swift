import CLibEdit
import Glibc

/// Reads lines from a person at a terminal through libedit's readline layer:
/// a prompt, emacs-style editing, history (up/down arrows, Ctrl-R), Tab
/// completion from `completions` (double Tab lists them), Ctrl-C to discard
/// a line and Ctrl-D on an empty line to end.
///
/// libedit's readline layer is one global editor per process, so only one
/// `EditLineReader` can be active at a time; making a second one closes the
/// first. Use it from one thread at a time (any thread).
///
/// Why the reader reads the keyboard itself (`rl_getc_function`):
/// - libedit's own signal handling (`rl_catch_signals`) answers Ctrl-C by
///   restoring the previous disposition and re-sending SIGINT to the whole
///   process group, which kills a program with the default one. It is off;
///   SIGINT (also SIGWINCH, SIGCONT) only writes a byte to a pipe that the
///   key reader polls beside stdin, so Ctrl-C can never end the process and
///   wakes the reader whichever thread the kernel delivered it to.
/// - Decoding UTF-8 here makes input independent of the locale.
///
/// The terminal is raw only inside `readLine` (libedit restores it before
/// returning); SIGTERM, SIGHUP and SIGQUIT restore it before the process
/// dies, and `close()`/deinit put it and the signal handlers back.
final class EditLineReader: LineReader {
    var completions: [String] = []

    /// Set by the key reader when Ctrl-C arrived during the current `readLine`.
    fileprivate var interrupted = false
    private var isOpen = true
    private var lastHistoryLine: String?
    private let wakePipe: (read: Int32, write: Int32)
    private var previousActions: [Int32: sigaction] = [:]

    /// Signals that only wake the reader (the handler writes one byte naming
    /// the signal to the pipe): Ctrl-C, a new window size, and coming back
    /// from Ctrl-Z (the shell may have reset the terminal meanwhile).
    private static let wakingSignals: [Int32] = [SIGINT, SIGWINCH, SIGCONT]
    /// Signals that end the process: the terminal is put back first, then
    /// the signal goes on to the handler that was there before (or does what
    /// it does by default). Ignored signals (nohup) are left ignored.
    private static let fatalSignals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT]

    /// Returns nil when libedit cannot be set up (for example no terminal);
    /// callers fall back to `PlainLineReader`.
    init?() {
        // The locale must be UTF-8 before libedit starts: it picks its
        // character handling and display widths from LC_CTYPE once, at init.
        guard Terminal.ensureUTF8CharacterLocale() else { return nil }

        // pipe2() is hidden behind _GNU_SOURCE in Swift's Glibc module.
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            // Non-blocking both ways: a signal handler must never block on a
            // full pipe, and draining must stop when it is empty.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        wakePipe = (fds[0], fds[1])

        EditLineSession.active?.close()
        EditLineSession.saveTerminalSettings()
        EditLineSession.configureReadline()
        guard rl_initialize() == 0 else {
            Glibc.close(fds[0])
            Glibc.close(fds[1])
            isOpen = false  // so deinit has nothing to undo
            return nil
        }
        // This libedit rings the bell even when Tab completed the line
        // (fn_complete2 beeps after every insertion). A bell capability of
        // "$<0>" is a zero-length tputs delay: nothing is written. The only
        // other bell lost is the one for an ambiguous first Tab.
        _ = rl_parse_and_bind("settc bl $<0>")
        // History is global to libedit: start each conversation with none.
        clear_history()
        stifle_history(500)

        EditLineSession.active = self
        EditLineSession.wakeWriteFD = wakePipe.write
        installSignalHandlers()
    }

    deinit {
        close()
    }

    func readLine(prompt: String) -> LineInput {
        guard isOpen else { return .endOfInput }
        EditLineSession.active = self
        // A Ctrl-C pressed while the program was busy is not about this prompt.
        drainWakePipe()
        interrupted = false

        let raw = CLibEdit.readline(Self.markingInvisibleSequences(in: prompt))
        defer { free(raw) }

        if interrupted {
            // The terminal does not echo ^C while libedit edits; show it,
            // and move off the abandoned line.
            writeToTerminal("^C\n")
            return .interrupted
        }
        guard let raw else {
            // Ctrl-D leaves the cursor after the prompt; end that line.
            writeToTerminal("\n")
            return .endOfInput
        }
        // String(cString:) repairs invalid UTF-8 instead of failing.
        return .line(String(cString: raw))
    }

    func addToHistory(_ line: String) {
        guard isOpen, !line.allSatisfy(\.isWhitespace), line != lastHistoryLine else { return }
        lastHistoryLine = line
        _ = add_history(line)
    }

    /// Puts the terminal and the signal handlers back as they were; idempotent.
    /// A handler that someone installed after this reader is left in place.
    func close() {
        guard isOpen else { return }
        isOpen = false
        for (signal, var previous) in previousActions {
            var current = sigaction()
            if sigaction(signal, nil, &current) == 0, EditLineSession.isOurs(current) {
                sigaction(signal, &previous, nil)
            }
            EditLineSession.chainedHandlers[Int(signal)] = nil
        }
        previousActions = [:]
        if EditLineSession.active === self {
            EditLineSession.active = nil
            EditLineSession.wakeWriteFD = -1
            clear_history()
        }
        EditLineSession.restoreTerminalSettings()
        Glibc.close(wakePipe.read)
        Glibc.close(wakePipe.write)
    }

    /// For the program's own SIGTERM/SIGHUP handlers if they are installed
    /// after this reader (and so replace its handler): puts the terminal
    /// back. Async-signal-safe: it only calls tcsetattr. Installing such
    /// handlers before the reader is simpler: the reader then restores the
    /// terminal and passes the signal on to them.
    static func restoreTerminalFromSignalHandler() {
        EditLineSession.restoreTerminalFromSignalHandler()
    }

    // MARK: - Keyboard

    /// Returns the next character typed, as a Unicode scalar value, or -1 to
    /// make libedit end the line with nothing (end of input, or Ctrl-C with
    /// `interrupted` set). Called by libedit through `rl_getc_function`.
    fileprivate func nextCharacter() -> Int32 {
        var pending: [UInt8] = []
        while true {
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents != 0 && handleWakeBytes() {
                interrupted = true
                return -1
            }
            guard fds[0].revents != 0 else { continue }

            var byte: UInt8 = 0
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count == 1 else { return -1 }  // end of input or a dead terminal

            switch UTF8Assembler.add(byte, to: &pending) {
            case .needMore: continue
            case .scalar(let value): return Int32(bitPattern: value)
            }
        }
    }

    /// Reads what the signal handlers wrote; true when Ctrl-C was among it.
    private func handleWakeBytes() -> Bool {
        var sawInterrupt = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = Glibc.read(wakePipe.read, &buffer, buffer.count)
            guard count > 0 else { break }
            for byte in buffer[0..<count] {
                switch Int32(byte) {
                case SIGINT:
                    sawInterrupt = true
                case SIGWINCH:
                    rl_resize_terminal()
                case SIGCONT:
                    // Back from Ctrl-Z: the shell may have reset the terminal.
                    rl_deprep_terminal()
                    rl_prep_terminal(0)
                    rl_forced_update_display()
                default:
                    break
                }
            }
        }
        return sawInterrupt
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while Glibc.read(wakePipe.read, &buffer, buffer.count) > 0 {}
    }

    private func writeToTerminal(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    // MARK: - Signals

    private func installSignalHandlers() {
        for signal in Self.wakingSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = editLineWakeHandler
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: a blocked poll should return at once.
            action.sa_flags = 0
            var previous = sigaction()
            if sigaction(signal, &action, &previous) == 0 {
                previousActions[signal] = previous
            }
        }
        for signal in Self.fatalSignals {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0,
                  current.sa_flags & Int32(SA_SIGINFO) == 0,  // a three-argument handler cannot be chained simply
                  !EditLineSession.isIgnored(current)
            else { continue }
            let previousHandler = current.__sigaction_handler.sa_handler  // nil is SIG_DFL
            var action = sigaction()
            action.__sigaction_handler.sa_handler = editLineFatalHandler
            sigemptyset(&action.sa_mask)
            // With no handler to pass on to, the default action must follow:
            // SA_RESETHAND puts it back as the handler runs (0x80000000 is imported as Int).
            action.sa_flags = previousHandler == nil ? Int32(truncatingIfNeeded: SA_RESETHAND) : 0
            EditLineSession.chainedHandlers[Int(signal)] = previousHandler
            if sigaction(signal, &action, nil) == 0 {
                previousActions[signal] = current
            } else {
                EditLineSession.chainedHandlers[Int(signal)] = nil
            }
        }
    }

    // MARK: - Prompt

    /// libedit counts every byte of the prompt as a column unless invisible
    /// parts are bracketed by RL_PROMPT_START_IGNORE/END_IGNORE; coloured
    /// prompts would otherwise put the cursor in the wrong place.
    static func markingInvisibleSequences(in prompt: String) -> String {
        var result = ""
        var scalars = prompt.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            result += "\u{01}\u{1B}"
            // A CSI sequence ("ESC [" ... final byte 0x40-0x7E); other escapes are two bytes.
            if let next = scalars.next() {
                result.unicodeScalars.append(next)
                if next == "[" {
                    while let part = scalars.next() {
                        result.unicodeScalars.append(part)
                        if (0x40...0x7E).contains(part.value) { break }
                    }
                }
            }
            result += "\u{02}"
        }
        return result
    }
}

// MARK: - Global slot for C callbacks and signal handlers

/// The one place with process-wide state, kept as small as it can be:
/// libedit's readline layer calls plain C function pointers with no context
/// argument, and signal handlers can only reach globals, so the active
/// reader, the pipe the handlers write to and the terminal settings to
/// restore on a fatal signal live here. Only one reader can be active
/// because libedit's readline layer itself is a single global editor.
enum EditLineSession {
    nonisolated(unsafe) static weak var active: EditLineReader?
    /// Write end of the active reader's wake pipe, or -1. Read by signal handlers.
    nonisolated(unsafe) static var wakeWriteFD: Int32 = -1
    /// Terminal settings from before libedit ran, for the fatal-signal
    /// handler: allocated once and never freed, so a handler can always read it.
    nonisolated(unsafe) static let savedTerminal: UnsafeMutablePointer<termios> = {
        let settings = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        settings.initialize(to: termios())
        return settings
    }()
    /// Whether `savedTerminal` holds real settings (stdin was a terminal).
    nonisolated(unsafe) static var hasSavedTerminal = false
    /// Handlers that were installed before ours, by signal number; the fatal
    /// handler calls them after restoring the terminal. Fixed storage, so
    /// the handler reads it without allocating.
    nonisolated(unsafe) static let chainedHandlers: UnsafeMutablePointer<(@convention(c) (Int32) -> Void)?> = {
        let table = UnsafeMutablePointer<(@convention(c) (Int32) -> Void)?>.allocate(capacity: 65)
        table.initialize(repeating: nil, count: 65)
        return table
    }()
    /// Kept alive for libedit, which holds on to these pointers.
    nonisolated(unsafe) private static var readlineName: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) private static var wordBreakCharacters: UnsafeMutablePointer<CChar>? = nil

    /// Sets the readline-layer globals; must run before `rl_initialize`,
    /// which reads `rl_getc_function` and `rl_catch_signals` only then.
    static func configureReadline() {
        if readlineName == nil {
            readlineName = strdup("headache-triage")  // selects this program's lines in ~/.editrc
            // Completion looks at the whole line before the cursor (only a
            // newline breaks it), so multi-word answers like "not sure"
            // complete; `CompletionMatcher` falls back to the last word itself.
            wordBreakCharacters = strdup("\n")
        }
        rl_readline_name = UnsafePointer(readlineName)
        rl_basic_word_break_characters = UnsafePointer(wordBreakCharacters)
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_instream = stdin
        rl_outstream = stdout
        rl_getc_function = editLineReadCharacter
        rl_attempted_completion_function = editLineComplete
        rl_completion_entry_function = editLineNoFileNames
        rl_completion_append_character = 0
        // Above this libedit asks "Display all N possibilities?" reading stdin
        // behind our back; the lists here are short.
        rl_completion_query_items = 10_000
    }

    static func isOurs(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        let bits = unsafeBitCast(handler, to: Int.self)
        return bits == unsafeBitCast(editLineWakeHandler as @convention(c) (Int32) -> Void, to: Int.self)
            || bits == unsafeBitCast(editLineFatalHandler as @convention(c) (Int32) -> Void, to: Int.self)
    }

    /// SIG_IGN is the handler "address" 1.
    static func isIgnored(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == 1
    }

    /// Async-signal-safe (tcsetattr only): for another signal handler that
    /// ends the program while a line may be being edited.
    static func restoreTerminalFromSignalHandler() {
        if hasSavedTerminal {
            tcsetattr(STDIN_FILENO, TCSANOW, savedTerminal)
        }
    }

    static func saveTerminalSettings() {
        hasSavedTerminal = false  // never restore half-written settings
        hasSavedTerminal = tcgetattr(STDIN_FILENO, savedTerminal) == 0
    }

    static func restoreTerminalSettings() {
        if hasSavedTerminal {
            tcsetattr(STDIN_FILENO, TCSADRAIN, savedTerminal)
        }
    }
}

// MARK: - C entry points (no captures: they must convert to C function pointers)

/// `rl_getc_function`. Without an active reader (after `close`) it still
/// reads, so a stray `readline` call elsewhere cannot crash.
private func editLineReadCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    if let reader = EditLineSession.active {
        return reader.nextCharacter()
    }
    var pending: [UInt8] = []
    while true {
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count < 0 && errno == EINTR { continue }
        guard count == 1 else { return -1 }
        if case .scalar(let value) = UTF8Assembler.add(byte, to: &pending) {
            return Int32(bitPattern: value)
        }
    }
}

/// `rl_attempted_completion_function`: builds the NULL-terminated array
/// libedit wants (element 0 replaces the typed text, the rest are listed on
/// a double Tab). libedit frees it and its strings with free(), so they are
/// malloc'd.
private func editLineComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    // Never fall back to libedit's default: completing file names.
    rl_attempted_completion_over = 1
    guard let text, let reader = EditLineSession.active else { return nil }
    let typed = String(cString: text)
    guard let result = CompletionMatcher.complete(typed, among: reader.completions) else { return nil }

    // [replacement, candidates..., NULL]. With one candidate libedit still
    // reads element 2, so one more NULL is allocated than strictly needed.
    let strings = [result.replacement] + (result.candidates.count > 1 ? result.candidates : [])
    let slots = strings.count + 2
    guard let raw = malloc(slots * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: slots)
    for (index, string) in strings.enumerated() {
        array[index] = strdup(string)
    }
    array[strings.count] = nil
    array[strings.count + 1] = nil
    return array
}

/// `rl_completion_entry_function`: offers nothing, so no file names appear.
private func editLineNoFileNames(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    nil
}

/// Handler for SIGINT, SIGWINCH and SIGCONT: async-signal-safe, it only
/// writes the signal number to the active reader's pipe (dropped if full).
private func editLineWakeHandler(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(EditLineSession.wakeWriteFD, &byte, 1)
    errno = savedErrno
}

/// Handler for SIGTERM, SIGHUP and SIGQUIT: puts the terminal back, then
/// passes the signal on to the handler that was there before, or lets it do
/// what it does by default (SA_RESETHAND has restored that; the raised
/// signal is delivered as soon as this handler returns).
private func editLineFatalHandler(_ signal: Int32) {
    EditLineSession.restoreTerminalFromSignalHandler()
    if signal > 0 && signal < 65, let next = EditLineSession.chainedHandlers[Int(signal)] {
        next(signal)
    } else {
        raise(signal)
    }
}

// MARK: - Pure helpers

/// Gathers UTF-8 bytes into Unicode scalars, one byte at a time.
enum UTF8Assembler {
    enum Step: Equatable { case needMore, scalar(UInt32) }

    /// Invalid bytes become U+FFFD rather than being passed on raw, which
    /// libedit would show as octal escapes.
    static func add(_ byte: UInt8, to pending: inout [UInt8]) -> Step {
        if !pending.isEmpty && byte & 0xC0 != 0x80 {
            // A sequence broken off by a new lead byte: drop the fragment.
            pending.removeAll()
        }
        pending.append(byte)
        guard let lead = pending.first else { return .needMore }
        let length: Int
        switch lead {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default:
            pending.removeAll()
            return .scalar(0xFFFD)
        }
        guard pending.count >= length else { return .needMore }
        let decoded = String(decoding: pending, as: UTF8.self).unicodeScalars.first
        pending.removeAll()
        return .scalar(decoded?.value ?? 0xFFFD)
    }
}

/// Decides what Tab does with the text before the cursor.
///
/// The whole text is matched first (case-insensitive prefix), so that
/// multi-word answers like "not sure" complete; when nothing starts that
/// way, the last word is completed instead, keeping the words before it.
enum CompletionMatcher {
    struct Result: Equatable {
        /// Replaces the typed text: the longest common start of the candidates.
        var replacement: String
        /// Every full line that could result (listed on a double Tab).
        var candidates: [String]
    }

    static func complete(_ typed: String, among words: [String]) -> Result? {
        var seen = Set<String>()
        let unique = words.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }

        var candidates = unique.filter { hasPrefixIgnoringCase($0, typed) }
        if candidates.isEmpty, let space = typed.lastIndex(of: " ") {
            let head = typed[...space]
            let word = String(typed[typed.index(after: space)...])
            candidates = unique.filter { hasPrefixIgnoringCase($0, word) }.map { head + $0 }
        }
        guard let first = candidates.first else { return nil }

        var common = Array(first)
        for candidate in candidates.dropFirst() {
            let shared = zip(common, candidate).prefix { $0.lowercased() == $1.lowercased() }.count
            common.removeLast(common.count - shared)
        }
        // Never shorten what was typed (or change it, when candidates only
        // agree up to a point already typed).
        let replacement = common.count > typed.count ? String(common) : typed
        return Result(replacement: candidates.count == 1 ? first : replacement, candidates: candidates)
    }

    private static func hasPrefixIgnoringCase(_ candidate: String, _ prefix: String) -> Bool {
        var rest = candidate.makeIterator()
        for character in prefix {
            guard let next = rest.next(), next.lowercased() == character.lowercased() else { return false }
        }
        return true
    }
}
