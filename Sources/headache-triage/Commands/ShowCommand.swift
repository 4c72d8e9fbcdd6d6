import ArgumentParser
import Foundation
import TriageKit

/// `headache-triage show`: an overview of the rules in use, as text or as a picture.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the rules at a glance: levels, red flags, patterns, advice, and what each question feeds.",
        discussion: """
        With --dot, prints the same as a Graphviz picture (DOT text); with --svg FILE, draws it
        into an SVG file, which needs Graphviz's 'dot' program.
        """)

    @OptionGroup var rulesOptions: RulesOptions

    @Flag(help: "Print the overview as a Graphviz DOT graph.")
    var dot = false

    @Option(help: ArgumentHelp("Draw the overview into this SVG file (needs Graphviz).", valueName: "file"))
    var svg: String?

    func validate() throws {
        if dot, svg != nil { throw ValidationError("give either --dot or --svg, not both") }
    }

    func run() throws {
        let rules = try rulesOptions.load()
        if let svg {
            try Self.drawSVG(OverviewDOT(rules: rules).render(), to: svg)
            print("Drew the rules into \(svg).")
        } else if dot {
            print(OverviewDOT(rules: rules).render(), terminator: "")
        } else {
            print(OverviewText(rules: rules).render(), terminator: "")
        }
    }

    /// Runs Graphviz's `dot`, found on the PATH, on the DOT text.
    static func drawSVG(_ graph: String, to file: String) throws {
        guard let dot = findOnPath("dot") else {
            StandardError.write("""
                headache-triage: drawing the picture needs Graphviz's 'dot' program, which is not installed.
                  On Debian or Ubuntu: sudo apt-get install graphviz
                  On a Mac (Homebrew): brew install graphviz
                Or save the picture's text and draw it elsewhere: headache-triage show --dot > rules.dot

                """)
            throw ExitCode(1)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg", "-o", file]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(graph.utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            StandardError.write("headache-triage: 'dot' could not draw \(file): \(String(decoding: message, as: UTF8.self))\n")
            throw ExitCode(1)
        }
    }

    static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
