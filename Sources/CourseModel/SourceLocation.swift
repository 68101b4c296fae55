/// Where a parsed node starts in a course file.
///
/// Lines are 1-based and count every line of the original file, front matter included.
/// Columns are 1-based UTF-8 byte offsets, as cmark counts them.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The path of the file, as it was given to the parser.
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, in UTF-8 bytes.
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `path:line:column`, the form editors and CI parse; a path with control characters
  /// is shown with them made visible.
  public var description: String { "\(file.sanitizedForTerminal):\(line):\(column)" }

  /// The same line, `bytes` columns further on.
  public func movedRight(by bytes: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column + bytes)
  }

  /// Another column of the same line.
  public func at(column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
}
