import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a real pseudo-terminal, so tests can type at its
/// interactive mode the way a person would: the program sees a terminal on
/// stdin, stdout and stderr, the terminal is its controlling terminal, and
/// Ctrl-C sends it SIGINT through the kernel's line discipline.
///
/// The child is started with posix_spawn, never fork(): forking a
/// multithreaded Swift process and then running Swift code in the child is
/// unsafe. Every wait is bounded by a deadline, so a test can fail but never
/// hang. Output is kept raw (escape sequences and all); use `plainText(_:)`
/// for assertions about what a person would read.
///
/// The helper keeps its own descriptor for the terminal (opened without
/// making it a controlling terminal), so the terminal outlives the program
/// and `isInRawMode` can tell whether the program restored its settings.
/// The end of the program is therefore noticed with waitpid, not by the
/// terminal closing.
final class PseudoTerminal {
    /// Why a step failed; `description` carries everything the program wrote.
    enum Failure: Error, CustomStringConvertible {
        case setup(String, errno: Int32)
        case timedOut(waitingFor: String, output: String)
        case endedBeforeOutput(waitingFor: String, status: Int32, output: String)

        var description: String {
            switch self {
            case .setup(let step, let code):
                return "\(step) failed: \(String(cString: strerror(code)))"
            case .timedOut(let wanted, let output):
                return "timed out waiting for \(wanted.debugDescription); output so far:\n\(PseudoTerminal.plainText(output))\n(raw: \(output.debugDescription))"
            case .endedBeforeOutput(let wanted, let status, let output):
                return "the program ended (status \(status)) before \(wanted.debugDescription) appeared; output:\n\(PseudoTerminal.plainText(output))\n(raw: \(output.debugDescription))"
            }
        }
    }

    let processID: pid_t
    private var master: Int32
    private var slave: Int32
    private var received: [UInt8] = []
    /// Where the next `expect` starts looking in `received`.
    private var expectMark = 0
    private var exitCode: Int32?

    /// Everything the program has written so far, undecoded escapes included.
    var output: String {
        String(decoding: received, as: UTF8.self)
    }

    /// Starts `executable` on a new pseudo-terminal of the given size.
    /// `environment` is the child's whole environment (nothing is inherited);
    /// set TERM (for example "xterm") for a line editor to work normally.
    init(
        executable: URL,
        arguments: [String] = [],
        environment: [String: String],
        rows: UInt16 = 40,
        columns: UInt16 = 120
    ) throws {
        var masterFD: Int32 = -1
        var slaveFD: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        // openpty lives in libc since glibc 2.34 (libutil before that).
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else {
            throw Failure.setup("openpty", errno: errno)
        }
        // Neither descriptor may leak into a child: the program opens the
        // terminal itself, by name.
        _ = fcntl(masterFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slaveFD, F_SETFD, FD_CLOEXEC)

        var nameBuffer = [CChar](repeating: 0, count: 256)
        let nameResult = ttyname_r(slaveFD, &nameBuffer, nameBuffer.count)
        guard nameResult == 0 else {
            close(masterFD)
            close(slaveFD)
            throw Failure.setup("ttyname_r", errno: nameResult)
        }
        let slaveName = String(cString: nameBuffer)

        do {
            processID = try Self.spawn(
                executable: executable.path,
                arguments: arguments,
                environment: environment,
                terminalPath: slaveName
            )
        } catch {
            close(masterFD)
            close(slaveFD)
            throw error
        }
        master = masterFD
        slave = slaveFD
        // Reads and writes go through poll(); never block on the descriptor itself.
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        terminate()
    }

    // MARK: - Typing

