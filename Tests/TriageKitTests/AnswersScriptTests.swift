import Foundation
import Testing
@testable import TriageKit

/// How answers scripts and transcripts are read: ids, answers, places (columns count
/// characters, not bytes) and diagnostics, including the inputs where reading bytes and
/// reading characters could disagree (combining marks after a space, tabs, CRLF, a BOM).
@Suite struct AnswersScriptTests {
    /// Everything the parser found, one item per line, so a test states it in one string.
    static func describe(_ script: AnswersScript) -> String {
        var out = script.answers.map { "\($0.id)=[\($0.answer)]@\($0.location.line):\($0.location.column)" }
        out += script.recordedOutcome.sorted { $0.key < $1.key }.map { "#= [\($0.key)]=[\($0.value)]" }
        if let facts = script.storyFactIDs { out.append("understood: " + facts.sorted().joined(separator: ",")) }
        out += script.diagnostics.map { "\($0.summaryLine) (length \($0.range.length))" + $0.notes.map { " / \($0)" }.joined() }
        return out.joined(separator: "\n")
    }

    static func parse(_ text: String) -> String { describe(AnswersScript(file: "s.txt", text: text)) }
    static func parse(bytes: [UInt8]) -> String { describe(AnswersScript(file: "s.txt", bytes: bytes)) }

