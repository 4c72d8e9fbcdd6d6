/// The transcript format: a readable, diffable record of one conversation that is also a
/// valid answers script. Answers are `id: answer` lines exactly as typed; everything else is
/// a `#` comment (the question as asked, the value understood, commands, the outcome), and
/// the outcome's fields are `#= key: value` lines that `run --check` compares.
public enum TranscriptFormat {
    public static let formatVersion = "1"

    public static func header(rules: RuleSet, program: String, started: String) -> String {
        """
        \(AnswersScript.transcriptMarker)
        # format: \(formatVersion)
        # rules: \(rules.name) \(rules.version)
        # rules-sha256: \(rules.sha256)
        # program: \(program)
        # started: \(started)
        # Lines 'question_id: answer' are the answers exactly as typed; this file can be
        # replayed with 'headache-triage run FILE'.

        """
    }

    public static func story(_ text: String, facts: [StoryFact]) -> String {
        storyLine(text) + storyFacts(facts)
    }

    /// The story as typed: saved at once, before the person confirms what was read from it.
    public static func storyLine(_ text: String) -> String {
        "# The headache in the person's own words:\n\(ScriptedRun.storyID): \(oneLine(text))\n"
    }

    /// The facts kept from the story, right after its line.
    public static func storyFacts(_ facts: [StoryFact]) -> String {
        var out = ""
        for fact in facts { out += "#   understood: \(fact.questionID) = \(fact.value) (from \"\(oneLine(fact.evidence))\")\n" }
        return out + "\n"
    }

    /// A fact corrected at the story's confirmation, as the answer to its question: the words
    /// that say it, and the whole reply.
    public static func storyCorrection(_ fact: StoryFact, question: Question, reply: String) -> String {
        "# Corrects what the story said about: \(oneLine(question.ask))\n# (reply: \(oneLine(reply)))\n\(question.id): \(oneLine(fact.evidence))\n#   understood: \(fact.value)\n\n"
    }

    public static func answer(number: Int, question: Question, typed: String, understood: FactValue) -> String {
        "# Q\(number). \(oneLine(question.ask))\n\(question.id): \(oneLine(typed))\n#   understood: \(understood)\n\n"
    }

    /// A screen answered in one line: what was typed as a comment, then each question's answer
    /// in words any reader takes ("yes", "no", "not sure"), so the transcript replays as it went.
    public static func screen(number: Int, screen: Screen, typed: String, answers: [(question: Question, value: FactValue)]) -> String {
        var out = "# S\(number). \(oneLine(screen.ask))\n#   typed: \(oneLine(typed))\n"
        for (question, value) in answers { out += "\(question.id): \(spoken(value))\n" }
        return out + "\n"
    }

    /// A yes/no value as a person would type it.
    static func spoken(_ value: FactValue) -> String { value == .unsure ? "not sure" : value.description }

    public static func command(_ text: String) -> String { "# command: \(oneLine(text))\n\n" }

    /// The outcome as `#= key: value` lines, in a fixed order.
    public static func outcome(_ outcome: Outcome) -> String {
        fields(outcome).map { "#= \($0.key): \($0.value)\n" }.joined()
    }

    public static func ended(_ time: String) -> String { "# ended: \(time)\n" }

    public static func endedEarly(_ reason: String, at time: String) -> String { "# ended early: \(oneLine(reason)) (\(time))\n" }

    /// The fields `run --check` compares, lists sorted so order never counts as a change.
    public static func fields(_ outcome: Outcome) -> [(key: String, value: String)] {
        func list(_ ids: [String]) -> String { ids.sorted().joined(separator: ", ") }
        return [
            ("triage", outcome.triage.id),
            ("pattern", outcome.patternID),
            ("red_flags", list(outcome.redFlags.map(\.id))),
            ("red_flags_unsure", list(outcome.redFlagsUnsure.map(\.id))),
            ("nmt", outcome.therapy?.id ?? ""),
            ("focus", list(outcome.focus.map(\.id))),
            ("contributors", list(outcome.contributors.map(\.id))),
            ("self_care", list(outcome.selfCare.map(\.id))),
        ]
    }

    /// Keeps a typed answer on one line, so a pasted newline cannot break the format.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension TranscriptFormat {
    /// A whole transcript for a scripted run, in the same format as a live conversation.
    public static func transcript(for result: ScriptedResult, story: String?, program: String, started: String, ended: String) -> String {
        let consultation = result.consultation
        let rules = consultation.rules
        var out = header(rules: rules, program: program, started: started)
        out += "# from: \(oneLine(result.file))\n\n"
        if let story {
            out += self.story(story, facts: result.storyFacts)
            for (q, question) in rules.questions.enumerated() {
                guard case .correction(let text)? = consultation.provenance[q], let value = consultation.facts[q] else { continue }
                out += "# Corrects what the story said about: \(oneLine(question.ask))\n\(question.id): \(oneLine(text))\n#   understood: \(value)\n\n"
            }
        }
        for (number, id) in consultation.asked.enumerated() {
            guard let q = rules.questionIndex(of: id), let value = consultation.facts[q] else { continue }
            let question = rules.questions[q]
            if case .answered(let text)? = consultation.provenance[q] {
                out += answer(number: number + 1, question: question, typed: text, understood: value)
            } else {
                out += "# Q\(number + 1). \(oneLine(question.ask))\n#   (no answer in the script: counted as not sure)\n\n"
            }
        }
        return out + outcome(result.outcome) + self.ended(ended)
    }
}
