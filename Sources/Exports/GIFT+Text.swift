import CourseModel
import Printing

/// Text rules of Moodle's GIFT format.
enum GIFTText {
  /// `text` with GIFT's special characters escaped, as Moodle's own exporter writes them:
  /// a backslash before `~ = # { } :` and before a backslash, a line break as `\n`, and
  /// carriage returns dropped.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for character in text {
      switch character {
      case "\\": out += "\\\\"
      case "~", "=", "#", "{", "}", ":": out += "\\" + String(character)
      case "\n", "\r\n": out += "\\n"
      case "\r": break
      default: out.append(character)
      }
    }
    return out
  }

  /// A Moodle short answer for `answer`: its `*` (Moodle's wildcard) made literal as `\*`.
  static func shortAnswer(_ answer: String) -> String {
    var out = ""
    for character in answer {
      if character == "*" { out += "\\*" } else { out.append(character) }
    }
    return out
  }

  /// A category name on a `$CATEGORY:` line: a `/` inside a name is written `//`.
  /// Moodle reads category lines without undoing GIFT escapes, so nothing else changes.
  static func categoryName(_ name: String) -> String {
    var out = ""
    for character in name.trimmed {
      switch character {
      case "/": out += "//"
      case "\n", "\r", "\r\n": out += " "
      default: out.append(character)
      }
    }
    return out
  }

  /// Whether Moodle would read the start of `text` as a format marker (`[html]`, `[moodle]`,
  /// `[plain]`, `[markdown]`) and drop it from the text.
  static func startsWithFormatMarker(_ text: String) -> Bool {
    let lower = text.trimmed.lowercased()
    return ["[html]", "[moodle]", "[plain]", "[markdown]"].contains { lower.hasPrefix($0) }
  }

  /// The HTML of plain `text` for a field Moodle reads as HTML. A leading `[` becomes an
  /// entity so that Moodle never takes the text's start for a format marker.
  static func htmlField(_ text: String) -> String {
    let escaped = HTML.escape(text)
    return escaped.hasPrefix("[") ? "&#91;" + escaped.dropFirst() : escaped
  }

  /// A weight in percent as GIFT writes it: a whole number, else up to 5 decimals.
  static func percent(_ value: Double) -> String {
    let rounded = (value * 100_000).rounded() / 100_000
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}
