/// Reads amounts from free text: "42", "1.5", "sixty-five", "a couple", "half an hour",
/// "an hour and a half", "2-3 days", "twice a week", and converts them to a question's unit.
///
/// The units of time and the rate words ("weekly") come from the rules (`time units`,
/// `rate words`), so a therapist can add "fortnight" or another language's words.
struct QuantityReader: Sendable {
    let numberWords: WordTable<Double>
    /// Length of each unit of time in hours.
    let timeUnits: WordTable<Double>
    /// "weekly" -> the length of a week in hours.
    let rateWords: WordTable<Double>
    /// "Teenager" -> 15: times of life, read as an age after "since".
    let ageWords: WordTable<Double>

    /// The first words of number words of more than one word ("a" of "a couple").
    let multiWordStarts: WordTable<Void>

    init(lexicon: Lexicon) {
        numberWords = WordTable(lexicon.numberWords)
        ageWords = WordTable(lexicon.ageWords)
        multiWordStarts = WordTable(words: lexicon.numberWords.keys.compactMap { key in
            let words = Words(key).tokens
            return words.count > 1 ? words[0] : nil
        })
        timeUnits = WordTable(lexicon.timeUnits)
        rateWords = WordTable(lexicon.rateWords.compactMapValues { lexicon.timeUnits[$0] })
    }

    func hours(ofUnit word: String) -> Double? { timeUnits[word] }

    /// A question's unit: a time unit to convert into, and a period for rates ("days per month").
    struct TargetUnit: Sendable {
        var timeHours: Double?
        var perHours: Double?

        init(_ unit: String, units: [String: Double]) {
            let parts = Words(unit).tokens
            if let per = parts.firstIndex(where: { $0 == "per" || $0 == "a" || $0 == "each" }), per + 1 < parts.count {
                perHours = units[parts[per + 1]]
                timeHours = parts[..<per].last.flatMap { units[$0] }
            } else {
                timeHours = parts.last.flatMap { units[$0] }
            }
        }
    }

    /// The first amount in the words with its unit conversions applied, or nil if there is none.
    func read(_ words: Words, unit target: TargetUnit) -> Double? { reading(words.tokens, unit: target)?.value }

    /// An amount read from an answer.
    struct Reading: Sendable {
        var value: Double
        /// Only a rate word or period, no count ("almost daily", "weekly"): a question's own phrase
        /// that names a count ("almost daily" = 25) says more.
        var bareRate = false
    }

    /// The amount an answer gives, read in context: the amount after a correction ("6, actually
    /// more like 5"), not a span when a rate is asked ("started six weeks ago, twice a week"),
    /// the years since an age ("since I was 15, I'm 40 now").
    func reading(_ tokens: [String], unit target: TargetUnit) -> Reading? {
        let t = separatingUnits(tokens)
        // (Not for the question asked in years: that is the age itself.)
        if target.perHours == nil, let targetHours = target.timeHours, let year = timeUnits["year"], targetHours != year,
           t.contains("since"), let years = yearsSinceAge(t) {
            return Reading(value: years * year / targetHours)
        }
        let from = correctionStart(t)
        var i = from
        while var (value, start, end) = firstAmount(in: t, from: i) {
            i = end
            // "since I was 15": an age, not how long; "it used to be once a week": not now.
            if QuantityWords.ageBefore(t, start) || QuantityWords.pastBefore(t, start) { continue }
            // "I'm 40 now" answers how old, not how long ("since I was a teenager, I'm 40 now").
            if target.timeHours != timeUnits["year"], start > 0, QuantityWords.currentAge(at: start - 1, in: t) != nil
                || (start > 1 && QuantityWords.currentAge(at: start - 2, in: t) == 2) { continue }
            // "Hundreds, somewhere around 600": the figure says the rough count more exactly.
            if let figure = figure(narrowing: value, t, start, end) { (value, start, end) = figure }
            // "started six weeks ago", "for 2 years": how long, not how often.
            if target.perHours != nil, isSpan(t, start, end) { continue }
            // "twice a week", "12 a month", "3 times": how often, not how long, when a span is asked
            // ("twice a week, about 4 hours each" is 4 hours; "twice a week" alone is asked again).
            if target.perHours == nil, target.timeHours != nil, let after = frequencyEnd(t, end, value: value) {
                i = after
                continue
            }
            // "10 years" to "how many headaches?": a time, not a count; asked again if nothing else is.
            if target.timeHours == nil, target.perHours == nil, unitHours(after: end, in: t) != nil { continue }
            // "Every day, maybe 2-3 days off a month": the days without, taken from the days of the period.
            if let perHours = target.perHours, QuantityWords.daysWithout(t, start, end) {
                guard let day = timeUnits["day"], ratePeriod(after: end, in: t) != nil else { continue }
                return Reading(value: max(0, perHours / day - convert(value, start, end, t, target)))
            }
            return Reading(value: convert(value, start, end, t, target))
        }
        // "weekly", "every month", "most weeks": once per period.
        if let perHours = target.perHours, let period = ratePeriod(after: from, in: t) {
            return Reading(value: perHours / period, bareRate: true)
        }
        return nil
    }

