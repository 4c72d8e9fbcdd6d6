import Foundation
import Testing

/// The read-back after the story, on a real pseudo-terminal and small rules of the test's own:
/// amounts shown as people say them, and a natural "yes, but" reply that corrects one of them.
@Suite struct StoryReadBackTests {
    static let rules = """
        name: Read-back rules
        version: 1.0
        yes words: yes, yeah, yep
        no words: no, nope
        unsure words: not sure
        negation before: no, not
        negation ends: but, though
        agreement words: pretty much, spot on
        time units: hour = 1, hours = 1, day = 24, days = 24, week = 168, weeks = 168,
            month = 730.5, months = 730.5
        number words: a few = 3

        question headache_days
          ask: On how many days a month do you have a headache?
          answer: number
          unit: days per month
          range: 0 to 31

        question duration_hours
          ask: How long does one last, in hours?
          answer: number
          unit: hours
          range: 0 to 1000
          phrase never goes away: 1000

        level consult
          advice: See a doctor.

        level self_care
          advice: Rest.

        flag often
          level: consult
          when: headache_days >= 15 or duration_hours > 72
          message: Often.

        pattern any
          name: Any

        """

    static func rulesFolder() throws -> URL {
        let folder = try Binary.temporaryFolder()
        try rules.write(to: folder.appendingPathComponent("main.rules"), atomically: true, encoding: .utf8)
        return folder
    }

    /// The assistant on these rules, at the story prompt.
    static func start() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(executable: Binary.url,
                                          arguments: ["--no-save", "--rules", try rulesFolder().path],
                                          environment: InteractiveTests.environment)
        try terminal.expect("describe your headache")
        return terminal
    }

    @Test func amountsAreShownRoundedWithTheirUnitAndAReplyCanCorrectOne() throws {
        let terminal = try Self.start()
        try InteractiveTests.type("I get them 3 days a week and they last a few hours", into: terminal)
        // 3 a week is 13.04... a month: shown as about 13, with the question's unit.
        try terminal.expect("about 13 days per month")
        try terminal.expect("3 hours")
        try InteractiveTests.type("yeah pretty much, tho it's more like 4 hours", into: terminal)
        try terminal.expect("4 hours")
        try InteractiveTests.endInput(terminal)
        _ = try terminal.waitForExit()
        #expect(!terminal.output.contains("13.04"), "\(terminal.output)")
    }

    @Test func oneOfAUnitIsSaidInTheSingular() throws {
        let terminal = try Self.start()
        try InteractiveTests.type("I get them 1 day a month and it lasts an hour", into: terminal)
        try terminal.expect("1 day per month")
        try terminal.expect("1 hour ")
        // Ctrl-D at the read-back ends the conversation, as at any other prompt (it went on to
        // the questions, waiting for input that had ended).
        try InteractiveTests.endInput(terminal)
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.output.contains("Ending here"), "\(terminal.output)")
        #expect(!terminal.output.contains("1 hours") && !terminal.output.contains("1 days"), "\(terminal.output)")
    }

    @Test func aNumberAPhraseGivesIsShownAsThePhrase() throws {
        let terminal = try Self.start()
        try InteractiveTests.type("it never goes away and I get it 3 days a week", into: terminal)
        try terminal.expect("about 13 days per month")
        // The phrase stands for a headache that never stops: its words, not "1000 hours".
        try terminal.expect("duration hours: never goes away")
        try InteractiveTests.endInput(terminal)
        _ = try terminal.waitForExit()
        #expect(!terminal.output.contains("1000"), "\(terminal.output)")
    }
}
