/// NegEx-style negation (Chapman et al. 2001): a trigger word shortly before a term
/// ("no fever") or after it ("fever is gone") negates it, unless a word like "but" ends
/// the trigger's reach first or the trigger is part of a pseudo-negation ("can't stand").
struct Negation: Sendable {
    /// How many words a trigger reaches, as in NegEx.
    static let window = 5
    let lexicon: Lexicon

    func isNegated(_ term: Range<Int>, in words: Words) -> Bool {
        let pseudo = lexicon.pseudoNegations.flatMap { words.occurrences(of: $0) }
        func coveredByPseudo(_ r: Range<Int>) -> Bool { pseudo.contains { $0.overlaps(r) } }
        let ends = lexicon.negationEnds.flatMap { words.occurrences(of: $0) }

        for trigger in lexicon.negationBefore {
            for r in words.occurrences(of: trigger) where r.upperBound <= term.lowerBound {
                let gap = term.lowerBound - r.upperBound
                guard gap <= Self.window, !coveredByPseudo(r) else { continue }
                if ends.contains(where: { $0.lowerBound >= r.upperBound && $0.upperBound <= term.lowerBound }) { continue }
                return true
            }
        }
        for trigger in lexicon.negationAfter {
            for r in words.occurrences(of: trigger) where r.lowerBound >= term.upperBound {
                let gap = r.lowerBound - term.upperBound
                guard gap <= Self.window, !coveredByPseudo(r) else { continue }
                if ends.contains(where: { $0.lowerBound >= term.upperBound && $0.upperBound <= r.lowerBound }) { continue }
                return true
            }
        }
        return false
    }
}