    /// Types `text` (UTF-8). Use "\r" for Enter, as a terminal sends it.
    /// Gives up after 10 seconds if the program stops reading (a later
    /// `expect` then fails with the output).
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        let deadline = Date().addingTimeInterval(10)
        while !bytes.isEmpty && master >= 0 && Date() < deadline {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes.removeFirst(written)
                continue
            }
            guard written < 0 && (errno == EAGAIN || errno == EINTR) else { return }
            // The input queue is full: keep reading output meanwhile, in case
            // the program is itself blocked writing to us.
            readAvailableOutput(waitingAtMost: 0.02)
        }
    }

    /// Types a control character: "c" gives 0x03 (Ctrl-C), "d" 0x04 (Ctrl-D),
    /// "[" gives Escape and "?" gives DEL.
    func sendControl(_ character: Character) {
        guard let ascii = character.asciiValue else {
            preconditionFailure("no control key for \(character.debugDescription)")
        }
        let code: UInt8 = character == "?" ? 0x7F : ascii & 0x1F
        send(String(UnicodeScalar(code)))
    }

    // MARK: - Reading

    /// Waits until the output since the previous `expect` contains `text`,
    /// either literally or once escape sequences and "\r" are removed (a line
    /// editor may redraw text in pieces). Returns that stretch of raw output,
    /// up to and including the match; the next `expect` starts after it.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = endOfFirstMatch(of: text) {
                let stretch = String(decoding: received[expectMark..<end], as: UTF8.self)
                expectMark = end
                return stretch
            }
            if let status = reap(blocking: false) {
                drainOutputAfterExit()
                if let end = endOfFirstMatch(of: text) {
                    let stretch = String(decoding: received[expectMark..<end], as: UTF8.self)
                    expectMark = end
                    return stretch
                }
                throw Failure.endedBeforeOutput(waitingFor: text, status: status, output: output)
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw Failure.timedOut(waitingFor: text, output: output)
            }
            readAvailableOutput(waitingAtMost: remaining)
        }
    }

    /// Waits until the program has put its terminal into character-at-a-time
    /// mode (ICANON off), as a line editor does once it is ready for keys.
    /// Typing before that is echoed by the kernel as well, doubling output.
    func waitForRawMode(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // On Linux the master reports the terminal settings of the pair.
            if isInRawMode { return }
            if reap(blocking: false) != nil || Date() >= deadline {
                throw Failure.timedOut(waitingFor: "raw terminal mode", output: output)
            }
            readAvailableOutput(waitingAtMost: 0.01)
        }
    }

    /// Changes the window size as a terminal emulator does; the kernel then
    /// sends SIGWINCH to the program.
    func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Turns canonical (line-at-a-time, echoing) mode on or off, as a
    /// job-control shell does behind a stopped program's back.
    func setCanonicalMode(_ enabled: Bool) {
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return }
        let flags = tcflag_t(ICANON | ECHO)
        settings.c_lflag = enabled ? settings.c_lflag | flags : settings.c_lflag & ~flags
        tcsetattr(slave, TCSANOW, &settings)
    }

    /// Whether the terminal is in character-at-a-time mode (ICANON off)
    /// right now; after the program ends, whether it left it that way.
    var isInRawMode: Bool {
        var settings = termios()
        return master >= 0 && tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
    }

    /// Waits for the program to end, reading its output meanwhile; returns
    /// its exit status, or 128 + the signal number if a signal ended it.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let code = reap(blocking: false) {
                drainOutputAfterExit()
                return code
            }
            guard Date() < deadline else {
                throw Failure.timedOut(waitingFor: "the program to exit", output: output)
            }
            readAvailableOutput(waitingAtMost: 0.02)
        }
    }

    /// Kills the program (and anything it started in its session) if it is
    /// still running, and closes the terminal. Safe to call more than once.
    func terminate() {
        if exitCode == nil {
            // setsid made the child a process-group leader: signal the group.
            kill(-processID, SIGKILL)
            kill(processID, SIGKILL)
            _ = reap(blocking: true)
        }
        if master >= 0 {
            close(master)
            master = -1
        }
        if slave >= 0 {
            close(slave)
            slave = -1
        }
    }

    // MARK: - Text for assertions

    /// `raw` without ANSI escape sequences (CSI, OSC and two-byte escapes),
    /// carriage returns and bells: roughly what a person reads.
    static func plainText(_ raw: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\r", "\u{07}":
                continue
            case "\u{1B}":
                skipEscapeSequence(&scalars)
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let kind = scalars.next() else { return }
        switch kind {
        case "[":  // CSI: parameters and intermediates, then a final byte 0x40-0x7E
            while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
        case "]":  // OSC: ends with BEL or ESC \
            while let next = scalars.next() {
                if next == "\u{07}" { break }
                if next == "\u{1B}" { _ = scalars.next(); break }
            }
        case "(", ")", "*", "+", "#", "%":  // charset and similar: one more byte
            _ = scalars.next()
        default:  // ESC 7, ESC 8, ESC =, ESC >, ESC M ...: two bytes in all
            break
        }
    }

    // MARK: - Internals

    private static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        terminalPath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid() and without O_NOCTTY, the terminal becomes
        // the new session's controlling terminal: that is what makes Ctrl-C
        // on the master turn into SIGINT for the program.
        posix_spawn_file_actions_addopen(&actions, 0, terminalPath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc 2.26+) is hidden from Swift behind
        // _GNU_SOURCE; its value is fixed in <spawn.h>.
        let setSessionID: Int32 = 0x80
        // Start from default signal handling and an empty mask, whatever the
        // test runner ignores or blocks (an ignored SIGINT would be inherited).
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(
            &attributes,
            Int16(setSessionID | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK))
        )

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw Failure.setup("posix_spawn \(executable)", errno: result)
        }
        return pid
    }

    /// Reads whatever output is available, waiting up to `seconds` (at most
    /// a second, so callers re-check their deadlines) for the first byte.
    /// Returns whether anything arrived.
    @discardableResult
    private func readAvailableOutput(waitingAtMost seconds: TimeInterval) -> Bool {
        guard master >= 0 else { return false }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(seconds, 1)) * 1000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }

        var buffer = [UInt8](repeating: 0, count: 4096)
        var gotSome = false
        while true {
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
                gotSome = true
                continue
            }
            if count < 0 && errno == EINTR { continue }
            // EAGAIN: all read for now.
            return gotSome
        }
    }

    /// The kernel moves what the program wrote to the master side a little
    /// later (a work queue), so after the program ends read until quiet.
    private func drainOutputAfterExit() {
        while readAvailableOutput(waitingAtMost: 0.05) {}
    }

    /// Where the first match of `text` after `expectMark` ends, in `received`.
    private func endOfFirstMatch(of text: String) -> Int? {
        let wanted = Array(text.utf8)
        let pending = received[expectMark...]
        if !wanted.isEmpty, let start = firstIndex(of: wanted, in: pending) {
            return start + wanted.count
        }
        // Not there literally: try the plain text, and find the shortest
        // stretch whose plain text holds it (containment only grows with
        // length, so a binary search finds it).
        func plainHasText(upTo end: Int) -> Bool {
            Self.plainText(String(decoding: received[expectMark..<end], as: UTF8.self)).contains(text)
        }
        guard plainHasText(upTo: received.count) else { return nil }
        var low = expectMark, high = received.count
        while low < high {
            let middle = (low + high) / 2
            if plainHasText(upTo: middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func firstIndex(of wanted: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= wanted.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - wanted.count {
            if haystack[index..<(index + wanted.count)].elementsEqual(wanted) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Collects the exit status if the program has ended; with `blocking`,
    /// waits (boundedly: it is only used right after SIGKILL).
    private func reap(blocking: Bool) -> Int32? {
        if let exitCode { return exitCode }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(5)
        while true {
            let result = waitpid(processID, &status, WNOHANG)
            if result == processID {
                // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
                let signal = status & 0x7F
                let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                exitCode = code
                return code
            }
            if result < 0 && errno != EINTR {
                exitCode = -1  // not our child any more; nothing to wait for
                return exitCode
            }
            guard blocking, Date() < deadline else { return nil }
            usleep(5_000)
        }
    }
}
