import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a conversation's transcript as it happens: every piece is written straight to the
/// file (and synced), so a killed process loses at most the line being typed.
///
/// Health data: the folder is made private (0700) and the file 0600, created exclusively so
/// two conversations never share a file.
final class TranscriptWriter {
    let path: String
    private var fd: Int32

    /// The platform's place for user data: $XDG_DATA_HOME, else ~/.local/share.
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/headache-triage/transcripts" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/headache-triage/transcripts"
    }

    init(directory: String, now: Date = Date()) throws {
        try Self.makePrivateDirectory(directory)
        let stamp = Self.fileStamp(now)
        var attempt = 0
        while true {
            let suffix = attempt == 0 ? "" : "-\(attempt)"
            let candidate = "\(directory)/\(stamp)-\(getpid())\(suffix).transcript"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                self.fd = fd
                self.path = candidate
                return
            }
            if errno != EEXIST || attempt > 1000 {
                throw InputError("cannot create a transcript in \(directory): \(String(cString: strerror(errno)))")
            }
            attempt += 1
        }
    }

    deinit { close() }

    /// Writes and syncs; throws so the conversation can say at once that saving stopped.
    func write(_ text: String) throws {
        guard fd >= 0 else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot write the transcript \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        bytes.removeAll()
        _ = fsync(fd)
    }

    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    /// The descriptor, for a signal handler that must write without allocating.
    var fileDescriptor: Int32 { fd }

    static func makePrivateDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw InputError("cannot create the transcript folder \(directory): \(error.localizedDescription)")
            }
        } else if !isDirectory.boolValue {
            throw InputError("\(directory) is a file, not a folder")
        }
        _ = chmod(directory, 0o700)
    }

    static func fileStamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }

    static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
