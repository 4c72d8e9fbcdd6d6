/// The small English words around amounts that say what an amount is: a period ("a week",
/// "most weeks"), a span of time that has passed ("six weeks ago", "for 2 years"), an age
/// ("since I was 15", "I'm 40"), a correction ("actually more like 5").
///
/// They are grammar, not medicine, and the rules language has no list for them yet: when it
/// gets one (like `rate words`), these move to `words.rules` so that a second language is a
/// rules folder.
enum QuantityWords {
    /// Words before a unit that make it the period of a rate: "twice a week", "most weeks".
    static let periodBefore: Set<String> = ["a", "an", "per", "each", "every", "in", "the", "most"]
    /// Words before a unit that make it a period with no count before it: "most weeks", "every month".
    static let periodOnItsOwn: Set<String> = ["most", "every", "each"]
    /// Words joining the two ends of a range: "2 to 3", "a day or two".
    static let rangeJoiners: Set<String> = ["to", "or"]
    /// A word after an amount of time that makes it time passed: "six weeks ago".
    static let after: Set<String> = ["ago", "back"]
    /// Words before an amount of time that make it time passed: "for 2 years", "the last 3 months".
    static let spanWords: Set<String> = ["for", "since", "last", "past"]
    /// Words that may stand between those and the amount: "for about 2 years".
    static let fillers: Set<String> = ["about", "around", "roughly", "almost", "nearly", "over", "the", "a", "like", "maybe", "some"]

    static func spanBefore(_ t: [String], _ start: Int) -> Bool {
        var i = start - 1
        while i >= 0, fillers.contains(t[i]) { i -= 1 }
        return i >= 0 && spanWords.contains(t[i])
    }

    /// Whether the amount at `start` is an age in the past: "since I was 15", "since age 15".
    static func ageBefore(_ t: [String], _ start: Int) -> Bool {
        var i = start - 1
        while i >= 0, fillers.contains(t[i]) { i -= 1 }
        guard i >= 0, ["was", "age", "aged"].contains(t[i]) else { return false }
        return t[max(0, i - 3)..<i].contains("since")
    }

    /// Whether "used to" stands shortly before position `start`: "it used to be once a week" says
    /// how it was, not how it is.
    static func pastBefore(_ t: [String], _ start: Int) -> Bool {
        let from = max(0, start - 4)
        guard from < start else { return false }
        return (from..<start).contains { $0 + 1 < start && t[$0] == "used" && t[$0 + 1] == "to" }
    }

    /// "I'm", "I am", "im": how many words, when they start at `i` and an age may follow.
    static func currentAge(at i: Int, in t: [String]) -> Int? {
        if ["i'm", "im"].contains(t[i]) { return 1 }
        if t[i] == "i", i + 1 < t.count, t[i + 1] == "am" { return 2 }
        return nil
    }

    /// A correction before the amount a person settles on: "actually", "more like", "I mean",
    /// "or rather", "call it", "so" ("twice a month for years, so about 200"), "now" ("used to
    /// be 7, now 5").
    static func correction(at i: Int, in t: [String]) -> Int? {
        if ["actually", "so", "wait", "now"].contains(t[i]) { return 1 }
        guard i + 1 < t.count else { return nil }
        switch (t[i], t[i + 1]) {
        case ("more", "like"), ("i", "mean"), ("or", "rather"), ("call", "it"), ("closer", "to"): return 2
        default: return nil
        }
    }
}

extension QuantityWords {
    /// Words that end a clause of a story as punctuation does: "flashing lights for half an hour
    /// and then a bad headache" says how long the aura lasts, not the headache.
    static let clauseJoiners: Set<String> = ["and", "then", "but", "while", "whereas"]
    /// Words right before an amount of time that make it how long one headache lasts: "lasts 2 days".
    static let lastsWords: Set<String> = ["lasts", "lasting", "last", "takes", "lasted"]
    /// Words after an age: "35 years old", "24 yo", "45 male".
    static let ageAfter: Set<String> = ["old", "yo", "y/o", "yrs/old", "male", "female"]
    /// Letters after an age that opens a story, as people introduce themselves online: "45M.",
    /// "29f here". Only there: elsewhere "20m" may be minutes.
    static let ageOpeningAfter: Set<String> = ["m", "f"]
    /// Words before an age: "aged 35".
    static let ageBeforeWords: Set<String> = ["aged", "age"]
}

extension QuantityWords {
    /// The last words of counts said roughly ("dozens", "a few"): a figure after one says it more
    /// exactly ("hundreds, somewhere around 600"), when it is at least as many.
    static let rough: Set<String> = ["few", "couple", "several", "dozens", "hundreds", "thousands"]
    /// Words after a number of days that make them days without a headache: "2-3 days off a
    /// month", "one day a week without one", "5 headache free days".
    static let without: Set<String> = ["off", "free", "without", "clear"]
    /// Words after "off" that make it days off something else: "2 days off work a month" are days
    /// with a headache.
    static let offSomethingElse: Set<String> = ["work", "school", "college", "uni", "sick"]
    /// Words before a number of days that make them the days without: "every day except 3 a month".
    static let except: Set<String> = ["except", "excluding", "bar", "minus"]

    /// Whether the amount at `start..<end` counts days without a headache.
    static func daysWithout(_ t: [String], _ start: Int, _ end: Int) -> Bool {
        var before = start - 1
        while before >= 0, fillers.contains(t[before]) || t[before] == "for" { before -= 1 }
        if before >= 0, except.contains(t[before]) { return true }
        for i in end..<min(t.count, end + 5) where without.contains(t[i]) {
            return t[i] != "off" || i + 1 >= t.count || !offSomethingElse.contains(t[i + 1])
        }
        return false
    }
}

extension QuantityWords {
    /// Words after an amount of time that make it time after something said before: "a week
    /// after that", "two days later".
    static let later: Set<String> = ["later", "afterwards", "afterward"]
    /// Words before "ago" that say the headaches began then: "started 2 years ago".
    static let began: Set<String> = ["started", "start", "began", "begun", "begin", "starting", "beginning"]

    /// Where "after that" or "later" ends, when it follows the unit of an amount of time at
    /// `unit` ("a week after that", "two days later").
    static func later(_ t: [String], unitAt unit: Int) -> Int? {
        let next = unit + 1
        guard next < t.count else { return nil }
        if later.contains(t[next]) { return next + 1 }
        if t[next] == "after", next + 1 < t.count, ["that", "this"].contains(t[next + 1]) { return next + 2 }
        return nil
    }

    /// Whether a span ending at `end` is only a point in time ("a fortnight ago"), with no word
    /// within the clause before it saying the headaches began then ("started 2 years ago").
    static func pointInTime(_ t: [String], _ start: Int, _ end: Int) -> Bool {
        guard end > 0, end <= t.count, after.contains(t[end - 1]) else { return false }
        return !t[..<start].contains { began.contains($0) }
    }
}

