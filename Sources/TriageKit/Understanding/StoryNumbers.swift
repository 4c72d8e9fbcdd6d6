/// Reads amounts from a story and gives each to the number question it belongs to, only where
/// the words say which: an age ("I'm 35", "42 year old"), how long the headaches have been going
/// on ("for a few years", "started 2 years ago", "since I was 15, I'm 40 now"), how long one
/// lasts ("about 3 hours each time", "lasts the whole day"), how often ("twice a month", "most
/// weeks"), and an amount next to a question it depends on ("zigzags for like 20 minutes" is
/// the aura's length, "co-codamol most days" the painkiller days).
///
/// Which question takes which kind of amount comes from the rules' units: the question counted
/// in years is the age, in months or longer how long, in hours or minutes how long one lasts,
/// in days per month how often; one counted per day or night ("glasses per day", "hours per
/// night") takes an amount only with its unit's words beside it ("two glasses of water a day",
/// "5 hours a night"). Where two questions share a kind, the one linked by `only
/// when` to a question named in the same clause takes it; otherwise the one linked to none.
struct StoryNumbers: Sendable {
    enum Kind: Sendable { case age, span, duration, rate, daily }

    /// A number question a story may fill.
    struct Target: Sendable {
        let question: Int
        let kind: Kind
        let unit: QuantityReader.TargetUnit
        let range: ClosedRange<Double>
        /// Questions this one is linked to by `only when`, either way.
        let links: Set<Int>
        /// For an amount a day or night ("glasses per day", "hours per night"): the words of its unit
        /// ("glasses", "night"), which must stand by an amount for it to be this question's.
        var counted: String? = nil
        var period: String? = nil
        /// For an amount a day in hours: the words of the question's own `ask:` that say what the
        /// hours are of ("sleep", "computer"), which may stand by the amount instead of the period.
        var topics: [String] = []
    }

    /// An amount read from the story, for one question, with the words it came from.
    struct Found: Sendable {
        let question: Int
        var value: Double
        /// Read from days without a headache ("3 days off a month").
        var daysWithout = false
        /// A point in time with nothing saying the headaches began then ("a fall a fortnight ago"):
        /// a span that says so ("for the last six weeks", "started 2 years ago") is preferred to it.
        var pointInTime = false
        var evidence: String
    }

    let quantities: QuantityReader
    let targets: [Target]
    /// The words of number words that can stand for an amount ("couple" of "a couple"), without
    /// "a" and "of", which are in every story.
    private let amountWords: WordTable<Void>
    /// The number questions' own phrases ("every day" = 30, "the whole day" = 24), by target.
    private var phrases = PhraseMatcher<(target: Int, value: Double, shared: Bool)>()