    /// An amount's value in the question's unit: its own unit ("2 days", "half an hour") and,
    /// for a rate, the period after it ("twice a week", "6 a year", "every 2 weeks").
    func convert(_ first: Double, _ firstStart: Int, _ firstEnd: Int, _ t: [String], _ target: TargetUnit) -> Double {
        var value = first
        var position = firstEnd

        // "every 2 weeks": once per that many units.
        if let perHours = target.perHours, firstStart > 0, t[firstStart - 1] == "every", firstEnd < t.count,
           let unitHours = hours(ofUnit: t[firstEnd]), value > 0 {
            return perHours / (value * unitHours)
        }

        // The amount's own unit: "2 days", "half an hour"; for a rate, "a week" is the period instead.
        var index = position
        let skippable: Set<String> = target.perHours == nil ? ["a", "an", "of"] : ["of"]
        while index < t.count, skippable.contains(t[index]) { index += 1 }
        if index < t.count, let unitHours = hours(ofUnit: t[index]) {
            position = index + 1
            // "a day or two": the unit stands between the two ends of the range (not in "20 mins to
            // half an hour", where each end has its own unit).
            if ["a", "an"].contains(t[firstStart]), position + 1 < t.count, QuantityWords.rangeJoiners.contains(t[position]),
               let (second, length) = number(at: position + 1, in: t) {
                value = (value + second) / 2
                position += 1 + length
            }
            if let targetHours = target.timeHours {
                value = value * unitHours / targetHours
                // "an hour and a half"
                if t.count >= position + 3, Array(t[position..<(position + 3)]) == ["and", "a", "half"] {
                    value += 0.5 * unitHours / targetHours
                    position += 3
                }
            }
        }

        // Rates: "twice a week", "6 a year", "3 per month", "weekly", "most weeks".
        if let perHours = target.perHours, let period = ratePeriod(after: position, in: t) {
            value = value * perHours / period
        }
        return value
    }

    /// The first figure later in the words that says a rough count ("dozens", "a few") more exactly,
    /// as many or more: "hundreds, somewhere around 600", "hundreds, since I was 12, so about 400".
    /// Nil unless the amount at `start..<end` is rough.
    func figure(narrowing value: Double, _ t: [String], _ start: Int, _ end: Int) -> (Double, Int, Int)? {
        guard end > start, QuantityWords.rough.contains(t[end - 1]) else { return nil }
        let unit = unitHours(after: end, in: t)
        var i = end
        while let (later, s, e) = firstAmount(in: t, from: i) {
            i = e
            // Not an age ("since I was 19"), a smaller figure ("dozens, 5 or 6 a year" is a rate), or
            // an amount of something else ("a couple a month for 10 years").
            guard let first = t[s].utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"),
                  !QuantityWords.ageBefore(t, s), later >= value else { continue }
            let laterUnit = unitHours(after: e, in: t)
            guard laterUnit == nil || laterUnit == unit else { continue }
            return (later, s, e)
        }
        return nil
    }

    /// Where the unit of time right after an amount ending at `end` stands ("a few hours", "a
    /// couple of weeks"), if one does.
    func unitIndex(after end: Int, in t: [String]) -> Int? {
        var index = end
        while index < t.count, ["a", "an", "of"].contains(t[index]) { index += 1 }
        return index < t.count && hours(ofUnit: t[index]) != nil ? index : nil
    }

