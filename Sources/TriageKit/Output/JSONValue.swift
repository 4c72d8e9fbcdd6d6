/// A JSON value that keeps its keys in the order given, so output is stable and diffable.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.render() == b.render() }

    public func render(indent: Int = 0, pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: indent, pretty: pretty)
        return out
    }

    /// Appends to one buffer: rendering nested values into strings of their own and joining them
    /// cost more than the whole triage.
    func write(to out: inout String, indent: Int, pretty: Bool) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out += "\n"
            for _ in 0..<level { out += "  " }
        }
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .number(let n): out += n.isFinite ? n.plainJSON : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let flat = items.allSatisfy { if case .string = $0 { return true }; if case .number = $0 { return true }; return false }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += flat ? ", " : "," }
                if !flat { newline(indent + 1) }
                item.write(to: &out, indent: indent + 1, pretty: flat ? false : pretty)
            }
            if !flat { newline(indent) }
            out += "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, field) in fields.enumerated() {
                if i > 0 { out += "," }
                newline(indent + 1)
                Self.quote(field.0, into: &out)
                out += pretty ? ": " : ":"
                field.1.write(to: &out, indent: indent + 1, pretty: pretty)
            }
            newline(indent)
            out += "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escaping at all: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension Double {
    /// JSON numbers: integers without a fraction, others in their shortest exact form.
    var plainJSON: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
