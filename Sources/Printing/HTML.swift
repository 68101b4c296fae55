/// Escaping for HTML text and attribute values.
public enum HTML {
  /// `text` safe to place between tags: `&`, `<` and `>` become entities.
  ///
  /// Only named entities are used, so the result holds no `#` or `;`-numbered forms that
  /// another format's escaping (GIFT's, say) would have to deal with.
  public static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }

  /// `text` safe to place in a double-quoted attribute value: as `escape`, and `"` too.
  public static func escapeAttribute(_ text: String) -> String {
    escape(text).replacingAll("\"", with: "&quot;")
  }

  /// The link address to keep, or `nil`: only `http:`, `https:` and `mailto:` addresses
  /// are kept, so a course can never put a script or a local file behind a link.
  ///
  /// Browsers ignore tabs and line breaks inside a scheme (`java\tscript:`), so an address
  /// with any control character or space is refused whole.
  public static func safeLinkAddress(_ destination: String) -> String? {
    let address = destination.trimmed
    guard !address.isEmpty, !address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
    else { return nil }
    let lower = address.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") else {
      return nil
    }
    return address
  }
}

extension String {
  /// The text with every `target` replaced by `replacement` (no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    guard contains(target) else { return self }
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}
