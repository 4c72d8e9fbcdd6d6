import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// How a child process ended, how long it took and how much memory it used at most.
struct ChildResult {
    var seconds: Double
    /// User and system time of the child (wait4's rusage), in seconds.
    var cpuSeconds: Double = 0
    /// Exit status, or nil when a signal ended it.
    var exitCode: Int32?
    var signal: Int32?
    /// Peak resident set size of this child alone (wait4's rusage), in KiB.
    var maxRSSKiB: Int
    var timedOut: Bool
    var stdout: String
    var stderr: String

    var summary: String {
        if timedOut { return "killed after time-out" }
        if let signal { return "signal \(signal) (\(signal == 11 ? "SIGSEGV" : signal == 4 ? "SIGILL" : signal == 6 ? "SIGABRT" : signal == 9 ? "SIGKILL" : "?"))" }
        return "exit \(exitCode ?? -1)"
    }
    var crashed: Bool { signal != nil && !timedOut }
}

/// Starts programs with posix_spawn and waits with wait4, so each run's own peak memory is known.
struct Child {
    var environment: [String: String]

    init(extra: [String: String] = [:]) {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in extra { env[k] = v }
        environment = env
    }

    /// Runs `argv` to its end (or until `timeout` seconds), with stdout and stderr kept in files
    /// (`keepOutput`) or thrown away.
    ///
    /// `measureMemory` starts it through a small helper process (this program, `--spawn-helper`):
    /// Linux carries the peak RSS of the process that calls posix_spawn (or fork) over into the
    /// child's ru_maxrss, so a child started straight from this large benchmark process would
    /// report the benchmark's own peak. The helper costs a few milliseconds, so timings that need
    /// precision are taken without it.
    func run(_ argv: [String], stdin: String? = nil, keepOutput: Bool = false, timeout: Double = 600,
             measureMemory: Bool = false) -> ChildResult {
        if measureMemory {
            let reportPath = FileManager.default.temporaryDirectory.path + "/triage-bench-\(getpid())-rusage.txt"
            unlink(reportPath)
            var result = run([Self.helperExecutable, SpawnHelper.flag, reportPath] + argv, stdin: stdin, keepOutput: keepOutput, timeout: timeout)
            let report = ((try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int($0) }
            unlink(reportPath)
            if report.count == 3 {
                result.exitCode = report[0] == 0 ? Int32(report[1]) : nil
                result.signal = report[0] == 0 ? nil : Int32(report[1])
                result.maxRSSKiB = report[2]
            } else {
                result.maxRSSKiB = 0
            }
            return result
        }
        let tmp = FileManager.default.temporaryDirectory.path
        let outPath = "\(tmp)/triage-bench-\(getpid())-out.txt"
        let errPath = "\(tmp)/triage-bench-\(getpid())-err.txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, keepOutput ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, keepOutput ? errPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let start = now()
        guard let pid = spawn(argv, actions: &actions, attributes: nil) else {
            return ChildResult(seconds: 0, exitCode: 127, signal: nil, maxRSSKiB: 0, timedOut: false, stdout: "", stderr: "cannot start \(argv[0])")
        }
        var (status, usage, timedOut) = Self.wait(pid, timeout: timeout)
        let seconds = now() - start
        var result = Self.result(status: &status, usage: &usage, seconds: seconds, timedOut: timedOut)
        if keepOutput {
            result.stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
            result.stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            unlink(outPath)
            unlink(errPath)
        }
        return result
    }

    /// Starts `argv` on a new pseudo-terminal and returns the seconds until `marker` (the prompt)
    /// appears in its output; the child is then killed. Nil if it never appears within `timeout`.
    func timeToOutput(_ argv: [String], marker: String, timeout: Double = 10) -> (seconds: Double?, output: String) {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY) // posix_openpt, which Swift does not see either
        guard master >= 0, let slave = Self.unlockedTerminal(master) else {
            return (nil, "cannot open a pseudo-terminal")
        }
        defer { close(master) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A new session first (POSIX_SPAWN_SETSID), so opening the terminal makes it the controlling one.
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slave, O_RDWR, 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80)) // POSIX_SPAWN_SETSID (glibc)

