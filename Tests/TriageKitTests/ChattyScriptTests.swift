import Testing
import TriageKit

/// A scripted run reads answers written the way people type them exactly as the conversation
/// does: the same reader, the same facts, the same outcome as the plain answers.
@Suite("Chatty scripts")
struct ChattyScriptTests {
    /// A migraine without aura, answered in plain words and in chatty sentences.
    static let plain: [String: String] = [
        "sudden_onset": "no", "neuro_symptoms": "no", "seizure": "no", "fever": "no", "head_injury": "no",
        "blood_thinners": "no", "age": "34", "new_or_changed": "no", "progressive": "no", "positional": "no",
        "cough_trigger": "no", "vision_problems": "no", "red_eye": "no", "pregnant": "no", "weak_immunity": "no",
        "cancer": "no", "weight_loss": "no", "new_medicine": "no", "painkiller_days": "4", "attacks": "24",
        "headache_days": "2", "months": "36", "duration_hours": "12", "side": "one_side", "quality": "throbbing",
        "severity": "severe", "activity_worse": "yes", "nausea": "yes", "vomiting": "no", "light_sensitive": "yes",
        "noise_sensitive": "yes", "aura": "no", "restless": "no", "neck_tension": "yes", "jaw_clenching": "no",
        "screen_hours": "8", "stress": "yes", "sleep_hours": "7", "water_glasses": "4", "skin_problem": "no",
        "osteoporosis": "no", "high_blood_pressure": "no", "dizzy_neck_turn": "no",
        "rash": "no", "worst_ever": "no", "eye_emergency": "no", "new_neck_pain": "no", "others_unwell": "no",
        "neck_precautions": "no",
    ]

    static let chatty: [String: String] = [
        "sudden_onset": "no, it creeps up on me over a few hours", "neuro_symptoms": "nope, nothing like that",
        "seizure": "no, never had one", "fever": "not as far as I know", "head_injury": "no, no falls or anything",
        "blood_thinners": "no, just the pill", "age": "I'm 34", "new_or_changed": "no, same headaches I've had for years",
        "progressive": "nope, up and down like always", "positional": "no, same whether I'm up or lying down",
        "cough_trigger": "no, coughing doesn't do anything to it", "vision_problems": "nope, eyes are ok, just tired from the screen",
        "red_eye": "no, eyes are fine", "pregnant": "no, definitely not", "weak_immunity": "no, healthy otherwise",
        "cancer": "nope, touch wood", "weight_loss": "no, if anything I've put weight on", "new_medicine": "no, nothing new",
        "painkiller_days": "about 4, mostly at weekends", "attacks": "dozens, I've had them for years",
        "headache_days": "twice a month or so", "months": "about 3 years", "duration_hours": "all day",
        "side": "left side, always the left", "quality": "throbbing, like my heart is in my head",
        "severity": "really bad, I have to go to bed", "activity_worse": "yeah, I have to keep still",
        "nausea": "yes, a bit queasy with the bad ones", "vomiting": "no, never been sick with them",
        "light_sensitive": "yes, I have to close the curtains", "noise_sensitive": "yeah, I need it quiet",
        "aura": "nope, no warning at all", "restless": "no, I just want to lie still in the dark",
        "neck_tension": "yes, my neck and shoulders are always tight", "jaw_clenching": "nope, jaw is fine",
        "screen_hours": "8 at work, plus my phone at night", "stress": "yes, work has been crazy",
        "sleep_hours": "7ish", "water_glasses": "about a litre, I think", "skin_problem": "no, skin's fine",
        "osteoporosis": "nope, never been told that", "high_blood_pressure": "no, it's always normal when they check",
        "dizzy_neck_turn": "no, turning my head is fine",
        "rash": "no rash, no", "worst_ever": "no, I've had loads like this", "eye_emergency": "nope, my eyes are fine",
        "new_neck_pain": "no, just the usual stiffness", "others_unwell": "no, it's just me", "neck_precautions": "no, none of those",
    ]

    @Test("chatty answers give the same facts and outcome as plain ones")
    func sameAsPlain() throws {
        let plain = try FixtureRules.run(Self.plain)
        let chatty = try FixtureRules.run(Self.chatty)
        for (id, _) in Self.plain.sorted(by: { $0.key < $1.key }) {
            #expect(chatty.consultation.value(of: id) == plain.consultation.value(of: id), "\(id): '\(Self.chatty[id]!)'")
        }
        let a = plain.outcome, b = chatty.outcome
        #expect(a.triage.id == b.triage.id)
        #expect(a.patternID == b.patternID)
        #expect(a.redFlags.map(\.id) == b.redFlags.map(\.id))
        #expect(a.redFlagsUnsure.map(\.id) == b.redFlagsUnsure.map(\.id))
        #expect(a.patternID == "migraine_without_aura")
    }
}
