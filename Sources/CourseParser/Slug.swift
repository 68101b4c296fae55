import Foundation

/// Ids made from titles, and explicit `{#id}` suffixes on headings.
enum Slug {
  /// The slug of a title: letters folded to ASCII where a plain form exists (é to e),
  /// lowercased; every run of anything other than ASCII letters and digits becomes one
  /// `-`; leading and trailing `-` dropped. Empty when nothing is left.
  static func of(_ title: String) -> String {
    var bytes = title
    if let slug = bytes.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? asciiSlug($0) : nil }) { return slug }
    var slug = ""
    var pendingDash = false
    for scalar in title.decomposedStringWithCompatibilityMapping.unicodeScalars {
      if scalar.properties.generalCategory == .nonspacingMark { continue }
      let plain = asciiForms[scalar] ?? String(scalar)
      for character in plain.unicodeScalars {
        if ("a"..."z").contains(character) || ("0"..."9").contains(character) {
          if pendingDash && !slug.isEmpty { slug += "-" }
          pendingDash = false
          slug.unicodeScalars.append(character)
        } else if ("A"..."Z").contains(character) {
          if pendingDash && !slug.isEmpty { slug += "-" }
          pendingDash = false
          slug.unicodeScalars.append(Unicode.Scalar(character.value + 32)!)
        } else {
          pendingDash = true
        }
      }
    }
    return slug
  }

  /// The slug of ASCII text, without Unicode work.
  private static func asciiSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var slug: [UInt8] = []
    slug.reserveCapacity(bytes.count)
    var pendingDash = false
    for byte in bytes {
      let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
      if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower)
      {
        if pendingDash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
        pendingDash = false
        slug.append(lower)
      } else {
        pendingDash = true
      }
    }
    return String(decoding: slug, as: UTF8.self)
  }

  /// Letters with a plain ASCII form that decomposition does not give.
  private static let asciiForms: [Unicode.Scalar: String] = [
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
  ]

  /// Splits a trailing `{#id}` off a heading's text.
  /// - Returns: the text without the suffix (trimmed) and the id, if there was one.
  static func splitExplicitID(_ text: String) -> (text: String, id: String?) {
    let trimmed = text.trimmed
    var bytes = trimmed
    let split: (textEnd: Int, idStart: Int, idEnd: Int)? = bytes.withUTF8 { utf8 in
      guard utf8.count >= 3, utf8[utf8.count - 1] == UInt8(ascii: "}") else { return nil }
      var open = utf8.count - 2
      while open >= 0, utf8[open] != UInt8(ascii: "{") { open -= 1 }
      guard open >= 0, open + 1 < utf8.count - 1, utf8[open + 1] == UInt8(ascii: "#") else { return nil }
      return (open, open + 2, utf8.count - 1)
    }
    guard let split else { return (trimmed, nil) }
    let utf8 = trimmed.utf8
    let index = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
    let id = String(trimmed[index(split.idStart)..<index(split.idEnd)])
    return (trimmed[..<index(split.textEnd)].trimmed, id)
  }

  /// Whether an explicit id is well formed: ASCII letters, digits, `-`, `_`, `.` and `:`.
  static func isValidExplicitID(_ id: String) -> Bool {
    // Every allowed character is ASCII, and every byte of any other character is not.
    var id = id
    return id.withUTF8 { bytes in
      !bytes.isEmpty
        && bytes.allSatisfy {
          (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
            || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":")
        }
    }
  }
}
