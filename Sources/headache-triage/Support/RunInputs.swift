#if canImport(Glibc)
import Glibc
#endif

/// The file operands of `run`, taken off the command line before swift-argument-parser sees it.
///
/// swift-argument-parser 1.8 records, for an array argument, every earlier input's position in a
/// set each time it appends a value, so the cost of N paths grows with N²: 20,000 paths took 15 s
/// before the first file was read. The options of `run` are few and fixed, so the operands are
/// easy to tell apart: `-` and anything not starting with `-` (and everything after `--`), except
/// the value that follows an option taking one. The parser then sees the options only, and still
/// reports unknown options and shows the usage; the operands come back here, in their order.
enum RunOperands {
    /// Options of `run` that take a value as the next argument (or after `=`).
    static let optionsWithValue: Set<String> = ["--rules", "--transcripts", "--files-from", "--format"]

    /// The operands taken off the command line, or nil when the command is not `run`.
    nonisolated(unsafe) static var taken: [String]?

    /// `arguments` without the program name. Returns the arguments for the parser; when the
    /// command is `run`, its operands are kept in `taken`.
    static func separate(_ arguments: [String]) -> [String] {
        guard arguments.first == "run" else { return arguments }
        var options: [String] = ["run"]
        var operands: [String] = []
        var index = 1
        var onlyOperands = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyOperands || argument == "-" || !argument.hasPrefix("-") {
                operands.append(argument)
            } else if argument == "--" {
                onlyOperands = true
            } else {
                options.append(argument)
                if optionsWithValue.contains(argument), index < arguments.count {
                    options.append(arguments[index])
                    index += 1
                }
            }
        }
        taken = operands
        return options
    }
}

/// What `run` reads: the operands in order (a folder stands for its files, walked in name order)
/// and then the paths listed in `--files-from`, one a line. Paths are handed over one at a time,
/// as they are found, so a folder or list of any size is never held in memory whole.
struct RunInputs {
    var operands: [String]
    /// `--files-from`: a file of paths, one a line; `-` for standard input.
    var filesFrom: String?

    /// True when the command names more than one file, or a folder or a list: the result is then
    /// a sequence (a JSON array, a heading before each text report), however many files there are.
    var isSeveral: Bool {
        if filesFrom != nil || operands.count != 1 { return true }
        return operands[0] != "-" && FileWalk.isFolder(operands[0])
    }

    /// Calls `body` with each file in order; returns false (after reporting it) when the list of
    /// `--files-from` cannot be read. `waiting` is called when the next path of the list has not
    /// arrived yet (a pipe whose writer is still working): what is at hand can be done meanwhile.
    ///
    /// With `lookingInFolders` false, every path is given as it is, folders too, and nothing is
    /// looked up first: `run` finds a folder when it opens the path, on its threads, and then
    /// runs the files in it (looking up each of 20,000 paths here, on one thread before the
    /// others start, was a twentieth of such a run).
    func forEachFile(lookingInFolders: Bool = true, waiting: () -> Void = {}, _ body: (String) -> Void) -> Bool {
        func each(_ path: String) { lookingInFolders ? FileWalk.forEachFile(under: path, body) : body(path) }
        for operand in operands { each(operand) }
        guard let filesFrom else { return true }
        return withoutActuallyEscaping(waiting) { waiting in
            // The reader lives only for this loop.
            guard let list = PathListReader(path: filesFrom, waiting: waiting) else {
                StandardError.write("headache-triage: \(filesFrom): cannot read the list of files\n")
                return false
            }
            defer { list.close() }
            while let line = list.next() {
                let path = line.hasSuffix("\r") ? String(line.dropLast()) : line
                guard !path.isEmpty else { continue }
                each(path)
            }
            return true
        }
    }
}

/// Folders walked with the system's own calls, one folder at a time.
enum FileWalk {
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// `body(path)` for a path that is not a folder (reading it reports what is wrong with it), or
    /// for each regular file below a folder, skipping names that start with `.`, in name order.
    static func forEachFile(under path: String, _ body: (String) -> Void) {
        guard path != "-", isFolder(path) else {
            body(path)
            return
        }
        walk(folder: path, body)
    }

    private static func walk(folder: String, _ body: (String) -> Void) {
        guard let entries = entries(in: folder) else {
            body(folder)
            return
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for (name, type) in entries {
            // The kind the folder listing gives spares a look-up of each file; links and
            // file systems that do not say are looked up.
            switch Int32(type) {
            case Int32(DT_REG): body(prefix + name)
            case Int32(DT_DIR): walk(folder: prefix + name, body)
            default: forEachFile(under: prefix + name, body)
            }
        }
    }

    /// The names in a folder with their kinds, without `.` names, sorted by name; nil when it
    /// cannot be listed.
    static func entries(in folder: String) -> [(name: String, type: UInt8)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { entries.append((name, entry.pointee.d_type)) }
        }
        return entries.sorted { $0.name < $1.name }
    }
}

/// Reads a file (or standard input, `-`) one line at a time, in large blocks.
final class PathListReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    /// Called before a read that would wait for more input.
    private let waiting: () -> Void

    init?(path: String, waiting: @escaping () -> Void = {}) {
        self.waiting = waiting
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            ownsDescriptor = true
            if FileWalk.isFolder(path) {
                Glibc.close(fd)
                return nil
            }
        }
    }

    func close() {
        if ownsDescriptor { Glibc.close(fd) }
    }

    /// The next line without its line end, or nil at the end.
    func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            fill()
        }
    }

    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunk = 64 * 1024
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&ready, 1, 0) == 0 { waiting() }
        var count = -1
        while count < 0 {
            count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, chunk) }
            if count < 0 && errno != EINTR { break }
        }
        buffer.removeLast(chunk - max(0, count))
        if count <= 0 { atEnd = true }
    }
}
