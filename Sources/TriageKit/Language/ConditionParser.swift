/// Parses one condition by recursive descent: `or` of `and`s of (`not`) primaries.
///
/// Nesting is bounded so a pathological file gets an error, not a stack overflow.
public struct ConditionParser {
    public static let maxDepth = 64
    /// The most conditions one "at least N of (...)" may list.
    public static let maxListLength = 1_000

    private let tokens: [ConditionToken]
    private let end: SourceRange
    /// The rules' named values (`value simple_painkiller_limit: 2`), usable wherever a number is.
    private let values: [String: Double]
    private var position = 0
    private var depth = 0

    public init(_ value: ValueText, values: [String: Double] = [:]) {
        self.values = values
        tokens = ConditionLexer.tokens(value)
        let last = value.segments[value.segments.count - 1]
        var loc = last.start
        loc.column += last.text.count
        end = SourceRange(loc, length: 1)
    }

    /// The condition, or the first problem in it.
    public static func parse(_ value: ValueText, values: [String: Double] = [:]) -> Result<ConditionSyntax, Diagnostic> {
        var parser = ConditionParser(value, values: values)
        do {
            if parser.tokens.isEmpty { throw parser.failure("a condition is missing here", at: parser.end, notes: ["e.g. 'fever and stiff_neck'"]) }
            let condition = try parser.parseOr()
            if let extra = parser.peek {
                throw parser.failure("I did not expect '\(extra.text)' here", at: extra.range,
                                     notes: ["join conditions with 'and' or 'or'"])
            }
            return .success(condition)
        } catch let diagnostic as Diagnostic {
            return .failure(diagnostic)
        } catch {
            return .failure(.error("\(error)", at: parser.end))
        }
    }

    private var peek: ConditionToken? { position < tokens.count ? tokens[position] : nil }

    private func peekWord(_ offset: Int = 0) -> String? {
        guard position + offset < tokens.count, case .word(let w) = tokens[position + offset].kind else { return nil }
        return w.lowercased()
    }

    private mutating func next() -> ConditionToken? {
        defer { position += 1 }
        return peek
    }

    private func failure(_ message: String, at range: SourceRange, notes: [String] = []) -> Diagnostic {
        .error(message, at: range, notes: notes)
    }

    private var here: SourceRange { peek?.range ?? end }

