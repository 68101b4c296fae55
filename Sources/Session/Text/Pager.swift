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

  /// The page on which `block` starts; the last page for `Int.max`.
  public func page(showingBlock block: Int) -> Int {
    if block == Int.max { return pageCount - 1 }
    guard let line = lines.firstIndex(where: { ($0.block ?? -1) >= block }) else { return 0 }
    return min(line / height, pageCount - 1)
  }

  /// The block a page opens with: what a bookmark stores for the page. A page that
  /// starts in the middle of a block reopens at that block.
  public func block(onPage page: Int) -> Int {
    let page = min(max(page, 0), pageCount - 1)
    let start = min(page * height, lines.count)
    if let block = lines[start...].first(where: { $0.block != nil })?.block { return block }
    return lines[..<start].last(where: { $0.block != nil })?.block ?? 0
  }
}
