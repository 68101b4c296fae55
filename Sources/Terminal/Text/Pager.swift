import LearnerModel

/// Splits rendered lines into pages of a terminal's height.
public struct Pager: Sendable {
  public let lines: [StyledLine]
  /// Lines per page, at least 3.
  public let height: Int

  public init(lines: [StyledLine], height: Int) {
    self.lines = lines
    self.height = max(height, 3)
  }

  public var pageCount: Int { max(1, (lines.count + height - 1) / height) }

  /// The lines on page `page` (0-based, clamped).
  public func lines(onPage page: Int) -> ArraySlice<StyledLine> {
    let page = min(max(page, 0), pageCount - 1)
    let start = page * height
    return lines[min(start, lines.count)..<min(start + height, lines.count)]
  }

  /// The page that shows `position`; the last page for ``PagePosition/end``.
  public func page(showing position: PagePosition) -> Int {
    if position == .end { return pageCount - 1 }
    if position == .start { return 0 }
    guard let first = lines.firstIndex(where: { ($0.block ?? -1) >= position.block }) else {
      return pageCount - 1
    }
    let exact = lines[first].block == position.block
    let line = first + (exact ? position.line : 0)
    return min(line / height, pageCount - 1)
  }

  /// Where page `page` opens, as a bookmark stores it.
  public func position(onPage page: Int) -> PagePosition {
    let page = min(max(page, 0), pageCount - 1)
    let start = min(page * height, lines.count)
    guard page > 0, start < lines.count else { return .start }
    let block: Int
    if let own = lines[start].block {
      block = own
    } else if let previous = lines[..<start].last(where: { $0.block != nil })?.block {
      block = previous
    } else {
      return .start
    }
    let first = lines.firstIndex { $0.block == block } ?? start
    return PagePosition(block: block, line: start - first)
  }
}
