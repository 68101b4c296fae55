import Foundation
import Testing

/// A terminal's size for the screen tests.
struct TerminalSize: Sendable, CustomStringConvertible {
  let columns: Int
  let rows: Int
  var description: String { "\(columns)x\(rows)" }
  /// The sizes every screen is tried at: a small window, the classic terminal, a big one.
  static let all = [
    TerminalSize(columns: 40, rows: 12), .init(columns: 80, rows: 24), .init(columns: 120, rows: 40),
  ]
}

/// The screens of `coach learn` at 40x12, 80x24 and 120x40, as tmux shows them: the home,
/// outlines and questions fit and page; the arrow keys choose; m, h, Esc and /m, /h lead
/// around from anywhere; a resize redraws a prompt with what was typed.
@Suite(
  .serialized, .timeLimit(.minutes(3)),
  .enabled(if: installedTmux != nil, "tmux is not installed (apt-get install tmux)"))
struct TmuxScreenTests {
  static let realCourse = CoachBinary.root.appendingPathComponent("courses").path
  static let journeys = CoachBinary.fixture("journeys")

  static func learn(_ courses: String, _ store: String, _ extra: String = "") -> String {
    "'\(CoachBinary.url.path)' learn --courses '\(courses)' --store '\(store)' --employee t1 --name 'Tess Mux' "
      + "--role frontline --seed 3 \(extra); echo EXIT=$?; sleep 60"
  }

  /// The header is on the first row with its rule under it, and nothing ran past the
  /// bottom: the screen fits.
  static func fits(_ lines: [String], _ size: TerminalSize, header: String = "") -> Bool {
    lines.count > 1 && lines.count <= size.rows + 1 && !lines[0].isEmpty && lines[0].hasPrefix(header)
      && lines[1].hasPrefix("─")
  }