    init(rules: RuleSet) {
        quantities = rules.quantityReader
        amountWords = WordTable(words: rules.lexicon.numberWords.keys.flatMap { Words($0).tokens }.filter { !["a", "an", "of"].contains($0) })
        let units = rules.lexicon.timeUnits
        var links: [Set<Int>] = Array(repeating: [], count: rules.questions.count)
        for (q, question) in rules.questions.enumerated() {
            question.context?.visit { c in
                guard let f = c.factIndex, f != q, f < links.count else { return }
                links[q].insert(f)
                links[f].insert(q)
            }
        }
        var targets: [Target] = []
        let day = units["day"] ?? 24, week = units["week"] ?? 168, year = units["year"] ?? 8766
        for (q, question) in rules.questions.enumerated() {
            guard case .number(let unitText, let range) = question.kind else { continue }
            let unit = QuantityReader.TargetUnit(unitText, units: units)
            let kind: Kind
            if let per = unit.perHours {
                guard unit.timeHours == day, per > day else {
                    // "Glasses per day", "hours per night": an amount a day, named by its unit's words.
                    let parts = Words(unitText).tokens
                    guard per == day, parts.count >= 3, let perAt = parts.firstIndex(where: { ["per", "a", "each"].contains($0) }),
                          perAt > 0, perAt + 1 < parts.count else { continue }
                    targets.append(Target(question: q, kind: .daily, unit: unit, range: range, links: links[q],
                                          counted: parts[perAt - 1], period: parts[perAt + 1],
                                          topics: Self.topics(of: q, rules, units: units)))
                    continue
                }
                kind = .rate
            } else if let time = unit.timeHours {
                kind = time == year ? .age : time >= week ? .span : time <= 1 ? .duration : .span
            } else {
                continue
            }
            targets.append(Target(question: q, kind: kind, unit: unit, range: range, links: links[q]))
        }
        self.targets = targets
        // A phrase that is also a plain answer word ("never" = 0 days of painkillers) answers a
        // question; in a story it says nothing about that question.
        let answerWords = Set((rules.lexicon.yesWords + rules.lexicon.noWords + rules.lexicon.unsureWords).map { Phrase($0).normalizedText })
        // A phrase that a question a story does not fill also has ("all day" is 8 screen hours)
        // could be about either: it is read only with a word that says ("it lasts all day").
        // An amount a day counts as elsewhere: its phrases are read only with its subject named.
        let targetQuestions = Set(targets.filter { $0.kind != .daily }.map(\.question))
        var elsewhere: [String: Set<Int>] = [:]
        for (q, question) in rules.questions.enumerated() where !targetQuestions.contains(q) {
            for (phrase, _) in question.phrases { elsewhere[Phrase(phrase).normalizedText, default: []].insert(q) }
        }
        // An amount a day is read from its figures, or from a phrase naming what it is about
        // ("hardly drinks any water"): "hardly any" alone says too little in a story.
        for (t, target) in targets.enumerated() {
            for (phrase, value) in rules.questions[target.question].phrases {
                let text = Phrase(phrase).normalizedText
                guard case .number(let n) = value, !answerWords.contains(text) else { continue }
                if target.kind == .daily, !Words(phrase).tokens.contains(where: target.topics.contains) { continue }
                phrases.add(Phrase(phrase), (t, n, elsewhere[text]?.subtracting([target.question]).isEmpty == false))
            }
        }
    }

