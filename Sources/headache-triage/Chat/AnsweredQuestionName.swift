import TriageKit

/// Finds the answered question a person means by `change WORDS`: its id ("water_glasses"),
/// or the one question whose id and wording hold the most of the words ("change water",
/// "change how much water", "change the sleep one"). People do not know ids; the ending's hint says "change
/// and a question", so a word of the question must be enough.
enum AnsweredQuestionName {
    /// Words that only point at the answer: "change my age", "change the water one".
    static let pointing: Set<String> = ["the", "my", "a", "an", "one", "answer", "question", "about", "to", "for", "of"]

    /// The one answered question the words name, or nil when none, or several equally, fit.
    static func resolve(_ typed: String, answered: [Question]) -> String? {
        let spaced = typed.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).map(String.init)
        if let exact = answered.first(where: { $0.id == spaced.joined(separator: "_") }) { return exact.id }
        let wanted = spaced.filter { !pointing.contains($0) }
        guard !wanted.isEmpty else { return nil }
        func words(_ text: String) -> Set<String> {
            Set(text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        }
        // The question whose id and words hold the most of the typed words, when one holds more
        // than any other ("how much water": the water question, though others say "how").
        let scored = answered.map { q in (q.id, wanted.filter(words(q.id.replacingOccurrences(of: "_", with: " ") + " " + q.ask).contains).count) }
        guard let best = scored.map(\.1).max(), best > 0 else { return nil }
        let top = scored.filter { $0.1 == best }
        if top.count == 1 { return top[0].0 }
        return nil
    }
}
