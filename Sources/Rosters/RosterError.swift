/// A problem with a roster file: where it is (line and column, 1-based; the column counts
/// characters) and what is wrong, in the form editors and CI read.
public struct RosterError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: error: message`.
  public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
