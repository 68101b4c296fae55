import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Private text on a store that others can open: sealed in every byte of the files, and
/// nobody but the employee gets in as them.
@Suite(.serialized, .timeLimit(.minutes(4))) struct PrivacyTests {
  let courses = CoachBinary.fixtures

  /// The store's file and the -wal and -shm files beside it, as they are now.
  static func storeFiles(_ path: String) -> [(String, Data)] {
    ["", "-wal", "-shm", "-journal"].compactMap { suffix in
      FileManager.default.contents(atPath: path + suffix).map { (path + suffix, $0) }
    }
  }

  /// The files that hold `text`, as UTF-8 bytes.
  static func filesHolding(_ text: String, store: String) -> [String] {
    storeFiles(store).filter { $0.1.range(of: Data(text.utf8)) != nil }.map(\.0)
  }

  /// A query run by the `sqlite3` command, a reader that is not coach.
  static func sqlite(_ store: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [store, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static let hasSQLite = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")

  func learner(_ store: String, _ employee: String, name: String) throws -> PipeLearner {
    try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", employee, "--name", name, "--role",
        "frontline", "--seed", "3",
      ], outline: try Outline.load(courses))
  }

  @Test(
    .enabled(if: installedTmux != nil, "tmux is not installed (apt-get install tmux)"),
    .enabled(if: hasSQLite, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func aReflectionANoteAPendingShareAndADraftReachNoByteOfTheStore() throws {
    // A store from an earlier coach, which holds private text in plain text.
    let store = try ReleaseStoreTests.copyOfStore()
    let markers = [
      "reflection": "Reflection ZQX7-ALPHA: my manager shouts at me",
      "note": "Note ZQX7-BRAVO: I will speak up",
      "pending": "Pending ZQX7-CHARLIE: not sure I want to share this",
      "draft": "Draft ZQX7-DELTA: half a thought",
    ]
    // zed writes a reflection (not shared) and creed notes, to the end of the course.
    let zed = try learner(store, "zed", name: "Zed Quill")
    zed.answerer.reflection = [markers["reflection"]!]
    zed.answerer.note = markers["note"]!
    #expect(zed.runToEnd().status == 0)

    // yan writes a reflection and stops at the question whether to share it.
    let yan = try learner(store, "yan", name: "Yan Ode")
    yan.answerer.reflection = [markers["pending"]!]
    while let prompt = yan.nextPrompt() {
      if prompt.hasPrefix("? Share") { break }
      for line in yan.answer(prompt) { yan.send(line) }
    }
    yan.closeInput()
    yan.process.waitUntilExit()
    #expect(yan.process.terminationStatus == 0)

    // e-draft, from the old store, left a draft in plain text; on a terminal they add a
    // line to it, then press Ctrl-C.
    let command =
      "'\(CoachBinary.url.path)' learn --courses '\(courses)' --store '\(store)' --employee e-draft --seed 7; echo EXIT=$?; sleep 60"
    let pane = try TmuxTests.Pane(command: command)
    try pane.wait(for: "? choose a passphrase")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "? the same passphrase again")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "Continue")
    pane.keys("Enter")
    try pane.wait(for: "Your lines from before are kept below")
    pane.type(markers["draft"]!)
    pane.keys("Enter")
    // The line is kept the moment it is entered (the resume below shows that it was).
    try pane.wait(for: "ZQX7-DELTA")
    Thread.sleep(forTimeInterval: 1)
    pane.keys("C-c")
    #expect(try pane.wait(for: "EXIT=").contains("EXIT=130"))

    // Every byte of the store and the files beside it: no private text at all, and not
    // the plain-text draft of the earlier coach either, now that e-draft has opened it.
    for (what, text) in markers {
      #expect(Self.filesHolding(text, store: store) == [], "\(what) found in the store's files")
      #expect(Self.filesHolding(String(text.prefix(18)), store: store) == [], "part of \(what) found")
    }
    #expect(Self.filesHolding("My first line", store: store) == [], "the old draft, sealed on first open")
    // The search does find what is meant to be there: a reflection of an employee of the
    // old store who has not opened it since (sealed at their next session) and the names.
    #expect(Self.filesHolding("I was greeted by name.", store: store) != [])
    #expect(Self.filesHolding("Zed Quill", store: store) != [])

    // The sqlite3 command sees sealed rows and sealed bookmarks only.
    let plain = try Self.sqlite(
      store,
      "SELECT COUNT(*) FROM beliefResponse WHERE employeeId IN ('zed', 'yan', 'e-draft') AND text IS NOT NULL"
    )
    #expect(plain == "0")
    let sealed = try Self.sqlite(
      store, "SELECT COUNT(*) FROM beliefResponse WHERE employeeId = 'zed' AND sealed IS NOT NULL")
    #expect(sealed == "3", "the reflection and two creed notes")
    let positions = try Self.sqlite(
      store,
      "SELECT employeeId || ' ' || substr(position, 1, 13) FROM bookmark WHERE employeeId IN ('yan', 'e-draft') ORDER BY 1"
    )
    #expect(positions == "e-draft sealed-draft:\nyan sealed-share:")

    // With the passphrase, the draft opens again, the line added included.
    let resumed = try CoachBinary.run(
      ["learn", "--courses", courses, "--store", store, "--employee", "e-draft", "--seed", "7"],
      input: "\(CoachBinary.passphrase)\n")
    #expect(resumed.stdout.contains("My first line\nSecond line\n\(markers["draft"]!)\n"))
  }

  @Test(.enabled(if: hasSQLite, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func anotherPersonCannotOpenAnswerAsOrSeeTheProgressOfAnEmployee() throws {
    let store = CoachBinary.temporaryStore()
    let zed = try learner(store, "zed", name: "Zed Quill")
    zed.answerer.reflection = ["Reflection ZQX7-ECHO: private"]
    #expect(zed.runToEnd().status == 0)
    let report = [
      "progress", "--employee", "zed", "--store", store, "--format", "json", "--courses", courses,
    ]
    // One person's private store: their own progress needs no passphrase.
    let own = try CoachBinary.run(report)
    #expect(own.status == 0)
    #expect(own.stdout.contains("\"Zed Quill\""))

    // Someone else uses the same store, as themselves.
    let mallory = try CoachBinary.run(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "mallory", "--name", "Mal", "--role",
        "frontline",
      ],
      input: "a passphrase of her own\na passphrase of her own\n")
    #expect(mallory.status == 0)
    #expect(mallory.stdout.contains("? agree 1-5"), "mallory got in as herself")
    #expect(!mallory.stdout.contains("Zed") && !mallory.stdout.contains("ZQX7"))

    // ...and then as zed, without zed's passphrase: refused, slowly, and nothing shown.
    let before = try Self.sqlite(store, ".dump")
    let started = Date()
    let asZed = try CoachBinary.run(
      ["learn", "--courses", courses, "--store", store, "--employee", "zed"],
      input: "guess number one\nguess number two\nguess number three\n4\n4\n")
    #expect(asZed.status == 1)
    #expect(Date().timeIntervalSince(started) >= 6, "two seconds after each wrong passphrase")
    #expect(asZed.stderr.contains("the passphrase for zed was wrong 3 times; nothing was opened"))
    for hidden in ["Zed Quill", "ZQX7", "agree", "Greeting", "Module"] {
      #expect(!asZed.stdout.contains(hidden), "\(hidden) was shown")
    }
    #expect(asZed.stdout.components(separatedBy: "? passphrase\n").count == 4)
    #expect(try Self.sqlite(store, ".dump") == before, "nothing was written")

    // Progress: now that the store has two people, zed's passphrase is asked.
    let noPassphrase = try CoachBinary.run(report, input: "")
    #expect(noPassphrase.status == 1)
    #expect(noPassphrase.stdout.isEmpty)
    #expect(noPassphrase.stderr.contains("no passphrase given; nothing was shown"))
    let wrongStart = Date()
    let wrong = try CoachBinary.run(report, input: "a passphrase of her own\n")
    #expect(wrong.status == 1)
    #expect(wrong.stdout.isEmpty)
    #expect(wrong.stderr.contains("that passphrase does not open the records of zed; nothing was shown"))
    #expect(Date().timeIntervalSince(wrongStart) >= 2)
    let right = try CoachBinary.run(report, input: "\(CoachBinary.passphrase)\n")
    #expect(right.status == 0, "\(right.stderr)")
    #expect(right.stdout == own.stdout)

    // A review records answers too: without zed's passphrase it shows and records nothing.
    let reviewStart = Date()
    let review = try CoachBinary.run(
      ["review", "--courses", courses, "--store", store, "--employee", "zed"],
      input: "guess number one\nguess number two\nguess number three\n1\nhello\n")
    #expect(review.status == 1)
    #expect(Date().timeIntervalSince(reviewStart) >= 6, "two seconds after each wrong passphrase")
    #expect(review.stderr.contains("the passphrase for zed was wrong 3 times; nothing was opened"))
    #expect(review.stdout.components(separatedBy: "? passphrase\n").count == 4)
    for hidden in ["Zed Quill", "ZQX7", "due", "review 1", "No courses"] {
      #expect(!review.stdout.contains(hidden), "\(hidden) was shown")
    }
    #expect(try Self.sqlite(store, ".dump") == before, "nothing was written")
    // Nor does one question's review history.
    let history = try CoachBinary.run(
      ["review", "--courses", courses, "--store", store, "--employee", "zed", "--history", "any-item"],
      input: "a passphrase of her own\n")
    #expect(history.status == 1 && history.stdout.isEmpty)
    #expect(history.stderr.contains("that passphrase does not open the records of zed; nothing was shown"))
    // With it, zed reviews (nothing is due the day the course was taken).
    let ownReview = try CoachBinary.run(
      ["review", "--courses", courses, "--store", store, "--employee", "zed"],
      input: "\(CoachBinary.passphrase)\n")
    #expect(ownReview.status == 0, "\(ownReview.stderr)")

    // A trainer's xAPI export of everyone never holds the private reflection: only that
    // it was answered and withheld.
    let xapi = try CoachBinary.run([
      "export", "xapi", "--course", "tiny", "--courses", courses, "--store", store,
    ])
    #expect(xapi.status == 0, "\(xapi.stderr)")
    #expect(!xapi.stdout.contains("ZQX7"))
    #expect(xapi.stdout.contains("response-withheld"), "the reflection is there, without its text")
  }

  @Test func anEmployeeWithNoPassphraseYetIsShownOnlyOnAPrivateFileAndTheOlderStoreIsNotChanged() throws {
    // The last release's store: fifteen employees, none with a passphrase yet.
    let store = try ReleaseStoreTests.copyOfStore()
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let report = ["progress", "--employee", "e-end", "--store", store, "--courses", courses]
    let own = try CoachBinary.run(report)
    #expect(own.status == 0, "\(own.stderr)")
    #expect(
      own.stderr.contains("e-end has no passphrase yet, so anyone using this account can see these records"))
    let shared = try CoachBinary.run(report + ["--shared-store"])
    #expect(shared.status == 1 && shared.stdout.isEmpty)
    #expect(shared.stderr.contains("e-end has no passphrase yet, and \(store) is shared"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before, "read through a copy in memory")
  }

  @Test func aStoreSharedOnPurposeAsksForThePassphraseEvenWithOneEmployee() throws {
    let store = CoachBinary.temporaryStore()
    #expect(try learner(store, "zed", name: "Zed Quill").runToEnd().status == 0)
    let report = ["progress", "--employee", "zed", "--store", store, "--courses", courses]
    #expect(try CoachBinary.run(report).status == 0)
    let shared = try CoachBinary.run(report + ["--shared-store"], input: "not it at all\n")
    #expect(shared.status == 1)
    #expect(shared.stdout.isEmpty)
    let byEnvironment = try CoachBinary.run(report, input: "", environment: ["COACH_SHARED_STORE": "1"])
    #expect(byEnvironment.status == 1)
    #expect(
      try CoachBinary.run(report + ["--shared-store"], input: "\(CoachBinary.passphrase)\n").status == 0)
  }

  @Test func aTrainerResetsAnEmployeeWhoLostTheirPassphraseAndLearnsNothing() throws {
    let store = CoachBinary.temporaryStore()
    let zed = try learner(store, "zed", name: "Zed Quill")
    zed.answerer.reflection = ["Reflection ZQX7-FOXTROT: lost with the key"]
    #expect(zed.runToEnd().status == 0)
    let report = [
      "progress", "--employee", "zed", "--store", store, "--format", "json", "--courses", courses,
    ]
    let before = try CoachBinary.run(report)

    let unconfirmed = try CoachBinary.run(["roster", "reset", "zed", "--store", store])
    #expect(unconfirmed.status == 1)
    #expect(unconfirmed.stderr.contains("pass --yes to confirm"))
    let nobody = try CoachBinary.run(["roster", "reset", "nobody", "--store", store, "--yes"])
    #expect(nobody.status == 1)
    let reset = try CoachBinary.run(["roster", "reset", "zed", "--store", store, "--yes"])
    #expect(reset.status == 0)
    #expect(reset.stdout.contains("reset zed: their private text can no longer be opened"))
    #expect(!reset.stdout.contains("ZQX7") && !reset.stderr.contains("ZQX7"))
    // Scores, points and signatures are kept: the report is the same.
    #expect(try CoachBinary.run(report).stdout == before.stdout)
    #expect(PrivacyTests.filesHolding("ZQX7-FOXTROT", store: store) == [])

    // zed chooses a new passphrase and goes on; the old one opens nothing.
    let old = try CoachBinary.run(
      ["learn", "--courses", courses, "--store", store, "--employee", "zed"],
      input: "\(CoachBinary.passphrase)\n")
    #expect(old.stdout.contains("? choose a passphrase"), "a new passphrase is asked for")
    let again = try CoachBinary.run(
      ["learn", "--courses", courses, "--store", store, "--employee", "zed"],
      input: "a brand new passphrase\na brand new passphrase\n")
    #expect(again.status == 0)
    #expect(!again.stdout.contains("ZQX7"))
  }
}
