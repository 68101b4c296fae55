import Foundation

/// Statements as text: one JSON object a line (JSON Lines), keys in a fixed order so the
/// same statement always reads the same.
public enum JSONLines {
  /// One statement as one line of JSON, without the newline.
  public static func line(_ statement: Statement) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding these plain values cannot fail: every number is finite.
    let data = (try? encoder.encode(statement)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// Every statement, one a line, each line ending with a newline.
  public static func text(_ statements: [Statement]) -> String {
    statements.map { line($0) + "\n" }.joined()
  }

  /// A JSON array of statements: the body of a POST to an LRS.
  static func array(_ statements: [Statement]) -> Data {
    Data(("[" + statements.map(line).joined(separator: ",") + "]").utf8)
  }
}
