/// A place in a text file, 1-based, counted in characters (not bytes) so a caret lines up.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A stretch of one line: where a token or a value stands, for carets under it.
public struct SourceRange: Hashable, Sendable {
    public var start: SourceLocation
    public var length: Int

    public init(_ start: SourceLocation, length: Int) {
        self.start = start
        self.length = max(1, length)
    }
}
