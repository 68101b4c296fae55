import CourseModel

/// Finds `Facilitator:` notes: top-level block quotes whose text starts with the word.
enum FacilitatorNotes {
  static let word = "facilitator:"

  /// Whether a block is a facilitator note.
  static func isNote(_ block: Block) -> Bool {
    guard case .blockQuote(let inner) = block.kind, let first = inner.first else { return false }
    // The text of the quote starts with its first block's (a paragraph's, as a rule).
    if let inlines = first.paragraphInlines {
      // Most quotes (explanations, hints) are dismissed by their first letter.
      if case .text(let text)? = inlines.first, let byte = text.utf8.first, byte | 0x20 != UInt8(ascii: "f") {
        return false
      }
      return inlines.plainTextPrefix(word.utf8.count).hasPrefixIgnoringCase(word)
    }
    return inner.plainText.prefix(word.count).lowercased() == word
  }

  /// Takes the notes out of `blocks`.
  /// - Returns: the other blocks (the same slice when there is no note) and the notes.
  static func split(_ blocks: ArraySlice<Block>) -> (rest: ArraySlice<Block>, notes: [FacilitatorNote]) {
    guard blocks.contains(where: isNote) else { return (blocks, []) }
    var rest: [Block] = []
    var notes: [FacilitatorNote] = []
    for block in blocks {
      if isNote(block), case .blockQuote(let inner) = block.kind {
        notes.append(FacilitatorNote(blocks: dropWord(inner), location: block.location))
      } else {
        rest.append(block)
      }
    }
    return (rest[...], notes)
  }

  /// The blocks of a note without its leading `Facilitator:` (and the spaces after it).
  private static func dropWord(_ blocks: [Block]) -> [Block] {
    guard let first = blocks.first, case .paragraph(let inlines) = first.kind else { return blocks }
    var remaining = word.count
    let kept = drop(&remaining, from: inlines)
    var out = blocks
    if kept.plainText.trimmed.isEmpty {
      out.removeFirst()
    } else {
      out[0] = Block(.paragraph(trimLeadingSpace(kept)), at: first.location)
    }
    return out
  }

  /// Drops `count` characters of plain text from the start of `inlines`.
  private static func drop(_ count: inout Int, from inlines: [Inline]) -> [Inline] {
    var out: [Inline] = []
    for inline in inlines {
      guard count > 0 else {
        out.append(inline)
        continue
      }
      switch inline {
      case .text(let text), .code(let text):
        if text.count <= count {
          count -= text.count
        } else {
          let rest = String(text.dropFirst(count))
          count = 0
          if case .code = inline { out.append(.code(rest)) } else { out.append(.text(rest)) }
        }
      case .emphasis(let children):
        let rest = drop(&count, from: children)
        if !rest.isEmpty { out.append(.emphasis(rest)) }
      case .strong(let children):
        let rest = drop(&count, from: children)
        if !rest.isEmpty { out.append(.strong(rest)) }
      case .link, .image, .softBreak, .lineBreak:
        // The word is plain text; anything else ends it.
        count = 0
        out.append(inline)
      case .html:
        out.append(inline)
      }
    }
    return out
  }

  private static func trimLeadingSpace(_ inlines: [Inline]) -> [Inline] {
    var out = inlines
    while let first = out.first {
      switch first {
      case .softBreak, .lineBreak: out.removeFirst()
      case .text(let text):
        let trimmed = String(text.drop { $0 == " " || $0 == "\t" })
        if trimmed.isEmpty { out.removeFirst() } else { return [.text(trimmed)] + out.dropFirst() }
      default: return out
      }
    }
    return out
  }
}
