import CourseModel

extension Array where Element == Block {
  /// The blocks as HTML, one block a line.
  ///
  /// Every kind of block and inline the course model keeps is rendered. Raw HTML from a
  /// course (`htmlBlock`, inline `html`) is dropped, never passed through; a link keeps its
  /// text, and its address only when `HTML.safeLinkAddress` accepts it; an image becomes
  /// `[image: its description]`, since a printed page loads nothing.
  public var html: String {
    var out = ""
    for block in self { block.appendHTML(to: &out, tight: false) }
    return out
  }
}

extension Array where Element == Inline {
  /// The inlines as HTML (see `[Block].html` for what is kept and dropped).
  public var html: String {
    var out = ""
    for inline in self { inline.appendHTML(to: &out) }
    return out
  }
}

extension Block {
  /// The block as HTML, ending with a line break (nothing for raw HTML).
  public var html: String {
    var out = ""
    appendHTML(to: &out, tight: false)
    return out
  }

  /// Appends the block; `tight` is true for the blocks of a tight list's item, whose
  /// paragraphs stand without `<p>` (as CommonMark renders them).
  fileprivate func appendHTML(to out: inout String, tight: Bool) {
    switch kind {
    case .paragraph(let inlines):
      out += tight ? inlines.html + "\n" : "<p>" + inlines.html + "</p>\n"
    case .heading(let level, let inlines):
      let n = Swift.min(Swift.max(level, 1), 6)
      out += "<h\(n)>" + inlines.html + "</h\(n)>\n"
    case .list(let ordered, let start, let tightList, let items):
      let tag = ordered ? "ol" : "ul"
      out += ordered && start != 1 ? "<ol start=\"\(start)\">\n" : "<\(tag)>\n"
      for item in items {
        out += "<li>"
        var inner = ""
        for block in item { block.appendHTML(to: &inner, tight: tightList) }
        if inner.hasSuffix("\n") { inner.removeLast() }
        out += inner + "</li>\n"
      }
      out += "</\(tag)>\n"
    case .blockQuote(let blocks):
      out += "<blockquote>\n" + blocks.html + "</blockquote>\n"
    case .codeBlock(let info, let code):
      let language = info.split(separator: " ").first.map(String.init) ?? ""
      let isPlainWord = !language.isEmpty && language.utf8.allSatisfy { Self.isLanguageByte($0) }
      let open = isPlainWord ? "<pre><code class=\"language-\(language)\">" : "<pre><code>"
      out += open + HTML.escape(code) + "</code></pre>\n"
    case .htmlBlock:
      break
    case .thematicBreak:
      out += "<hr>\n"
    }
  }

  private static func isLanguageByte(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
  }
}

extension Inline {
  fileprivate func appendHTML(to out: inout String) {
    switch self {
    case .text(let text): out += HTML.escape(text)
    case .code(let code): out += "<code>" + HTML.escape(code) + "</code>"
    case .emphasis(let children): out += "<em>" + children.html + "</em>"
    case .strong(let children): out += "<strong>" + children.html + "</strong>"
    case .link(let destination, let title, let children):
      guard let address = HTML.safeLinkAddress(destination) else {
        out += children.html
        return
      }
      let titleAttribute = title.isEmpty ? "" : " title=\"\(HTML.escapeAttribute(title))\""
      out += "<a href=\"\(HTML.escapeAttribute(address))\"\(titleAttribute)>" + children.html + "</a>"
    case .image(_, _, let children):
      let description = children.plainText
      let label = description.isEmpty ? "[image]" : "[image: " + description + "]"
      out += "<span class=\"image\">" + HTML.escape(label) + "</span>"
    case .softBreak: out += "\n"
    case .lineBreak: out += "<br>\n"
    case .html: break
    }
  }
}