    /// Every amount the story gives with confidence. `named` holds the questions whose own words
    /// the story names, with where they stand (to link an amount to the question beside it).
    func read(_ words: Words, named: [(question: Int, range: Range<Int>)]) -> [Found] {
        let tokens = words.tokens
        let phraseMatches = phrases.matches(in: words)
        // Most of a story is words with no amount in them: without a figure, a number word or a
        // unit of time there is nothing to read.
        guard !phraseMatches.isEmpty || tokens.contains(where: mayBeAmount) else { return [] }
        var found: [Found] = []
        /// Questions given a number of days without a headache.
        var daysWithout: Set<Int> = []

        // "Since I was 15, I'm 40 now" spans clauses.
        if tokens.contains("since"), let years = quantities.yearsSinceAge(quantities.separatingUnits(tokens)) {
            for target in targets where target.kind == .span {
                let value = years * (quantities.hours(ofUnit: "year") ?? 8766) / (target.unit.timeHours ?? 1)
                guard value.isFinite, target.range.contains(value) else { continue }
                found.append(Found(question: target.question, value: value, evidence: excerptSince(tokens)))
            }
        }

        var previousClause: Range<Int>?
        for clause in clauses(words) {
            defer { previousClause = clause }
            // Most clauses hold no amount: nothing to split or search.
            guard tokens[clause].contains(where: mayBeAmount)
                || phraseMatches.contains(where: { clause.contains($0.range.lowerBound) }) else { continue }
            // The clause before, in the same sentence: "sleep is rubbish, maybe 5 hrs".
            let before = previousClause.flatMap { p in words.strongBoundary(between: p.lowerBound, clause.lowerBound) ? nil : tokens[p] }
            // The questions named in this clause, worked out only when an amount needs them.
            var namedHere: Set<Int>?
            func inClauseNamed() -> Set<Int> {
                if let namedHere { return namedHere }
                var result = Set(named.filter { clause.contains($0.range.lowerBound) }.map(\.question))
                // A clause naming nothing goes on from the one before it in the sentence:
                // "ibuprofen helps a bit, taking it maybe 3 days a week".
                if result.isEmpty {
                    let sentenceStart = words.boundaries.last { $0.strong && $0.before <= clause.lowerBound }?.before ?? 0
                    result = Set(named.filter { $0.range.lowerBound >= sentenceStart && $0.range.lowerBound < clause.lowerBound }.map(\.question))
                }
                namedHere = result
                return result
            }
            var used: [Range<Int>] = []
            // The questions' own phrases first: they are the rules author's words.
            let saysLasts = tokens[clause].contains { QuantityWords.lastsWords.contains($0) }
            for match in phraseMatches where clause.contains(match.range.lowerBound) && clause.contains(match.range.upperBound - 1) {
                if match.tag.shared, !(saysLasts && targets[match.tag.target].kind == .duration) { continue }
                // "Every day" inside "nearly every day" is part of the longer phrase.
                if phraseMatches.contains(where: { $0.range.count > match.range.count && $0.range.lowerBound <= match.range.lowerBound
                    && match.range.upperBound <= $0.range.upperBound }) { continue }
                // Two phrases of one question over the same words ("never goes away" found with a little word
                // inside, and "never really goes away") are one candidate.
                var candidates: [Target] = []
                for other in phraseMatches where other.range == match.range && !candidates.contains(where: { $0.question == targets[other.tag.target].question }) {
                    candidates.append(targets[other.tag.target])
                }
                guard let target = pick(candidates, inClauseNamed), target.question == targets[match.tag.target].question else { continue }
                used.append(match.range)
                found.append(Found(question: target.question, value: match.tag.value, evidence: text(tokens, match.range)))
            }
            let t = quantities.separatingUnits(Array(tokens[clause]))
            var i = 0
            /// An amount in this clause that nothing read: a bare period beside it may be its
            /// period ("2 or 3 most weeks"), so it is not read alone.
            var leftUnread = false
            while let (value, start, end) = quantities.firstAmount(in: t, from: i) {
                i = end
                // The phrase already read it ("the whole day" holds no amount, "2 litres" does).
                let shift = clause.lowerBound
                if used.contains(where: { $0.overlaps((start + shift)..<(end + shift)) }) && t.count == clause.count { continue }
                // "Two glasses of water a day", "5 hours a night": the question whose unit that is.
                if let (target, amountEnd) = daily(t, start, end, clauseBefore: before) {
                    i = max(i, amountEnd)
                    if target.range.contains(value) {
                        found.append(Found(question: target.question, value: value,
                                           evidence: t[max(0, start - 1)..<min(t.count, amountEnd)].joined(separator: " ")))
                    }
                    continue
                }
                // "My baby 6 weeks ago, and about a week after that it started": the time between,
                // taken from the point in time before it.
                if let unitAt = quantities.unitIndex(after: end, in: t), let laterEnd = QuantityWords.later(t, unitAt: unitAt),
                   let earlier = found.lastIndex(where: { $0.pointInTime }),
                   let target = targets.first(where: { $0.question == found[earlier].question }) {
                    let gap = quantities.convert(value, start, end, t, target.unit)
                    if gap.isFinite, gap < found[earlier].value {
                        found[earlier].value -= gap
                        found[earlier].pointInTime = false
                        found[earlier].evidence += " … " + t[start..<laterEnd].joined(separator: " ")
                    }
                    i = laterEnd
                    continue
                }
                // "45M. ...": an age, said first.
                // Alone before punctuation or "here" ("20m of zigzags" is minutes).
                if clause.lowerBound == 0, start == 0, end < t.count, QuantityWords.ageOpeningAfter.contains(t[end]),
                   end + 1 == t.count || t[end + 1] == "here",
                   let target = targets.first(where: { $0.kind == .age }), target.range.contains(value) {
                    found.append(Found(question: target.question, value: value, evidence: t[start...end].joined(separator: " ")))
                    i = end + 1
                    continue
                }
                // "Hi, I'm Sam, 27": an age alone in its clause, right after an introduction by name.
                if start == 0, end == t.count, value >= 10, let before = before.map(Array.init),
                   let intro = QuantityWords.currentAge(at: 0, in: before), before.count == intro + 1,
                   !mayBeAmount(before[intro]), !QuantityWords.fillers.contains(before[intro]),
                   let target = targets.first(where: { $0.kind == .age }), target.range.contains(value) {
                    found.append(Found(question: target.question, value: value, evidence: (before + [t[start]]).joined(separator: " ")))
                    i = end
                    continue
                }
                guard let (kind, amountEnd) = self.kind(of: t, value, start, end) else {
                    leftUnread = true
                    // Past the amount's own unit too: "half an hour" must not be read again as "an hour".
                    var next = end
                    while next < t.count, ["a", "an", "of"].contains(t[next]) { next += 1 }
                    if next < t.count, quantities.hours(ofUnit: t[next]) != nil { i = next + 1 }
                    continue
                }
                let candidates = targets.filter { $0.kind == kind }
                guard let target = pick(candidates, inClauseNamed) else { leftUnread = true; continue }
                var amount = quantities.convert(value, start, end, t, target.unit)
                // "Every day except 3 days a month": the days without, taken from the days of the period.
                let without = kind == .rate && QuantityWords.daysWithout(t, start, end)
                if without, let per = target.unit.perHours, let day = quantities.hours(ofUnit: "day") { amount = max(0, per / day - amount) }
                guard amount.isFinite, target.range.contains(amount) else { leftUnread = true; continue }
                i = max(i, amountEnd)
                if without { daysWithout.insert(target.question) }
                found.append(Found(question: target.question, value: amount, daysWithout: without,
                                   pointInTime: kind == .span && QuantityWords.pointInTime(t, start, amountEnd),
                                   evidence: t[max(0, start - 1)..<min(t.count, amountEnd)].joined(separator: " ")))
            }
            // "Most weeks", "weekly": how often, without a count.
            if !found.contains(where: { f in targets.contains { $0.question == f.question && $0.kind == .rate } }),
               !leftUnread, let (period, words) = barePeriod(t),
               let target = pick(targets.filter { $0.kind == .rate }, inClauseNamed), let per = target.unit.perHours,
               target.range.contains(per / period) {
                found.append(Found(question: target.question, value: per / period, evidence: words))
            }
        }

        // A question given two different amounts is not read: the story is unclear about it. Days
        // without a headache say more exactly what "every day" or "most days" beside them means.
        var byQuestion: [Int: Found] = [:]
        var unclear: Set<Int> = []
        let saidToBegin = Set(found.filter { !$0.pointInTime }.map(\.question))
        for f in found where (!daysWithout.contains(f.question) || f.daysWithout) && !(f.pointInTime && saidToBegin.contains(f.question)) {
            if let seen = byQuestion[f.question], abs(seen.value - f.value) > 1e-9 { unclear.insert(f.question) }
            if byQuestion[f.question] == nil { byQuestion[f.question] = f }
        }
        return byQuestion.values.filter { !unclear.contains($0.question) }.sorted { $0.question < $1.question }
    }

