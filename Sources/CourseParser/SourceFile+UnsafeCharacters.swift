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
      var index = 0
      var lastLine = 0
      let count = bytes.count
      let table = Self.mayStart
      let base = UnsafeRawPointer(bytes.baseAddress)
      while index < count {
        // The common case: eight bytes of printable ASCII but '&' at a time, then the
        // rest of a word (line endings, tabs, other letters) by table.
        if let base {
          while index + 8 <= count, !Self.mayStart(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
          {
            index += 8
          }
        }
        let stop = min(count, index + 8)
        while index < stop && table[Int(bytes[index])] == 0 { index += 1 }
        guard index < count else { break }
        if index == stop { continue }
        guard let found = Self.unsafe(at: index, in: bytes) else {
          index += 1
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
        index += found.length
      }
      return diagnostics
    }
  }

  /// Whether any of eight bytes is a control character, DEL, non-ASCII or `&`: anything
  /// but the printable ASCII that cannot start an unsafe character or reference.
  private static func mayStart(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let below20 = (word &- ones &* 0x20) & ~word & highs
    let above7E = ((word &+ ones) | word) & highs
    let ampersands = word ^ (ones &* 0x26)
    let ampersand = (ampersands &- ones) & ~ampersands & highs
    return below20 | above7E | ampersand != 0
  }

  /// 1 for each byte that may start an unsafe character or reference: C0 but tab, line
  /// feed and carriage return; DEL; the lead bytes of C1 (0xC2) and of the bidi
  /// controls (0xE2); and `&`.
  private static let mayStart: [UInt8] = (0...255).map { byte in
    let unsafe =
      (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2
      || byte == 0xE2
      || byte == 0x26
    return unsafe ? 1 : 0
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
