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
    // coach made its stores 0600; a checkout of the repository gives the copy 0644.
    chmod(path, 0o600)
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
      // Each employee of the old store chooses a passphrase first, then resumes.
      let result = try CoachBinary.run(
        [
          "learn", "--courses", CoachBinary.fixtures, "--store", store, "--employee", row.employee, "--seed",
          "7",
        ], input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n")
      let all = result.stdout.components(separatedBy: "\n")
      let chosen = try #require(all.firstIndex(of: "? the same passphrase again"), "\(row.employee)")
      let lines = Array(all[(chosen + 1)...])
      #expect(result.status == 0, "\(row.employee): \(result.stderr)")
      #expect(lines.first { $0.hasPrefix("== ") } == row.header, "\(row.employee)")
      #expect((lines.first { $0.hasPrefix("? ") } ?? "") == row.prompt, "\(row.employee)")
    }
  }

  @Test(
    .enabled(if: PrivacyTests.hasSQLite, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func thePlainDraftAndPendingShareResumeAndAreSealedOnFirstOpen() throws {
    let store = try Self.copyOfStore()
    let old = ["e-draft": "My first line\nSecond line", "e-share": "I was greeted by name.\nIt felt good."]
    #expect(
      PrivacyTests.filesHolding("My first line", store: store) != [], "the old store holds it in plain text")
    for (employee, text) in old.sorted(by: { $0.key < $1.key }) {
      let input = "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n"
      let first = try CoachBinary.run(
        [
          "learn", "--courses", CoachBinary.fixtures, "--store", store, "--employee", employee, "--seed", "7",
        ],
        input: input)
      #expect(first.status == 0, "\(employee): \(first.stderr)")
      if employee == "e-draft" {
        #expect(first.stdout.contains(text + "\n"), "the draft's lines are shown again")
      }
      // In pipe mode, end of input keeps a draft as the draft, and a pending share waits
      // for its question: both now sealed.
      let position = try PrivacyTests.sqlite(
        store, "SELECT substr(position, 1, 13) FROM bookmark WHERE employeeId = '\(employee)'")
      #expect(position == (employee == "e-draft" ? "sealed-draft:" : "sealed-share:"), "\(employee)")
      // Sealed, it still resumes, with the passphrase.
      let again = try CoachBinary.run(
        [
          "learn", "--courses", CoachBinary.fixtures, "--store", store, "--employee", employee, "--seed", "7",
        ],
        input: "\(CoachBinary.passphrase)\n")
      #expect(again.status == 0)
      if employee == "e-draft" {
        #expect(again.stdout.contains(text + "\n"), "the sealed draft's lines are shown again")
      } else {
        #expect(again.stdout.contains("? Share this reflection with your trainer? [y/N]"), "\(employee)")
      }
    }
    #expect(PrivacyTests.filesHolding("My first line", store: store) == [])
    #expect(
      try PrivacyTests.sqlite(store, "SELECT COUNT(*) FROM bookmark WHERE position LIKE '%greeted by name%'")
        == "0")
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
    try pane.wait(for: "? choose a passphrase")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "? the same passphrase again")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
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
