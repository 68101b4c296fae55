import CourseModel
import Foundation

/// A course file read from disk as text, or the diagnostic that says why it cannot be.
struct SourceFile {
  /// The path as given, used in every diagnostic.
  let path: String
  /// The text, without a leading byte-order mark.
  let text: String

  /// Reads a file and checks that it is UTF-8 text.
  ///
  /// A missing or unreadable file, a binary file (one with a NUL byte) and invalid UTF-8
  /// each give an error diagnostic that says where.
  /// - Parameter reportedAs: the path diagnostics name, when the file is read through
  ///   another (its real path, symbolic links resolved).
  static func read(_ path: String, reportedAs shown: String? = nil) -> Result<SourceFile, Diagnostic> {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      return .failure(
        Diagnostic(.error, SourceLocation(file: shown ?? path, line: 1, column: 1), readFailure(path, error)))
    }
    return decode(data, path: shown ?? path)
  }

  /// Checks that bytes are UTF-8 text: no NUL byte, no invalid sequence.
  static func decode<Bytes: DataProtocol>(_ original: Bytes, path: String) -> Result<SourceFile, Diagnostic>
  where Bytes.Index == Int {
    let bytes =
      original.starts(with: [0xEF, 0xBB, 0xBF]) ? original[(original.startIndex + 3)...] : original[...]
    if var text = String(validating: bytes, as: UTF8.self),
      !text.withUTF8({ bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false })
    {
      return .success(SourceFile(path: path, text: text))
    }
    return diagnose([UInt8](bytes), path: path)
  }

  /// The diagnostic for bytes that are not UTF-8 text: a NUL byte, or the first invalid sequence.
  private static func diagnose(_ bytes: [UInt8], path: String) -> Result<SourceFile, Diagnostic> {
    if let nul = bytes.firstIndex(of: 0) {
      let (line, column) = position(of: nul, in: bytes)
      return .failure(
        Diagnostic(
          .error, SourceLocation(file: path, line: line, column: column),
          "this is a binary file, not Markdown text (NUL byte at byte \(nul + 1))"))
    }
    let bad = firstInvalidUTF8(in: bytes) ?? 0
    let (line, column) = position(of: bad, in: bytes)
    return .failure(
      Diagnostic(
        .error, SourceLocation(file: path, line: line, column: column),
        String(format: "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", bytes[bad])))
  }

  private static func readFailure(_ path: String, _ error: Error) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      return "no such file"
    }
    if isDirectory.boolValue { return "is a folder, not a Markdown file" }
    if !FileManager.default.isReadableFile(atPath: path) { return "cannot read the file: permission denied" }
    return "cannot read the file: \(error.localizedDescription)"
  }

  /// The 1-based line and byte column of a byte offset.
  private static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    return (line, offset - lineStart + 1)
  }

  /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
  private static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return index
      }
      guard index + length <= bytes.count else { return index }
      let sequence = Array(bytes[index..<index + length])
      if String(validating: sequence, as: UTF8.self) == nil { return index }
      index += length
    }
    return nil
  }
}