    private mutating func parseOr() throws -> ConditionSyntax {
        var parts = [try parseAnd()]
        while peekWord() == "or" {
            position += 1
            parts.append(try parseAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws -> ConditionSyntax {
        var parts = [try parseUnary()]
        while peekWord() == "and" {
            position += 1
            parts.append(try parseUnary())
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseUnary() throws -> ConditionSyntax {
        if peekWord() == "not", let token = next() {
            return .not(try nested { try $0.parseUnary() }, token.range)
        }
        return try parsePrimary()
    }

    private mutating func nested<T>(_ body: (inout ConditionParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw failure("this condition is nested more than \(Self.maxDepth) levels deep", at: here,
                          notes: ["split it into named parts with 'define'"])
        }
        return try body(&self)
    }

    private mutating func parsePrimary() throws -> ConditionSyntax {
        guard let token = peek else {
            throw failure("the condition ends too early", at: end, notes: ["something is missing after the last word"])
        }
        switch token.kind {
        case .open:
            position += 1
            let inner = try nested { try $0.parseOr() }
            try expect(.close, "a ')' to close the '(' at column \(token.range.start.column)")
            return inner
        case .word(let raw):
            let word = raw.lowercased()
            if word == "at", let which = peekWord(1), which == "least" || which == "most" {
                position += 2
                return try parseCount(which == "least" ? .atLeast : .atMost, start: token.range)
            }
            if word == "exactly" {
                position += 1
                return try parseCount(.exactly, start: token.range)
            }
            if word == "flag" || word == "contributor" {
                position += 1
                let name = try expectName(word == "flag" ? "a red flag id after 'flag'" : "a contributor id after 'contributor'")
                return word == "flag" ? .flag(name) : .contributor(name)
            }
            if let derived = ConditionSyntax.Derived(rawValue: word), peekWord(1) == "is" {
                position += 2
                let (negated, values) = try parseIsTail()
                return .derived(derived, Name(word, token.range), negated: negated, values: values)
            }
            if ["and", "or", "of", "is", "has", "between"].contains(word) {
                throw failure("'\(raw)' cannot start a condition", at: token.range,
                              notes: ["is something missing before it?"])
            }
            position += 1
            let name = Name(raw, token.range)
            return try parseAfterName(name)
        case .number:
            throw failure("a number cannot start a condition", at: token.range,
                          notes: ["put the fact first, e.g. 'age >= 50'"])
        case .comparison, .close, .comma:
            throw failure("I did not expect '\(token.text)' here", at: token.range)
        case .unexpected(let c):
            if c.isNumber {
                throw failure("'\(token.text)' is not a number the rules can use (too long or malformed)", at: token.range)
            }
            throw failure("'\(c)' is not part of the rules language", at: token.range,
                          notes: ["comparisons are written <, <=, >, >=, = and !="])
        }
    }

    private mutating func parseAfterName(_ name: Name) throws -> ConditionSyntax {
        guard let token = peek else { return .name(name) }
        switch token.kind {
        case .comparison(let op):
            position += 1
            let value = try expectNumber("a number after '\(token.text)'")
            return .compare(name, op, value, name.range)
        case .word(let w) where w.lowercased() == "between":
            position += 1
            let low = try expectNumber("a number after 'between'")
            guard peekWord() == "and" else {
                throw failure("'between' is written 'between LOW and HIGH'", at: here)
            }
            position += 1
            let high = try expectNumber("a number after 'and'")
            return .between(name, low, high, name.range)
        case .word(let w) where w.lowercased() == "is":
            position += 1
            let (negated, values) = try parseIsTail()
            return .isValue(name, negated: negated, values: values)
        case .word(let w) where w.lowercased() == "has":
            position += 1
            if peekWord() == "any", peekWord(1) == "of" {
                position += 2
                return .has(name, values: try parseOptionList())
            }
            return .has(name, values: [try expectName("an option id after 'has' (or 'has any of (A, B)')")])
        default:
            return .name(name)
        }
    }

    /// After `is`: `[not] VALUE` or `[not] one of (A, B, ...)`.
    private mutating func parseIsTail() throws -> (Bool, [Name]) {
        var negated = false
        if peekWord() == "not" { negated = true; position += 1 }
        if peekWord() == "one", peekWord(1) == "of" {
            position += 2
            return (negated, try parseOptionList())
        }
        return (negated, [try expectName("a value after 'is' (an option id, yes, no or unsure)")])
    }

    /// `(A, B, ...)`, or the same without parentheses.
    private mutating func parseOptionList() throws -> [Name] {
        var values: [Name] = []
        let parenthesised = peek?.kind == .open
        if parenthesised { position += 1 }
        repeat {
            values.append(try expectName("an option id"))
        } while peek?.kind == .comma && { position += 1; return true }()
        if parenthesised { try expect(.close, "a ')' after the list of options") }
        return values
    }

    private mutating func parseCount(_ counting: ConditionSyntax.Counting, start: SourceRange) throws -> ConditionSyntax {
        let numberToken = peek
        let n = try expectNumber("how many, e.g. 'at least 2 of (...)'", named: false)
        guard n >= 0, n == n.rounded(), n <= Double(Self.maxListLength) else {
            throw failure("'\(counting.rawValue)' needs a whole number from 0 to \(Self.maxListLength)", at: numberToken?.range ?? here)
        }
        guard peekWord() == "of" else {
            throw failure("expected 'of' after '\(counting.rawValue) \(Int(n))'", at: here)
        }
        position += 1
        // `at least 2 of aura_features in (a, b, c)`: how many of these options a `several` fact holds.
        if case .word? = peek?.kind, peekWord(1) == "in", let fact = try? expectName("a fact") {
            position += 1
            let options = try parseOptionList()
            return .count(counting, Int(n), options.map { .has(fact, values: [$0]) }, start)
        }
        try expect(.open, "a '(' with the list of conditions, e.g. '\(counting.rawValue) 2 of (a, b, c)'")
        var parts: [ConditionSyntax] = []
        repeat {
            parts.append(try nested { try $0.parseOr() })
        } while peek?.kind == .comma && { position += 1; return true }()
        try expect(.close, "a ')' or ',' in the list")
        return .count(counting, Int(n), parts, start)
    }

    private mutating func expect(_ kind: ConditionToken.Kind, _ what: String) throws {
        guard let token = peek, token.kind == kind else {
            throw failure("expected \(what)", at: here)
        }
        position += 1
    }

    private mutating func expectName(_ what: String) throws -> Name {
        guard let token = peek, case .word(let w) = token.kind else {
            throw failure("expected \(what)", at: here)
        }
        position += 1
        return Name(w, token.range)
    }

    /// A number, or (`named`) the name of a `value`, as comparisons take.
    private mutating func expectNumber(_ what: String, named: Bool = true) throws -> Double {
        if named, let token = peek, case .word(let word) = token.kind, !["and", "or", "not", "of"].contains(word.lowercased()) {
            guard let n = values[word] else {
                throw failure("there is no value '\(word)'", at: token.range,
                              notes: Suggestions.note(for: word, in: values.keys.sorted())
                                + ["a number goes here, or the name of a 'value' line, e.g. 'value my_limit: 10'"])
            }
            position += 1
            return n
        }
        guard let token = peek, case .number(let n) = token.kind else {
            throw failure("expected \(what)", at: here)
        }
        position += 1
        return n
    }
}

extension Diagnostic: Error {}
