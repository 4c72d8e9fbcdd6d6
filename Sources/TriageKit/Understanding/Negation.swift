/// NegEx-style negation (Chapman et al. 2001): a trigger word shortly before a term
/// ("no fever") or after it ("fever is gone") negates it, unless a word like "but" ends
/// the trigger's reach first or the trigger is part of a pseudo-negation ("can't stand").
struct Negation: Sendable {
    /// How many words a trigger reaches, as in NegEx.
    static let window = 5
    let before: [Phrase]
    let after: [Phrase]
    let ends: [Phrase]
    let pseudo: [Phrase]

    init(lexicon: Lexicon) {
        before = Phrase.list(lexicon.negationBefore)
        after = Phrase.list(lexicon.negationAfter)
        ends = Phrase.list(lexicon.negationEnds)
        pseudo = Phrase.list(lexicon.pseudoNegations)
    }

    func isNegated(_ term: Range<Int>, in words: Words) -> Bool {
        let pseudo = self.pseudo.flatMap { words.occurrences(of: $0.tokens) }
        func coveredByPseudo(_ r: Range<Int>) -> Bool { pseudo.contains { $0.overlaps(r) } }
        let ends = self.ends.flatMap { words.occurrences(of: $0.tokens) }

        for trigger in before {
            for r in words.occurrences(of: trigger.tokens) where r.upperBound <= term.lowerBound {
                let gap = term.lowerBound - r.upperBound
                guard gap <= Self.window, !coveredByPseudo(r) else { continue }
                if ends.contains(where: { $0.lowerBound >= r.upperBound && $0.upperBound <= term.lowerBound }) { continue }
                return true
            }
        }
        for trigger in after {
            for r in words.occurrences(of: trigger.tokens) where r.lowerBound >= term.upperBound {
                let gap = r.lowerBound - term.upperBound
                guard gap <= Self.window, !coveredByPseudo(r) else { continue }
                if ends.contains(where: { $0.lowerBound >= term.upperBound && $0.upperBound <= r.lowerBound }) { continue }
                return true
            }
        }
        return false
    }
}
