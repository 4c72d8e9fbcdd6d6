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

    /// The most answer lines a script may hold; the rules ask a few dozen questions.
    public static let maxAnswers = 2_000
    /// For a transcript: the facts the conversation kept from the story (its "understood" lines),
    /// so a replay uses exactly those, not whatever the story reader finds today.
    public var storyFactIDs: Set<String>?

    /// The marker on a transcript's first line.
    public static let transcriptMarker = "# headache-triage transcript"

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        let source = SourceText(file: file, bytes: bytes)
        var reader = ScriptReader(source: source, isTranscript: !source.lineRanges.isEmpty && Self.startsWithTranscriptMarker(source.line(0)))
        // Lines are read from the text's bytes where that is quicker; see `plainAnswer`.
        var text = source.text
        text.withUTF8 { bytes in
            for (index, range) in source.lineRanges.enumerated() {
                guard reader.read(line: index, bytes: UnsafeBufferPointer(rebasing: bytes[range])) else { break }
            }
        }
        answers = reader.answers
        isTranscript = reader.isTranscript
        recordedOutcome = reader.recorded
        storyFactIDs = reader.storyFacts
        diagnostics = reader.diagnostics
    }

    public init(file: String, text: String) { self.init(file: file, bytes: Array(text.utf8)) }

    /// The indent, id and answer of a well-formed `id: answer` line of ASCII text, read in one
    /// pass over its bytes; nil for any other line (a comment, a blank, an error, or text
    /// beyond ASCII), which the general reading handles. In ASCII each byte is one
    /// `Character`, so the parts are those that reading `Character`s gives, and this is only
    /// a quicker way to the same result for the lines nearly every script is made of.
    static func plainAnswer(_ bytes: UnsafeBufferPointer<UInt8>) -> (indent: Int, id: String, answer: String)? {
        var start = 0, end = bytes.count
        while start < end, bytes[start].isSpaceOrTab { start += 1 }
        // Comments (most of a transcript) are turned away before the whole line is read.
        guard start < end, bytes[start] != UInt8(ascii: "#"), bytes.allSatisfy(UTF8.isASCII) else { return nil }
        while end > start, bytes[end - 1].isSpaceOrTab { end -= 1 }
        guard let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var idEnd = colon, answerStart = colon + 1
        while idEnd > start, bytes[idEnd - 1].isSpaceOrTab { idEnd -= 1 }
        while answerStart < end, bytes[answerStart].isSpaceOrTab { answerStart += 1 }
        guard idEnd > start, !bytes[start..<idEnd].contains(UInt8(ascii: " ")) else { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        return (start, text(start..<idEnd), text(answerStart..<end))
    }

    /// Whether the line is a comment and not a `#= key: value` line: its first byte after
    /// spaces and tabs is "#" (a space before "#" is a whole `Character`, so this agrees with
    /// the general reading whatever follows).
    static func isPlainComment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hash = bytes.firstIndex(where: { !$0.isSpaceOrTab }), bytes[hash] == UInt8(ascii: "#") else { return false }
        return !bytes[hash...].starts(with: "#= ".utf8)
    }

    /// Whether the first line starts with the marker, comparing `Character`s as `hasPrefix`
    /// does, but by bytes where that gives the same answer. No other bytes spell the same
    /// characters as the marker (none of its characters has a canonical equivalent), so a
    /// byte mismatch is a mismatch. After the bytes match, only a combining mark joined to
    /// the marker's last letter can make the characters differ.
    static func startsWithTranscriptMarker(_ line: Substring) -> Bool {
        guard line.utf8.starts(with: transcriptMarker.utf8) else { return false }
        let next = line.utf8.dropFirst(transcriptMarker.utf8.count).first
        return next.map(UTF8.isASCII) ?? true || line.hasPrefix(transcriptMarker)
    }
}

/// Reading a script line by line: the state that `AnswersScript.init` fills in.
private struct ScriptReader {
    let file: String
    let source: SourceText
    let isTranscript: Bool
    var answers: [ScriptAnswer] = []
    var recorded: [String: String] = [:]
    var storyFacts: Set<String>?
    var diagnostics: [Diagnostic]
    /// Where each id was first answered.
    private var positionByID: [String: Int] = [:]
    /// Whether the last answer was the story, which its "understood" lines follow.
    private var afterStory = false

