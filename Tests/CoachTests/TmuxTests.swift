import Foundation
import Testing

/// tmux, if installed: the suite is skipped without it.
let installedTmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// `coach learn` on a real terminal: tmux runs it, sends keys and reads the screen, as a
/// new hire would use it.
@Suite(
  .serialized, .timeLimit(.minutes(2)),
  .enabled(if: installedTmux != nil, "tmux is not installed (apt-get install tmux)"))
struct TmuxTests {
  /// One tmux server of its own (`-L`, no config file) running one command in a window of
  /// 100x30 unless told otherwise. Every tmux call has a deadline, so a stuck tmux fails the test, never hangs it.
  final class Pane {
    let name = "coach-test-\(UUID().uuidString.prefix(8))"
    let tmux: String

    init(command: String, columns: Int = 100, rows: Int = 30) throws {
      tmux = try #require(installedTmux)
      try run(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", command])
    }

    deinit { _ = try? run(["kill-server"]) }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
      var environment = ProcessInfo.processInfo.environment
      environment["TMUX"] = nil
      environment["NO_COLOR"] = nil
      environment["TERM"] = "xterm-256color"
      environment["COACH_DEBUG_FAST_KDF"] = "1"
      let reads = ["capture-pane", "display-message", "list-buffers"].contains(arguments.first ?? "")
      let result = try Spawn.run(
        tmux, ["-L", name, "-f", "/dev/null"] + arguments, environment: environment, captureOutput: reads)
      return result.output
    }

    func screen() -> [String] {
      ((try? run(["capture-pane", "-p", "-t", name])) ?? "").components(separatedBy: "\n")
    }

    /// The screen once it has stopped changing (two captures 100 ms apart agree), so a
    /// screen caught half-drawn on a busy machine is never read as a question.
    func settledScreen() -> [String] {
      var last = screen()
      for _ in 0..<50 {
        Thread.sleep(forTimeInterval: 0.1)
        let now = screen()
        if now == last { return now }
        last = now
      }
      return last
    }

    func keys(_ keys: String...) { _ = try? run(["send-keys", "-t", name] + keys) }

    /// The screen with its attributes as escape sequences (`capture-pane -e`).
    func screenWithEscapes() -> String { (try? run(["capture-pane", "-e", "-p", "-t", name])) ?? "" }