    /// The length of the unit of time right after an amount ending at `end` ("a few hours"), if any.
    private func unitHours(after end: Int, in t: [String]) -> Double? {
        unitIndex(after: end, in: t).flatMap { hours(ofUnit: t[$0]) }
    }

    /// Whether the amount at `start..<end` is a length of time that has passed ("six weeks ago",
    /// "for 2 years", "the last 3 months") rather than a count.
    func isSpan(_ t: [String], _ start: Int, _ end: Int) -> Bool {
        guard let index = unitIndex(after: end, in: t) else { return false }
        if index + 1 < t.count, QuantityWords.after.contains(t[index + 1]) { return true }
        return QuantityWords.spanBefore(t, start)
    }

    /// Where the amount a person settled on starts: after the last correction that has an amount
    /// after it ("6. actually no, more like 5"; "since I was 22, so 30 years"), else 0.
    private func correctionStart(_ t: [String]) -> Int {
        // Most answers hold no correction at all: then there is nothing to search.
        guard t.indices.contains(where: { QuantityWords.correction(at: $0, in: t) != nil }) else { return 0 }
        // The last amount first, in one pass (each search starts where the last amount ended), so
        // a long answer full of "so" costs no more than a short one per word.
        var lastAmount: Int?
        var i = 0
        while let (_, start, end) = firstAmount(in: t, from: i) {
            lastAmount = start
            i = end
        }
        guard let lastAmount else { return 0 }
        var best = 0
        for i in 0..<lastAmount {
            if let length = QuantityWords.correction(at: i, in: t), i + length <= lastAmount { best = i + length }
        }
        return best
    }

    /// "Since I was 15, I'm 40 now": 25 years. Nil unless both ages are there.
    func yearsSinceAge(_ t: [String]) -> Double? {
        var then: Double?, now: Double?
        for i in t.indices {
            if then == nil, QuantityWords.ageBefore(t, i), let (n, _) = number(at: i, in: t) { then = n }
            // "Since I was a teenager", "since my twenties": a time of life.
            if then == nil, let age = ageWords[t[i]], t[max(0, i - 4)..<i].contains("since") { then = age }
            if now == nil, let length = QuantityWords.currentAge(at: i, in: t), i + length < t.count,
               let (n, l) = number(at: i + length, in: t) {
                // "I'm 7 months pregnant" is no age; "I'm 40 years old" is.
                let next = i + length + l
                if next >= t.count || hours(ofUnit: t[next]) == nil || (next + 1 < t.count && t[next + 1] == "old") { now = n }
            }
        }
        guard let then, let now, now > then else { return nil }
        return now - then
    }

    /// The first amount from position `from` on, where it starts and the position after it:
    /// "an hour" counts as one, "2 to 3" as 2.5, "two and a half" as 2.5.
    func firstAmount(in t: [String], from: Int = 0) -> (Double, Int, Int)? {
        guard from < t.count else { return nil }
        for i in from..<t.count {
            if ["a", "an"].contains(t[i]), i + 1 < t.count, hours(ofUnit: t[i + 1]) != nil { return (1, i, i + 1) }
            guard let (value, length) = number(at: i, in: t) else { continue }
            var end = i + length
            if end + 1 < t.count, QuantityWords.rangeJoiners.contains(t[end]), let (second, l2) = number(at: end + 1, in: t) {
                return ((value + second) / 2, i, end + 1 + l2)
            }
            if end + 3 <= t.count, Array(t[end..<(end + 3)]) == ["and", "a", "half"] {
                end += 3
                return (value + 0.5, i, end)
            }
            return (value, i, end)
        }
        return nil
    }

