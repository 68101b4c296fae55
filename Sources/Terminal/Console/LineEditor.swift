import CourseModel

/// A line being typed at a prompt: the text and the cursor, and the editing keys a shell
/// offers (arrows, Home, End, Backspace, Delete, Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-U, Ctrl-W).
/// Keys that are not editing (up, down, page keys, Esc, Tab) are handed back: the arrow
/// keys never type `^[[B` into an answer.
public struct LineEditor: Sendable, Hashable {
  public private(set) var characters: [Character]
  /// Where the next character goes, 0...characters.count.
  public private(set) var cursor: Int
  /// Whether space is a key for the caller (a list item is highlighted: space adds or
  /// removes its number) rather than text. Typing anything else turns it off.
  public var spaceIsKey = false
  /// Letters that act at once when typed on an empty line (a menu's `q`, `h`, `a`): they
  /// are handed back as keys, not typed.
  public var instantKeys: Set<Character> = []

  /// The longest line kept; more is dropped (the answer parser then says it is too long).
  public static let limit = 1 << 20

  public init(_ text: String = "") {
    characters = Array(text.prefix(Self.limit))
    cursor = characters.count
  }

  public var text: String { String(characters) }

  /// Replaces the text; the cursor goes to its end.
  public mutating func set(_ text: String) {
    characters = Array(text.prefix(Self.limit))
    cursor = characters.count
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
      if characters.isEmpty && instantKeys.contains(character) { return .key(key) }
      spaceIsKey = false
      return insert(character)
    case .space:
      if spaceIsKey { return .key(.space) }
      return insert(" ")
    case .backspace:
      spaceIsKey = false
      guard cursor > 0 else { return .unchanged }
      characters.remove(at: cursor - 1)
      cursor -= 1
      return .edited
    case .delete:
      guard cursor < characters.count else { return .unchanged }
      characters.remove(at: cursor)
      return .edited
    case .left, .control("b"):
      guard cursor > 0 else { return .unchanged }
      cursor -= 1
      return .edited
    case .right, .control("f"):
      guard cursor < characters.count else { return .unchanged }
      cursor += 1
      return .edited
    case .home, .control("a"):
      cursor = 0
      return .edited
    case .end, .control("e"):
      cursor = characters.count
      return .edited
    case .control("u"):
      characters.removeSubrange(0..<cursor)
      cursor = 0
      return .edited
    case .control("k"):
      characters.removeSubrange(cursor...)
      return .edited
    case .control("w"):
      var start = cursor
      while start > 0 && characters[start - 1] == " " { start -= 1 }
      while start > 0 && characters[start - 1] != " " { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
      return .edited
    case .enter: return .submit
    case .endOfInput: return characters.isEmpty ? .endOfInput : .submit
    case .interrupt: return .interrupt
    case .up, .down, .pageUp, .pageDown, .escape, .tab, .backTab, .resize: return .key(key)
    case .control, .other: return .unchanged
    }
  }

  /// Inserts text at the cursor (what was typed ahead, or pasted), as far as the limit.
  public mutating func insert(_ text: String) {
    let room = Self.limit - characters.count
    guard room > 0 else { return }
    let added = Array(text.prefix(room))
    characters.insert(contentsOf: added, at: cursor)
    cursor += added.count
    spaceIsKey = false
  }

  private mutating func insert(_ character: Character) -> Outcome {
    guard characters.count < Self.limit else { return .unchanged }
    if cursor == characters.count {
      characters.append(character)
    } else {
      characters.insert(character, at: cursor)
    }
    cursor += 1
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

  public init(prefix: String, prefixWidth: Int, width: Int) {
    self.prefix = prefix
    self.prefixWidth = prefixWidth
    self.width = width
  }

  /// The input row (prefix and the part of the text that fits, scrolled so the cursor
  /// shows), and the column the cursor goes to (0-based).
  public func row(_ line: LineEditor) -> (text: String, cursor: Int) {
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