    private func mayBeAmount(_ token: String) -> Bool {
        if let first = token.utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") { return true }
        return amountWords.contains(token) || quantities.timeUnits[token] != nil || quantities.rateWords[token] != nil
    }

    /// What kind of amount the words around it make it, and where its words end.
    private func kind(of t: [String], _ value: Double, _ start: Int, _ end: Int) -> (Kind, Int)? {
        // "Once a month", "twice a week", "3 per month": a count whose period follows at once
        // ("half an hour" is no rate: less than once).
        if value >= 1, end < t.count, quantities.rateWords[t[end]] != nil
            || (QuantityWords.periodBefore.contains(t[end]) && end + 1 < t.count && quantities.hours(ofUnit: t[end + 1]) != nil) {
            return (.rate, min(t.count, end + 2))
        }
        var index = end
        while index < t.count, ["a", "an", "of"].contains(t[index]) { index += 1 }
        let unitHours = index < t.count ? quantities.hours(ofUnit: t[index]) : nil
        let afterUnit = unitHours == nil ? end : index + 1
        // An age: "35 years old", "24 yo", "aged 35", "I'm 35".
        if afterUnit < t.count, QuantityWords.ageAfter.contains(t[afterUnit]) || (unitHours == nil && end < t.count && QuantityWords.ageAfter.contains(t[end])) {
            return (.age, min(t.count, max(afterUnit, end) + 1))
        }
        if start > 0, QuantityWords.ageBeforeWords.contains(t[start - 1]) { return (.age, end) }
        if unitHours == nil, start > 0, QuantityWords.currentAge(at: start - 1, in: t) != nil
            || (start > 1 && QuantityWords.currentAge(at: start - 2, in: t) == 2) {
            return (.age, end)
        }
        if QuantityWords.ageBefore(t, start) { return nil } // "since I was 15"
        // How often: a count with a period after it ("twice a month", "2 days a week").
        // The period follows within two words; the amount ends past it, as "3 times a week for 2
        // years" goes on to say how long.
        if let period = quantities.firstPeriod(from: afterUnit, before: afterUnit + 3, in: t) {
            if unitHours == nil || unitHours == quantities.hours(ofUnit: "day") { return (.rate, period.end) }
            return nil // "3 hours a day": not about the headache
        }
        guard let unitHours else { return nil }
        // "For about half an hour": hours and minutes are how long something lasts, never how long it has been going on.
        if unitHours <= 1 {
            if afterUnit < t.count, QuantityWords.after.contains(t[afterUnit]) { return nil } // "3 hours ago"
            return (.duration, afterUnit)
        }
        // "They last 2 days": "last" after anything but "the", "for", "over" or "past" is the verb.
        var verb = start - 1
        while verb >= 0, QuantityWords.fillers.contains(t[verb]) && t[verb] != "the" { verb -= 1 }
        if verb >= 1, t[verb] == "last", !["the", "for", "over", "past", "in", "during"].contains(t[verb - 1]),
           unitHours < (quantities.hours(ofUnit: "week") ?? 168) {
            return (.duration, afterUnit)
        }
        if quantities.isSpan(t, start, end) {
            // "Six weeks ago" ends past "ago"; "the past 2 months" at its unit.
            let ago = afterUnit < t.count && QuantityWords.after.contains(t[afterUnit])
            return unitHours >= (quantities.hours(ofUnit: "week") ?? 168) || ago ? (.span, ago ? afterUnit + 1 : afterUnit) : nil
        }
        var before = start - 1
        while before >= 0, QuantityWords.fillers.contains(t[before]) || t[before] == "for" { before -= 1 }
        if before >= 0, QuantityWords.lastsWords.contains(t[before]), unitHours < (quantities.hours(ofUnit: "week") ?? 168) {
            return (.duration, afterUnit)
        }
        return nil
    }

