extension Array where Element == Inline {
  /// The text as plain characters: text and code kept, a link's or image's text kept and
  /// its target dropped, soft and hard breaks turned into one space, raw HTML dropped.
  public var plainText: String {
    // Most headings, choices and list items are one run of text: shared, not copied.
    if count == 1, case .text(let text) = self[0] { return text }
    var out = ""
    for inline in self { inline.appendPlainText(to: &out) }
    return out
  }
}

extension Inline {
  /// Appends the inline as plain text to `out`.
  public func appendPlainText(to out: inout String) {
    switch self {
    case .text(let s), .code(let s): out += s
    case .emphasis(let children), .strong(let children), .link(_, _, let children),
      .image(_, _, let children):
      for child in children { child.appendPlainText(to: &out) }
    case .softBreak, .lineBreak: out += " "
    case .html: break
    }
  }
}

extension Block {
  /// The block as plain text; paragraphs and list items are separated by blank lines.
  public var plainText: String {
    var out = ""
    appendPlainText(to: &out)
    return out
  }

  /// Appends ``plainText`` to `out`, without building the parts as strings of their own.
  public func appendPlainText(to out: inout String) {
    switch kind {
    case .paragraph(let inlines), .heading(_, let inlines):
      for inline in inlines { inline.appendPlainText(to: &out) }
    case .list(_, _, _, let items):
      for (index, item) in items.enumerated() {
        if index > 0 { out += "\n\n" }
        item.appendPlainText(to: &out)
      }
    case .blockQuote(let blocks): blocks.appendPlainText(to: &out)
    case .codeBlock(_, let code): out += code.hasSuffix("\n") ? code.dropLast() : code[...]
    case .htmlBlock, .thematicBreak: break
    }
  }
}

extension Array where Element == Block {
  /// The blocks as plain text, one blank line between blocks (blocks with no text left out).
  public var plainText: String {
    var out = ""
    appendPlainText(to: &out)
    return out
  }
}

extension Sequence where Element == Block {
  /// Appends the blocks' plain text to `out`, as ``Swift/Array/plainText`` gives it.
  public func appendPlainText(to out: inout String) {
    var wroteAny = false
    for block in self {
      if wroteAny { out += "\n\n" }
      let start = out.utf8.count
      block.appendPlainText(to: &out)
      if out.utf8.count > start {
        wroteAny = true
      } else if wroteAny {
        // Nothing to show: take the separator back (as scalars, so a "\r" before it stays).
        out.unicodeScalars.removeLast(2)
      }
    }
  }
}

extension Array where Element == Block {
  /// The number of words a reader reads in these blocks.
  public var wordCount: Int {
    plainText.split(whereSeparator: { $0.isWhitespace }).count
  }
}
