/// The plain-text ending shown after a conversation and by `run` without `--json`, from the
/// consultation's report.
///
/// Urgency first and unmistakable, then red flags with reasons, the pattern, therapy,
/// self-care, and the reminder that this is not a diagnosis.
public struct TextReport: ReportRenderer {
    /// Wraps text in colour codes; identity when colour is off.
    public struct Palette: Sendable {
        public var urgent: @Sendable (String) -> String
        public var caution: @Sendable (String) -> String
        public var calm: @Sendable (String) -> String
        public var bold: @Sendable (String) -> String
        public static let plain = Palette(urgent: { $0 }, caution: { $0 }, calm: { $0 }, bold: { $0 })
        public init(urgent: @escaping @Sendable (String) -> String, caution: @escaping @Sendable (String) -> String,
                    calm: @escaping @Sendable (String) -> String, bold: @escaping @Sendable (String) -> String) {
            self.urgent = urgent; self.caution = caution; self.calm = calm; self.bold = bold
        }
    }


    public var palette: Palette
    /// The column text is wrapped at: the terminal's width less a margin, 78 elsewhere.
    public var width: Int
    public init(palette: Palette = .plain, width: Int = 78) {
        self.palette = palette
        self.width = max(30, width)
    }

    public func render(_ report: ConsultationReport) -> String {
        let say = report.wording
        let outcome = report.outcome
        var out: [String] = []
        let rank = report.triageRank
        let colour = rank == 0 ? palette.urgent : (rank < report.levelCount - 1 ? palette.caution : palette.calm)
        out.append(colour(palette.bold("\(outcome.triage.title.uppercased())")))
        out.append(wrap(outcome.triage.advice))
        // One timeline, the triage's: the flags give reasons, never a timing of their own.
        if !outcome.redFlags.isEmpty {
            out.append("")
            out.append(palette.bold(say(.whyHeading)))
            for flag in outcome.redFlags { out.append(bullet(flag.message)) }
        }
        if !outcome.redFlagsUnsure.isEmpty {
            out.append("")
            out.append(palette.bold(say(.unsureHeading)))
            for flag in outcome.redFlagsUnsure { out.append(bullet(flag.message)) }
        }
        let safetyNets = report.safetyNets
        if !safetyNets.isEmpty {
            out.append("")
            out.append(palette.bold(say(.safetyHeading)))
            for line in safetyNets { out.append(bullet(line)) }
        }
        if report.patternAssessed {
            out.append("")
            out.append(palette.bold(say(.patternHeading)))
            if let pattern = outcome.pattern {
                let code = pattern.code.map { " (ICHD-3 \($0))" } ?? ""
                out.append(bullet(say(.mostLike, ["pattern": pattern.name + code])))
                if let about = pattern.about { out.append(wrap(about, indent: "  ")) }
            }
            if !outcome.contributors.isEmpty {
                out.append(bullet(say(.contributorsLine, ["list": outcome.contributors.map(\.name).joined(separator: ", ")])))
            }
        }
        if let therapy = outcome.therapy {
            out.append("")
            out.append(palette.bold(wrap(say(.therapyHeading, ["title": therapy.title]))))
            if let text = therapy.text { out.append(wrap(text)) }
            if !outcome.focus.isEmpty {
                out.append(wrap(say(.focusLine, ["list": outcome.focus.map(\.name).joined(separator: ", ")])))
            }
            if let expect = therapy.expect { out.append(wrap(say(.expectLine, ["text": expect]))) }
        }
        if !outcome.selfCare.isEmpty {
            out.append("")
            out.append(palette.bold(say(.selfCareHeading)))
            for advice in outcome.selfCare { out.append(bullet(advice.text)) }
        }
        out.append("")
        out.append(wrap(say(.disclaimer)))
        return out.joined(separator: "\n") + "\n"
    }

    private func bullet(_ text: String) -> String { wrap(text, indent: "  ", first: "- ") }

    /// Wraps at `width` columns, never inside a word.
    public func wrap(_ text: String, indent: String = "", first: String? = nil) -> String {
        if let wrapped = Self.wrapASCII(text, indent: indent, first: first, width: width) { return wrapped }
        var lines: [String] = []
        var current = first.map { indent.dropLast(min(indent.count, $0.count)) + $0 } ?? indent
        let startLength = current.count
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, current.count > startLength {
                lines.append(current)
                current = indent
            }
            current += (current.count == startLength || current == indent ? "" : " ") + word
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// `wrap` for plain ASCII text (no carriage returns), where a character is a byte: the same
    /// lines, worked out on the bytes with each length counted once. Counting characters of the
    /// growing line for every word made the text report cost four times the triage itself.
    /// Nil when the text is not plain ASCII.
    static func wrapASCII(_ text: String, indent: String, first: String?, width: Int = 78) -> String? {
        func plain(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
        guard plain(text), plain(indent), first.map(plain) ?? true else { return nil }
        let indentBytes = Array(indent.utf8)
        var current: [UInt8] = first.map { Array(indentBytes.dropLast(min(indentBytes.count, $0.utf8.count))) + Array($0.utf8) } ?? indentBytes
        let startLength = current.count
        var isIndent = current == indentBytes
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 70 * (indentBytes.count + 1) + startLength)
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x20 { i += 1; continue }
                var end = i
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                let word = bytes[i..<end]
                if current.count + word.count + 1 > width, current.count > startLength {
                    out += current
                    out.append(0x0A)
                    current = indentBytes
                    isIndent = true
                }
                if !(current.count == startLength || isIndent) { current.append(0x20) }
                current += word
                isIndent = false
                i = end
            }
        }
        out += current
        return String(decoding: out, as: UTF8.self)
    }
}
