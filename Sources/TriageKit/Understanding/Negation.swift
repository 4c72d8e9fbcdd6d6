/// NegEx-style negation (Chapman et al. 2001): a trigger word shortly before a term
/// ("no fever") or after it ("fever is gone") negates it, unless a word like "but" ends
/// the trigger's reach first or the trigger is part of a pseudo-negation ("can't stand").
///
/// The triggers come from the shared word lists, found once in the text (`FoundSharedWords`).
struct Negation: Sendable {
    /// How many words a trigger reaches, as in NegEx.
    static let window = 5
    let found: FoundSharedWords

    func isNegated(_ term: Range<Int>) -> Bool {
        for trigger in found.matches {
            let r = trigger.range
            switch trigger.tag {
            case .negationBefore where r.upperBound <= term.lowerBound:
                guard term.lowerBound - r.upperBound <= Self.window, !found.overlaps(.pseudoNegation, r) else { continue }
                if endsReach(from: r.upperBound, to: term.lowerBound) { continue }
                return true
            case .negationAfter where r.lowerBound >= term.upperBound:
                guard r.lowerBound - term.upperBound <= Self.window, !found.overlaps(.pseudoNegation, r) else { continue }
                if endsReach(from: term.upperBound, to: r.lowerBound) { continue }
                return true
            default:
                continue
            }
        }
        return false
    }

    /// Whether a word like "but" stands wholly between two positions.
    private func endsReach(from start: Int, to end: Int) -> Bool {
        found.matches.contains { $0.tag == .negationEnd && $0.range.lowerBound >= start && $0.range.upperBound <= end }
    }
}
