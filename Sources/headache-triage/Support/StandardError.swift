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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("\(path): no such file")
        }
        if isDirectory.boolValue { throw InputError("\(path): is a folder, not a file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw InputError("\(path):1: is \(size / 1024 / 1024) MiB; the limit is \(limit / 1024 / 1024) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("\(path): cannot be read") }
        return [UInt8](data)
    }
}

struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
