/// A token of a condition (`age >= 50 and temple_jaw`), with where it stands.
public struct ConditionToken: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case word(String)
        case number(Double)
        case comparison(ConditionSyntax.Comparison)
        case open, close, comma
        case unexpected(Character)
    }

    public var kind: Kind
    public var range: SourceRange
    public var text: String
}

/// Splits a condition's text (possibly over several lines) into tokens.
public enum ConditionLexer {
    public static func tokens(_ value: ValueText) -> [ConditionToken] {
        var tokens: [ConditionToken] = []
        for segment in value.segments {
            let chars = Array(segment.text)
            var i = 0
            func location(_ offset: Int) -> SourceLocation {
                var loc = segment.start
                loc.column += offset
                return loc
            }
            while i < chars.count {
                let c = chars[i]
                let start = i
                if c == " " || c == "\t" { i += 1; continue }
                if c == "#" { break } // a comment after a condition
                if isLetter(c) || c == "_" {
                    while i < chars.count, isLetter(chars[i]) || isNumber(chars[i]) || chars[i] == "_" { i += 1 }
                    let text = String(chars[start..<i])
                    tokens.append(ConditionToken(kind: .word(text), range: SourceRange(location(start), length: i - start), text: text))
                    continue
                }
                if isNumber(c) || (c == "." && i + 1 < chars.count && isNumber(chars[i + 1])) || (c == "-" && i + 1 < chars.count && isNumber(chars[i + 1])) {
                    i += 1
                    while i < chars.count, isNumber(chars[i]) || chars[i] == "." { i += 1 }
                    let text = String(chars[start..<i])
                    // A number too large to mean anything (it would overflow) is not a number here.
                    let kind: ConditionToken.Kind = Double(text).flatMap { $0.isFinite && abs($0) < 1e15 ? .number($0) : nil } ?? .unexpected(c)
                    tokens.append(ConditionToken(kind: kind, range: SourceRange(location(start), length: i - start), text: text))
                    continue
                }
                let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
                if let op = ConditionSyntax.Comparison(rawValue: two), two.count == 2 {
                    tokens.append(ConditionToken(kind: .comparison(op), range: SourceRange(location(i), length: 2), text: two))
                    i += 2
                    continue
                }
                let kind: ConditionToken.Kind
                switch c {
                case "(": kind = .open
                case ")": kind = .close
                case ",": kind = .comma
                case "<": kind = .comparison(.lt)
                case ">": kind = .comparison(.gt)
                case "=": kind = .comparison(.eq)
                default: kind = .unexpected(c)
                }
                tokens.append(ConditionToken(kind: kind, range: SourceRange(location(i), length: 1), text: String(c)))
                i += 1
            }
        }
        return tokens
    }

    // Letters and digits told apart on ASCII without Unicode's tables: conditions are nearly
    // always ASCII, and the tables' look-ups were a thirtieth of a one-script run.
    private static func isLetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return c.isLetter }
        return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A
    }

    private static func isNumber(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return c.isNumber }
        return a >= 0x30 && a <= 0x39
    }
}
