import CourseModel
import Foundation

/// How a span of terminal text looks. Styles only show when ANSI output is enabled.
public struct TextStyle: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  public static let bold = TextStyle(rawValue: 1 << 0)
  public static let italic = TextStyle(rawValue: 1 << 1)
  public static let underline = TextStyle(rawValue: 1 << 2)
  public static let dim = TextStyle(rawValue: 1 << 3)
  public static let code = TextStyle(rawValue: 1 << 4)
  public static let heading = TextStyle(rawValue: 1 << 5)
  public static let good = TextStyle(rawValue: 1 << 6)
  public static let bad = TextStyle(rawValue: 1 << 7)
  public static let warn = TextStyle(rawValue: 1 << 8)
  public static let accent = TextStyle(rawValue: 1 << 9)
  public static let link = TextStyle(rawValue: 1 << 10)
  public static let inverse = TextStyle(rawValue: 1 << 11)

  /// The SGR parameters for this style, e.g. `1;36`.
  var sgr: String {
    var codes: [String] = []
    if contains(.bold) || contains(.heading) { codes.append("1") }
    if contains(.dim) { codes.append("2") }
    if contains(.italic) { codes.append("3") }
    if contains(.underline) || contains(.link) { codes.append("4") }
    if contains(.inverse) { codes.append("7") }
    if contains(.bad) {
      codes.append("31")
    } else if contains(.good) {
      codes.append("32")
    } else if contains(.warn) || contains(.code) {
      codes.append("33")
    } else if contains(.link) {
      codes.append("34")
    } else if contains(.accent) {
      codes.append("35")
    } else if contains(.heading) {
      codes.append("36")
    }
    return codes.joined(separator: ";")
  }
}

/// A run of text in one style.
///
/// Its text is always safe to write to a terminal: a span made from text with control
/// characters or bidirectional overrides (a hostile course, a stored name) shows them
/// as visible marks instead (``ShownText``). Line feeds stay, for the wrapper to break
/// lines at; a line writes any left over as a space.
public struct Span: Sendable, Hashable {
  public var text: String
  public var style: TextStyle

  public init(_ text: String, _ style: TextStyle = []) {
    self.text = ShownText.safe(text, keepingNewlines: true)
    self.style = style
  }
}

/// One line on the screen, made of styled spans.
public struct StyledLine: Sendable, Hashable {
  public var spans: [Span]
  /// The index of the top-level Markdown block this line belongs to, if any: lesson
  /// pages turn to a block, so a resumed lesson opens where it was left.
  public var block: Int?

  public init(_ spans: [Span] = [], block: Int? = nil) {
    self.spans = spans
    self.block = block
  }

  public init(_ text: String, _ style: TextStyle = [], block: Int? = nil) {
    self.init(text.isEmpty ? [] : [Span(text, style)], block: block)
  }

  /// The characters without styling (a line feed left in a span shows as a space: a
  /// line is one line).
  public var plain: String { Self.oneLine(spans.map(\.text).joined()) }

  static func oneLine(_ text: String) -> String {
    text.utf8.contains(0x0A) ? text.replacingOccurrences(of: "\n", with: " ") : text
  }

  /// Columns the line takes on a terminal.
  public var width: Int { spans.reduce(0) { $0 + TextWidth.of($1.text) } }

  /// The line as it is written out: with ANSI styling when `ansi` is true.
  public func rendered(ansi: Bool) -> String {
    guard ansi else { return plain }
    var out = ""
    for span in spans {
      let sgr = span.style.sgr
      let text = Self.oneLine(span.text)
      if sgr.isEmpty || text.isEmpty {
        out += text
      } else {
        out += "\u{1B}[\(sgr)m\(text)\u{1B}[0m"
      }
    }
    return out
  }
}

/// Display widths of text on a terminal (a close approximation of `wcwidth`).
public enum TextWidth {
  /// The number of columns `text` takes.
  public static func of(_ text: String) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// The number of columns one character takes: 0 for controls and combining marks,
  /// 2 for wide East Asian characters and emoji, 1 otherwise.
  public static func of(_ character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let value = scalar.value
    // Printable ASCII, nearly all text: one column, no table to look in.
    if value >= 0x20 && value < 0x7F { return 1 }
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    return wide.contains { $0.contains(value) } ? 2 : 1
  }

  private static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
  ]
}