    /// The words of a question's `ask:` that only it says among the number questions, four letters or
    /// longer and no unit of time: what it asks about ("sleep", "computer", "phone"), not how it
    /// asks ("about", "many", "typical").
    private static func topics(of q: Int, _ rules: RuleSet, units: [String: Double]) -> [String] {
        let asks = rules.questions.enumerated().filter { if case .number = $0.element.kind { return true } else { return false } }
            .map { ($0.offset, Set(Words($0.element.ask).tokens)) }
        guard let own = asks.first(where: { $0.0 == q })?.1 else { return [] }
        return own.filter { word in
            word.count >= 4 && units[word] == nil && !QuantityWords.fillers.contains(word) && word.allSatisfy(\.isLetter)
                && !asks.contains { $0.0 != q && $0.1.contains(word) }
        }.sorted()
    }

    /// The amount-a-day question whose unit the words after an amount name, with where they end:
    /// what is counted ("two glasses of water", "one glass") for a question that counts something
    /// other than time, or hours with the period ("5 hours a night", "7 hours per night") for one
    /// counted in hours.
    private func daily(_ t: [String], _ start: Int, _ end: Int, clauseBefore: ArraySlice<String>? = nil) -> (Target, Int)? {
        guard end < t.count else { return nil }
        // The period's word itself ("night" is not "day", though as long); what is counted may be
        // written short ("hrs" for "hours").
        func names(_ word: String, _ unitWord: String) -> Bool {
            word == unitWord || word + "s" == unitWord || word + "es" == unitWord
        }
        func counts(_ word: String, _ unitWord: String) -> Bool {
            names(word, unitWord) || quantities.hours(ofUnit: word).map { $0 == quantities.hours(ofUnit: unitWord) } == true
        }
        for target in targets where target.kind == .daily {
            guard let counted = target.counted, let period = target.period, counts(t[end], counted) else { continue }
            if quantities.hours(ofUnit: counted) == nil { return (target, end + 1) }
            // Hours: only with this question's own period after them, "a night" or "nightly".
            var k = end + 1
            if k < t.count, QuantityWords.periodBefore.contains(t[k]) { k += 1 }
            if k < t.count, names(t[k], period) { return (target, k + 1) }
            if k < t.count, let rate = quantities.rateWords[t[k]], rate == quantities.hours(ofUnit: period),
               t[k].hasPrefix(period) { return (target, k + 1) }
        }
        // Or with what the hours are of, next to them: "she sleeps about 7 hours", "5 hrs sleep",
        // "10 hours at the computer". Only one question may fit.
        var before = start - 1
        while before >= 0, QuantityWords.fillers.contains(t[before]) { before -= 1 }
        var after = end + 1
        while after < t.count, ["of", "at", "the", "on", "my", "a", "in", "front"].contains(t[after]) { after += 1 }
        let fitting = targets.filter { target in
            guard target.kind == .daily, let counted = target.counted, quantities.hours(ofUnit: counted) != nil,
                  counts(t[end], counted) else { return false }
            return target.topics.contains { topic in
                (before >= 0 && t[before].hasPrefix(topic)) || (after < t.count && t[after].hasPrefix(topic))
            }
        }
        if fitting.count == 1 { return (fitting[0], end + 1) }
        // Or said just before, in a clause of its own with no amount: "sleep is rubbish, maybe 5 hrs".
        guard fitting.isEmpty, let clauseBefore, !clauseBefore.contains(where: mayBeAmount),
              !t[..<start].contains(where: mayBeAmount) else { return nil }
        let named = targets.filter { target in
            guard target.kind == .daily, let counted = target.counted, quantities.hours(ofUnit: counted) != nil,
                  counts(t[end], counted) else { return false }
            return clauseBefore.contains { word in target.topics.contains { word.hasPrefix($0) } }
        }
        return named.count == 1 ? (named[0], end + 1) : nil
    }