        let start = now()
        guard let pid = spawn(argv, actions: &actions, attributes: &attributes) else { return (nil, "cannot start \(argv[0])") }
        var output: [UInt8] = []
        let wanted = Array(marker.utf8)
        var found: Double?
        var buffer = [UInt8](repeating: 0, count: 4096)
        while found == nil, now() - start < timeout {
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 50)
            if ready > 0 {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                output += buffer[0..<n]
                if Self.contains(output, wanted) { found = now() - start }
            }
        }
        kill(pid, SIGKILL)
        _ = Self.wait(pid, timeout: 5)
        return (found, String(decoding: output, as: UTF8.self))
    }

    /// grantpt, unlockpt and ptsname_r: Swift's Glibc module leaves the last two out (they need
    /// _XOPEN_SOURCE), so they are looked up at run time. Returns the terminal's device path.
    private static func unlockedTerminal(_ master: Int32) -> String? {
        typealias Unlock = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
        guard let grant = dlsym(nil, "grantpt"), let unlock = dlsym(nil, "unlockpt"), let name = dlsym(nil, "ptsname_r") else { return nil }
        guard unsafeBitCast(grant, to: Unlock.self)(master) == 0, unsafeBitCast(unlock, to: Unlock.self)(master) == 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        guard unsafeBitCast(name, to: Name.self)(master, &buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    private func spawn(_ argv: [String], actions: inout posix_spawn_file_actions_t, attributes: UnsafeMutablePointer<posix_spawnattr_t>?) -> pid_t? {
        Self.spawn(argv, environment: environment.map { "\($0.key)=\($0.value)" }, actions: &actions, attributes: attributes)
    }

    static func spawn(_ argv: [String], environment: [String], actions: inout posix_spawn_file_actions_t,
                      attributes: UnsafeMutablePointer<posix_spawnattr_t>?) -> pid_t? {
        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup($0) } + [nil]
        defer {
            args.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, attributes, args, env)
        return rc == 0 ? pid : nil
    }

    /// Waits for `pid`, killing it (and its process group, for the helper's child) after `timeout` seconds.
    static func wait(_ pid: pid_t, timeout: Double) -> (Int32, rusage, Bool) {
        var status: Int32 = 0
        var usage = rusage()
        // A blocking wait, with a watchdog thread for the time-out. Waiting by polling every
        // 50 µs took processor time from the child being timed: on two cores a two-thread run
        // of 20,000 scripts lost about a sixth of its speed to it (a one-thread program, such
        // as CLIPS, did not), and the ratio against CLIPS came out unfairly low.
        let watchdog = Watchdog(pid: pid, timeout: timeout)
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return (status, usage, watchdog.finish())
    }

    private static func result(status: inout Int32, usage: inout rusage, seconds: Double, timedOut: Bool) -> ChildResult {
        let signal = status & 0x7f
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ChildResult(seconds: seconds, cpuSeconds: cpu, exitCode: signal == 0 ? (status >> 8) & 0xff : nil,
                           signal: signal == 0 ? nil : signal, maxRSSKiB: Int(usage.ru_maxrss),
                           timedOut: timedOut, stdout: "", stderr: "")
    }
}

extension Child {
    /// This program's own path, for starting the helper.
    static let helperExecutable: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }()
}

/// `triage-bench --spawn-helper REPORT PROGRAM ARGS...`: starts PROGRAM from this small process,
/// waits, and writes "SIGNALLED CODE MAXRSS_KIB" to REPORT; its own exit status mirrors the child's.
/// It leads a process group, so a time-out kills the program with it.
enum SpawnHelper {
    static let flag = "--spawn-helper"

    static func runIfAsked() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, arguments[1] == flag else { return }
        setpgid(0, 0)
        let report = arguments[2]
        let argv = Array(arguments[3...])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        guard let pid = Child.spawn(argv, environment: environment, actions: &actions, attributes: nil) else { exit(127) }
        let (status, usage, _) = Child.wait(pid, timeout: .infinity)
        let signal = status & 0x7f
        let line = signal == 0 ? "0 \((status >> 8) & 0xff) \(usage.ru_maxrss)" : "1 \(signal) \(usage.ru_maxrss)"
        try? line.write(toFile: report, atomically: true, encoding: .utf8)
        exit(signal == 0 ? (status >> 8) & 0xff : 128 + signal)
    }
}

/// Kills a child that outlives its time-out, from a thread of its own, so that the waiting
/// thread can block in `wait4` and take no processor time from the child.
final class Watchdog: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished = false
    private var fired = false

    init(pid: pid_t, timeout: Double) {
        guard timeout.isFinite else { return }
        let deadline = Date(timeIntervalSinceNow: timeout)
        Thread.detachNewThread { [self] in
            condition.lock()
            while !finished, condition.wait(until: deadline) {}
            if !finished {
                fired = true
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
            condition.unlock()
        }
    }

    /// Stops the watch once the child has ended; true when it was killed for taking too long.
    func finish() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.signal()
        return fired
    }
}

