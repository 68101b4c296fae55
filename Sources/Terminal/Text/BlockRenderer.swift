import CourseModel

/// Renders Markdown blocks from the cmark tree to wrapped, styled terminal lines.
///
/// Headings, emphasis, strong text, code, lists and block quotes keep their look when
/// styling is on; links show their text followed by their address. Lines are at most
/// ``width`` columns.
public struct BlockRenderer: Sendable {
  /// Columns available; `Int.max` for no wrapping.
  public var width: Int
  /// Whether to draw bullets and rules with Unicode characters (• │ ─) instead of ASCII.
  public var unicode: Bool

  public init(width: Int, unicode: Bool = true) {
    self.width = width
    self.unicode = unicode
  }

  /// The lines of `blocks`, one blank line between blocks; every line is tagged with the
  /// index of the top-level block it comes from.
  public func render(_ blocks: [Block]) -> [StyledLine] {
    var lines: [StyledLine] = []
    for (index, block) in blocks.enumerated() {
      let rendered = render(block, first: [], rest: [], width: width, block: index)
      if rendered.isEmpty { continue }
      if !lines.isEmpty { lines.append(StyledLine(block: index)) }
      lines += rendered
    }
    return lines
  }

  private func render(_ block: Block, first: [Span], rest: [Span], width: Int, block index: Int)
    -> [StyledLine]
  {
    let wrapper = Wrapper(width: width)
    switch block.kind {
    case .paragraph(let inlines):
      return wrapper.wrap(spans(inlines, []), first: first, rest: rest, block: index)
    case .heading(let level, let inlines):
      let style: TextStyle = level <= 2 ? [.heading] : [.bold]
      return wrapper.wrap(spans(inlines, style), first: first, rest: rest, block: index)
    case .list(let ordered, let start, let tight, let items):
      return list(
        ordered: ordered, start: start, tight: tight, items: items, first: first, rest: rest,
        width: width, block: index)
    case .blockQuote(let blocks):
      let bar = [Span(unicode ? "│ " : "> ", [.dim])]
      var lines: [StyledLine] = []
      for (n, inner) in blocks.enumerated() {
        if n > 0 { lines.append(StyledLine(rest + bar, block: index)) }
        let isFirst = n == 0
        lines += render(
          inner, first: (isFirst ? first : rest) + bar, rest: rest + bar, width: width,
          block: index)
      }
      return lines
    case .codeBlock(_, let code):
      let text = code.hasSuffix("\n") ? String(code.dropLast()) : code
      return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap {
        n, line -> [StyledLine] in
        let lead = (n == 0 ? first : rest) + [Span("    ")]
        let codeWrapper = Wrapper(width: width)
        return codeWrapper.hardWrap(
          [Span(String(line), [.code])], first: lead, rest: rest + [Span("    ")],
          block: index)
      }
    case .htmlBlock:
      return []
    case .thematicBreak:
      let used = StyledLine(first).width
      let length = max(3, min(width, 100) - used)
      return [
        StyledLine(
          first + [Span(String(repeating: unicode ? "─" : "-", count: length), [.dim])], block: index)
      ]
    }
  }

  private func list(
    ordered: Bool, start: Int, tight: Bool, items: [[Block]], first: [Span], rest: [Span], width: Int,
    block index: Int
  ) -> [StyledLine] {
    let last = start + max(items.count - 1, 0)
    let markerWidth = ordered ? String(last).count + 2 : 2
    var lines: [StyledLine] = []
    for (n, item) in items.enumerated() {
      if n > 0 && !tight { lines.append(StyledLine(rest, block: index)) }
      let marker = ordered ? "\(start + n)." : (unicode ? "•" : "-")
      let padded = marker + String(repeating: " ", count: max(1, markerWidth - marker.count))
      let itemFirst = (n == 0 ? first : rest) + [Span(padded, ordered ? [] : [.dim])]
      let itemRest = rest + [Span(String(repeating: " ", count: markerWidth))]
      if item.isEmpty { lines.append(StyledLine(itemFirst, block: index)) }
      for (b, inner) in item.enumerated() {
        if b > 0 && !tight { lines.append(StyledLine(itemRest, block: index)) }
        lines += render(
          inner, first: b == 0 ? itemFirst : itemRest, rest: itemRest, width: width, block: index)
      }
    }
    return lines
  }

  /// Inline content as styled spans, with `style` added to every span.
  public func spans(_ inlines: [Inline], _ style: TextStyle) -> [Span] {
    var out: [Span] = []
    for inline in inlines {
      switch inline {
      case .text(let text): out.append(Span(text, style))
      case .code(let code): out.append(Span(code, style.union(.code)))
      case .emphasis(let children): out += spans(children, style.union(.italic))
      case .strong(let children): out += spans(children, style.union(.bold))
      case .link(let destination, _, let children):
        let text = children.plainText
        out += spans(children, style.union(.link))
        if !destination.isEmpty && destination != text && "mailto:" + text != destination {
          out.append(Span(" (\(destination))", style.union(.dim)))
        }
      case .image(let source, _, let children):
        let alt = children.plainText
        out.append(Span("[image: \(alt.isEmpty ? source : alt)]", style.union(.dim)))
        if !alt.isEmpty && !source.isEmpty { out.append(Span(" (\(source))", style.union(.dim))) }
      case .softBreak: out.append(Span(" ", style))
      case .lineBreak: out.append(Span("\n", style))
      case .html: break
      }
    }
    return out
  }
}

extension Wrapper {
  /// Cuts text at exactly `width` columns, keeping every space (for code).
  func hardWrap(_ spans: [Span], first: [Span], rest: [Span], block: Int?) -> [StyledLine] {
    var lines: [StyledLine] = []
    var current = first
    var used = StyledLine(first).width
    let restWidth = StyledLine(rest).width
    for span in spans {
      for character in span.text {
        let w = TextWidth.of(character == "\t" ? " " : character)
        if used + w > width && used > restWidth {
          lines.append(StyledLine(current, block: block))
          current = rest
          used = restWidth
        }
        let shown: Character = character == "\t" ? " " : character
        if let last = current.last, last.style == span.style {
          current[current.count - 1].text.append(shown)
        } else {
          current.append(Span(String(shown), span.style))
        }
        used += w
      }
    }
    lines.append(StyledLine(current, block: block))
    return lines
  }
}
