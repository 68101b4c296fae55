import CourseModel
import LearnerModel
import SessionEngine

/// The pages of a long lesson, rendered only where they are read.
///
/// An ordinary lesson is rendered whole and cut into pages (``Pager``). A lesson of
/// hundreds of kilobytes or thousands of blocks would take seconds and much memory to
/// render on every page turn, so this renders one block at a time, from the place a page
/// opens, and keeps only the few blocks last rendered. A paragraph of many kilobytes is
/// wrapped in pieces of about ``pieceSize`` characters (each piece starts a line), so
/// even a lesson that is one enormous paragraph turns a page in a moment.
///
/// Positions are the bookmark's: a top-level block and a line in it. The footer shows how
/// far through the lesson a page is (a share of its text) rather than a page count, which
/// would need the whole lesson rendered.
final class LazyPages {
  /// A part of the body rendered on its own.
  private enum Unit {
    /// Lines rendered up front (a title, a blank line).
    case lines([StyledLine])
    /// A top-level block, by its number in the body.
    case block(Block, number: Int, separated: Bool)
    /// A piece of a long paragraph: its spans, its block's number, whether it is the
    /// first piece.
    case piece(Int, number: Int, first: Bool)
  }

  /// A place in the body: a unit and a line in it.
  struct Place: Hashable {
    var unit: Int
    var line: Int
  }

  /// Lessons past either size are paged lazily.
  static let sizeThreshold = 256 * 1024
  static let blockThreshold = 2_000
  /// The size of the pieces a long paragraph is wrapped in.
  static let pieceSize = 8 * 1024

  let width: Int
  let unicode: Bool
  private var units: [Unit] = []
  /// Each unit's share of the text, for "how far through".
  private var weights: [Int] = []
  private var before: [Int] = []
  private var total = 0
  /// The spans of each long paragraph's pieces.
  private var pieces: [[Span]] = []
  /// The first unit of each block, by block number.
  private var firstUnit: [Int: Int] = [:]
  private var cache: [Int: [StyledLine]] = [:]
  private var cacheOrder: [Int] = []
  /// How many lines each unit has, once rendered (kept: a few integers a block).
  private var counts: [Int: Int] = [:]

  /// Whether a screen's body is big enough to page lazily.
  static func isLarge(_ screen: Screen) -> Bool {
    var size = 0
    var blocks = 0
    for case .blocks(let list) in screen.parts {
      blocks += list.count
      for block in list { size += Self.size(of: block) }
      if size > sizeThreshold || blocks > blockThreshold { return true }
    }
    return false
  }

  init(_ screen: Screen, width: Int, unicode: Bool) {
    self.width = width
    self.unicode = unicode
    let renderer = ScreenRenderer(width: width, ansi: false, unicode: unicode)
    var number = 0
    for part in screen.parts {
      guard case .blocks(let blocks) = part else {
        add(.lines(renderer.render(part)), weight: 1)
        continue
      }
      for (n, block) in blocks.enumerated() {
        firstUnit[number] = units.count
        let separated = n > 0
        if case .paragraph(let inlines) = block.kind, Self.size(of: block) > Self.pieceSize {
          let spans = BlockRenderer(width: width, unicode: unicode).spans(inlines, [])
          for (k, piece) in Self.split(spans, size: Self.pieceSize).enumerated() {
            pieces.append(piece)
            add(
              .piece(pieces.count - 1, number: number, first: k == 0 && separated),
              weight: piece.reduce(0) { $0 + $1.text.utf8.count })
          }
        } else {
          add(.block(block, number: number, separated: separated), weight: Self.size(of: block) + 1)
        }
        number += 1
      }
    }
  }

  private func add(_ unit: Unit, weight: Int) {
    units.append(unit)
    before.append(total)
    weights.append(weight)
    total += weight
  }

  // MARK: - Rendering

  /// The lines of unit `u` (rendered on first use, a few kept).
  private func lines(_ u: Int) -> [StyledLine] {
    if let known = cache[u] { return known }
    var lines: [StyledLine]
    switch units[u] {
    case .lines(let given): lines = given
    case .block(let block, let number, let separated):
      lines = BlockRenderer(width: width, unicode: unicode).render([block])
      for i in lines.indices { lines[i].block = number }
      if separated && !lines.isEmpty { lines.insert(StyledLine(block: number), at: 0) }
    case .piece(let p, let number, let first):
      lines = Wrapper(width: width).wrap(pieces[p], block: number)
      if first { lines.insert(StyledLine(block: number), at: 0) }
    }
    cache[u] = lines
    counts[u] = lines.count
    cacheOrder.append(u)
    if cacheOrder.count > 32 { cache[cacheOrder.removeFirst()] = nil }
    return lines
  }

  /// How many lines unit `u` has (rendered once to count them).
  private func count(_ u: Int) -> Int { counts[u] ?? lines(u).count }

  /// The lines of the page that opens at `place`, and where the next page opens
  /// (`nil` on the last page).
  func page(at place: Place, height: Int) -> (lines: [StyledLine], next: Place?) {
    var out: [StyledLine] = []
    var unit = place.unit
    var line = place.line
    while unit < units.count {
      let rendered = lines(unit)
      while line < rendered.count {
        if out.count == height { return (out, Place(unit: unit, line: line)) }
        out.append(rendered[line])
        line += 1
      }
      unit += 1
      line = 0
    }
    return (out, nil)
  }

