#if canImport(Glibc)
import Glibc
#endif
import TriageKit

/// Messages for the person, kept off standard output so `--json` stays clean.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { Descriptor.writeAll(2, $0) }
    }
}

/// Standard output for results, in large writes: one `print` per file costs a lock and a system
/// call each, which shows over thousands of files. `flush()` hands over what is kept.
enum StandardOutput {
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    static let limit = 64 * 1024

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    static func write(bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= limit { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { Descriptor.writeAll(1, UnsafeRawBufferPointer($0)) }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum Descriptor {
    /// Writes every byte, retrying after a signal; gives up quietly when the reader has gone.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            base += n
            left -= n
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        writeAll(fd, UnsafeRawBufferPointer(bytes))
    }
}

/// Reads a file named on the command line, `-` for standard input, as bytes.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        let limit = SourceText.maxBytes
        if path == "-" {
            // Read at most one byte past the limit, so an endless stream cannot exhaust memory.
            guard let bytes = readAll(0, sizeHint: 64 * 1024, limit: limit) else { throw InputError("<stdin>: cannot be read") }
            if bytes.count > limit { throw InputError("<stdin>:1: is larger than the limit of \(limit / 1024 / 1024) MiB") }
            return bytes
        }
        // The same checks as FileManager's `fileExists`, `attributesOfItem` and `contents`, with
        // the same messages, made straight to the system: through FileManager (an attributes
        // dictionary, then a `Data` copied into an array) they cost more than the reading itself.
        // The file is opened first and examined through its descriptor, so the path is looked up
        // once; the checks by path are made only when something is wrong.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            try checkByPath(path, limit: limit)
            throw InputError("\(path): cannot be read")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("\(path): cannot be read") }
        if info.st_mode & S_IFMT == S_IFDIR { throw InputError("\(path): is a folder, not a file", isFolder: true) }
        if Int(info.st_size) > limit { try checkByPath(path, limit: limit) }
        guard let bytes = readAll(fd, sizeHint: Int(info.st_size), limit: limit) else { throw InputError("\(path): cannot be read") }
        return bytes
    }

    /// The checks by path, in FileManager's order: the path exists, is not a folder, and its own
    /// size (of a symbolic link, the link's) is within the limit.
    private static func checkByPath(_ path: String, limit: Int) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError("\(path): no such file") }
        if info.st_mode & S_IFMT == S_IFDIR { throw InputError("\(path): is a folder, not a file") }
        var link = stat()
        if lstat(path, &link) == 0, Int(link.st_size) > limit {
            throw InputError("\(path):1: is \(Int(link.st_size) / 1024 / 1024) MiB; the limit is \(limit / 1024 / 1024) MiB")
        }
    }

    /// The whole file, or nil when it cannot be read. Reading stops past `limit` bytes, for a
    /// device or pipe that never ends; the text reader reports the size.
    private static func readAll(_ fd: Int32, sizeHint: Int, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint)
        // One byte more than the size, so a regular file takes one read and the second sees its end.
        var chunk = [UInt8](repeating: 0, count: max(4096, sizeHint + 1))
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit { return bytes }
        }
    }
}

struct InputError: Error, CustomStringConvertible {
    var description: String
    /// The path is a folder: a batch runs the files in it instead.
    var isFolder = false
    init(_ description: String, isFolder: Bool = false) { self.description = description; self.isFolder = isFolder }
}
