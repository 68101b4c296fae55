import CTextScan
import CourseModel

extension SourceFile {
  /// At most this many unsafe characters are reported per file; the last report says so.
  static let unsafeReportLimit = 20

  /// Errors for the control characters and bidirectional overrides in the file, and for
  /// numeric character references (`&#27;`) that cmark would turn into one: a terminal
  /// acts on them (clears the screen, retitles the window, writes the clipboard) or shows
  /// text in another order than it reads. One error per line, at the first one.
  ///
  /// Tab, line feed and carriage return (line endings) are allowed.
  func unsafeCharacterDiagnostics() -> [Diagnostic] {
    var text = self.text
    return text.withUTF8 { bytes in
      var diagnostics: [Diagnostic] = []
      var lineCounter = LineCounter()
      var lastLine = 0
      let count = bytes.count
      guard let base = bytes.baseAddress else { return diagnostics }
      var index = coach_next_unsafe_start(base, count, 0)
      while index < count {
        guard let found = Self.unsafe(at: index, in: bytes) else {
          index = coach_next_unsafe_start(base, count, index + 1)
          continue
        }
        let (line, column) = lineCounter.position(of: index, in: bytes)
        if line != lastLine {
          lastLine = line
          if diagnostics.count == Self.unsafeReportLimit {
            diagnostics[diagnostics.count - 1].message +=
              " (and more: only the first \(Self.unsafeReportLimit) lines are shown)"
            break
          }
          let location = SourceLocation(file: path, line: line, column: column)
          diagnostics.append(
            Diagnostic(
              .error, location, found.message, end: location.movedRight(by: found.length), fix: ""))
        }
        index = coach_next_unsafe_start(base, count, index + found.length)
      }
      return diagnostics
    }
  }

  private struct Found {
    var message: String
    var length: Int
  }

  /// The unsafe character (or character reference) that starts at `index`, if any.
  private static func unsafe(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Found? {
    let byte = bytes[index]
    func next(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
    if byte < 0x20 {
      guard byte != 0x09, byte != 0x0A, byte != 0x0D else { return nil }
      return Found(message: controlMessage(Unicode.Scalar(byte)), length: 1)
    }
    if byte == 0x7F { return Found(message: controlMessage(Unicode.Scalar(byte)), length: 1) }
    if byte == 0xC2, let second = next(1), (0x80...0x9F).contains(second) {
      return Found(message: controlMessage(Unicode.Scalar(UInt8(second))), length: 2)
    }
    if byte == 0xE2, let second = next(1), let third = next(2) {
      let value = 0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
      guard second & 0xF0 == 0x80, let scalar = Unicode.Scalar(value), UnsafeCharacter.isBidiOverride(scalar)
      else { return nil }
      return Found(message: bidiMessage(scalar), length: 3)
    }
    if byte == UInt8(ascii: "&"), let reference = numericReference(at: index, in: bytes),
      let scalar = Unicode.Scalar(reference.value), UnsafeCharacter.isUnsafe(scalar)
    {
      let written = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + reference.length]), as: UTF8.self)
      let kind = UnsafeCharacter.isBidiOverride(scalar) ? "a bidirectional override" : "a control character"
      return Found(
        message:
          "'\(written)' stands for \(kind) (\(UnsafeCharacter.describe(scalar))), which a terminal would act on: remove it",
        length: reference.length)
    }
    return nil
  }

  private static func controlMessage(_ scalar: Unicode.Scalar) -> String {
    "a control character (\(UnsafeCharacter.describe(scalar))) in the text: terminals act on it "
      + "(it can clear the screen or hide text), so remove it"
  }

  private static func bidiMessage(_ scalar: Unicode.Scalar) -> String {
    "a bidirectional override (\(UnsafeCharacter.describe(scalar))) in the text: it shows the text "
      + "around it in another order than it reads, so remove it"
  }

  /// A CommonMark numeric character reference at `index`: `&#` and 1-7 decimal digits,
  /// or `&#x` and 1-6 hex digits, then `;`.
  private static func numericReference(at index: Int, in bytes: UnsafeBufferPointer<UInt8>)
    -> (value: UInt32, length: Int)?
  {
    var cursor = index + 1
    guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "#") else { return nil }
    cursor += 1
    var hex = false
    if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "x") {
      hex = true
      cursor += 1
    }
    var value: UInt32 = 0
    var digits = 0
    while cursor < bytes.count, digits < (hex ? 6 : 7) {
      let byte = bytes[cursor]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: digit = 99
      }
      guard digit < 99 else { break }
      value = value * (hex ? 16 : 10) + digit
      digits += 1
      cursor += 1
    }
    guard digits > 0, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") else { return nil }
    return (value, cursor + 1 - index)
  }
}

/// Finds the line and column of byte offsets, counting lines only as far as asked.
struct LineCounter {
  private var line = 1
  private var lineStart = 0
  private var counted = 0

  /// The 1-based line and byte column of `offset`; offsets must not decrease between calls.
  mutating func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    while counted < offset {
      let byte = bytes[counted]
      counted += 1
      if byte == UInt8(ascii: "\n") {
        line += 1
        lineStart = counted
      } else if byte == UInt8(ascii: "\r"), counted < bytes.count, bytes[counted] != UInt8(ascii: "\n") {
        line += 1
        lineStart = counted
      } else if byte == UInt8(ascii: "\r"), counted == bytes.count {
        line += 1
        lineStart = counted
      }
    }
    return (line, offset - lineStart + 1)
  }
}
