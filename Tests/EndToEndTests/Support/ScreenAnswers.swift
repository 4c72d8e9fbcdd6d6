/// What a person types at a screen (several yes/no questions in one prompt) for answers given
/// by question id: the numbers of the lines that apply, "not sure about" the doubtful ones, or
/// "none".
enum ScreenAnswers {
    static func line(_ ids: [String], _ answers: [String: String]) -> String {
        var yes: [String] = [], unsure: [String] = []
        for (i, id) in ids.enumerated() {
            let answer = (answers[id] ?? "not sure").lowercased()
            if answer.hasPrefix("yes") { yes.append(String(i + 1)) } else if answer.hasPrefix("not sure") { unsure.append(String(i + 1)) }
        }
        var parts: [String] = []
        if !yes.isEmpty { parts.append(yes.joined(separator: " and ")) }
        if !unsure.isEmpty { parts.append("not sure about " + unsure.joined(separator: " and ")) }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// The ids of the prompt just shown: "[question 8 of about 40 · age]" or
    /// "[questions 1-7 of about 57 · sudden_onset, worst_ever, ...]".
    static func ids(in text: String) -> [String]? {
        guard let marker = text.range(of: " · ", options: .backwards) else { return nil }
        let rest = text[marker.upperBound...]
        guard let end = rest.firstIndex(of: "]") else { return nil }
        return rest[..<end].components(separatedBy: ", ")
    }
}
