/// Turns the bytes a terminal sends into keys.
///
/// Only keys come out. What a terminal sends on its own (a cursor position report
/// `CSI row;col R`, an OSC reply with a colour or a title, a DCS string, focus events,
/// mouse reports, bracketed-paste marks) and every escape sequence that is not a key
/// coach knows are consumed and dropped, so no reply is ever taken for a key press and
/// nothing a course could ask the terminal for can drive the session.
public enum KeyDecoder {
  /// What the bytes at the front decode to.
  public enum Decoded: Sendable, Hashable {
    /// A key, and how many bytes it took.
    case key(Key, length: Int)
    /// Bytes that are no key (a reply, an unknown sequence): drop them.
    case ignored(length: Int)
    /// The bytes so far start a sequence that is not complete yet.
    case incomplete
  }

  /// Sequences longer than this are not keys: they are dropped.
  static let longestSequence = 64
  /// Strings (OSC, DCS, SOS, PM, APC) longer than this are dropped without waiting for
  /// their end.
  static let longestString = 4_096

  /// Decodes the front of `bytes`.
  /// - Parameter final: No more bytes will come soon: a lone ESC is the Esc key, and a
  ///   sequence cut short is dropped.
  public static func decode(_ bytes: ArraySlice<UInt8>, final: Bool) -> Decoded {
    guard let first = bytes.first else { return .incomplete }
    let start = bytes.startIndex
    switch first {
    case 0x0D:
      // Enter; a terminal or paste that sends CR LF gives one Enter, not two.
      if bytes.count >= 2 && bytes[start + 1] == 0x0A { return .key(.enter, length: 2) }
      if bytes.count == 1 && !final { return .incomplete }
      return .key(.enter, length: 1)
    case 0x0A: return .key(.enter, length: 1)
    case 0x09: return .key(.tab, length: 1)
    case 0x7F, 0x08: return .key(.backspace, length: 1)
    case 0x03: return .key(.interrupt, length: 1)
    case 0x04: return .key(.endOfInput, length: 1)
    case 0x01: return .key(.control("a"), length: 1)
    case 0x05: return .key(.control("e"), length: 1)
    case 0x0B: return .key(.control("k"), length: 1)
    case 0x15: return .key(.control("u"), length: 1)
    case 0x17: return .key(.control("w"), length: 1)
    case 0x1B: return escape(bytes, final: final)
    case 0x00..<0x20: return .ignored(length: 1)
    case 0x20: return .key(.space, length: 1)
    case 0x9B: return controlSequence(bytes, from: start + 1, final: final)
    case 0x90, 0x98, 0x9D, 0x9E, 0x9F: return string(bytes, from: start + 1, final: final)
    case 0x80..<0xC0, 0xF8...0xFF: return .ignored(length: 1)
    default: return character(bytes, final: final)
    }
  }

  /// One UTF-8 character, decoded by hand (no string is made: a paste of megabytes is
  /// decoded at the speed it arrives).
  private static func character(_ bytes: ArraySlice<UInt8>, final: Bool) -> Decoded {
    let start = bytes.startIndex
    let first = bytes[start]
    let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
    var value = UInt32(first) & (length == 4 ? 0x07 : length == 3 ? 0x0F : length == 2 ? 0x1F : 0x7F)
    var end = start + 1
    while end < bytes.endIndex && end - start < length {
      guard (0x80..<0xC0).contains(bytes[end]) else { return .ignored(length: end - start) }
      value = value << 6 | UInt32(bytes[end] & 0x3F)
      end += 1
    }
    if end - start < length { return final ? .ignored(length: bytes.count) : .incomplete }
    // Overlong forms and surrogates are not characters.
    let smallest: UInt32 = length == 4 ? 0x10000 : length == 3 ? 0x800 : length == 2 ? 0x80 : 0
    guard value >= smallest, let scalar = Unicode.Scalar(value) else { return .ignored(length: length) }
    // A C1 control sent as UTF-8 (a terminal's eight-bit replies): CSI and the strings
    // are read to their end and dropped like their ESC forms, the others dropped.
    switch value {
    case 0x9B: return controlSequence(bytes, from: start + length, final: final)
    case 0x90, 0x98, 0x9D, 0x9E, 0x9F: return string(bytes, from: start + length, final: final)
    case 0x80...0x9F: return .ignored(length: length)
    default: return .key(.character(Character(scalar)), length: length)
    }
  }