    @Test("answers with spaces and tabs around the id, the colon and the answer")
    func spacesAndTabs() {
        #expect(Self.parse("fever: no\n  \tage :  41 \t\n\tstiff_neck:\tyes\t") == """
            fever=[no]@1:1
            age=[41]@2:4
            stiff_neck=[yes]@3:2
            """)
    }

    @Test("blank lines, comments and indented comments are skipped")
    func comments() {
        #expect(Self.parse("# a comment: with a colon\n\n   \t\n  # indented: too\nfever: no\n") == "fever=[no]@5:1")
    }

    @Test("answers in other scripts keep every character; columns count characters")
    func nonASCII() {
        #expect(Self.parse("story: Kopfschmerz über dem Auge — seit 3 Tagen  \n  fièvre: oui\nfever:  très  forte \n") == """
            story=[Kopfschmerz über dem Auge — seit 3 Tagen]@1:1
            fièvre=[oui]@2:3
            fever=[très  forte]@3:1
            """)
        // The column after a multi-byte character: "é" is one column, not two.
        #expect(Self.parse("é é: yes\n  ünknown answer\n") == """
            s.txt:1:1: error: 'é é' is not a question id: ids are one word, like 'fever' or 'headache_days' (length 3)
            s.txt:2:3: error: expected 'question_id: answer', e.g. 'fever: no' (length 14)
            """)
    }

    @Test("CRLF line ends and a byte-order mark read as LF")
    func crlfAndBOM() {
        let lf = "# comment\nfever: no\n  age: 41\nbroken line\n"
        let crlf = [0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(Self.parse(bytes: crlf) == Self.parse(lf))
        #expect(Self.parse(lf) == """
            fever=[no]@2:1
            age=[41]@3:3
            s.txt:4:1: error: expected 'question_id: answer', e.g. 'fever: no' (length 11)
            """)
        // A lone CR ends a line too.
        #expect(Self.parse("fever: no\rage: 41") == "fever=[no]@1:1\nage=[41]@2:1")
    }

    @Test("a combining mark joins the space or colon before it into one character")
    func combiningMarks() {
        // ":\u{301}" is one character, so the answer starts after it.
        #expect(Self.parse("fever:\u{301}no\n") == "fever=[no]@1:1")
        // " \u{301}" is not a space: nothing is trimmed before it.
        #expect(Self.parse("fever: \u{301}no\n") == "fever=[ \u{301}no]@1:1")
        #expect(Self.parse("fever:  \u{301}no\n") == "fever=[ \u{301}no]@1:1")
        #expect(Self.parse(" \u{301}fever: no\n") == """
            s.txt:1:1: error: ' \u{301}fever' is not a question id: ids are one word, like 'fever' or 'headache_days' (length 6)
            """)
        #expect(Self.parse("  \u{301}fever: no\n") == """
            s.txt:1:2: error: ' \u{301}fever' is not a question id: ids are one word, like 'fever' or 'headache_days' (length 6)
            """)
        // A prepended mark (U+0600) joins the space after it.
        #expect(Self.parse("fever\u{600} : no\n") == """
            s.txt:1:1: error: 'fever\u{600} ' is not a question id: ids are one word, like 'fever' or 'headache_days' (length 6)
            """)
        #expect(Self.parse("fever: no\u{600} \n") == "fever=[no\u{600} ]@1:1")
        #expect(Self.parse("fever: no\u{600}  \n") == "fever=[no\u{600} ]@1:1")
        // The same in a transcript's comment lines.
        #expect(Self.parse("""
            # headache-triage transcript
            story: x
            #   understood: \u{301}side = both
            #= \u{301}triage: self_care
            #=  \u{301}nmt :\u{301} x
            """) == """
            story=[x]@2:1
            #= [ \u{301}nmt]=[x]
            #= [triage]=[self_care]
            understood: side
            """)
    }

    @Test("a transcript's recorded outcome and the story facts it kept")
    func transcript() {
        let text = """
            # headache-triage transcript
            # rules: x 1
            story: dull ache  in my neck
            #   understood: neck_tension = yes (from "neck")
            #   understood:  side = both (from "x")
            #   understood: é = yes
            # Q1. Fever?
            fever: no
            #   understood: no
            # command: back
            fever:  yes
            #= triage:  self_care \t
            #= red_flags:
            #=nmt: x
            #= : empty key
            #=  focus : neck, shoulders
            # ended: now
            """
        #expect(Self.parse(text) == """
            story=[dull ache  in my neck]@3:1
            fever=[yes]@11:1
            #= []=[empty key]
            #= [focus]=[neck, shoulders]
            #= [red_flags]=[]
            #= [triage]=[self_care]
            understood: neck_tension,side,é
            """)
        // Not a transcript: "understood" lines are comments, and a repeated answer is an error.
        #expect(Self.parse(text.replacingOccurrences(of: "# headache-triage transcript", with: "# script")) == """
            story=[dull ache  in my neck]@3:1
            fever=[no]@8:1
            #= []=[empty key]
            #= [focus]=[neck, shoulders]
            #= [red_flags]=[]
            #= [triage]=[self_care]
            s.txt:11:1: error: 'fever' is answered twice (length 5) / first answered at line 8
            """)
    }

    @Test("the transcript marker is compared character by character")
    func transcriptMarker() {
        let marker = AnswersScript.transcriptMarker
        #expect(AnswersScript(file: "s.txt", text: marker).isTranscript)
        #expect(AnswersScript(file: "s.txt", text: marker + " (format 1)\nfever: no").isTranscript)
        #expect(AnswersScript(file: "s.txt", text: "\u{FEFF}" + marker + "\r\n").isTranscript)
        // A combining mark on its last letter makes it another character.
        #expect(!AnswersScript(file: "s.txt", text: marker + "\u{301}\nfever: no").isTranscript)
        #expect(AnswersScript(file: "s.txt", text: marker + "é\nfever: no").isTranscript)
        #expect(!AnswersScript(file: "s.txt", text: " " + marker).isTranscript)
        #expect(!AnswersScript(file: "s.txt", text: "\nfever: no\n" + marker).isTranscript)
    }

    @Test("NUL bytes and invalid UTF-8 are reported on their line")
    func badBytes() {
        #expect(Self.parse(bytes: Array("fever: no\nage: 4".utf8) + [0] + Array("1\n".utf8)) == """
            fever=[no]@1:1
            age=[4]@2:1
            s.txt:2:1: error: this file contains a NUL byte: is it a binary file rather than text? (length 1)
            """)
        #expect(Self.parse(bytes: Array("fever: no\nage: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)) == """
            fever=[no]@1:1
            age=[\u{FFFD}(]@2:1
            s.txt:2:1: error: this line is not valid UTF-8 text; save the file as UTF-8 (length 1)
            """)
    }

    @Test("an over-long line is cut at the limit, counted in characters")
    func longLine() {
        let long = "story: " + String(repeating: "é", count: SourceText.maxLineLength)
        let script = AnswersScript(file: "s.txt", text: "fever: no\n\(long)\n")
        #expect(script.answers.last?.answer.count == SourceText.maxLineLength - 7)
        #expect(script.diagnostics.map(\.summaryLine) == [
            "s.txt:2:1: error: this line is \(SourceText.maxLineLength + 7) characters long; the limit is \(SourceText.maxLineLength)",
        ])
        let asciiLong = AnswersScript(file: "s.txt", text: "story: " + String(repeating: "a", count: SourceText.maxLineLength + 5) + "\nfever: no")
        #expect(asciiLong.answers.map(\.answer.count) == [SourceText.maxLineLength - 7, 2])
        // Within the limit in characters, over it in bytes: no diagnostic.
        let wide = "story: " + String(repeating: "é", count: SourceText.maxLineLength - 7)
        #expect(AnswersScript(file: "s.txt", text: wide).diagnostics.isEmpty)
    }

    @Test("each line's place in the bytes of the text is the line", arguments: [
        "", "\n", "a", "a\nb", "a\n\nb\n", "\u{FEFF}é: x\r\n  y\r\n", "a\rb\r\nc\n\r",
        "x: " + String(repeating: "é", count: SourceText.maxLineLength) + "\nz",
    ])
    func lineRanges(text: String) {
        let source = SourceText(file: "s.txt", text: text)
        let bytes = Array(source.text.utf8)
        #expect(source.lineRanges.map { Array(bytes[$0]) } == source.lines.map { Array($0.utf8) })
    }

    @Test("more answers than the limit: an error at the first line over it, and reading stops")
    func tooManyAnswers() {
        let text = (1...AnswersScript.maxAnswers + 2).map { "q\($0): yes" }.joined(separator: "\n")
        let script = AnswersScript(file: "s.txt", text: text)
        #expect(script.answers.count == AnswersScript.maxAnswers)
        #expect(script.diagnostics.map(\.summaryLine) == [
            "s.txt:\(AnswersScript.maxAnswers + 1):1: error: more than \(AnswersScript.maxAnswers) answers: is this really an answers script?",
        ])
    }

    @Test("the byte-level trimming helpers agree with trimming character by character", arguments: 0..<4)
    func trimmingAgreesWithCharacters(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let pieces = [" ", "\t", "a", "z", ":", "#", "é", "\u{301}", "\u{600}", "\u{200D}", "🙂", "\u{1F1EB}", "ー", "\u{903}"]
        for _ in 0..<3_000 {
            let text = (0..<random.below(8)).map { _ in random.pick(pieces) }.joined()
            // Also as slices of a longer line, as the parser sees them, with neighbours
            // outside the slice that would join a space inside it into one character.
            let slices = [("x", "y"), ("\u{600}", "\u{301}")].map { before, after in
                let line = before + text + after
                let start = line.utf8.index(line.startIndex, offsetBy: before.utf8.count)
                return line[start..<line.utf8.index(start, offsetBy: text.utf8.count)]
            }
            for sample in [Substring(text)] + slices {
                #expect(sample.utf8.elementsEqual(text.utf8))
                #expect(sample.trimmingCharacters() == Self.characterTrimmed(sample), "\(Array(sample.unicodeScalars))")
                #expect(sample.trimmingTrailingSpace() == Self.characterTrimmedTrailing(sample), "\(Array(sample.unicodeScalars))")
                #expect(sample.droppingLeadingSpace() == sample.drop { $0 == " " || $0 == "\t" }, "\(Array(sample.unicodeScalars))")
            }
        }
    }

    @Test("an ASCII answer line read from its bytes gives what reading characters gives", arguments: 0..<4)
    func plainAnswerAgreesWithCharacters(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let pieces = [" ", "\t", "a", "z", "_", ":", "#", "=", "1"]
        for _ in 0..<5_000 {
            let text = (0..<random.below(10)).map { _ in random.pick(pieces) }.joined()
            let plain = Array(text.utf8).withUnsafeBufferPointer(AnswersScript.plainAnswer)
            let expected = Self.characterAnswer(Substring(text))
            #expect(plain?.indent == expected?.indent && plain?.id == expected?.id && plain?.answer == expected?.answer,
                    "\(text.debugDescription)")
            let line = Substring(text).drop { $0 == " " || $0 == "\t" }
            #expect(Array(text.utf8).withUnsafeBufferPointer(AnswersScript.isPlainComment) == (line.hasPrefix("#") && !line.hasPrefix("#= ")),
                    "\(text.debugDescription)")
            // Beyond ASCII, the general reading decides.
            #expect(Array((text + "é").utf8).withUnsafeBufferPointer(AnswersScript.plainAnswer) == nil)
        }
    }

    /// `id: answer` read `Character` by `Character`, as the general reading does; nil where it
    /// finds no answer (a comment, a blank line, an error).
    static func characterAnswer(_ raw: Substring) -> (indent: Int, id: String, answer: String)? {
        let line = raw.drop { $0 == " " || $0 == "\t" }
        let trimmed = characterTrimmedTrailing(line)
        guard line.first != "#", !trimmed.isEmpty, let colon = trimmed.firstIndex(of: ":") else { return nil }
        let id = characterTrimmed(trimmed[..<colon]), answer = characterTrimmed(trimmed[trimmed.index(after: colon)...])
        guard !id.isEmpty, !id.contains(" ") else { return nil }
        return (raw.count - line.count, id, answer)
    }

    /// The plain reading by `Character`s that the byte-level helpers must reproduce.
    static func characterTrimmed(_ s: Substring) -> String {
        String(characterTrimmedTrailing(s.drop { $0 == " " || $0 == "\t" }))
    }

    static func characterTrimmedTrailing(_ s: Substring) -> Substring {
        var s = s
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
