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
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        write(to: &out, indent: indent, pretty: pretty)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends to one byte buffer: rendering nested values into strings of their own and joining
    /// them cost more than the whole triage, and appending to a `String` piece by piece still
    /// cost a third of a scripted run with `--format jsonl`.
    func write(to out: inout [UInt8], indent: Int, pretty: Bool) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            for _ in 0..<level { out.append(0x20); out.append(0x20) }
        }
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .number(let n): out += (n.isFinite ? n.plainJSON : "null").utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            if items.isEmpty { out += "[]".utf8; return }
            let flat = items.allSatisfy { if case .string = $0 { return true }; if case .number = $0 { return true }; return false }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 {
                    out.append(UInt8(ascii: ","))
                    if flat { out.append(0x20) }
                }
                if !flat { newline(indent + 1) }
                item.write(to: &out, indent: indent + 1, pretty: flat ? false : pretty)
            }
            if !flat { newline(indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            if fields.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                Self.quote(field.0, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                field.1.write(to: &out, indent: indent + 1, pretty: pretty)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping at all: append them whole.
        var s = s
        let plain = s.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !plain {
            var escaped = ""
            quoteEscaping(s, into: &escaped)
            out += escaped.utf8
        }
        out.append(UInt8(ascii: "\""))
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
        quoteEscaping(s, into: &out)
        out += "\""
    }

    /// The characters of `s` with JSON's escapes, without the quotes.
    static func quoteEscaping(_ s: String, into out: inout String) {
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
    }
}

extension Double {
    /// JSON numbers: integers without a fraction, others in their shortest exact form.
    var plainJSON: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