    /// A period said on its own, meaning once per period: "most weeks", "every month", "weekly".
    /// Not "the second" or "a day": in a story those are no rate.
    private func barePeriod(_ t: [String]) -> (Double, String)? {
        let day = quantities.hours(ofUnit: "day") ?? 24
        for i in t.indices {
            if let period = quantities.rateWords[t[i]], period >= day { return (period, t[i]) }
            if QuantityWords.periodOnItsOwn.contains(t[i]), i + 1 < t.count, let hours = quantities.hours(ofUnit: t[i + 1]), hours >= day {
                return (hours, t[i...(i + 1)].joined(separator: " "))
            }
        }
        return nil
    }

    /// The one question among `candidates` an amount belongs to: the one linked to a question
    /// named in the same clause, else the one linked to none; nil when that leaves several or none.
    private func pick(_ candidates: [Target], _ inClause: () -> Set<Int>) -> Target? {
        if candidates.count == 1 { return candidates[0] }
        let named = inClause()
        let linked = candidates.filter { !$0.links.isDisjoint(with: named) }
        if linked.count == 1 { return linked[0] }
        if linked.count > 1 { return nil }
        let free = candidates.filter { $0.links.isEmpty }
        return free.count == 1 ? free[0] : nil
    }

    /// The word ranges of the story's clauses: split at punctuation and at words like "and then".
    private func clauses(_ words: Words) -> [Range<Int>] {
        var cuts = words.boundaries.map(\.before)
        for (i, token) in words.tokens.enumerated() where QuantityWords.clauseJoiners.contains(token) { cuts.append(i) }
        cuts.sort()
        var result: [Range<Int>] = []
        var start = 0
        for cut in cuts where cut > start {
            result.append(start..<cut)
            start = cut
        }
        if start < words.tokens.count { result.append(start..<words.tokens.count) }
        return result
    }

    private func text(_ tokens: [String], _ r: Range<Int>) -> String { tokens[r].joined(separator: " ") }

    private func excerptSince(_ tokens: [String]) -> String {
        guard let s = tokens.firstIndex(of: "since") else { return tokens.joined(separator: " ") }
        let now = tokens.indices[s...].first { QuantityWords.currentAge(at: $0, in: tokens) != nil } ?? s
        return tokens[s..<min(tokens.count, now + 3)].joined(separator: " ")
    }
}
