/// Text that coach did not write itself (course text, names, roles, anything read from a
/// store), made safe to put on a terminal or in pipe-mode output.
///
/// A course or a stored name must never be able to move the cursor, clear the screen,
/// set the window title, write the clipboard, hide text or turn it around. So every
/// control character is made visible and the bidirectional overrides are dropped:
///
/// - C0 controls (U+0000-U+001F) become their control pictures: ESC shows as `␛`, BEL as
///   `␇`, a carriage return as `␍`. Tabs become a space; newlines are kept only when
///   asked (the renderers break lines there themselves).
/// - DEL (U+007F) shows as `␡`.
/// - C1 controls (U+0080-U+009F) show as `␛` and their seven-bit letter: the single
///   character CSI (U+009B) as `␛[`, OSC (U+009D) as `␛]`.
/// - The bidirectional embeddings, overrides and isolates (U+202A-U+202E,
///   U+2066-U+2069) are removed, so text reads in the order it was written.
/// - The line and paragraph separators (U+2028, U+2029) become a space.
///
/// Everything else, every letter of every script included, is kept as it is.
public enum ShownText {
  /// `text`, safe to show.
  /// - Parameter keepingNewlines: Whether line feeds stay (for renderers that break
  ///   lines there); otherwise they are shown as `␊`.
  public static func safe(_ text: String, keepingNewlines: Bool = false) -> String {
    guard needsCleaning(text, keepingNewlines: keepingNewlines) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let value = scalar.value
      switch value {
      case 0x0A where keepingNewlines: out.append(scalar)
      case 0x09: out.append(" ")
      case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + value)!)
      case 0x7F: out.append("\u{2421}")
      case 0x80..<0xA0:
        out.append("\u{241B}")
        out.append(Unicode.Scalar(value - 0x40)!)
      case 0x202A...0x202E, 0x2066...0x2069: break
      case 0x2028, 0x2029: out.append(" ")
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// Whether `text` holds anything ``safe(_:keepingNewlines:)`` would change: one pass
  /// over its UTF-8 bytes, so clean text (nearly all text) costs no copy.
  public static func needsCleaning(_ text: String, keepingNewlines: Bool = false) -> Bool {
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in text.utf8 {
      switch byte {
      case 0x0A where keepingNewlines: break
      case 0x00..<0x20, 0x7F: return true
      case 0x80...0x9F:
        // U+0080-U+009F is C2 80...C2 9F.
        if previous == 0xC2 { return true }
        // U+2028-U+202E is E2 80 A8...E2 80 AE; U+2066-U+2069 is E2 81 A6...E2 81 A9.
        fallthrough
      default:
        if beforePrevious == 0xE2 {
          if previous == 0x80 && (0xA8...0xAE).contains(byte) { return true }
          if previous == 0x81 && (0xA6...0xA9).contains(byte) { return true }
        }
      }
      beforePrevious = previous
      previous = byte
    }
    return false
  }

  /// Whether a scalar is one that ``safe(_:keepingNewlines:)`` changes (tab and line
  /// feed included): what a check of course files can report. These are the characters a
  /// terminal acts on (``UnsafeCharacter/isUnsafe(_:)``, which diagnostics escape too),
  /// and besides them tab, line feed and the line and paragraph separators, which a
  /// learner's screen lays out itself.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    UnsafeCharacter.isUnsafe(scalar) || [0x09, 0x0A, 0x2028, 0x2029].contains(scalar.value)
  }
}
