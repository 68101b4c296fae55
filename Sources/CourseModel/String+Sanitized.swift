/// Characters that a terminal acts on, or that reorder text on screen, rather than show.
public enum UnsafeCharacter {
  /// Whether a scalar is a control character a terminal may act on: C0 other than tab and
  /// line feed, DEL, or C1 (U+0080-U+009F). Carriage return counts: it moves the cursor.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
  }

  /// Whether a scalar is a bidirectional override or isolate (U+202A-U+202E,
  /// U+2066-U+2069), which makes text display in another order than it reads.
  public static func isBidiOverride(_ scalar: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
  }

  /// Either of the above.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    isControl(scalar) || isBidiOverride(scalar)
  }

  /// `U+001B, escape`: the code and, where it has a short name, the name.
  public static func describe(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    return names[scalar.value].map { "\(code), \($0)" } ?? code
  }

  private static let names: [UInt32: String] = [
    0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x0D: "carriage return",
    0x1B: "escape", 0x7F: "delete", 0x9B: "control sequence introducer",
    0x9D: "operating system command", 0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding", 0x202C: "pop directional formatting",
    0x202D: "left-to-right override", 0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
  ]
}

extension String {
  /// The text with every control character (C0 but tab, DEL, C1, line feed included) and
  /// every bidirectional override made visible as `\u{1B}`, so printing it cannot move the
  /// cursor, retitle the window, hide text or reorder it. Text without any comes back as is.
  public var sanitizedForTerminal: String {
    guard utf8.contains(where: Self.mayStartUnsafe) else { return self }
    var out = ""
    out.reserveCapacity(utf8.count + 16)
    for scalar in unicodeScalars {
      if scalar == "\n" || UnsafeCharacter.isUnsafe(scalar) {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Whether a UTF-8 byte may start an unsafe character: a C0 byte but tab, DEL, or the
  /// lead byte of C1 (0xC2) or of the bidi controls (0xE2). A cheap first filter.
  private static func mayStartUnsafe(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09) || byte == 0x7F || byte == 0xC2 || byte == 0xE2
  }
}
