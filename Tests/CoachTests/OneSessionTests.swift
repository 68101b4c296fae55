import Foundation
import Testing

/// Two `coach learn` of the same employee on the same store: the second says who holds
/// the first and waits or takes over, and nothing is recorded twice.
@Suite(
  .serialized, .timeLimit(.minutes(3)), .enabled(if: PrivacyTests.hasSQLite, "needs the sqlite3 command"))
struct OneSessionTests {
  let courses = CoachBinary.fixtures

  func session(_ store: String) throws -> PipeLearner {
    try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e7", "--name", "Sam Lee", "--role",
        "frontline", "--seed", "3",
      ], outline: try Outline.load(courses))
  }

  /// How many records each item has, as the sqlite3 command counts them.
  func recordsPerItem(_ store: String) throws -> [String] {
    try PrivacyTests.sqlite(
      store,
      "SELECT itemId || '=' || COUNT(*) FROM (SELECT itemId FROM drillAttempt UNION ALL "
        + "SELECT itemId FROM beliefResponse) GROUP BY itemId ORDER BY itemId"
    ).split(separator: "\n").map(String.init)
  }

  @Test func theSecondSessionTakesOverAndTheFirstRecordsNothingMore() throws {
    let store = CoachBinary.temporaryStore()
    let first = try session(store)
    // The first session answers up to the first drill question, and waits there.
    var prompt = first.nextPrompt()
    while let shown = prompt, !shown.hasPrefix("? answer 1-3") {
      for line in first.answer(shown) { first.send(line) }
      prompt = first.nextPrompt()
    }
    let waiting = try #require(prompt)

    let second = try session(store)
    let question = try #require(second.nextPrompt())
    #expect(question == "? 1-3")
    let host = ProcessInfo.processInfo.hostName
    #expect(
      second.screen.contains {
        $0.hasPrefix(
          "e7 already has coach open on \(host) (process \(first.process.processIdentifier)), since ")
      }, "\(second.screen)")
    #expect(second.screen.contains("2. Take over here: that session stops before it records anything more"))
    second.send("2")
    #expect(second.runToEnd().status == 0)

    // The first session's answer now is refused: it stops, and says why.
    for line in first.answer(waiting) { first.send(line) }
    first.closeInput()
    first.process.waitUntilExit()
    #expect(first.process.terminationStatus == 1)
    let counts = try recordsPerItem(store)
    #expect(!counts.isEmpty)
    #expect(counts.allSatisfy { $0.hasSuffix("=1") || $0.hasPrefix("greet-job=") }, "\(counts)")
    // greet-job is asked twice in the course (before and after); answered once each time.
    #expect(counts.contains("greet-job=2"))
  }

  @Test func theSecondSessionWaitsForTheFirstToEnd() throws {
    let store = CoachBinary.temporaryStore()
    let first = try session(store)
    let atFirst = try #require(first.nextPrompt())
    let second = try session(store)
    #expect(second.nextPrompt() == "? 1-3")
    second.send("1")
    Thread.sleep(forTimeInterval: 1.5)
    #expect(try recordsPerItem(store) == [], "nothing recorded while both are open")
    // The first session answers one item and ends; the second goes on from there.
    for line in first.answer(atFirst) { first.send(line) }
    #expect(first.nextPrompt() != nil)
    first.closeInput()
    first.process.waitUntilExit()
    #expect(first.process.terminationStatus == 0)
    #expect(second.nextPrompt()?.hasPrefix("? ") == true)
    #expect(second.transcript.contains { $0.hasPrefix("Waiting for the session on ") })
    second.closeInput()
    second.process.waitUntilExit()
    #expect(try recordsPerItem(store) == ["greet-job=1"])
  }

  @Test func aReviewWhileALearnSessionIsOpenSaysWhoHoldsItAndRecordsNothing() throws {
    let store = CoachBinary.temporaryStore()
    let first = try session(store)
    _ = try #require(first.nextPrompt())
    let before = try PrivacyTests.sqlite(store, "SELECT COUNT(*) FROM drillAttempt")
    // The lease is one per employee, learn and review alike: the review asks first.
    let review = try CoachBinary.run(
      ["review", "--courses", courses, "--store", store, "--employee", "e7"],
      input: "\(CoachBinary.passphrase)\n3\n")
    #expect(review.status == 0, "\(review.stderr)")
    #expect(
      review.stdout.contains(
        "e7 already has coach open on \(ProcessInfo.processInfo.hostName) (process \(first.process.processIdentifier))"
      ),
      "\(review.stdout)")
    #expect(!review.stdout.contains("No courses to review yet"), "nothing of the records was read")
    #expect(try PrivacyTests.sqlite(store, "SELECT COUNT(*) FROM drillAttempt") == before)
    #expect(
      try PrivacyTests.sqlite(store, "SELECT sessionId FROM sessionLease").count == 36, "the first keeps it")
    first.closeInput()
    first.process.waitUntilExit()
  }

  @Test func aSessionKilledWithSIGKILLDoesNotLockItsEmployeeOut() throws {
    let store = CoachBinary.temporaryStore()
    let first = try session(store)
    _ = try #require(first.nextPrompt())
    first.kill9()
    let second = try session(store)
    #expect(second.nextPrompt() == "? agree 1-5", "the dead session's lease is taken over without asking")
    second.closeInput()
    second.process.waitUntilExit()
  }
}
