/// One `ID: ANSWER` line of an answers script or transcript.
public struct ScriptAnswer: Sendable, Equatable {
    public var id: String
    public var answer: String
    public var location: SourceLocation
}

/// An answers script (or a saved transcript read as one): answers by question id.
public struct AnswersScript: Sendable {
    public var file: String
    public var answers: [ScriptAnswer]
    /// True for a saved transcript: an id the rules no longer know is a warning, not an error,
    /// and a later answer to the same question (after `back` or `change`) replaces the earlier.
    public var isTranscript: Bool
    /// The outcome recorded in a transcript (or expected by a test case), field by field.
    public var recordedOutcome: [String: String]
    public var diagnostics: [Diagnostic]

    /// The marker on a transcript's first line.
    public static let transcriptMarker = "# headache-triage transcript"

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        let source = SourceText(file: file, bytes: bytes)
        var diagnostics = source.diagnostics
        var answers: [ScriptAnswer] = []
        var recorded: [String: String] = [:]
        let isTranscript = source.lines.first.map { $0.hasPrefix(Self.transcriptMarker) } ?? false
        for (index, raw) in source.lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            // Leading spaces and tabs are one byte each: counting bytes avoids walking characters.
            let indent = raw.utf8.count - line.utf8.count
            if line.utf8.first == UInt8(ascii: "#") {
                // A transcript records its outcome, and a test case its expected outcome, as "#= key: value" lines.
                if line.utf8.starts(with: "#= ".utf8), let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) {
                    let trimmed = line
                    let key = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)..<colon].trimmingCharacters()
                    recorded[key] = trimmed[trimmed.index(after: colon)...].trimmingCharacters()
                }
                continue
            }
            let trimmed = line.trimmingTrailingSpace()
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.utf8.firstIndex(of: UInt8(ascii: ":")) else {
                diagnostics.append(.error("expected 'question_id: answer', e.g. 'fever: no'",
                                          at: SourceRange(source.location(line: index + 1, column: indent + 1), length: trimmed.count)))
                continue
            }
            let id = trimmed[..<colon].trimmingCharacters()
            let answer = trimmed[trimmed.index(after: colon)...].trimmingCharacters()
            let location = source.location(line: index + 1, column: indent + 1)
            if id.isEmpty || id.contains(" ") {
                diagnostics.append(.error("'\(id)' is not a question id: ids are one word, like 'fever' or 'headache_days'",
                                          at: SourceRange(location, length: max(1, id.count))))
                continue
            }
            if let previous = answers.firstIndex(where: { $0.id == id }) {
                if isTranscript {
                    answers.remove(at: previous)
                } else {
                    diagnostics.append(.error("'\(id)' is answered twice", at: SourceRange(location, length: id.count),
                                              notes: ["first answered at line \(answers[previous].location.line)"]))
                    continue
                }
            }
            answers.append(ScriptAnswer(id: id, answer: answer, location: location))
        }
        self.answers = answers
        self.isTranscript = isTranscript
        self.recordedOutcome = recorded
        self.diagnostics = diagnostics
    }

    public init(file: String, text: String) { self.init(file: file, bytes: Array(text.utf8)) }
}