  @Test(arguments: TerminalSize.all)
  func theHomeAndAnOutlineFitAndPage(size: TerminalSize) throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(
      command: Self.learn(Self.realCourse, store), columns: size.columns, rows: size.rows)
    try pane.givePassphrase()
    var screen = try pane.wait(for: "? Press Enter")
    #expect(Self.fits(screen, size, header: "Legendary Service"), "\(screen.joined(separator: "\n"))")
    #expect(screen.contains { $0.hasPrefix("Continue: the course introduction") })
    if size.rows < 30 {
      // Sixteen modules do not fit: the list pages, the header stays.
      #expect(screen.contains { $0.contains("page 1 of") })
      for _ in 0..<20 { pane.keys("NPage") }
      screen = try pane.wait(for: "The service creed")
      #expect(Self.fits(screen, size, header: "Legendary Service"))
    }
    if size.columns >= 100 {
      // A title longer than its column goes on to the next line, never cut.
      let all = screen.joined(separator: "\n")
      #expect(all.contains("Service statesmanship, trust and") && all.contains("aligned goals"))
      #expect(!screen.contains { $0.contains("…") })
    }
    pane.type("16")
    pane.keys("Enter")
    screen = try pane.wait(for: "Enter to continue, or type a part's")
    #expect(screen.contains { $0.contains("Module 16 of 16") })
    #expect(screen.first?.hasPrefix("Legendary Service") == true)
    #expect(screen.joined(separator: "\n").contains("Overview · not read"))
  }

  @Test func aThousandModulesPageAndTheirNumbersShowInFull() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-many-\(UUID().uuidString)")
    let course = folder.appendingPathComponent("many")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var contents = "---\nid: many\ntitle: Many\n---\n\n# Many\n\nMany modules.\n\n"
    for n in 1...1_005 {
      contents += "\(n). [Module \(n)](m\(n).md)\n"
      try "# Module \(n)\n\n## Lesson: Read {#read-\(n)}\n\nShort.\n".write(
        to: course.appendingPathComponent("m\(n).md"), atomically: true, encoding: .utf8)
    }
    try contents.write(to: course.appendingPathComponent("course.md"), atomically: true, encoding: .utf8)
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(command: Self.learn(folder.path, store), columns: 80, rows: 24)
    try pane.givePassphrase()
    var screen = try pane.wait(for: "? Press Enter", timeout: 60)
    #expect(Self.fits(screen, TerminalSize(columns: 80, rows: 24), header: "Many"))
    #expect(screen.contains { $0.contains("page 1 of") })
    // The last page: four-digit numbers whole, in their column.
    for _ in 0..<70 { pane.keys("NPage") }
    screen = try pane.wait(for: "Module 1005", timeout: 60)
    #expect(screen.contains { $0.contains(" 1005 ") && $0.contains("Module 1005") })
    #expect(screen.first == "Many")
    pane.type("1005")
    pane.keys("Enter")
    screen = try pane.wait(for: "Module 1005 of 1005")
  }

  /// Through the home and the first module's outline to its drill's first question.
  func toTheFirstQuestion(_ pane: TmuxTests.Pane) throws -> [String] {
    try pane.wait(for: "? Press Enter")
    pane.type("1")
    pane.keys("Enter")
    try pane.wait(for: "part's")
    pane.type("4")
    pane.keys("Enter")
    return try pane.wait(for: "(h: hint)")
  }

  @Test(arguments: TerminalSize.all)
  func aLongQuestionPagesAndTheArrowKeysChoose(size: TerminalSize) throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(
      command: Self.learn(Self.realCourse, store), columns: size.columns, rows: size.rows)
    try pane.givePassphrase()
    var screen = try toTheFirstQuestion(pane)
    // The header keeps the module and the drill when the course's name does not fit too.
    #expect(Self.fits(screen, size), "\(screen)")
    #expect(screen.contains { $0.hasPrefix("? answer 1-4") || $0.hasPrefix("? answer 1-") })
    if size.rows < 20 {
      // The question, its prompt and its first choice do not fit: the body pages above
      // the prompt, which stays.
      #expect(screen.contains { $0.contains("page 1 of") })
      pane.keys("NPage")
      screen = try pane.wait("the next part") { $0.contains { $0.contains("page 2 of") } }
      #expect(screen.contains { $0.hasPrefix("? answer") })
    }
    // Down goes to the first choice and writes its number; again, the second.
    pane.keys("Down")
    screen = try pane.wait("the first choice") { ($0.last { $0.contains("›") } ?? "").hasSuffix("› 1") }
    pane.keys("Down")
    screen = try pane.wait("the second choice") { ($0.last { $0.contains("›") } ?? "").hasSuffix("› 2") }
    #expect(!screen.joined().contains("^["), "an arrow key is never typed into the answer")
    pane.keys("Enter")
    screen = try pane.wait("the answer taken") { lines in
      lines.contains { $0.contains("Right.") || $0.contains("Not right.") || $0.contains("Partly right") }
    }
  }

  @Test(arguments: TerminalSize.all)
  func mHEscAndSlashCommandsLeadAroundFromAnyScreen(size: TerminalSize) throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(
      command: Self.learn(Self.realCourse, store), columns: size.columns, rows: size.rows)
    try pane.givePassphrase()
    let question = try toTheFirstQuestion(pane)
    // Esc at a prompt: the outline; Esc again (or Enter) goes back to the question.
    pane.keys("Escape")
    try pane.wait(for: "Enter to continue, or type a part's")
    pane.keys("Enter")
    try pane.wait(for: "(h: hint)")
    // /h and Enter at the prompt: the home; Enter continues at the question.
    pane.type("/h")
    pane.keys("Enter")
    try pane.wait(for: "? Press Enter")
    pane.keys("Enter")
    let back = try pane.wait(for: "(h: hint)")
    #expect(back.first == question.first)
    // /m: the outline, whose a shows the answers so far, and h the home.
    pane.type("/m")
    pane.keys("Enter")
    try pane.wait(for: "Enter to continue, or type a part's")
    pane.keys("a")
    try pane.wait(for: "Your answers")
    pane.keys("h")
    try pane.wait(for: "? Press Enter")
    pane.keys("Enter")
    try pane.wait(for: "(h: hint)")
    // On a screen that waits for a key (the module's overview, from its outline): m and h.
    pane.type("/m")
    pane.keys("Enter")
    try pane.wait(for: "part's")
    pane.type("1")
    pane.keys("Enter")
    try pane.wait(for: "Enter: next")
    pane.keys("m")
    try pane.wait(for: "Enter to continue, or type a part's")
    pane.keys("Enter")
    try pane.wait(for: "Enter: next")
    pane.keys("h")
    try pane.wait(for: "? Press Enter")
    pane.keys("q")
    let end = try pane.wait(for: "EXIT=")
    #expect(end.contains("EXIT=0"))
  }

  @Test func aResizeRedrawsThePromptWithWhatWasTyped() throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(command: Self.learn(Self.journeys, store), columns: 80, rows: 24)
    try pane.givePassphrase()
    try pane.wait(for: "? Press Enter")
    pane.keys("Enter")
    try pane.wait("the first question") { lines in
      if lines.contains(where: { $0.hasPrefix("? agree 1-5") }) { return true }
      pane.keys("Enter")
      Thread.sleep(forTimeInterval: 0.3)
      return false
    }
    pane.type("4")
    pane.keys("Enter")
    try pane.wait(for: "Small promises matter")
    pane.type("5")
    for size in [
      TerminalSize(columns: 40, rows: 12), .init(columns: 120, rows: 40), .init(columns: 80, rows: 24),
    ] {
      pane.resize(columns: size.columns, rows: size.rows)
      let screen = try pane.wait("the redraw at \(size)") { lines in
        // The header on the first row, its rule under it: the whole screen was drawn anew.
        lines.count <= size.rows + 1 && lines.first?.contains("Start") == true && lines.count > 1
          && lines[1].hasPrefix("─") && (lines.last { $0.contains("›") } ?? "").hasSuffix("› 5")
      }
      #expect(screen.contains { $0.contains("Small promises matter") })
    }
    pane.keys("Enter")
    try pane.wait(for: "Enter: next")
  }

  @Test func aPasteOf20000LinesIntoAReflectionIsReadAndCutToTheLimit() throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(command: Self.learn(Self.journeys, store), columns: 80, rows: 24)
    try pane.givePassphrase()
    try pane.wait(for: "? Press Enter")
    pane.type("3")
    pane.keys("Enter")
    try pane.wait(for: "part's")
    pane.keys("Enter")
    try pane.wait("the closing check") { lines in
      if lines.contains(where: { $0.hasPrefix("? reflection") }) { return true }
      if lines.contains(where: { $0.hasPrefix("? agree") }) {
        pane.type("4")
        pane.keys("Enter")
      } else {
        pane.keys("Enter")
      }
      Thread.sleep(forTimeInterval: 0.4)
      return false
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-paste-\(UUID().uuidString)")
    // (200,000 lines are timed by `make bench` on a release build; a debug build reads
    // these 20,000 in about a second.)
    let lines = (0..<20_000).map { "Line \($0) of a reflection pasted from somewhere else." }
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let start = Date()
    pane.paste(file.path)
    pane.keys("Enter")
    let screen = try pane.wait(for: "characters over the limit", timeout: 60)
    print(
      "terminal, 20,000-line paste to the notice: \(String(format: "%.2f", Date().timeIntervalSince(start))) s"
    )
    #expect(Self.fits(screen, TerminalSize(columns: 80, rows: 24)))
    #expect(screen.contains { $0.hasPrefix("  Line ") }, "the lines that fit are shown, the newest last")
    // What fits is the draft: an empty line sends it.
    pane.keys("Enter")
    try pane.wait(for: "Share this reflection")
  }

  @Test func plainGivesThePipeModeTextOnATerminal() throws {
    let store = CoachBinary.temporaryStore()
    let pane = try TmuxTests.Pane(command: Self.learn(Self.journeys, store, "--plain"), columns: 80, rows: 24)
    try pane.givePassphrase()
    let screen = try pane.wait(for: "? agree 1-5")
    #expect(pane.format("#{alternate_on}") == "0", "no full-screen drawing")
    #expect(screen.contains("== Check-in > Module 1 of 3: Start > Beliefs: Before · 1 of 2 =="))
    #expect(!pane.screenWithEscapes().contains("\u{1B}"), "no colour, no cursor moves")
    pane.type("4")
    pane.keys("Enter")
    try pane.wait(for: "Small promises matter")
    pane.keys("C-d")
    try pane.wait(for: "EXIT=0")
  }
}