  private static func escape(_ bytes: ArraySlice<UInt8>, final: Bool) -> Decoded {
    let start = bytes.startIndex
    guard bytes.count >= 2 else { return final ? .key(.escape, length: 1) : .incomplete }
    switch bytes[start + 1] {
    case UInt8(ascii: "["): return controlSequence(bytes, from: start + 2, final: final)
    case UInt8(ascii: "O"):
      guard bytes.count >= 3 else { return final ? .ignored(length: bytes.count) : .incomplete }
      let key: Key? =
        switch bytes[start + 2] {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "M"): .enter
        default: nil
        }
      return key.map { .key($0, length: 3) } ?? .ignored(length: 3)
    case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
      return string(bytes, from: start + 2, final: final)
    case 0x1B:
      // Esc pressed twice, or Esc before a sequence: the first is the Esc key.
      return .key(.escape, length: 1)
    default:
      // Esc then a key (Alt and a key sends the same): Esc, and the key comes next.
      return .key(.escape, length: 1)
    }
  }

  /// A control sequence from `index` (after `ESC [` or the one-byte CSI): parameters,
  /// intermediates, one final byte.
  private static func controlSequence(_ bytes: ArraySlice<UInt8>, from index: Int, final: Bool) -> Decoded {
    var end = index
    while end < bytes.endIndex {
      let byte = bytes[end]
      if (0x40...0x7E).contains(byte) { break }
      guard (0x20...0x3F).contains(byte) else {
        // Not a control sequence: drop what came before the stray byte.
        return .ignored(length: end - bytes.startIndex)
      }
      end += 1
      if end - bytes.startIndex > longestSequence { return .ignored(length: end - bytes.startIndex) }
    }
    guard end < bytes.endIndex else { return final ? .ignored(length: bytes.count) : .incomplete }
    let length = end + 1 - bytes.startIndex
    let body = String(decoding: bytes[index..<end], as: UTF8.self)
    let finalByte = bytes[end]
    // Modifiers (Shift, Ctrl: `1;5A`) do not change which arrow it is.
    let key: Key?
    switch finalByte {
    case UInt8(ascii: "A"): key = .up
    case UInt8(ascii: "B"): key = .down
    case UInt8(ascii: "C"): key = .right
    case UInt8(ascii: "D"): key = .left
    case UInt8(ascii: "H"): key = .home
    case UInt8(ascii: "F"): key = .end
    case UInt8(ascii: "Z"): key = .backTab
    case UInt8(ascii: "~"):
      switch body.split(separator: ";").first.map(String.init) ?? "" {
      case "1", "7": key = .home
      case "4", "8": key = .end
      case "3": key = .delete
      case "5": key = .pageUp
      case "6": key = .pageDown
      default: key = nil  // insert, function keys, bracketed paste marks
      }
    default:
      // R (a cursor position report), I and O (focus), M and m (the mouse), c (device
      // attributes), and every other final byte: not a key.
      key = nil
    }
    // A sequence with private markers (`CSI ? ...`, `CSI > ...`) is a reply, not a key.
    if let marker = body.first, "?<=>".contains(marker) { return .ignored(length: length) }
    return key.map { .key($0, length: length) } ?? .ignored(length: length)
  }

  /// A string sequence (OSC, DCS, SOS, PM, APC) from `index`, ended by BEL or ST
  /// (`ESC \` or the one-byte ST): dropped whole.
  private static func string(_ bytes: ArraySlice<UInt8>, from index: Int, final: Bool) -> Decoded {
    var end = index
    while end < bytes.endIndex {
      switch bytes[end] {
      case 0x07, 0x9C: return .ignored(length: end + 1 - bytes.startIndex)
      case 0xC2 where end + 1 < bytes.endIndex && bytes[end + 1] == 0x9C:
        // ST as UTF-8.
        return .ignored(length: end + 2 - bytes.startIndex)
      case 0x1B:
        guard end + 1 < bytes.endIndex else { return final ? .ignored(length: bytes.count) : .incomplete }
        // ST ends the string; an ESC that starts anything else ends it too, and begins
        // what comes next.
        return .ignored(length: (bytes[end + 1] == UInt8(ascii: "\\") ? end + 2 : end) - bytes.startIndex)
      default: end += 1
      }
      if end - bytes.startIndex > longestString { return .ignored(length: end - bytes.startIndex) }
    }
    return final ? .ignored(length: bytes.count) : .incomplete
  }
}