    init(source: SourceText, isTranscript: Bool) {
        file = source.file
        self.source = source
        self.isTranscript = isTranscript
        diagnostics = source.diagnostics
        // Every line may be an answer, up to the limit: no index or list grows line by line.
        let capacity = min(source.lineRanges.count, AnswersScript.maxAnswers)
        answers.reserveCapacity(capacity)
        positionByID.reserveCapacity(capacity)
    }

    /// Reads line `index`, whose bytes are `bytes`; false when reading must stop.
    mutating func read(line index: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let plain = AnswersScript.plainAnswer(bytes) {
            return record(plain.id, plain.answer, at: SourceLocation(file: file, line: index + 1, column: plain.indent + 1))
        }
        if AnswersScript.isPlainComment(bytes), !(afterStory && isTranscript) {
            afterStory = false
            return true
        }
        guard let (id, answer, location) = readAnyLine(index) else { return true }
        return record(id, answer, at: location)
    }

    /// Any line, read `Character` by `Character` where reading bytes could give another result:
    /// comments with the outcome or the story facts, blank lines, errors, and answers in any
    /// script. Returns the answer on the line, if any.
    private mutating func readAnyLine(_ index: Int) -> (id: String, answer: String, location: SourceLocation)? {
        let raw = source.line(index)
        let line = raw.droppingLeadingSpace()
        // Leading spaces and tabs are one byte each: counting bytes avoids walking characters.
        let indent = raw.utf8.count - line.utf8.count
        if line.utf8.first == UInt8(ascii: "#") {
            // "#   understood: side = one_side (from ...)" right after the story line.
            if afterStory, isTranscript, let rest = line.dropping(asciiPrefix: "#   understood: ") {
                if let id = rest.split(separator: " ").first { storyFacts?.insert(String(id)) }
                return nil
            }
            afterStory = false
            // A transcript records its outcome, and a test case its expected outcome, as "#= key: value" lines.
            if let field = line.dropping(asciiPrefix: "#= "), let colon = field.firstIndex(ofASCII: UInt8(ascii: ":")) {
                recorded[field[..<colon].trimmingCharacters()] = field[field.index(afterASCII: colon)...].trimmingCharacters()
            }
            return nil
        }
        let trimmed = line.trimmingTrailingSpace()
        if trimmed.isEmpty { return nil }
        let location = SourceLocation(file: file, line: index + 1, column: indent + 1)
        guard let colon = trimmed.firstIndex(ofASCII: UInt8(ascii: ":")) else {
            diagnostics.append(.error("expected 'question_id: answer', e.g. 'fever: no'", at: SourceRange(location, length: trimmed.count)))
            return nil
        }
        let idText = trimmed[..<colon].droppingLeadingSpace().trimmingTrailingSpace()
        let id = String(idText)
        if idText.isEmpty || idText.firstIndex(ofASCII: UInt8(ascii: " ")) != nil {
            diagnostics.append(.error("'\(id)' is not a question id: ids are one word, like 'fever' or 'headache_days'",
                                      at: SourceRange(location, length: max(1, id.count))))
            return nil
        }
        return (id, trimmed[trimmed.index(afterASCII: colon)...].trimmingCharacters(), location)
    }

    /// Takes in one answer; false when there are more than the limit.
    private mutating func record(_ id: String, _ answer: String, at location: SourceLocation) -> Bool {
        afterStory = id == ScriptedRun.storyID
        if afterStory, isTranscript { storyFacts = [] }
        // One look-up both finds a repeated id and records a new one (hashing the id is a
        // good part of the cost of a line); a repeated id gets its first position back.
        if let previous = positionByID.updateValue(answers.count, forKey: id) {
            positionByID[id] = previous
            if isTranscript {
                // A later answer (after `back` or `change`) replaces the earlier one.
                answers[previous].answer = answer
                answers[previous].location = location
            } else {
                diagnostics.append(.error("'\(id)' is answered twice", at: SourceRange(location, length: id.count),
                                          notes: ["first answered at line \(answers[previous].location.line)"]))
            }
            return true
        }
        if answers.count >= AnswersScript.maxAnswers {
            diagnostics.append(.error("more than \(AnswersScript.maxAnswers) answers: is this really an answers script?",
                                      at: SourceRange(location, length: id.count)))
            return false
        }
        answers.append(ScriptAnswer(id: id, answer: answer, location: location))
        return true
    }
}
