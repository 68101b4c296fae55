import CourseModel

/// A line being typed at a prompt: the text and the cursor, and the editing keys a shell
/// offers (arrows, Home, End, Backspace, Delete, Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-U, Ctrl-W).
/// Keys that are not editing (up, down, page keys, Esc, Tab) are handed back: the arrow
/// keys never type `^[[B` into an answer.
public struct LineEditor: Sendable, Hashable {
  /// The text typed so far.
  public private(set) var text: String
  /// Where the next character goes.
  public private(set) var cursorIndex: String.Index
  /// Whether space is a key for the caller (a list item is highlighted: space adds or
  /// removes its number) rather than text. Typing anything else turns it off.
  public var spaceIsKey = false
  /// Letters that act at once when typed on an empty line (a menu's `q`, `h`, `a`): they
  /// are handed back as keys, not typed.
  public var instantKeys: Set<Character> = []

  /// The longest line kept, in bytes; more is dropped (the answer parser then says it is
  /// too long).
  public static let limit = 1 << 20

  public init(_ text: String = "") {
    self.text = Self.clipped(text)
    cursorIndex = self.text.endIndex
  }

  /// The characters of the line, for drawing it.
  public var characters: [Character] { Array(text) }
  /// The cursor as a count of characters from the start.
  public var cursor: Int { text.distance(from: text.startIndex, to: cursorIndex) }
  public var isEmpty: Bool { text.isEmpty }

  /// Replaces the text; the cursor goes to its end.
  public mutating func set(_ text: String) {
    self.text = Self.clipped(text)
    cursorIndex = self.text.endIndex
  }

  private static func clipped(_ text: String) -> String {
    guard text.utf8.count > limit else { return text }
    var clipped = ""
    for character in text {
      if clipped.utf8.count + character.utf8.count > limit { break }
      clipped.append(character)
    }
    return clipped
  }

  /// What a key did to the line.
  public enum Outcome: Sendable, Hashable {
    case edited
    case unchanged
    case submit
    case endOfInput
    case interrupt
    /// A key the line does not take.
    case key(Key)
  }

  public mutating func apply(_ key: Key) -> Outcome {
    switch key {
    case .character(let character):
      if text.isEmpty && instantKeys.contains(character) { return .key(key) }
      spaceIsKey = false
      return insert(character)
    case .space:
      if spaceIsKey { return .key(.space) }
      return insert(" ")
    case .backspace:
      spaceIsKey = false
      guard cursorIndex > text.startIndex else { return .unchanged }
      let before = text.index(before: cursorIndex)
      text.remove(at: before)
      cursorIndex = before
      return .edited
    case .delete:
      guard cursorIndex < text.endIndex else { return .unchanged }
      let offset = cursor
      text.remove(at: cursorIndex)
      cursorIndex = text.index(text.startIndex, offsetBy: offset)
      return .edited
    case .left, .control("b"):
      guard cursorIndex > text.startIndex else { return .unchanged }
      cursorIndex = text.index(before: cursorIndex)
      return .edited
    case .right, .control("f"):
      guard cursorIndex < text.endIndex else { return .unchanged }
      cursorIndex = text.index(after: cursorIndex)
      return .edited
    case .home, .control("a"):
      cursorIndex = text.startIndex
      return .edited
    case .end, .control("e"):
      cursorIndex = text.endIndex
      return .edited
    case .control("u"):
      text.removeSubrange(text.startIndex..<cursorIndex)
      cursorIndex = text.startIndex
      return .edited
    case .control("k"):
      text.removeSubrange(cursorIndex...)
      cursorIndex = text.endIndex
      return .edited
    case .control("w"):
      var start = cursorIndex
      while start > text.startIndex && text[text.index(before: start)] == " " {
        start = text.index(before: start)
      }
      while start > text.startIndex && text[text.index(before: start)] != " " {
        start = text.index(before: start)
      }
      let offset = text.distance(from: text.startIndex, to: start)
      text.removeSubrange(start..<cursorIndex)
      cursorIndex = text.index(text.startIndex, offsetBy: offset)
      return .edited
    case .enter: return .submit
    case .endOfInput: return text.isEmpty ? .endOfInput : .submit
    case .interrupt: return .interrupt
    case .up, .down, .pageUp, .pageDown, .escape, .tab, .backTab, .resize: return .key(key)
    case .control, .other: return .unchanged
    }
  }

  /// Inserts text at the cursor (what was typed ahead, or pasted), as far as the limit.
  public mutating func insert(_ typed: String) {
    guard text.utf8.count + typed.utf8.count <= Self.limit else {
      for character in typed where insert(character) == .edited {}
      return
    }
    spaceIsKey = false
    if cursorIndex == text.endIndex {
      text += typed
      cursorIndex = text.endIndex
    } else {
      let offset = cursor + typed.count
      text.insert(contentsOf: typed, at: cursorIndex)
      cursorIndex = text.index(text.startIndex, offsetBy: offset)
    }
  }

  @discardableResult
  private mutating func insert(_ character: Character) -> Outcome {
    guard text.utf8.count + character.utf8.count <= Self.limit else { return .unchanged }
    if cursorIndex == text.endIndex {
      text.append(character)
      cursorIndex = text.endIndex
    } else {
      let offset = cursor + 1
      text.insert(character, at: cursorIndex)
      cursorIndex = text.index(text.startIndex, offsetBy: offset)
    }
    return .edited
  }
}

/// How a prompt's input row is drawn: the prompt before the typed text, and the width.
public struct PromptView: Sendable, Hashable {
  /// The prompt as written before the text, with its styles.
  public var prefix: String
  /// The columns the prefix takes.
  public var prefixWidth: Int
  /// The terminal's columns.
  public var width: Int
  /// Whether the text typed is never shown (a passphrase): the row is the prefix alone.
  public var hidesText: Bool

  public init(prefix: String, prefixWidth: Int, width: Int, hidesText: Bool = false) {
    self.prefix = prefix
    self.prefixWidth = prefixWidth
    self.width = width
    self.hidesText = hidesText
  }

  /// The input row (prefix and the part of the text that fits, scrolled so the cursor
  /// shows), and the column the cursor goes to (0-based).
  public func row(_ line: LineEditor) -> (text: String, cursor: Int) {
    if hidesText { return (prefix, prefixWidth) }
    let room = max(4, width - prefixWidth - 1)
    let shown = line.characters.map { ShownText.safe(String($0)) }
    let widths = shown.map(TextWidth.of)
    // The first character shown: as far left as lets the cursor show.
    var first = 0
    var used = widths[0..<line.cursor].reduce(0, +)
    while used >= room && first < line.cursor {
      used -= widths[first]
      first += 1
    }
    let lead = first > 0 ? "…" : ""
    var end = first
    var total = TextWidth.of(lead)
    while end < shown.count && total + widths[end] <= room {
      total += widths[end]
      end += 1
    }
    let visible = lead + shown[first..<end].joined()
    let cursorColumn = prefixWidth + TextWidth.of(lead) + widths[first..<line.cursor].reduce(0, +)
    return (prefix + visible, min(cursorColumn, width - 1))
  }
}
