import CourseModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Array where Element == Inline {
  /// The start of the plain text: at least `count` bytes of it when there are that many.
  /// Enough to recognise a leading word (`Answer:`, `Hint:`) without flattening a whole
  /// paragraph.
  func plainTextPrefix(_ count: Int) -> String {
    var out = ""
    appendPlainTextPrefix(count, to: &out)
    return out
  }

  private func appendPlainTextPrefix(_ count: Int, to out: inout String) {
    for inline in self {
      guard out.utf8.count < count else { return }
      switch inline {
      case .text(let s), .code(let s):
        out += s.utf8.count <= count ? s : String(decoding: s.utf8.prefix(count), as: UTF8.self)
      case .emphasis(let children), .strong(let children), .link(_, _, let children),
        .image(_, _, let children):
        children.appendPlainTextPrefix(count, to: &out)
      case .softBreak, .lineBreak: out += " "
      case .html: break
      }
    }
  }
}

extension StringProtocol {
  /// Whether the text starts with `prefix`, ASCII letters compared without case.
  func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
    var mine = utf8.makeIterator()
    for expected in prefix.utf8 {
      guard let byte = mine.next() else { return false }
      if byte == expected { continue }
      let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(expected | 0x20)
      guard isLetter, byte | 0x20 == expected | 0x20 else { return false }
    }
    return true
  }
}

extension String {
  /// Whether the text holds the byte (an ASCII character): a quick test before a slower search.
  func containsByte(_ byte: UInt8) -> Bool {
    var text = self
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
      return memchr(base, Int32(byte), bytes.count) != nil
    }
  }

  /// Whether the text holds `first` or `second` (ASCII, not empty), letters compared
  /// without case, looked for in one pass.
  func containsIgnoringCase(_ first: StaticString, or second: StaticString) -> Bool {
    var text = self
    return text.withUTF8 { bytes in
      first.withUTF8Buffer { one in
        second.withUTF8Buffer { other in
          func matches(_ needle: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
            guard start + needle.count <= bytes.count else { return false }
            var matched = 1
            while matched < needle.count, bytes[start + matched] | 0x20 == needle[matched] | 0x20 {
              matched += 1
            }
            return matched == needle.count
          }
          let (oneFirst, otherFirst) = (one[0] | 0x20, other[0] | 0x20)
          for start in bytes.indices {
            let lower = bytes[start] | 0x20
            if lower == oneFirst && matches(one, at: start) { return true }
            if lower == otherFirst && matches(other, at: start) { return true }
          }
          return false
        }
      }
    }
  }
}

extension String.UTF8View {
  /// Where `pattern` (ASCII) first occurs, letters compared without case.
  func firstRange(ofIgnoringCase pattern: String) -> Range<Index>? {
    let needle = Array(pattern.utf8).map { $0 | 0x20 }
    guard let first = needle.first else { return nil }
    var start = startIndex
    while start != endIndex {
      if self[start] | 0x20 == first {
        var cursor = index(after: start)
        var matched = 1
        while matched < needle.count, cursor != endIndex, self[cursor] | 0x20 == needle[matched] {
          matched += 1
          cursor = index(after: cursor)
        }
        if matched == needle.count { return start..<cursor }
      }
      start = index(after: start)
    }
    return nil
  }
}

extension Block {
  /// The first line of a list item as plain text, if its first block is a paragraph.
  var paragraphPrefix: String? { paragraphInlines.map { $0.plainTextPrefix(24) } }
}

/// Answer syntax that learners would see as text: a task-list mark or an `Answer:` line.
struct AnswerSyntax {
  /// What was written: `[x]`, `[ ]` or `Answer:`.
  var written: String
  var location: SourceLocation

  /// `'[x]' marks` or `an 'Answer:' line`, for messages.
  var described: String { written == "Answer:" ? "an 'Answer:' line" : "'\(written)' marks" }

  /// The task-list mark a list item starts with (`[ ]`, `[x]`, `[X]`), if any.
  static func taskMark(_ item: [Block]) -> String? {
    // Most items start with text whose first byte tells already.
    if case .text(let start)? = item.first?.paragraphInlines?.first, let byte = start.utf8.first,
      byte != UInt8(ascii: "[")
    {
      return nil
    }
    guard let text = item.first?.paragraphInlines?.plainTextPrefix(3), text.utf8.first == UInt8(ascii: "[")
    else {
      return nil
    }
    let bytes = Array(text.utf8.prefix(3))
    guard bytes.count == 3, bytes[2] == UInt8(ascii: "]"),
      bytes[1] == UInt8(ascii: " ") || bytes[1] | 0x20 == UInt8(ascii: "x")
    else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether a paragraph starts `Answer:` (or `Answers:`, `Answer :`).
  static func isAnswerLine(_ inlines: [Inline]) -> Bool {
    let text = leadingText(inlines, 10)
    guard text.hasPrefixIgnoringCase("answer") else { return false }
    let rest = text.utf8.dropFirst(6).drop { $0 == UInt8(ascii: "s") || $0 == UInt8(ascii: " ") }
    return rest.first == UInt8(ascii: ":")
  }

  /// Whether a paragraph is a task list written without a space after its bullet (`-[x] a`).
  static func isSquashedTaskList(_ inlines: [Inline]) -> Bool {
    // A bullet first, or it is not one: most paragraphs are dismissed here.
    if case .text(let text)? = inlines.first, let bullet = text.utf8.first,
      bullet != UInt8(ascii: "-") && bullet != UInt8(ascii: "*") && bullet != UInt8(ascii: "+")
    {
      return false
    }
    let bytes = Array(leadingText(inlines, 4).utf8.prefix(4))
    guard bytes.count == 4,
      bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "*") || bytes[0] == UInt8(ascii: "+"),
      bytes[1] == UInt8(ascii: "["), bytes[3] == UInt8(ascii: "]")
    else { return false }
    return bytes[2] == UInt8(ascii: " ") || bytes[2] | 0x20 == UInt8(ascii: "x")
  }

