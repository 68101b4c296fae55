extension Array where Element == Inline {
  /// The text as plain characters: text and code kept, a link's or image's text kept and
  /// its target dropped, soft and hard breaks turned into one space, raw HTML dropped.
  public var plainText: String {
    var out = ""
    for inline in self { inline.appendPlainText(to: &out) }
    return out
  }
}

extension Inline {
  fileprivate func appendPlainText(to out: inout String) {
    switch self {
    case .text(let s), .code(let s): out += s
    case .emphasis(let children), .strong(let children): out += children.plainText
    case .link(_, _, let children), .image(_, _, let children): out += children.plainText
    case .softBreak, .lineBreak: out += " "
    case .html: break
    }
  }
}

extension Block {
  /// The block as plain text; paragraphs and list items are separated by blank lines.
  public var plainText: String {
    switch kind {
    case .paragraph(let inlines), .heading(_, let inlines): return inlines.plainText
    case .list(_, _, _, let items): return items.map { $0.plainText }.joined(separator: "\n\n")
    case .blockQuote(let blocks): return blocks.plainText
    case .codeBlock(_, let code): return code.hasSuffix("\n") ? String(code.dropLast()) : code
    case .htmlBlock, .thematicBreak: return ""
    }
  }
}

extension Array where Element == Block {
  /// The blocks as plain text, one blank line between blocks.
  public var plainText: String {
    map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  /// The number of words a reader reads in these blocks.
  public var wordCount: Int {
    plainText.split(whereSeparator: { $0.isWhitespace }).count
  }
}