    /// A tmux format for the pane: `#{pane_title}`, `#{alternate_on}`.
    func format(_ format: String) -> String {
      ((try? run(["display-message", "-p", "-t", name, format])) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The paste buffers tmux holds (an application's OSC 52 would make one).
    func buffers() -> String {
      ((try? run(["list-buffers"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(columns: Int, rows: Int) {
      _ = try? run(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Copies everything the program writes from now on to `file`.
    func recordOutput(to file: String) { _ = try? run(["pipe-pane", "-o", "-t", name, "cat >> '\(file)'"]) }

    /// Pastes a file as if the employee pasted it into the terminal.
    func paste(_ file: String) {
      _ = try? run(["load-buffer", "-b", "paste", file])
      _ = try? run(["paste-buffer", "-d", "-b", "paste", "-t", name])
    }

    func type(_ text: String) { _ = try? run(["send-keys", "-t", name, "-l", text]) }

    /// Waits until the screen satisfies `test`; returns the screen. Throws at the deadline,
    /// with the screen, so the test stops at the first step that went wrong.
    @discardableResult
    func wait(_ what: String, timeout: Double = 10, _ test: ([String]) -> Bool) throws -> [String] {
      let end = Date().addingTimeInterval(timeout)
      var lines = screen()
      while !test(lines) && Date() < end {
        Thread.sleep(forTimeInterval: 0.05)
        lines = screen()
      }
      if !test(lines) {
        let shown = lines.joined(separator: "\n")
        throw Spawn.Failure(description: "timed out waiting for \(what); screen:\n\(shown)")
      }
      return settledScreen()
    }

    @discardableResult
    func wait(for text: String, timeout: Double = 10) throws -> [String] {
      try wait(text, timeout: timeout) { $0.contains { $0.contains(text) } }
    }
  }

  static func promptLine(_ lines: [String]) -> String? {
    lines.last { $0.hasPrefix("? ") }.map { line in
      line.components(separatedBy: " ›").first ?? line
    }
  }

  @Test func aNewHireFinishesAModuleWithTheKeysTheScreenShows() throws {
    let courses = CoachBinary.fixtures
    let store = CoachBinary.temporaryStore()
    let outline = try Outline.load(courses)
    let command =
      "'\(CoachBinary.url.path)' learn --courses '\(courses)' --store '\(store)' --seed 3; echo EXIT=$?; sleep 60"
    let pane = try Pane(command: command)

    // Who are you? The first screen says what to type.
    var screen = try pane.wait(for: "? your employee number or login")
    #expect(screen.contains { $0.contains("Type your answer and press Enter") })
    pane.type("new hire")
    pane.keys("Enter")
    screen = try pane.wait(for: "Not a valid id")
    pane.type("t.mux")
    pane.keys("Enter")
    // The passphrase, twice; never shown as it is typed.
    screen = try pane.wait(for: "? choose a passphrase")
    #expect(screen.contains { $0.contains("only you can read them") })
    pane.type(CoachBinary.passphrase)
    screen = pane.settledScreen()
    #expect(!screen.contains { $0.contains(CoachBinary.passphrase) })
    pane.keys("Enter")
    try pane.wait(for: "? the same passphrase again")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "? your full name")
    pane.type("Tess Mux")
    pane.keys("Enter")
    screen = try pane.wait(for: "? role 1-2")
    pane.type("1")
    pane.keys("Enter")

    // The course home: every module, its status, and how to go on.
    screen = try pane.wait(for: "Here is your course")
    #expect(screen.contains { $0.contains("Greeting") && $0.contains("not started") })
    #expect(screen.contains { $0.contains("For managers") && $0.contains("not for your role") })
    #expect(screen.contains { $0.contains("? Press Enter to continue") })
    pane.keys("Enter")

    // Pages say which keys to press at the bottom.
    screen = try pane.wait(for: "Enter: next")
    #expect(screen.last { !$0.isEmpty }?.contains("q: save and quit") == true)
    pane.keys("?")
    try pane.wait(for: "Enter or space: next")
    pane.keys("Enter")
    try pane.wait("help closed") { !$0.contains { $0.contains("Enter or space: next") } }

    var answerer = Answerer(items: outline.drillItems, misses: ["first": 1], name: "Tess Mux")
    var sawHint = false
    var sawFeedback = false
    var steps = 0
    while steps < 80 {
      steps += 1
      screen = pane.settledScreen()
      if screen.contains(where: { $0.contains("Module 1 passed") }) { break }
      guard let prompt = Self.promptLine(screen) else {
        let before = screen
        if screen.contains(where: { $0.contains("Right.") || $0.contains("Not right.") }) {
          sawFeedback = true
        }
        pane.keys("Enter")
        try pane.wait("next screen") { $0 != before }
        continue
      }
      // The question and its options: between the header rule and the blank line above the keys.
      let promptAt = screen.lastIndex { $0.hasPrefix("? ") } ?? screen.count
      var body = Array(screen[2..<promptAt])
      while let last = body.last, last.isEmpty || last.hasPrefix("⚠") || last.contains("q: save and quit") {
        body.removeLast()
      }
      if prompt.hasPrefix("? answer 1-3") && !sawHint {
        // A wrong key first: a one-line hint and the same prompt.
        pane.type("x")
        pane.keys("Enter")
        let warned = try pane.wait(for: "⚠")
        #expect(Self.promptLine(warned) == prompt)
        sawHint = true
      }
      let before = screen
      for line in answerer.answer(prompt, screen: body) {
        if !line.isEmpty { pane.type(line) }
        pane.keys("Enter")
        Thread.sleep(forTimeInterval: 0.05)
      }
      try pane.wait("the answer to be taken") { $0 != before }
    }
    #expect(sawHint)
    #expect(sawFeedback)
    screen = try pane.wait(for: "Module 1 passed")
    pane.keys("q")
    screen = try pane.wait(for: "EXIT=")
    #expect(screen.contains("progress saved"))
    #expect(screen.contains("EXIT=0"))

    let json = try CoachBinary.run([
      "progress", "--employee", "t.mux", "--store", store, "--courses", courses, "--format", "json",
    ])
    #expect(json.stdout.contains("\"status\" : \"passed\""))
  }

  @Test func ctrlCSavesAndExits130AndTheNextRunResumesThere() throws {
    let courses = CoachBinary.fixtures
    let store = CoachBinary.temporaryStore()
    let base =
      "'\(CoachBinary.url.path)' learn --courses '\(courses)' --store '\(store)' --employee c1 --name 'C One' --role frontline"
    let pane = try Pane(command: base + "; echo EXIT=$?; sleep 60")
    try pane.wait(for: "? choose a passphrase")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "? the same passphrase again")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "Here is your course")
    pane.keys("Enter")
    try pane.wait(for: "Enter: next")
    pane.keys("Enter")
    try pane.wait(for: "Module 1 of 3: Greeting")
    pane.keys("Enter")
    try pane.wait(for: "? agree 1-5")
    pane.type("4")
    pane.keys("Enter")
    try pane.wait(for: "Say hello")
    pane.keys("C-c")
    let screen = try pane.wait(for: "EXIT=")
    #expect(screen.contains("progress saved"))
    #expect(screen.contains("EXIT=130"))

    let again = try Pane(command: base + "; sleep 60")
    try again.wait(for: "? passphrase")
    again.type(CoachBinary.passphrase)
    again.keys("Enter")
    try again.wait(for: "Here is your course")
    #expect(again.screen().contains { $0.contains("Continue: Module 1 of 3: Greeting › Say hello") })
    again.keys("Enter")
    try again.wait(for: "look up from the screen")
  }
}

extension TmuxTests.Pane {
  /// Gives the employee's passphrase: chosen twice the first time, else typed once.
  func givePassphrase() throws {
    let screen = try wait(for: "passphrase")
    type(CoachBinary.passphrase)
    keys("Enter")
    if screen.contains(where: { $0.contains("choose a passphrase") }) {
      try wait(for: "the same passphrase again")
      type(CoachBinary.passphrase)
      keys("Enter")
    }
  }
}
