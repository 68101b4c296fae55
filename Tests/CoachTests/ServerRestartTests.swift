import Foundation
import Testing

/// A fault only a server has: PostgreSQL stopped and started again in the middle of a
/// learner's session. The runner says the store cannot be reached, keeps the answer,
/// tries again, and goes on when the server is back; nothing is lost and nothing is
/// recorded twice. Each test starts a server of its own (the others keep theirs).
@Suite(.postgres, .serialized, .timeLimit(.minutes(5))) struct ServerRestartTests {
  let courses = CoachBinary.fixtures
  let misses = ["warm": 1, "first": 1]

  func learner(_ store: String) throws -> PipeLearner {
    try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e7", "--name", "Sam Lee", "--role",
        "frontline", "--seed", "3",
      ],
      outline: try Outline.load(courses), misses: misses)
  }

  /// `coach progress --format json`'s modules, without the times things were done at and
  /// the recall estimated from them, which differ from run to run.
  func progress(_ store: String) throws -> [Any] {
    let result = try CoachBinary.run(
      ["progress", "--employee", "e7", "--store", store, "--format", "json", "--courses", courses],
      // A server store is shared: progress asks the employee's passphrase (a file of one
      // employee does not, and reads nothing from its input).
      input: CoachBinary.passphrase + "\n")
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let modules = ((json["courses"] as? [[String: Any]])?.first?["modules"] as? [[String: Any]]) ?? []
    func strip(_ value: Any) -> Any {
      if let object = value as? [String: Any] {
        return object.filter {
          !["on", "signedOn", "earlierVersionSignedOn", "passedAt", "recall"].contains($0.key)
        }
        .mapValues(strip)
      }
      if let array = value as? [Any] { return array.map(strip) }
      return value
    }
    #expect(!modules.isEmpty)
    return modules.map(strip)
  }

  /// Waits until a line containing `text` has been printed.
  func waitFor(_ text: String, in learner: PipeLearner, seconds: Double = 30) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if learner.transcript.contains(where: { $0.contains(text) }) { return true }
      usleep(50_000)
    }
    return false
  }

  @Test func theServerStoppedUnderALearnerKeepsTheAnswerAndGoesOnWhenItIsBack() throws {
    let reference = CoachBinary.temporaryStore()
    #expect(try learner(reference).runToEnd().status == 0)

    let server = try OwnPostgresServer()
    let store = try TestPostgres.newStore(on: server.url)
    let learner = try learner(store)
    var stopped = false
    var prompts = 0
    while let prompt = learner.nextPrompt() {
      prompts += 1
      let lines = learner.answer(prompt)
      // At the third drill question, the server goes away before the answer is sent.
      if !stopped && prompt.hasPrefix("? answer") && prompts >= 6 {
        stopped = true
        try server.control("stop")
        for line in lines { learner.send(line) }
        #expect(waitFor("The progress store cannot be reached", in: learner), "the runner says so")
        #expect(learner.process.isRunning, "and keeps going")
        sleep(2)  // it goes on trying while the server is down
        try server.control("start")
        #expect(waitFor("The progress store is back: your answer is saved.", in: learner))
        continue
      }
      for line in lines { learner.send(line) }
    }
    learner.closeInput()
    learner.process.waitUntilExit()
    #expect(stopped)
    #expect(learner.process.terminationStatus == 0)
    #expect(
      NSArray(array: try progress(store)).isEqual(to: try progress(reference)), "the same progress as one run"
    )
    // Read by psql: every record once.
    try expectEveryAnswerOnceNumberedInTurn(in: store)
  }

  @Test func theServerStoppedDuringAReviewKeepsTheAnswerAndGoesOnWhenItIsBack() throws {
    let server = try OwnPostgresServer()
    let store = try TestPostgres.newStore(on: server.url)
    let start = Date(timeIntervalSince1970: 1_772_442_000)
    let outline = try Outline.load(courses)
    let learned = try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e7", "--name", "Sam Lee", "--role",
        "frontline", "--seed", "3", "--now", ReviewCommandTests.iso(start),
      ], outline: outline, misses: [:])
    #expect(try learned.runToEnd().status == 0)
    let review = try PipeLearner(
      [
        "review", "--courses", courses, "--store", store, "--now",
        ReviewCommandTests.iso(start + 40 * 86_400),
      ],
      outline: outline, misses: [:])
    var stopped = false
    var answers = 0
    while let prompt = review.nextPrompt() {
      let lines = review.answer(prompt)
      if prompt.hasPrefix("? answer") { answers += 1 }
      // At the second question, the server goes away before the answer is sent.
      if !stopped && prompt.hasPrefix("? answer") && answers == 2 {
        stopped = true
        try server.control("stop")
        for line in lines { review.send(line) }
        #expect(waitFor("The progress store cannot be reached", in: review), "the review says so")
        #expect(review.process.isRunning, "and keeps going")
        sleep(2)
        try server.control("start")
        #expect(waitFor("The progress store is back: your answer is saved.", in: review))
        continue
      }
      for line in lines { review.send(line) }
    }
    review.closeInput()
    review.process.waitUntilExit()
    let asked = review.transcript.filter { $0.contains("· review ") }.count
    #expect(stopped && asked == 5, "\(asked) questions reviewed")
    #expect(review.process.terminationStatus == 0)
    // Read by psql: one review answer per question asked, each once, numbered after the
    // course's own answers.
    let reviewed = try TestPostgres.sql(
      "SELECT itemid FROM drillattempt WHERE context = 'review' ORDER BY id", in: store)
    #expect(reviewed == ["first", "warm", "word", "steps", "moments"], "\(reviewed)")
    try expectEveryAnswerOnceNumberedInTurn(in: store)
  }

  /// Read by psql: every answer stored once (one row per record id), and each item's
  /// attempts numbered 1, 2, 3... with no gap or repeat.
  private func expectEveryAnswerOnceNumberedInTurn(
    in store: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(
      try TestPostgres.sql("SELECT count(*) = count(DISTINCT recordid) FROM drillattempt", in: store) == [
        "t"
      ],
      sourceLocation: sourceLocation)
    #expect(
      try TestPostgres.sql(
        "SELECT count(*) FROM (SELECT itemid, array_agg(attempt ORDER BY attempt) AS n, count(*) AS c "
          + "FROM drillattempt GROUP BY itemid) q WHERE n <> (SELECT array_agg(g) FROM generate_series(1, c::int) g)",
        in: store) == ["0"], sourceLocation: sourceLocation)
  }

  @Test func aRestartBetweenAnswersGoesUnnoticed() throws {
    let reference = CoachBinary.temporaryStore()
    #expect(try learner(reference).runToEnd().status == 0)

    let server = try OwnPostgresServer()
    let store = try TestPostgres.newStore(on: server.url)
    let learner = try learner(store)
    var prompts = 0
    while let prompt = learner.nextPrompt() {
      prompts += 1
      if prompts % 5 == 0 { try server.control("restart") }  // pg_ctl restart -m fast
      for line in learner.answer(prompt) { learner.send(line) }
    }
    learner.closeInput()
    learner.process.waitUntilExit()
    #expect(learner.process.terminationStatus == 0)
    #expect(prompts > 10)
    #expect(
      !learner.transcript.contains { $0.contains("cannot be reached") }, "a new connection is made at once")
    #expect(NSArray(array: try progress(store)).isEqual(to: try progress(reference)))
    #expect(
      try TestPostgres.sql("SELECT count(*) = count(DISTINCT recordid) FROM beliefresponse", in: store) == [
        "t"
      ])
  }
}
