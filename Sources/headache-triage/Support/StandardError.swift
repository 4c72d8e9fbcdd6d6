import Foundation
import TriageKit

/// Messages for the person, kept off standard output so `--json` stays clean.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Reads a file named on the command line, `-` for standard input, as bytes.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        let limit = SourceText.maxBytes
        if path == "-" {
            // Read at most one byte past the limit, so an endless stream cannot exhaust memory.
            var data = Data()
            while data.count <= limit, let chunk = try? FileHandle.standardInput.read(upToCount: 64 * 1024), !chunk.isEmpty {
                data.append(chunk)
            }
            if data.count > limit { throw InputError("<stdin>:1: is larger than the limit of \(limit / 1024 / 1024) MiB") }
            return [UInt8](data)
        }
        // The same checks as FileManager's `fileExists`, `attributesOfItem` and `contents`, in
        // the same order and with the same messages, made straight to the system: through
        // FileManager (an attributes dictionary, then a `Data` copied into an array) they cost
        // more than the reading itself, and `run --check` reads a hundred thousand small files.
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError("\(path): no such file") }
        if info.st_mode & S_IFMT == S_IFDIR { throw InputError("\(path): is a folder, not a file") }
        // The size of the path itself: of a symbolic link, the link's own (as `attributesOfItem`).
        var link = stat()
        if lstat(path, &link) == 0, Int(link.st_size) > limit {
            throw InputError("\(path):1: is \(Int(link.st_size) / 1024 / 1024) MiB; the limit is \(limit / 1024 / 1024) MiB")
        }
        guard let bytes = readAll(path, sizeHint: Int(info.st_size), limit: limit) else { throw InputError("\(path): cannot be read") }
        return bytes
    }

    /// The whole file, or nil when it cannot be opened or read. Reading stops past `limit`
    /// bytes, for a device or pipe that never ends; the text reader reports the size.
    private static func readAll(_ path: String, sizeHint: Int, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
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
    init(_ description: String) { self.description = description }
}
