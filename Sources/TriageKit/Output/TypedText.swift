/// Makes text safe to show in each format. What a person typed is shown as text, never as
/// markup or control codes: a story holding `<script>`, a Markdown link or a terminal escape
/// sequence must come out as the characters it is made of, or without the invisible ones.
/// The rules' own texts go through the same doors: it costs nothing and keeps one way in.
public enum TypedText {
    /// Without control characters (C0, DEL, C1, and the bidirectional overrides that can make
    /// text read differently from what it holds), on one line: line breaks and tabs become spaces.
    public static func plain(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x0D || v == 0x09 || v == 0x2028 || v == 0x2029 {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C {
                continue
            }
            out.append(scalar)
            lastWasSpace = scalar == " "
        }
        return String(out)
    }

    /// For HTML text and attribute values: the five characters that can start markup or end
    /// an attribute become entities.
    public static func html(_ text: String) -> String {
        var out = ""
        for ch in plain(text) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Characters that start inline Markdown (emphasis, code, links and images, HTML, entities,
    /// tables, strikethrough, maths): escaped with a backslash, which CommonMark allows before
    /// any ASCII punctuation. With "[" escaped, "(" and "!" can start nothing. "@" is escaped
    /// too, and below the colon of an address and the dot of "www.", so that no address
    /// becomes a link by itself (GitHub's autolinks).
    private static let markdownSpecial: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">",
                                                          "~", "|", "&", "$", "@"]

    /// For Markdown text on one line, inside a paragraph or list item.
    public static func markdown(_ text: String) -> String {
        let line = plain(text)
        var out = ""
        var previous: [Character] = []
        for (i, ch) in line.enumerated() {
            // A block marker only counts at the start of the text (a heading, list or quote
            // inside a list item): escape it there.
            if i == 0 || line.prefix(i).allSatisfy({ $0 == " " }) {
                if ["#", "+", "-", "=", ">"].contains(ch) { out += "\\" }
                // "1." or "1)" at the start would begin a numbered list.
            }
            if markdownSpecial.contains(ch) { out += "\\" }
            if ch == ".", previous.suffix(3).map({ $0.lowercased() }).joined() == "www" { out += "\\" }
            if ch == ":", line.dropFirst(i + 1).first == "/" || ["mailto", "xmpp"].contains(where: {
                previous.suffix($0.count).map { $0.lowercased() }.joined() == $0 }) { out += "\\" }
            if ch == "." || ch == ")", !previous.isEmpty, previous.allSatisfy(\.isNumber),
               line.prefix(i).allSatisfy({ $0.isNumber }) { out += "\\" }
            out.append(ch)
            previous.append(ch)
        }
        return out
    }
}
