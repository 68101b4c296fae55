import CourseModel
import Foundation
import LearnerModel
import SessionEngine
import Testing

@testable import Terminal

/// A lesson too long to render whole is rendered where it is read: the same lines, in
/// the same order, page after page, back and forth, resumed from a bookmark.
@Suite struct LazyPagesTests {
  static func lesson(_ blocks: [Block]) -> Screen {
    Screen(
      kind: .page, location: ["Course", "Module"],
      parts: [.text("The long read", .title), .blank, .blocks(blocks)], input: .keys(back: false))
  }

  static func paragraphs(_ count: Int) -> [Block] {
    (0..<count).map { n in
      Block(
        .paragraph([
          .text(
            "Paragraph \(n) says something about service, at some length, so it wraps on a narrow terminal.")
        ]))
    }
  }

  /// Every page from the start: the lines and the places the pages open at.
  static func walk(_ pages: LazyPages, height: Int) -> (lines: [String], starts: [LazyPages.Place]) {
    var place = LazyPages.Place(unit: 0, line: 0)
    var lines: [String] = []
    var starts: [LazyPages.Place] = []
    while true {
      starts.append(place)
      let (page, next) = pages.page(at: place, height: height)
      #expect(page.count <= height)
      lines += page.map(\.plain)
      guard let next else { break }
      #expect(page.count == height, "only the last page is short")
      place = next
    }
    return (lines, starts)
  }

  @Test func manyBlocksShowTheSameLinesAsTheWholeRender() {
    let screen = Self.lesson(Self.paragraphs(2_500))
    #expect(LazyPages.isLarge(screen))
    #expect(!LazyPages.isLarge(Self.lesson(Self.paragraphs(20))))
    let pages = LazyPages(screen, width: 40, unicode: true)
    let whole = ScreenRenderer(width: 40, ansi: false, unicode: true).body(screen).map(\.plain)
    let (lines, starts) = Self.walk(pages, height: 9)
    #expect(lines == whole)
    // Back from each page opens the page before it; a bookmark's position finds its page.
    for (n, start) in starts.enumerated() {
      #expect(pages.previous(before: start, height: 9) == (n == 0 ? nil : starts[n - 1]))
      #expect(pages.place(pages.position(start), height: 9) == start, "page \(n)")
    }
    let percents = starts.map(pages.percent)
    #expect(percents.first == 0)
    #expect(zip(percents, percents.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(percents.last! >= 99)
    // The last page, for going back into the lesson from what follows it: a full page
    // that ends where the lesson ends.
    let last = pages.page(at: pages.place(.end, height: 9), height: 9)
    #expect(last.next == nil && last.lines.count == 9)
    #expect(last.lines.last?.plain == whole.last)
  }

  @Test func oneEnormousParagraphIsWrappedInPiecesAndLosesNoWord() {
    let words = (0..<60_000).map { "w\($0)" }
    let screen = Self.lesson([Block(.paragraph([.text(words.joined(separator: " "))]))])
    #expect(LazyPages.isLarge(screen))
    let pages = LazyPages(screen, width: 60, unicode: true)
    let (lines, starts) = Self.walk(pages, height: 20)
    #expect(
      lines.joined(separator: " ").split(separator: " ").map(String.init) == ["The", "long", "read"] + words)
    #expect(lines.allSatisfy { TextWidth.of($0) <= 60 })
    for start in starts.prefix(50) + starts.suffix(50) {
      #expect(pages.place(pages.position(start), height: 20) == start)
    }
    // Positions inside the paragraph count its lines from its start, as bookmarks do.
    let deep = pages.position(starts[starts.count / 2])
    #expect(deep.block == 0 && deep.line > 1_000)
  }

  @Test func piecesAreCutAtSpacesWithinTheirSize() {
    let text = String(repeating: "abcd efgh ", count: 5_000)
    let pieces = LazyPages.split([Span(text)], size: 1_000)
    #expect(pieces.count > 40)
    #expect(pieces.allSatisfy { $0.reduce(0) { $0 + $1.text.utf8.count } <= 1_000 })
    #expect(pieces.map { $0.map(\.text).joined() }.joined(separator: " ") == text)
    // No space at all: one piece, never an endless loop.
    #expect(LazyPages.split([Span(String(repeating: "x", count: 5_000))], size: 1_000).count == 1)
  }
}
