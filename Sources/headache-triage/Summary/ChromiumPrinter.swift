import Foundation

/// Prints an HTML page to PDF with headless Chromium, when it is installed.
enum ChromiumPrinter {
    /// The names Chromium is installed under, tried in order on the PATH.
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    static func find() -> String? {
        names.lazy.compactMap(ShowCommand.findOnPath).first
    }

    /// The PDF of the page. The page is written to a private temporary folder (it is health
    /// data), with Chromium's profile beside it, and all of it is removed afterwards.
    static func pdf(fromHTML html: String, timeout: TimeInterval = 90) throws -> [UInt8] {
        guard let chromium = find() else { throw SummaryError.chromiumMissing }
        var template = Array((NSTemporaryDirectory() + "/headache-summary.XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SummaryError.chromiumFailed("cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: template)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/summary.html", output = folder + "/summary.pdf"
        try SummaryWriter.write(bytes: Array(html.utf8), to: page)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                         "--user-data-dir=\(folder)/profile", "--no-pdf-header-footer", "--print-to-pdf=\(output)"]
        // Chromium's sandbox cannot start as root; the page has no script and may load nothing.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        process.arguments = arguments + [URL(fileURLWithPath: page).absoluteString]
        // Its messages go to a file in the private folder, read only if something went wrong.
        let log = folder + "/chromium.log"
        FileManager.default.createFile(atPath: log, contents: nil, attributes: [.posixPermissions: 0o600])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        do { try process.run() } catch { throw SummaryError.chromiumFailed("\(chromium) did not start (\(error))") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw SummaryError.chromiumFailed("it took longer than \(Int(timeout)) seconds")
        }
        guard let data = FileManager.default.contents(atPath: output), data.starts(with: Array("%PDF".utf8)) else {
            let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " ")
            throw SummaryError.chromiumFailed("no PDF came out (exit status \(process.terminationStatus)\(text.isEmpty ? "" : ": \(text)"))")
        }
        return [UInt8](data)
    }
}
