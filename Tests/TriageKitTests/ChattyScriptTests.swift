import Testing
import TriageKit

/// A scripted run reads answers written the way people type them exactly as the conversation
/// does: the same reader, the same facts, the same outcome as the plain answers. On small rules
/// of the test's own, with a question of each kind and the words that read them.
@Suite("Chatty scripts")
struct ChattyScriptTests {
    static let rulesText = """
        name: Chatty rules
        version: 1.0
        yes words: yes, yeah, yep, a bit
        no words: no, nope, never, not as far as i know, nothing like that
        unsure words: not sure, no idea
        negation before: no, not, never, doesn't
        negation after: doesn't do anything
        negation ends: but, though, just
        number words: two = 2, twice = 2, a couple = 2, dozens = 24
        time units: minute = 1/60, minutes = 1/60, hour = 1, hours = 1, day = 24, days = 24,
            week = 168, weeks = 168, month = 730.5, months = 730.5, year = 8766, years = 8766

        question sudden_onset
          ask: Did it start suddenly?
          answer: yes/no

        question neuro_symptoms
          ask: Any weakness or numbness?
          answer: yes/no

        question age
          ask: How old are you?
          answer: number
          unit: years
          range: 1 to 120

        question attacks
          ask: How many headaches have you had?
          answer: number
          unit: headaches
          range: 0 to 10000

        question headache_days
          ask: On how many days a month?
          answer: number
          unit: days per month
          range: 0 to 31

        question months
          ask: For how long have you had them?
          answer: number
          unit: months
          range: 0 to 1200

        question duration_hours
          ask: How long does one last?
          answer: number
          unit: hours
          range: 0 to 1000
          phrase all day: 12

        question water_glasses
          ask: How many glasses of water a day?
          answer: number
          unit: glasses per day
          range: 0 to 50
          phrase a litre: 4

        question side
          ask: One side or both?
          answer: choice
          option one_side: one side, left side, right side, the left
          option both_sides: both sides, all over

        question quality
          ask: What does it feel like?
          answer: choice
          option throbbing: throbbing, pulsing
          option pressing: pressing, tight band

        question severity
          ask: How strong is it?
          answer: choice
          option mild: mild
          option severe: severe, really bad

        question nausea
          ask: Do you feel sick?
          answer: yes/no
          yes words: queasy

        question light_sensitive
          ask: Does light bother you?
          answer: yes/no
          yes words: close the curtains

        question cough_trigger
          ask: Does coughing bring it on?
          answer: yes/no
          yes words: coughing

        level emergency
          advice: Now.
          stops conversation: yes

        level self_care
          advice: Home.

        flag thunderclap
          level: emergency
          when: sudden_onset or neuro_symptoms or cough_trigger
          message: Sudden.

        flag unusual
          level: emergency
          when: age > 100 or water_glasses > 40 or headache_days > 30 or months > 1000
          message: Unusual.

        pattern migraine_without_aura
          name: Migraine
          criterion: attacks >= 5
          criterion: duration_hours between 4 and 72
          criterion: side is one_side and quality is throbbing and severity is severe
          criterion: nausea and light_sensitive
          criterion: headache_days < 15 and months >= 3

        pattern other
          name: Other

        """

    static let plain: [String: String] = [
        "sudden_onset": "no", "neuro_symptoms": "no", "age": "34", "attacks": "24", "headache_days": "2", "months": "36",
        "duration_hours": "12", "water_glasses": "4", "side": "one_side", "quality": "throbbing", "severity": "severe",
        "nausea": "yes", "light_sensitive": "yes", "cough_trigger": "no",
    ]

    static let chatty: [String: String] = [
        "sudden_onset": "no, it creeps up on me over a few hours", "neuro_symptoms": "nope, nothing like that",
        "age": "I'm 34", "attacks": "dozens, I've had them for years", "headache_days": "twice a month or so",
        "months": "about 3 years", "duration_hours": "all day", "water_glasses": "about a litre, I think",
        "side": "left side, always the left", "quality": "throbbing, like my heart is in my head",
        "severity": "really bad, I have to go to bed", "nausea": "yes, a bit queasy with the bad ones",
        "light_sensitive": "yes, I have to close the curtains", "cough_trigger": "no, coughing doesn't do anything to it",
    ]

    static func rules() throws -> RuleSet {
        let loaded = LanguageTests.load(rulesText)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.summaryLine))")
        return try #require(loaded.rules)
    }

    @Test("chatty answers give the same facts and outcome as plain ones")
    func sameAsPlain() throws {
        let rules = try Self.rules()
        let plain = try Fixtures.run(Self.plain, rules: rules)
        let chatty = try Fixtures.run(Self.chatty, rules: rules)
        for (id, _) in Self.plain.sorted(by: { $0.key < $1.key }) {
            #expect(plain.consultation.value(of: id) != nil, "\(id) was not asked: \(plain.consultation.asked)")
            #expect(chatty.consultation.value(of: id) == plain.consultation.value(of: id), "\(id): '\(Self.chatty[id]!)'")
        }
        let a = plain.outcome, b = chatty.outcome
        #expect(a.triage.id == b.triage.id)
        #expect(a.patternID == b.patternID)
        #expect(a.redFlags.map(\.id) == b.redFlags.map(\.id))
        #expect(a.redFlagsUnsure.map(\.id) == b.redFlagsUnsure.map(\.id))
        #expect(a.patternID == "migraine_without_aura")
        #expect(a.triage.id == "self_care")
    }
}
