/// A picture for the therapist: head, neck and shoulders seen from the side, with the focus
/// areas of the outcome marked and numbered as they are listed.
///
/// Which areas are marked comes from the outcome (the rules' focus areas); the picture only
/// knows where each muscle lies, by its id. An area the picture has no shape for is not
/// dropped: `unmarked` names it, and the summary lists it in words.
public struct BodyMapSVG: Sendable {
    /// Where a muscle lies on the outline (SVG path data in a 220 x 240 box, facing left),
    /// and where its number goes.
    struct Shape: Sendable {
        var path: String
        var label: (x: Int, y: Int)
    }

    /// The muscles the picture can mark, by focus-area id.
    static let shapes: [String: Shape] = [
        // The fan over the temple, above the ear.
        "temporalis": Shape(path: "M96,66 C100,44 130,38 146,52 C152,62 146,76 132,80 C118,82 104,80 96,66 Z", label: (122, 36)),
        // The chewing muscle at the angle of the jaw.
        "masseter": Shape(path: "M88,100 C92,94 104,96 106,104 L108,126 C104,132 94,132 90,126 Z", label: (72, 112)),
        // The small muscles at the base of the skull, at the back.
        "suboccipitals": Shape(path: "M136,116 C144,110 160,110 166,118 C162,126 146,128 136,122 Z", label: (178, 110)),
        // From behind the ear down and forward to the top of the breastbone.
        "sternocleidomastoid": Shape(path: "M124,102 L134,106 L104,184 L94,182 Z", label: (128, 150)),
        // From the back of the neck out over the top of the shoulder.
        "upper_trapezius": Shape(path: "M146,128 C154,160 178,178 212,190 L210,204 C172,194 146,172 138,140 Z", label: (194, 170)),
    ]

    /// The ids the picture can mark.
    public static var knownAreas: [String] { shapes.keys.sorted() }

    public var focus: [FocusArea]

    /// The picture's title, for screen readers (the rules' wording).
    public var title: String

    public init(focus: [FocusArea], title: String = SummaryHeadings.english.pictureTitle) {
        self.focus = focus
        self.title = title
    }

    /// Focus areas with no shape in the picture, by id, in the outcome's order.
    public var unmarked: [FocusArea] { focus.filter { Self.shapes[$0.id] == nil } }

    public func render() -> String {
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 224 240" class="body-map" role="img" aria-labelledby="body-map-title">"##
        out += ##"<title id="body-map-title">\##(TypedText.html(title))</title>"##
        // The outline: head facing left, ear, eye, nose, jaw, neck and shoulders.
        out += ##"<g class="outline" fill="none" stroke="#555" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">"##
        out += ##"<path d="M64,60 C70,22 120,10 152,26 C178,40 184,80 172,108 C166,122 156,128 146,128"/>"##
        out += ##"<path d="M64,60 C60,70 58,78 56,84 L44,100 L56,104 C56,110 58,116 62,120 L60,128 C66,136 80,140 96,136"/>"##
        out += ##"<ellipse cx="126" cy="88" rx="8" ry="13"/>"##
        out += ##"<circle cx="72" cy="76" r="2.5" fill="#555"/>"##
        out += ##"<path d="M96,136 L94,178"/><path d="M146,128 C146,146 150,164 160,176"/>"##
        out += ##"<path d="M12,236 C18,200 48,184 94,178"/><path d="M160,176 C190,182 210,196 216,236"/>"##
        out += "</g>"
        for (n, area) in focus.enumerated() {
            guard let shape = Self.shapes[area.id] else { continue }
            let name = TypedText.html(area.name)
            out += ##"<path class="focus" data-focus="\##(TypedText.html(area.id))" d="\##(shape.path)" fill="#d9534f" fill-opacity="0.55" stroke="#a02622" stroke-width="1.2"><title>\##(name)</title></path>"##
            out += ##"<g class="focus-label"><circle cx="\##(shape.label.x)" cy="\##(shape.label.y)" r="8" fill="#a02622"/>"##
            out += ##"<text x="\##(shape.label.x)" y="\##(shape.label.y + 4)" text-anchor="middle" font-size="11" font-family="sans-serif" fill="#fff">\##(n + 1)</text></g>"##
        }
        out += "</svg>"
        return out
    }
}
