import Foundation
import LearnerModel
import Testing

/// Bookmark positions read as every earlier coach wrote them, and write back byte for byte.
@Suite struct BookmarkPositionTests {
  /// The positions in the store that coach wrote at 5700123, before the position became
  /// an enum (Tests/CoachTests/Fixtures/release-store/bookmarks.txt), with what they mean.
  static let written: [(String, Bookmark.Position)] = [
    ("intro", .introduction),
    ("overview", .overview),
    ("block:0+2", .lesson(PagePosition(block: 0, line: 2))),
    ("block:3", .lesson(PagePosition(block: 3))),
    ("q:first", .question(item: "first", retry: false)),
    ("retry:first", .question(item: "first", retry: true)),
    ("result", .drillResult),
    ("item:greet-job", .item("greet-job")),
    ("item:our-greeting-creed-1", .item("our-greeting-creed-1")),
    (
      "draft:best-greeting\nMy first line\nSecond line",
      .draft(item: "best-greeting", text: "My first line\nSecond line")
    ),
    (
      "share:best-greeting\nI was greeted by name.\nIt felt good.",
      .share(item: "best-greeting", text: "I was greeted by name.\nIt felt good.")
    ),
    ("share:r1\n", .share(item: "r1", text: "")),
    ("sign", .signature),
    ("end", .end),
  ]

  @Test func everyFormReadsAndWritesBackByteForByte() {
    for (text, position) in Self.written {
      #expect(Bookmark.Position(storedText: text) == position, "\(text.debugDescription)")
      #expect(position.storedText == text)
    }
  }

  @Test func theReleaseStoreHoldsOnlyFormsThatRoundTrip() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../CoachTests/Fixtures/release-store/bookmarks.txt")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 14)
    for line in lines {
      // employee|module|section|position, with newlines in the position written as \n
      let position = line.split(separator: "|", maxSplits: 3)[3].replacingOccurrences(of: "\\n", with: "\n")
      let read = try #require(Bookmark.Position(storedText: position), "\(position.debugDescription)")
      #expect(read.storedText == position)
    }
  }

  @Test func textInNoKnownFormIsNotAPosition() {
    for text in ["", "chapter:3", "Q:x", "ending"] {
      #expect(Bookmark.Position(storedText: text) == nil, "\(text.debugDescription)")
    }
    // A page that does not read as N or N+L opens the lesson's first page, as coach
    // always read it.
    for text in ["block", "block:x", "block:1+-2"] {
      #expect(Bookmark.Position(storedText: text) == .lesson(.start), "\(text.debugDescription)")
    }
  }
}
