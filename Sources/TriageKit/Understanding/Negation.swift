/// NegEx-style negation (Chapman et al. 2001): a trigger word shortly before a term
/// ("no fever") or after it ("fever is gone") negates it, unless a word like "but" ends
/// the trigger's reach first or the trigger is part of a pseudo-negation ("can't stand").
///
/// The triggers come from the shared word lists, found once in the text (`FoundSharedWords`).
struct Negation: Sendable {
    /// How many words a trigger reaches, as in NegEx.
    static let window = 5
    /// How many words a trigger after its term reaches back: "coughing doesn't do anything",
    /// "sound really doesn't bother me". Further back it would too easily reach a warning sign
    /// the person has ("I had a fit and the pills don't do anything").
    static let windowAfter = 1
    let found: FoundSharedWords
    /// Triggers within this range are not counted.
    var ignoring: Range<Int> = 0..<0

    func isNegated(_ term: Range<Int>) -> Bool {
        for trigger in found.matches {
            let r = trigger.range
            if !ignoring.isEmpty, ignoring.overlaps(r) { continue }
            switch trigger.tag {
            case .negationBefore where r.upperBound <= term.lowerBound:
                guard term.lowerBound - r.upperBound <= Self.window, !found.overlaps(.pseudoNegation, r) else { continue }
                // "No, I'm 36 and it's on both sides": a "no" with punctuation right after it stands
                // alone, an answer rather than the start of "no fever".
                if found.boundaries.contains(where: { $0.before == r.upperBound }) { continue }
                if endsReach(from: r.upperBound, to: term.lowerBound) { continue }
                return true
            case .negationAfter where r.lowerBound >= term.upperBound:
                guard r.lowerBound - term.upperBound <= Self.windowAfter, !found.overlaps(.pseudoNegation, r) else { continue }
                if endsReach(from: term.upperBound, to: r.lowerBound) { continue }
                // A comma ends it too; a colon introduces it ("nausea: none").
                if found.boundaries.contains(where: { !$0.colon && $0.before >= term.upperBound && $0.before <= r.lowerBound }) { continue }
                return true
            default:
                continue
            }
        }
        return false
    }

    /// Whether a trigger stands right before a term, within two words and no punctuation between:
    /// "not the same as always". A phrase that says no by itself ("walking doesn't make it worse")
    /// is not undone by a trigger in the clause before it ("sound doesn't bother me, walking ...").
    func isDeniedRightBefore(_ term: Range<Int>) -> Bool {
        found.matches.contains { trigger in
            let r = trigger.range
            return trigger.tag == .negationBefore && r.upperBound <= term.lowerBound && term.lowerBound - r.upperBound <= 2
                && !found.overlaps(.pseudoNegation, r)
                && !found.boundaries.contains { $0.before >= r.upperBound && $0.before <= term.lowerBound }
        }
    }

    /// Whether a word like "but", or the end of a sentence, stands wholly between two positions.
    private func endsReach(from start: Int, to end: Int) -> Bool {
        // Punctuation at `start` stands right after the trigger, at `end` right before the term.
        if found.boundaries.contains(where: { $0.strong && $0.before >= start && $0.before <= end }) { return true }
        return found.matches.contains { $0.tag == .negationEnd && $0.range.lowerBound >= start && $0.range.upperBound <= end }
    }
}
