import Foundation
import Testing

/// A hostile course, and hostile text in the store, on a real terminal: nothing they hold
/// changes the terminal (its title, its clipboard, its screen, what it hides) and every
/// control character shows as a visible mark. And no terminal reply is read as a key, so
/// nothing can start a redraw loop.
@Suite(
  .serialized, .timeLimit(.minutes(3)),
  .enabled(if: installedTmux != nil, "tmux is not installed (apt-get install tmux)"))
struct TmuxHostileTests {
  static let hostile = CoachBinary.fixture("hostile")
  static let sqlite3 = LongInputTests.sqlite3

  /// Every escape sequence in a `capture-pane -e` screen is an attribute tmux reports
  /// (SGR: `ESC [ ... m`): nothing else reached the terminal's screen.
  static func onlyAttributes(_ captured: String) -> Bool {
    let parts = captured.components(separatedBy: "\u{1B}").dropFirst()
    return parts.allSatisfy { part in
      guard part.hasPrefix("[") else { return false }
      let body = part.dropFirst().prefix { $0 != "m" }
      return body.allSatisfy { $0.isNumber || $0 == ";" } && part.dropFirst(body.count + 1).first == "m"
    }
  }

  /// What a pane must still be after showing hostile text.
  static func expectUntouched(_ pane: TmuxTests.Pane, title: String, _ moment: String) {
    #expect(pane.format("#{pane_title}") == title, "\(moment): the window title")
    #expect(pane.buffers().isEmpty, "\(moment): the clipboard (tmux buffers): \(pane.buffers())")
    #expect(pane.format("#{alternate_on}") == "1", "\(moment): still on coach's own screen")
    let captured = pane.screenWithEscapes()
    #expect(
      onlyAttributes(captured), "\(moment): only attributes in \(captured.debugDescription.prefix(300))")
    #expect(!captured.contains("\u{1B}[8m"), "\(moment): nothing concealed")
    #expect(!captured.contains("\u{1B}[5m"), "\(moment): nothing blinks")
    #expect(
      !captured.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) }, "\(moment): no override")
  }

  /// `coach check` refuses control characters in course files, so `coach learn` never
  /// shows the hostile course: it names the course's problems and exits 1. Those messages
  /// quote the course's text, on a terminal with the source line under a caret: they too
  /// change nothing and hide nothing. (Hostile text that reaches the screens comes from
  /// the store: `hostileTextFromTheStoreIsShownNeverSent`.)
  @Test func aHostileCourseIsRefusedAndItsMessagesChangeNothing() throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(
      command: "'\(CoachBinary.url.path)' learn --courses '\(Self.hostile)' --store '\(store)' --employee h1 "
        + "--name 'Hal Ostile' --role frontline --seed 1; echo EXIT=$?; sleep 60", columns: 250, rows: 120)
    let title = pane.format("#{pane_title}")
    let screen = try pane.wait(for: "EXIT=")
    let text = screen.joined(separator: "\n")
    #expect(text.contains("EXIT=1"), "the course is refused: \(text.suffix(400))")
    #expect(text.contains("course.md:3:8: error: 'title' holds a control character (U+001B, escape)"))
    #expect(text.contains("01-one.md:15:12: error: a control character (U+009B"))
    #expect(!text.contains("Press Enter"), "no screen of the course was shown")
    #expect(pane.format("#{pane_title}") == title, "the window title")
    #expect(pane.buffers().isEmpty, "the clipboard (tmux buffers): \(pane.buffers())")
    let captured = pane.screenWithEscapes()
    #expect(Self.onlyAttributes(captured), "only attributes in \(captured.debugDescription.prefix(300))")
    #expect(!captured.contains("\u{1B}[8m"), "nothing concealed")
    #expect(!captured.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) }, "no override")
  }

  @Test func terminalRepliesAndUnknownSequencesAreNeverKeys() throws {
    let store = CoachBinary.temporaryStore()
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-out-\(UUID().uuidString)"
    ).path
    let pane = try TmuxTests.Pane(
      command: "'\(CoachBinary.url.path)' learn --courses '\(TmuxScreenTests.journeys)' --store '\(store)' "
        + "--employee r1 --name 'Rae Ply' --role frontline --seed 1; echo EXIT=$?; sleep 60", columns: 80,
      rows: 24)
    try pane.givePassphrase()
    try pane.wait(for: "? Press Enter")
    pane.keys("Enter")
    try pane.wait(for: "Enter: next")
    pane.recordOutput(to: output)
    let replies = [
      "\u{1B}[12;40R", "\u{1B}]11;rgb:0000/0000/0000\u{07}", "\u{1B}]52;c;ZXZpbA==\u{1B}\\",
      "\u{1B}P1$r0m\u{1B}\\",
      "\u{1B}[?1;2c", "\u{1B}[I", "\u{1B}[15~",
    ]
    // On a page: the replies change nothing (no hint, no page turned, no redraw).
    let page = pane.settledScreen()
    for reply in replies { pane.type(reply) }
    Thread.sleep(forTimeInterval: 1)
    #expect(pane.settledScreen() == page)
    let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    #expect(size < 64, "no redraw: \(size) bytes written")
    // At a prompt: nothing is typed into the answer.
    while !pane.screen().contains(where: { $0.hasPrefix("? agree") }) {
      pane.keys("Enter")
      Thread.sleep(forTimeInterval: 0.3)
    }
    for reply in replies { pane.type(reply) }
    pane.type("4")
    let prompt = try pane.wait("the answer typed") { ($0.last { $0.contains("›") } ?? "").hasSuffix("› 4") }
    #expect(!prompt.joined().contains("R"), "no part of a reply was typed")
    pane.keys("Enter")
    try pane.wait(for: "Small promises matter")
  }

  @Test(.enabled(if: sqlite3 != nil, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func hostileTextFromTheStoreIsShownNeverSent() throws {
    let store = CoachBinary.temporaryStore()
    let courses = TmuxScreenTests.journeys
    _ = try CoachBinary.run(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "s1", "--name", "Sam", "--role",
        "frontline",
      ],
      input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n")
    // A name and a role written by someone with the database, not through coach.
    let evil = "Eve\u{1B}]0;pwned-by-store\u{07}\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{202E}lin"
    let sql = "UPDATE employee SET name = '\(evil)', role = 'frontline\u{1B}[8m' WHERE id = 's1';"
    #expect(try Spawn.run(Self.sqlite3!, [store, sql], environment: [:]).status == 0)
    let pane = try TmuxTests.Pane(
      command: "'\(CoachBinary.url.path)' learn --courses '\(courses)' --store '\(store)' --employee s1; "
        + "echo EXIT=$?; sleep 60", columns: 80, rows: 24)
    try pane.givePassphrase()
    let title = pane.format("#{pane_title}")
    let screen = try pane.wait(for: "? Press Enter")
    #expect(screen.joined().contains("Hello, Eve␛]0;pwned-by-store␇␛[2J␛]52;c;ZXZpbA==␇lin (frontline␛[8m)."))
    Self.expectUntouched(pane, title: title, "a stored name")
    pane.keys("q")
    try pane.wait(for: "EXIT=0")
  }
}