    /// "2hrs" -> "2 hrs", "30min" -> "30 min", "3x" -> "3 times": people often run them together.
    func separatingUnits(_ tokens: [String]) -> [String] {
        var out: [String] = []
        for token in tokens {
            // "years-ish": a unit with a word run on to it.
            if let dash = token.firstIndex(of: "-"), timeUnits[String(token[..<dash])] != nil {
                out += token.split(separator: "-").map(String.init)
                continue
            }
            guard let first = token.first, first.isNumber,
                  let split = token.firstIndex(where: { !$0.isNumber && $0 != "." && $0 != "," }) else {
                out.append(token)
                continue
            }
            let number = String(token[..<split]), rest = String(token[split...])
            if rest == "x" {
                out += [number, "times"]
            } else if timeUnits[rest] != nil || rest.allSatisfy(\.isLetter) {
                // "2hrs", and "6ish": the number with a word run on to it.
                out += [number, rest]
            } else {
                out.append(token)
            }
        }
        return out
    }

    /// Where a count of times ends, when the amount ending at `end` is one: "3 times (a month)",
    /// "twice a week", "12 a month". Nil otherwise; not for "half a day", where a fraction before
    /// "a" is part of a unit.
    func frequencyEnd(_ t: [String], _ end: Int, value: Double) -> Int? {
        func period(at i: Int) -> Int? {
            i + 1 < t.count && ["a", "an", "per", "each", "every"].contains(t[i]) && hours(ofUnit: t[i + 1]) != nil ? i + 2 : nil
        }
        guard end < t.count else { return nil }
        if ["times", "time", "x"].contains(t[end]) { return period(at: end + 1) ?? end + 1 }
        return value >= 1 ? period(at: end) : nil
    }

    /// The period of "a week", "per month", "every year" or "weekly" from position `from` on.
    func ratePeriod(after from: Int, in t: [String]) -> Double? { firstPeriod(from: from, in: t)?.hours }

    /// The first period ("a week", "per month", "weekly") from position `from` on, its words
    /// all before `limit` (the end of the words when nil): its length in hours and where it ends.
    func firstPeriod(from: Int, before limit: Int? = nil, in t: [String]) -> (hours: Double, end: Int)? {
        let limit = min(t.count, limit ?? t.count)
        guard from < limit else { return nil }
        for i in from..<limit {
            if QuantityWords.periodBefore.contains(t[i]), i + 1 < limit, let hours = hours(ofUnit: t[i + 1]) {
                return (hours, i + 2)
            }
            if let period = rateWords[t[i]] { return (period, i + 1) }
        }
        return nil
    }

    /// A number at position i and how many words it takes: digits, or number words.
    func number(at i: Int, in t: [String]) -> (Double, Int)? {
        let word = t[i]
        // Only a word starting with a digit or a point can be written in figures: the others are
        // looked up without splitting them (stories are read word by word, and this is per word).
        if let first = word.utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") || first == UInt8(ascii: ".") {
            // "7/10": a score out of ten reads as its first number.
            let head = word.split(separator: "/").first.map(String.init) ?? word
            if let value = Double(head.replacingCommaDecimal()), value.isFinite { return (value, 1) }
            // "2-3"
            let dash = head.split(separator: "-")
            if dash.count == 2, let a = Double(dash[0]), let b = Double(dash[1]) { return ((a + b) / 2, 1) }
        }
        // Longest number-word phrase first ("a couple of" before "a"); only words that start one are tried longer.
        let longest = multiWordStarts.contains(word) ? min(3, t.count - i) : 1
        for length in stride(from: longest, through: 1, by: -1) {
            let phrase = t[i..<(i + length)].joined(separator: " ")
            if let value = compound(phrase) {
                // "twenty five", "sixty-five": add a following unit word under ten.
                if value >= 20, value < 100, value.truncatingRemainder(dividingBy: 10) == 0, i + length < t.count,
                   let ones = numberWords[t[i + length]], ones >= 1, ones < 10 {
                    return (value + ones, length + 1)
                }
                return (value, length)
            }
        }
        return nil
    }

    private func compound(_ phrase: String) -> Double? {
        if let value = numberWords[phrase] { return value }
        guard phrase.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let parts = phrase.split(separator: "-")
        if parts.count == 2, let tens = numberWords[String(parts[0])], let ones = numberWords[String(parts[1])] {
            return tens + ones
        }
        return nil
    }
}

extension String {
    func replacingCommaDecimal() -> String {
        let parts = split(separator: ",")
        if parts.count == 2, parts[1].count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) { return parts.joined(separator: ".") }
        return self
    }
}
