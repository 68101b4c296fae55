import Foundation
import Testing

/// Input of any size: a reflection pasted far past its limit, a draft an earlier coach
/// kept past it, names far too long; and a lesson of megabytes in pipe mode.
@Suite(.serialized, .timeLimit(.minutes(3))) struct LongInputTests {
  let courses = CoachBinary.fixture("journeys")
  static let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The input that takes a new employee straight to the end module's reflection.
  func toTheReflection() -> String {
    // The passphrase, chosen; /h, module 3, into it: two agree items, then the reflection.
    [CoachBinary.passphrase, CoachBinary.passphrase, "/h", "3", "", "4", "4"].joined(separator: "\n") + "\n"
  }

  func arguments(_ store: String) -> [String] {
    [
      "learn", "--courses", courses, "--store", store, "--employee", "p1", "--name", "Pat Long", "--role",
      "frontline", "--seed", "1",
    ]
  }

  @Test func aPasteOf200000LinesIsReadOnceAndWhatFitsIsKept() throws {
    let store = CoachBinary.temporaryStore()
    var input = toTheReflection()
    input += (0..<200_000).map { "Line \($0) of a reflection pasted from somewhere else." }.joined(
      separator: "\n")
    input += "\n\n"
    let start = Date()
    let result = try CoachBinary.run(arguments(store), input: input)
    let seconds = Date().timeIntervalSince(start)
    print("pipe mode, 200,000-line reflection: \(String(format: "%.2f", seconds)) s (debug build)")
    #expect(result.status == 0)
    #expect(result.stdout.contains("characters over the limit of 20,000."))
    #expect(result.stdout.utf8.count < 200_000, "the notice is said once, not once a line")
    // The next run with no input shows what was kept and exits: the item is never wedged.
    let again = try CoachBinary.run(arguments(store), input: "\(CoachBinary.passphrase)\n")
    #expect(again.status == 0)
    #expect(again.stdout.contains("Line 0 of a reflection pasted from somewhere else."))
    #expect(again.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("? reflection") }.count == 1)
    // And it can be finished: an empty line sends what was kept.
    let finished = try CoachBinary.run(arguments(store), input: "\(CoachBinary.passphrase)\n\nn\n")
    #expect(finished.status == 0)
    #expect(finished.stdout.contains("? Share this reflection with your trainer? [y/N]"))
  }

  @Test(.enabled(if: sqlite3 != nil, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func aDraftKeptPastTheLimitByAnEarlierCoachNeverWedgesTheItem() throws {
    let store = CoachBinary.temporaryStore()
    _ = try CoachBinary.run(arguments(store), input: toTheReflection())
    // What a 25 KB paste left in the bookmark before the limit was kept while reading.
    let draft = (0..<600).map { "An old line number \($0), kept by an earlier coach." }.joined(
      separator: "\n")
    let sql =
      "UPDATE bookmark SET position = 'draft:changed' || char(10) || '\(draft)' WHERE employeeId = 'p1';"
    let update = try Spawn.run(Self.sqlite3!, [store, sql], environment: [:], captureOutput: true)
    #expect(update.status == 0)
    let start = Date()
    let result = try CoachBinary.run(arguments(store), input: "\(CoachBinary.passphrase)\n")
    #expect(Date().timeIntervalSince(start) < 30)
    #expect(result.status == 0)
    #expect(result.stdout.utf8.count < 100_000)
    #expect(result.stdout.contains("An old line number 0, kept by an earlier coach."))
    #expect(!result.stdout.contains("An old line number 599,"), "what is past the limit is not shown as kept")
    // Sent as it stands, it is taken.
    let sent = try CoachBinary.run(arguments(store), input: "\(CoachBinary.passphrase)\n\nn\n")
    #expect(sent.stdout.contains("? Share this reflection with your trainer? [y/N]"))
  }

  @Test func namesRolesAndCohortsHaveLimitsAndNoControlCharacters() throws {
    let store = CoachBinary.temporaryStore()
    let base = ["learn", "--courses", courses, "--store", store, "--employee", "n1"]
    let long = try CoachBinary.run(base + ["--name", String(repeating: "a", count: 130_000)])
    #expect(long.status == 64)
    #expect(long.stderr.contains("--name is 130000 characters long; at most 200 are allowed"))
    let escape = try CoachBinary.run(base + ["--name", "Eve\u{1B}]0;owned\u{07}"])
    #expect(escape.status == 64)
    #expect(escape.stderr.contains("U+001B"))
    #expect(!escape.stderr.contains("\u{1B}"), "the message itself shows, never sends, the escape")
    let cohort = try CoachBinary.run(base + ["--cohort", "A\u{202E}B"])
    #expect(cohort.status == 64)
    #expect(cohort.stderr.contains("U+202E"))
    let role = try CoachBinary.run(base + ["--role", String(repeating: "r", count: 101)])
    #expect(role.status == 64)
    #expect(!FileManager.default.fileExists(atPath: store), "nothing started")
  }

  @Test func aLessonOfMegabytesStreamsThroughPipeMode() throws {
    // 4 MB in 40,000 paragraphs and a paragraph of 1 MB: every word comes out, once.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-big-\(UUID().uuidString)")
    let course = folder.appendingPathComponent("big")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    try "---\nid: big\ntitle: Big\n---\n\n# Big\n\nA long read.\n\n1. [Long](01.md)\n".write(
      to: course.appendingPathComponent("course.md"), atomically: true, encoding: .utf8)
    var module = "# Long\n\nVery long.\n\n## Lesson: The long read {#long}\n\n"
    for n in 0..<40_000 { module += "Paragraph \(n) of the long read, about customers and service.\n\n" }
    module += (0..<100_000).map { "w\($0)" }.joined(separator: " ") + "\n\n"
    module += "## Beliefs: After {#after}\n\n### Agree: It was long {#long-agree}\n"
    try module.write(to: course.appendingPathComponent("01.md"), atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = CoachBinary.temporaryStore()
    let result = try CoachBinary.run(
      ["learn", "--courses", folder.path, "--store", store, "--employee", "b1", "--name", "B One"],
      input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n")
    #expect(result.status == 0)
    let lines = result.stdout.components(separatedBy: "\n")
    #expect(lines.filter { $0.hasPrefix("Paragraph ") }.count == 40_000)
    let long = try #require(lines.first { $0.hasPrefix("w0 w1 w2") })
    #expect(long.split(separator: " ").count == 100_000)
    #expect(lines.contains("? agree 1-5"))
  }
}