  /// The start of a paragraph's plain text, as ``Swift/Array/plainTextPrefix(_:)`` gives
  /// it, taken straight from its first run of text when that is long enough (nearly always).
  private static func leadingText(_ inlines: [Inline], _ count: Int) -> String {
    if case .text(let text)? = inlines.first, text.utf8.count > count {
      return String(decoding: text.utf8.prefix(count), as: UTF8.self)
    }
    return inlines.plainTextPrefix(count)
  }

  /// Every block (lists and block quotes looked into) that shows answer syntax as text:
  /// the first mark of each task list, each `Answer:` paragraph. Code is left alone.
  static func all(in blocks: some Sequence<Block>) -> [AnswerSyntax] {
    var found: [AnswerSyntax] = []
    collect(blocks, into: &found)
    return found
  }

  private static func collect(_ blocks: some Sequence<Block>, into found: inout [AnswerSyntax]) {
    for block in blocks {
      switch block.kind {
      case .paragraph(let inlines):
        guard let location = block.location, let first = inlines.first else { continue }
        // Only text can start either form; most paragraphs are dismissed here.
        guard case .text(let text) = first, let byte = text.utf8.first,
          byte | 0x20 == UInt8(ascii: "a") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*")
            || byte == UInt8(ascii: "+")
        else {
          if case .strong = first, isAnswerLine(inlines), let location = block.location {
            found.append(AnswerSyntax(written: "Answer:", location: location))
          }
          continue
        }
        if isAnswerLine(inlines) {
          found.append(AnswerSyntax(written: "Answer:", location: location))
        } else if isSquashedTaskList(inlines) {
          let mark = String(decoding: inlines.plainTextPrefix(4).utf8.dropFirst().prefix(3), as: UTF8.self)
          found.append(AnswerSyntax(written: mark, location: location.movedRight(by: 1)))
        }
      case .list(_, _, _, let items):
        var marked = false
        for item in items {
          if !marked, let mark = taskMark(item), let location = item.first?.location {
            found.append(AnswerSyntax(written: mark, location: location))
            marked = true
          }
          collect(item, into: &found)
        }
      case .blockQuote(let inner): collect(inner, into: &found)
      case .heading, .codeBlock, .htmlBlock, .thematicBreak: break
      }
    }
  }
}

/// A paragraph that was meant as a heading but has no space after its `#` marks
/// (`###Order: ...`), so it is read as text.
struct SquashedHeading {
  /// The `#` marks.
  var level: Int
  /// The text after the marks.
  var text: String
  var location: SourceLocation

  /// `### Order: ...`, as it should be written.
  var fix: String { String(repeating: "#", count: level) + " " + text }
  /// `###Order:` (the marks and the first word), for messages.
  var written: String {
    String(repeating: "#", count: level) + String(text.prefix { !$0.isWhitespace }.prefix(20))
  }

  /// The paragraph's squashed heading, if it is one: two to six `#` and a letter, or one
  /// `#` and a word with a colon (one `#` and a word alone is a hashtag).
  /// - Parameter allowingHashtag: read one `#` and a word as a heading too (the first
  ///   line of a module, where a title belongs).
  init?(_ block: Block, allowingHashtag: Bool = false) {
    guard let inlines = block.paragraphInlines, let location = block.location, let first = inlines.first,
      case .text(let start) = first, start.utf8.first == UInt8(ascii: "#")
    else { return nil }
    let line = ModuleReader.firstLine(of: inlines)
    let marks = line.prefix { $0 == "#" }.count
    let rest = line.dropFirst(marks)
    guard (1...6).contains(marks), let letter = rest.first, letter.isLetter else { return nil }
    if marks == 1 && !allowingHashtag {
      let word = rest.prefix { $0.isLetter }
      guard rest.dropFirst(word.count).first == ":" else { return nil }
    }
    level = marks
    text = String(rest)
    self.location = location
  }
}
