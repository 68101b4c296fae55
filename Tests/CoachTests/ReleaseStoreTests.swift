import Foundation
import Testing

/// A store written by coach before the bookmark became a typed position
/// (Fixtures/release-store, made at commit 5700123) resumes exactly where it did then.
@Suite struct ReleaseStoreTests {
  static let folder = CoachBinary.root.appendingPathComponent("Tests/CoachTests/Fixtures/release-store")

  /// A copy of the release store in a folder of its own.
  static func copyOfStore() throws -> String {
    let path = CoachBinary.temporaryStore()
    try FileManager.default.copyItem(
      atPath: folder.appendingPathComponent("v2-store.sqlite").path, toPath: path)
    return path
  }

  /// employee, first header, first prompt: what the release showed in pipe mode.
  static let expected: [(employee: String, header: String, prompt: String)] = {
    let text = (try? String(contentsOf: folder.appendingPathComponent("resume.tsv"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return (fields[0], fields[1], fields.count > 2 ? fields[2] : "")
    }
  }()

  @Test func everyBookmarkFormResumesAtTheSameScreenInPipeMode() throws {
    #expect(Self.expected.count == 14, "one employee per bookmark form")
    for row in Self.expected {
      let store = try Self.copyOfStore()
      let result = try CoachBinary.run([
        "learn", "--courses", CoachBinary.fixtures, "--store", store, "--employee", row.employee, "--seed",
        "7",
      ])
      let lines = result.stdout.components(separatedBy: "\n")
      #expect(result.status == 0, "\(row.employee): \(result.stderr)")
      #expect(lines.first { $0.hasPrefix("== ") } == row.header, "\(row.employee)")
      #expect((lines.first { $0.hasPrefix("? ") } ?? "") == row.prompt, "\(row.employee)")
    }
  }

  /// The bookmark (`block:0+2`) names the third line of the lesson's first paragraph,
  /// the first line of the page the employee was on when coach at 5700123 showed the
  /// lesson at 40x10 (its page 2 of 3). This coach keeps the footer of a terminal under
  /// 16 rows to one line, so its pages hold two more lines and that line is on its first
  /// page: the lesson still opens at the page that holds it. (The recording was made
  /// again for this footer, whose keys changed too: m is the outline, h the home.)
  @Test(.enabled(if: installedTmux != nil, "tmux is not installed (apt-get install tmux)"))
  func aLessonLeftPartWayOpensAtThePageItWasLeftOnOnATerminal() throws {
    let store = try Self.copyOfStore()
    let recorded = try String(
      contentsOf: Self.folder.appendingPathComponent("e-block3-40x10.txt"), encoding: .utf8)
    let pane = try TmuxTests.Pane(
      command:
        "'\(CoachBinary.url.path)' learn --courses '\(CoachBinary.fixtures)' --store '\(store)' --employee e-block3 --seed 7; sleep 60",
      columns: 40, rows: 10)
    try pane.wait(for: "Continue")
    pane.keys("Enter")
    let screen = try pane.wait(for: "page 1 of 2")
    #expect(screen.contains("(https://example.com/guide)."), "the line the bookmark names")
    func trimmed(_ lines: [String]) -> [String] {
      var out = lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
      while out.last == "" { out.removeLast() }
      return out
    }
    #expect(trimmed(screen) == trimmed(recorded.components(separatedBy: "\n")))
  }
}
