import Foundation
import TriageKit

/// Writes a consultation's summary to a file, in the format its extension names (.html,
/// .md, .pdf, .txt, .json): all or nothing, private to its owner (0600) like transcripts.
enum SummaryWriter {
    /// Writes the report and returns the format written. Nothing is left behind on failure:
    /// the text goes to a temporary file beside the target, which is renamed over it at the end.
    @discardableResult
    static func write(report: ConsultationReport, to path: String) throws -> SummaryFormat {
        guard let format = SummaryFormat(path: path) else { throw SummaryError.unknownFormat(path) }
        // Said before the slow part (printing a PDF), and again when the file is written.
        try checkDestination(path)
        if format == .pdf {
            try write(bytes: try pdf(report), to: path)
        } else {
            try write(bytes: Array(format.renderer.render(report).utf8), to: path)
        }
        return format
    }

    /// The summary printed on one page if it can be: a PDF that runs over is printed again
    /// in smaller type, down to the smallest.
    static func pdf(_ report: ConsultationReport) throws -> [UInt8] {
        var density = PageFit.density(for: report)
        while true {
            let pdf = try ChromiumPrinter.pdf(fromHTML: HTMLSummary(density: density).render(report))
            guard PageFit.pageCount(pdf: pdf) > 1, let smaller = density.smaller else { return pdf }
            density = smaller
        }
    }

    /// Creates `path` with these bytes, mode 0600, atomically.
    static func write(bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = try checkDestination(path)
        // A hidden temporary name in the same folder, so the rename cannot cross file systems.
        var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SummaryError.cannotWrite(path, String(cString: strerror(errno))) }
        let temporary = String(cString: template)
        var failure: String?
        // mkstemp makes the file 0600 already; said again so a changed default cannot widen it.
        if fchmod(fd, 0o600) != 0 { failure = String(cString: strerror(errno)) }
        var written = 0
        while failure == nil, written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { failure = String(cString: strerror(errno)); break }
            written += count
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw SummaryError.cannotWrite(path, failure)
        }
    }
}

extension SummaryWriter {
    /// The folder the file goes into, once it is known to be there and the path is not a folder.
    @discardableResult
    static func checkDestination(_ path: String) throws -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SummaryError.cannotWrite(path, "the folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw SummaryError.cannotWrite(path, "it is a folder")
        }
        return folder
    }
}

/// Why a summary could not be written, in words for the person who asked for it.
enum SummaryError: Error, CustomStringConvertible, Equatable {
    case unknownFormat(String)
    case cannotWrite(String, String)
    case chromiumMissing
    case chromiumFailed(String)

    var description: String {
        switch self {
        case .unknownFormat(let path):
            return "cannot tell which kind of summary '\(path)' should be: end the name with .html, .md or .pdf (or .txt, .json)"
        case .cannotWrite(let path, let reason):
            return "cannot write the summary to \(path): \(reason); nothing was written"
        case .chromiumMissing:
            return """
                a PDF summary is printed by the Chromium web browser, which is not installed; nothing was written.
                  On Debian or Ubuntu: sudo apt-get install chromium
                  On a Mac (Homebrew): brew install --cask chromium
                Or write the summary as a web page and print it from any browser: --summary summary.html
                """
        case .chromiumFailed(let message):
            return "Chromium could not print the summary as a PDF: \(message); nothing was written"
        }
    }
}
