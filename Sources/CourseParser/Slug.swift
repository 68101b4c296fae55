import Foundation

/// Ids made from titles, and explicit `{#id}` suffixes on headings.
enum Slug {
  /// The slug of a title: letters folded to ASCII where a plain form exists (é to e),
  /// lowercased; every run of anything other than ASCII letters and digits becomes one
  /// `-`; leading and trailing `-` dropped. Empty when nothing is left.
  static func of(_ title: String) -> String {
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

  /// Letters with a plain ASCII form that decomposition does not give.
  private static let asciiForms: [Unicode.Scalar: String] = [
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
  ]

  /// Splits a trailing `{#id}` off a heading's text.
  /// - Returns: the text without the suffix (trimmed) and the id, if there was one.
  static func splitExplicitID(_ text: String) -> (text: String, id: String?) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else {
      return (trimmed, nil)
    }
    let id = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
    guard !id.contains("{") && !id.contains("}") else { return (trimmed, nil) }
    return (String(trimmed[..<open.lowerBound]).trimmingCharacters(in: .whitespaces), id)
  }

  /// Whether an explicit id is well formed: ASCII letters, digits, `-`, `_`, `.` and `:`.
  static func isValidExplicitID(_ id: String) -> Bool {
    !id.isEmpty
      && id.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "-" || $0 == "_" || $0 == "." || $0 == ":"
      }
  }
}
