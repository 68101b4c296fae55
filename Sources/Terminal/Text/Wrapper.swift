/// Word-wraps styled text to a number of columns.
public struct Wrapper: Sendable {
  /// The widest a line may be; `Int.max` for no wrapping (pipe mode).
  public var width: Int

  public init(width: Int) { self.width = max(width, 8) }

  private enum Token {
    case word([Span], Int)
    case space
    case newline
  }

  /// Wraps one paragraph.
  /// - Parameters:
  ///   - spans: The text. Runs of spaces collapse to one; `\n` forces a new line.
  ///   - first: Put before the first line (a list bullet, say).
  ///   - rest: Put before every other line (the bullet's indent).
  ///   - block: The block index every line is tagged with.
  public func wrap(_ spans: [Span], first: [Span] = [], rest: [Span] = [], block: Int? = nil)
    -> [StyledLine]
  {
    if width == Int.max { return unwrapped(spans, first: first, rest: rest, block: block) }
    var lines: [StyledLine] = []
    var current = first
    var used = StyledLine(first).width
    var hasWord = false
    var pendingSpace = false
    let restWidth = StyledLine(rest).width

    func flush() {
      lines.append(StyledLine(Self.merged(current), block: block))
      current = rest
      used = restWidth
      hasWord = false
      pendingSpace = false
    }

    for token in Self.tokens(spans) {
      switch token {
      case .space:
        if hasWord { pendingSpace = true }
      case .newline:
        flush()
      case .word(let word, let wordWidth):
        let gap = pendingSpace ? 1 : 0
        if hasWord && used + gap + wordWidth > width { flush() }
        if pendingSpace && hasWord {
          // A space between two words of one style takes that style (underlined links).
          let style = current.last?.style == word.first?.style ? current.last?.style ?? [] : []
          current.append(Span(" ", style))
          used += 1
        }
        pendingSpace = false
        if used + wordWidth > width {
          // A word longer than a whole line: cut it where the line ends.
          for span in word {
            for character in span.text {
              let w = TextWidth.of(character)
              if used + w > width && used > restWidth { flush() }
              Self.append(character, span.style, to: &current)
              used += w
            }
          }
        } else {
          current += word
          used += wordWidth
        }
        hasWord = true
      }
    }
    if hasWord || lines.isEmpty || current.count > rest.count { flush() }
    return lines
  }

  /// Pipe mode: no wrapping, so no words to measure. The same lines as wrapping to an
  /// endless width (a line per `\n`, runs of spaces as one, none at either end), in one
  /// pass over the UTF-8 bytes with no word list, so a paragraph of many megabytes costs
  /// its own size.
  func unwrapped(_ spans: [Span], first: [Span], rest: [Span], block: Int?) -> [StyledLine] {
    var lines: [StyledLine] = []
    var current = first
    var hasWord = false
    var bytes: [UInt8] = []
    var style: TextStyle = []
    var pendingSpace = false
    func closeSpan() {
      if !bytes.isEmpty { current.append(Span(String(decoding: bytes, as: UTF8.self), style)) }
      bytes.removeAll(keepingCapacity: true)
    }
    func flush() {
      closeSpan()
      lines.append(StyledLine(Self.merged(current), block: block))
      current = rest
      hasWord = false
      pendingSpace = false
    }
    for span in spans {
      if span.style != style {
        closeSpan()
        style = span.style
      }
      let text = Array(span.text.utf8)
      bytes.reserveCapacity(bytes.count + text.count)
      var i = 0
      while i < text.count {
        let byte = text[i]
        if byte == 0x0A {
          flush()
          i += 1
          continue
        }
        let space = Self.whitespaceLength(text, i)
        if space > 0 {
          if hasWord { pendingSpace = true }
          i += space
          continue
        }
        if pendingSpace {
          bytes.append(0x20)
          pendingSpace = false
        }
        bytes.append(byte)
        hasWord = true
        i += 1
      }
    }
    closeSpan()
    if hasWord || lines.isEmpty || current.count > rest.count {
      lines.append(StyledLine(Self.merged(current), block: block))
    }
    return lines
  }

  /// The length of the whitespace character (as `Character.isWhitespace` has it) that
  /// starts at byte `i` of UTF-8 `text`, or 0.
  static func whitespaceLength(_ text: [UInt8], _ i: Int) -> Int {
    let byte = text[i]
    if byte == 0x20 || (0x09...0x0D).contains(byte) { return 1 }
    guard byte >= 0xC2, byte <= 0xE3 else { return 0 }
    func at(_ k: Int) -> UInt8 { i + k < text.count ? text[i + k] : 0 }
    switch byte {
    case 0xC2: return at(1) == 0x85 || at(1) == 0xA0 ? 2 : 0  // NEL, no-break space
    case 0xE1: return at(1) == 0x9A && at(2) == 0x80 ? 3 : 0  // ogham space
    case 0xE2:
      if at(1) == 0x80 {
        let third = at(2)
        return (0x80...0x8A).contains(third) || [0xA8, 0xA9, 0xAF].contains(third) ? 3 : 0
      }
      return at(1) == 0x81 && at(2) == 0x9F ? 3 : 0  // medium mathematical space
    case 0xE3: return at(1) == 0x80 && at(2) == 0x80 ? 3 : 0  // ideographic space
    default: return 0
    }
  }

  /// Joins neighbouring spans of the same style, so a line carries few escape codes.
  static func merged(_ spans: [Span]) -> [Span] {
    var out: [Span] = []
    for span in spans where !span.text.isEmpty {
      if let last = out.last, last.style == span.style {
        out[out.count - 1].text += span.text
      } else {
        out.append(span)
      }
    }
    return out
  }

  private static func append(_ character: Character, _ style: TextStyle, to spans: inout [Span]) {
    if let last = spans.last, last.style == style {
      spans[spans.count - 1].text.append(character)
    } else {
      spans.append(Span(String(character), style))
    }
  }

  private static func tokens(_ spans: [Span]) -> [Token] {
    var tokens: [Token] = []
    var word: [Span] = []
    var wordWidth = 0
    func endWord() {
      if !word.isEmpty { tokens.append(.word(word, wordWidth)) }
      word = []
      wordWidth = 0
    }
    for span in spans {
      for character in span.text {
        if character == "\n" {
          endWord()
          tokens.append(.newline)
        } else if character.isWhitespace {
          endWord()
          tokens.append(.space)
        } else {
          append(character, span.style, to: &word)
          wordWidth += TextWidth.of(character)
        }
      }
    }
    endWord()
    return tokens
  }
}
