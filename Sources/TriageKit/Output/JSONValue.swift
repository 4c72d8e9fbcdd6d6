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
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let n): return n.isFinite ? n.plainJSON : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .string = $0 { return true }; if case .number = $0 { return true }; return false }) {
                return "[" + items.map { $0.render(pretty: false) }.joined(separator: ", ") + "]"
            }
            return "[" + nl + items.map { pad + $0.render(indent: indent + 1, pretty: pretty) }.joined(separator: "," + nl) + nl + close + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            let sep = pretty ? ": " : ":"
            return "{" + nl + fields.map { pad + Self.quote($0.0) + sep + $0.1.render(indent: indent + 1, pretty: pretty) }
                .joined(separator: "," + nl) + nl + close + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }
}

extension Double {
    /// JSON numbers: integers without a fraction, others in their shortest exact form.
    var plainJSON: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
