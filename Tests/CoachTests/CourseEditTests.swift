import Foundation
import Testing

/// A trainer edits a course between two pipe-mode runs; `coach check --store` says before
/// what the edit will do, and `coach progress --format json` shows after what it did
/// (COURSE_FORMAT.md, "When a course changes"), one rule at a time.
@Suite(.serialized, .timeLimit(.minutes(3))) struct CourseEditTests {
  /// A copy of the fixture courses, edited by the test.
  struct Courses {
    let path: String

    init() throws {
      path =
        FileManager.default.temporaryDirectory.appendingPathComponent("coach-edit-\(UUID().uuidString)")
        .path
      try FileManager.default.copyItem(atPath: CoachBinary.fixtures, toPath: path)
    }

    /// Replaces `old` (which must be there) with `new` in `file` of the tiny course.
    func edit(_ file: String, _ old: String, _ new: String) throws {
      let url = URL(fileURLWithPath: path).appendingPathComponent("tiny/\(file)")
      let text = try String(contentsOf: url, encoding: .utf8)
      try #require(text.contains(old), "\(file) holds \(old)")
      try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }
  }

  /// An employee taking the course to its end in pipe mode, right except for `misses`.
  @discardableResult
  func learn(
    _ store: String, _ courses: Courses, employee: String = "e1", misses: [String: Int] = [:]
  ) async throws -> PipeLearner {
    let learner = try PipeLearner(
      [
        "learn", "--courses", courses.path, "--store", store, "--employee", employee, "--name", "Sam Lee",
        "--role", "frontline", "--seed", "5",
      ], outline: try await Outline.loading(courses.path), misses: misses)
    let run = try await learner.finishing()
    #expect(run.status == 0, "\(employee)")
    return learner
  }

  func progress(_ store: String, _ courses: Courses, employee: String = "e1") async throws -> [String: Any] {
    // The passphrase, asked once the store holds two employees.
    let result = try await CoachBinary.running(
      ["progress", "--employee", employee, "--store", store, "--courses", courses.path, "--format", "json"],
      input: "\(CoachBinary.passphrase)\n")
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
  }

  func table(_ store: String, _ courses: Courses, employee: String = "e1") async throws -> String {
    try await CoachBinary.running(
      ["progress", "--employee", employee, "--store", store, "--courses", courses.path],
      input: "\(CoachBinary.passphrase)\n"
    )
    .stdout
  }

  /// `coach check --store`: its preview lines, after checking that it exits 0.
  func preview(_ store: String, _ courses: Courses) async throws -> [String] {
    let result = try await CoachBinary.running(["check", courses.path, "--store", store])
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  func course(_ json: [String: Any]) -> [String: Any] {
    (json["courses"] as? [[String: Any]])?.first ?? [:]
  }

  func modules(_ json: [String: Any]) -> [[String: Any]] { course(json)["modules"] as? [[String: Any]] ?? [] }

  /// The greeting module's drill.
  func drill(_ json: [String: Any]) -> [String: Any] {
    (modules(json).first?["drills"] as? [[String: Any]])?.first ?? [:]
  }

  /// The drill questions a run asked, by the start of their prompts.
  func asked(_ learner: PipeLearner, _ outline: Outline) -> [String] {
    let prompts = learner.transcript
    return outline.drillItems.filter { item in prompts.contains { $0.hasPrefix(item.prompt) } }.map(\.id)
  }

  @Test func wordingFeedbackAndHintChangesKeepCredit() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses)
    try courses.edit(
      "01-greeting.md", "### What comes first when a customer walks in? {#first}",
      "### A customer walks in. What do you do first? {#first}")
    try courses.edit("01-greeting.md", "They have to wait while you finish.", "They wait, and feel it.")
    try courses.edit("01-greeting.md", "> Hint: It starts with h.", "> Hint: Five letters, starting with h.")
    #expect(
      try await preview(store, courses).contains(
        "question first: wording changed; 1 employee's answers still count"))
    let json = try await progress(store, courses)
    #expect(modules(json).first?["status"] as? String == "passed")
    #expect(drill(json)["standing"] as? String == "passed")
    #expect(drill(json)["score"] as? Double == 1)
    #expect(drill(json)["reworded"] as? [String] == ["first"])
    #expect((drill(json)["askedAgain"] as? [Any])?.isEmpty == true)
    let second = try await learn(store, courses)
    #expect(asked(second, try await Outline.loading(courses.path)).isEmpty, "nothing asked again")
  }

  @Test func aChangedAnswerKeyAsksJustThatQuestionAgain() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses, employee: "e1")
    try await learn(store, courses, employee: "e2")
    try courses.edit("01-greeting.md", "- [x] Look up and greet them", "- [ ] Look up and greet them")
    try courses.edit("01-greeting.md", "- [ ] Wait for them to speak", "- [x] Wait for them to speak")
    let lines = try await preview(store, courses)
    #expect(
      lines.contains(
        "question first: answer key changed; 2 employees answered the earlier version and will be asked again"
      ),
      "\(lines)")
    let json = try await progress(store, courses)
    #expect(modules(json).first?["status"] as? String == "passed", "the pass stands")
    #expect(drill(json)["pending"] as? [String] == ["first"])
    #expect(drill(json)["standing"] as? String == "unfinished")
    #expect(drill(json)["passed"] as? Bool == true)
    let again = drill(json)["askedAgain"] as? [[String: Any]]
    #expect(again?.count == 1)
    #expect(again?.first?["id"] as? String == "first")
    #expect(again?.first?["answers"] as? Int == 1)
    #expect(again?.first?["why"] as? String == "answer-key-changed")
    #expect((drill(json)["passedAt"] as? [String: Any])?["earlierVersion"] as? Bool == true)
    #expect(
      try await table(store, courses).contains(
        "asked again, the question changed since it was answered: first"))

    let second = try await learn(store, courses, employee: "e1")
    #expect(
      asked(second, try await Outline.loading(courses.path)) == ["first"], "exactly the changed question")
    let after = try await progress(store, courses)
    #expect(drill(after)["standing"] as? String == "passed")
    #expect((drill(after)["pending"] as? [String])?.isEmpty == true)
    #expect((drill(after)["passedAt"] as? [String: Any])?["earlierVersion"] as? Bool == false)
    #expect(
      try await preview(store, courses).contains(
        "question first: answer key changed; 1 employee answered the earlier version and will be asked again")
    )
  }

  @Test func aQuestionAddedToAPassedDrillIsPendingNotAReset() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses)
    try courses.edit(
      "01-greeting.md", "## Beliefs: Your greeting",
      "### What do we say when they leave? {#thanks}\n\n- [x] Thank you\n- [ ] Next\n\n## Beliefs: Your greeting"
    )
    #expect(
      try await preview(store, courses).contains(
        "question thanks: new in drill 'Greeting check'; 1 employee who passed the drill will be asked it, "
          + "and their pass stands"))
    let json = try await progress(store, courses)
    #expect(modules(json).first?["status"] as? String == "passed")
    #expect(drill(json)["pending"] as? [String] == ["thanks"])
    #expect(drill(json)["answered"] as? Int == 5 && drill(json)["questions"] as? Int == 6)
    #expect((drill(json)["passedAt"] as? [String: Any])?["mark"] as? Int == 80)
    let shown = try await table(store, courses)
    #expect(shown.contains("5 of 6 answered") && !shown.contains("- / -"), "\(shown)")
    #expect(shown.contains("new, to answer: thanks"), "\(shown)")

    let second = try await learn(store, courses)
    #expect(asked(second, try await Outline.loading(courses.path)) == ["thanks"])
    #expect(drill(try await progress(store, courses))["standing"] as? String == "passed")
  }

  @Test func aRaisedPassMarkKeepsThePassAsRecorded() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses, misses: ["first": 1])  // 80%: passed at the first try, no retry
    try courses.edit("course.md", "pass: 80", "pass: 90")
    let lines = try await preview(store, courses)
    #expect(
      lines.contains(
        "drill 'Greeting check' (module greeting): pass mark changed to 90%; the pass at 80% stands for "
          + "1 employee (1 below 90% now)"), "\(lines)")
    let json = try await progress(store, courses)
    let pass = drill(json)["passedAt"] as? [String: Any]
    #expect(pass?["mark"] as? Int == 80)
    #expect(pass?["score"] as? Double == 0.8)
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    #expect((pass?["on"] as? String)?.hasPrefix(today) == true)
    #expect(drill(json)["passMark"] as? Int == 90)
    #expect(drill(json)["standing"] as? String == "below-mark")
    #expect(drill(json)["passed"] as? Bool == true)
    #expect(modules(json).first?["status"] as? String == "passed", "not failed retroactively")
    #expect(
      try await table(store, courses).contains(
        "drill 'Greeting check': passed at 80% on \(today); now 80% against the pass mark of 90%"))
    let second = try await learn(store, courses)
    #expect(asked(second, try await Outline.loading(courses.path)).isEmpty, "nothing is forced")
  }

  @Test func aChangedCreedShowsTheEarlierSignatureAndInvitesANewOne() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses)
    try courses.edit("03-closing.md", "2. We greet every customer.", "2. We greet every customer by name.")
    #expect(
      try await preview(store, courses).contains(
        "creed 'Our greeting creed' (module closing): text changed; 1 employee signed an earlier version and "
          + "will be invited, not required, to sign it again"))
    let json = try await progress(store, courses)
    let creed = modules(json)[2]["creed"] as? [String: Any]
    #expect(creed?["signed"] as? Bool == false)
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    #expect((creed?["earlierVersionSignedOn"] as? String)?.hasPrefix(today) == true)
    #expect(modules(json)[2]["status"] as? String == "completed")

    // Invited: Enter keeps the earlier signature and ends the session.
    let invited = try PipeLearner(
      ["learn", "--courses", courses.path, "--store", store, "--employee", "e1"],
      outline: try await Outline.loading(courses.path))
    let prompt = try await invited.awaitingPrompt()
    #expect(prompt == "? sign: your full name, or Enter to keep your earlier signature")
    #expect(
      invited.screen.contains { $0.contains("You signed an earlier version of this creed on \(today)") })
    invited.send("")
    #expect(try await invited.finishing().status == 0)
    #expect(
      (modules(try await progress(store, courses))[2]["creed"] as? [String: Any])?["signed"] as? Bool == false
    )

    try await learn(store, courses)  // this time the learner signs
    let signed = modules(try await progress(store, courses))[2]["creed"] as? [String: Any]
    #expect(signed?["signed"] as? Bool == true)
    #expect(signed?["earlierVersionSignedOn"] is NSNull)
  }

  @Test func removedItemsAndChangedIdsAreRetiredAndTheirRecordsKept() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses)
    try courses.edit(
      "01-greeting.md", "### What word do we say first? {#word}",
      "### What word do we say first? {#first-word}")
    try courses.edit("course.md", "3. [Closing](03-closing.md)\n", "")
    let lines = try await preview(store, courses)
    #expect(
      lines.contains(
        "question word: no longer in the course (removed, or its id changed); 1 employee's records are kept "
          + "and shown as retired"), "\(lines)")
    #expect(
      lines.contains(
        "module closing: no longer in the course (removed, or its id changed); 1 employee's records are kept "
          + "and shown as retired"))
    let json = try await progress(store, courses)
    let retired = modules(json).first?["retired"] as? [[String: Any]]
    #expect(retired?.map { $0["id"] as? String } == ["word"])
    #expect(retired?.first?["kind"] as? String == "question" && retired?.first?["records"] as? Int == 1)
    let gone = course(json)["retired"] as? [[String: Any]] ?? []
    #expect(Set(gone.compactMap { $0["module"] as? String }) == ["closing"])
    #expect(
      Set(gone.compactMap { $0["kind"] as? String }) == ["belief", "statement", "creed"], "\(gone)")
    #expect(drill(json)["pending"] as? [String] == ["first-word"], "a new id is a new item")
    let second = try await learn(store, courses)
    #expect(asked(second, try await Outline.loading(courses.path)) == ["first-word"])
  }

  @Test func statementsAreComparedBeforeAndAfterOnlyOnTheSameScale() async throws {
    let courses = try Courses()
    let store = CoachBinary.temporaryStore()
    try await learn(store, courses)
    // The closing statement reworded; a rating from the first module asked again, on a new scale.
    try courses.edit(
      "03-closing.md", "### Agree: Greeting people well is part of my job {#greet-job}",
      "### Agree: Greeting people well is a real part of my job {#greet-job}\n\n"
        + "### Rate: How often do you greet people first? {#greet-often}\n\n- Never\n- Sometimes\n- Always")
    #expect(
      try await preview(store, courses).contains(
        "statement greet-job (module closing): wording changed; 1 employee's answers are kept"))
    let second = try await learn(store, courses)
    #expect(
      !second.transcript.contains("Saved. You asked yourself this before."), "not compared on another scale")
    let changes = course(try await progress(store, courses))["beliefChanges"] as? [[String: Any]] ?? []
    let byID = Dictionary(uniqueKeysWithValues: changes.map { ($0["id"] as? String ?? "", $0) })
    #expect(byID["greet-job"]?["compared"] as? Bool == true)
    #expect(byID["greet-job"]?["change"] as? Int == 0)
    #expect(byID["greet-often"]?["compared"] as? Bool == false)
    #expect(byID["greet-often"]?["change"] is NSNull)
    #expect((byID["greet-often"]?["first"] as? [String: Any])?["point"] as? Int == 3)
  }

  @Test func aStoreFromTheLastReleaseMatchesItsAnswersByTheirStoredHash() async throws {
    let courses = try Courses()
    let store = try ReleaseStoreTests.copyOfStore()
    let unchanged = try await progress(store, courses, employee: "e-end")
    #expect(modules(unchanged).first?["status"] as? String == "passed")
    #expect(drill(unchanged)["standing"] as? String == "passed")
    #expect((modules(unchanged)[2]["creed"] as? [String: Any])?["signed"] as? Bool == true)
    // No pass was recorded then: the completed enrolment's is shown, dated, with no mark.
    let completed = drill(unchanged)["passedAt"] as? [String: Any]
    #expect(completed?["recorded"] as? Bool == false && completed?["on"] is String)
    // Such answers know only the hash of the prompt and the key together: reworded, the
    // question is asked again, and the pass as the completed enrolment recorded it stands.
    try courses.edit(
      "01-greeting.md", "### Which of these make a warm greeting? {#warm}",
      "### Which of these make a greeting warm? {#warm}")
    let json = try await progress(store, courses, employee: "e-end")
    #expect(drill(json)["pending"] as? [String] == ["warm"])
    #expect((drill(json)["askedAgain"] as? [[String: Any]])?.first?["why"] as? String == "changed")
    let pass = drill(json)["passedAt"] as? [String: Any]
    #expect(pass?["recorded"] as? Bool == false && pass?["mark"] is NSNull)
    #expect(modules(json).first?["status"] as? String == "passed")
  }
}
