import CourseModel

/// Counts the words of Markdown blocks as `[Block].wordCount` does (the words of their
/// plain text), in one pass that builds no strings, so a lesson of many megabytes is
/// counted in a moment.
enum WordCount {
  static func of(_ blocks: [Block]) -> Int {
    var counter = Counter()
    for block in blocks { counter.add(block) }
    return counter.words
  }

  struct Counter {
    var words = 0
    var inWord = false

    mutating func space() { inWord = false }

    mutating func add(_ text: String) {
      for scalar in text.unicodeScalars {
        let value = scalar.value
        // ASCII first: space, tab, line feed, vertical tab, form feed, carriage return.
        let isSpace =
          value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : scalar.properties.isWhitespace
        if isSpace {
          inWord = false
        } else if !inWord {
          inWord = true
          words += 1
        }
      }
    }

    mutating func add(_ inlines: [Inline]) {
      for inline in inlines {
        switch inline {
        case .text(let s), .code(let s): add(s)
        case .emphasis(let children), .strong(let children): add(children)
        case .link(_, _, let children), .image(_, _, let children): add(children)
        case .softBreak, .lineBreak: space()
        case .html: break
        }
      }
    }

    mutating func add(_ block: Block) {
      space()
      switch block.kind {
      case .paragraph(let inlines), .heading(_, let inlines): add(inlines)
      case .list(_, _, _, let items):
        for item in items {
          for inner in item { add(inner) }
          space()
        }
      case .blockQuote(let blocks): for inner in blocks { add(inner) }
      case .codeBlock(_, let code): add(code)
      case .htmlBlock, .thematicBreak: break
      }
      space()
    }
  }
}