  /// Where the page before the one at `place` opens; `nil` on the first page.
  func previous(before place: Place, height: Int) -> Place? {
    guard place.unit > 0 || place.line > 0 else { return nil }
    var unit = place.unit
    var line = place.line
    var left = height
    while left > 0 {
      if line >= left {
        return Place(unit: unit, line: line - left)
      }
      left -= line
      guard unit > 0 else { return Place(unit: 0, line: 0) }
      unit -= 1
      line = count(unit)
    }
    return Place(unit: unit, line: line)
  }

  /// How far through the body a place is, 0...100.
  func percent(_ place: Place) -> Int {
    guard total > 0, place.unit < units.count else { return 100 }
    let lines = max(count(place.unit), 1)
    let within = Double(weights[place.unit]) * Double(place.line) / Double(lines)
    return min(100, Int((Double(before[place.unit]) + within) * 100 / Double(total)))
  }

  // MARK: - Positions

  /// The bookmark's position for a place: its block, and the line in the block.
  func position(_ place: Place) -> PagePosition {
    guard place.unit < units.count else { return .start }
    let number: Int
    switch units[place.unit] {
    case .lines: return place.unit == 0 && place.line == 0 ? .start : nearestBlockPosition(place)
    case .block(_, let n, _): return PagePosition(block: n, line: place.line)
    case .piece(_, let n, _): number = n
    }
    // Lines of the earlier pieces of the same block come first.
    var line = place.line
    var u = place.unit - 1
    while u >= 0, case .piece(_, let n, _) = units[u], n == number {
      line += count(u)
      u -= 1
    }
    return PagePosition(block: number, line: line)
  }

  private func nearestBlockPosition(_ place: Place) -> PagePosition {
    // A page opening on a title or a blank part: the block that follows, at its start.
    for u in place.unit..<units.count {
      switch units[u] {
      case .block(_, let n, _), .piece(_, let n, _): return PagePosition(block: n)
      case .lines: continue
      }
    }
    return .start
  }

  /// The place a bookmark's position names (the end for ``PagePosition/end``).
  func place(_ position: PagePosition, height: Int) -> Place {
    if position == .start { return Place(unit: 0, line: 0) }
    if position == .end {
      // The last page: back from the end.
      return previous(before: Place(unit: units.count, line: 0), height: height) ?? Place(unit: 0, line: 0)
    }
    guard
      let start = firstUnit[position.block]
        ?? firstUnit.keys.filter({ $0 > position.block }).min()
        .flatMap({ firstUnit[$0] })
    else {
      return previous(before: Place(unit: units.count, line: 0), height: height) ?? Place(unit: 0, line: 0)
    }
    var unit = start
    var line = position.line
    while unit < units.count {
      let lines = count(unit)
      guard case .piece(_, let n, _) = units[unit], n == position.block, line >= lines,
        unit + 1 < units.count,
        case .piece(_, let next, _) = units[unit + 1], next == n
      else { break }
      line -= lines
      unit += 1
    }
    return Place(unit: unit, line: min(line, max(count(unit) - 1, 0)))
  }

  // MARK: - Sizes and pieces

  /// Roughly how much text a block holds (its UTF-8 bytes), without building it.
  static func size(of block: Block) -> Int {
    switch block.kind {
    case .paragraph(let inlines), .heading(_, let inlines): return size(of: inlines)
    case .list(_, _, _, let items): return items.reduce(0) { $0 + $1.reduce(0) { $0 + size(of: $1) } }
    case .blockQuote(let blocks): return blocks.reduce(0) { $0 + size(of: $1) }
    case .codeBlock(_, let code): return code.utf8.count
    case .htmlBlock, .thematicBreak: return 1
    }
  }

  static func size(of inlines: [Inline]) -> Int {
    inlines.reduce(0) { total, inline in
      switch inline {
      case .text(let s), .code(let s), .html(let s): total + s.utf8.count
      case .emphasis(let children), .strong(let children): total + size(of: children)
      case .link(let destination, _, let children), .image(let destination, _, let children):
        total + size(of: children) + destination.utf8.count
      case .softBreak, .lineBreak: total + 1
      }
    }
  }

  /// Spans cut into pieces of about `size` bytes, each cut at a space.
  static func split(_ spans: [Span], size: Int) -> [[Span]] {
    var pieces: [[Span]] = []
    var current: [Span] = []
    var used = 0
    for span in spans {
      var text = Substring(span.text)
      while used + text.utf8.count > size {
        // Cut at the last space that keeps the piece within its size, else the first.
        // (A space is one byte in UTF-8, so the cut is always between characters.)
        let room = max(size - used, 1)
        let utf8 = text.utf8
        let limit = utf8.index(utf8.startIndex, offsetBy: min(room, utf8.count))
        let cut = utf8[..<limit].lastIndex(of: 0x20) ?? utf8[limit...].firstIndex(of: 0x20)
        guard let cut else { break }
        let head = text[..<cut]
        if !head.isEmpty { current.append(Span(String(head), span.style)) }
        pieces.append(current)
        current = []
        used = 0
        text = text[text.index(after: cut)...]
      }
      if !text.isEmpty {
        current.append(Span(String(text), span.style))
        used += text.utf8.count
      }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }
}
