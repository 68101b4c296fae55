import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `coach learn` and `coach progress` driven as a script would drive them: pipes.
@Suite(.serialized, .timeLimit(.minutes(3))) struct LearnPipeTests {
  let courses = CoachBinary.fixtures

  /// `coach progress --format json`; without `courses`, the course is found by its id in
  /// the courses folder `$COACH_COURSES` names.
  func progress(_ store: String, _ employee: String, courses: String? = nil) throws -> [String: Any] {
    let folder = courses.map { ["--courses", $0] } ?? []
    let result = try CoachBinary.run(
      ["progress", "--employee", employee, "--store", store, "--format", "json"] + folder,
      // A store others use (a server's, or a file of several employees) asks the passphrase.
      input: CoachBinary.passphrase + "\n",
      environment: courses == nil ? ["COACH_COURSES": self.courses] : [:])
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
  }

  func modules(_ json: [String: Any]) -> [[String: Any]] {
    ((json["courses"] as? [[String: Any]])?.first?["modules"] as? [[String: Any]]) ?? []
  }

  /// `modules` without the times things were done at, which differ from run to run.
  func untimed(_ modules: [[String: Any]]) -> NSArray {
    func strip(_ value: Any) -> Any {
      if let object = value as? [String: Any] {
        return object.filter { !["on", "signedOn", "earlierVersionSignedOn"].contains($0.key) }
          .mapValues(strip)
      }
      if let array = value as? [Any] { return array.map(strip) }
      return value
    }
    return NSArray(array: modules.map(strip))
  }

  func learner(
    _ store: String, misses: [String: Int] = [:], role: String = "frontline", courses: String? = nil
  )
    throws -> PipeLearner
  {
    let folder = courses ?? self.courses
    return try PipeLearner(
      [
        "learn", "--courses", folder, "--store", store, "--employee", "e7", "--name", "Sam Lee", "--role",
        role, "--seed", "3",
      ],
      outline: try Outline.load(folder), misses: misses)
  }

  @Test func aScriptedLearnerFinishesTheCourseAndProgressShowsIt() throws {
    try finishTheCourse(in: CoachBinary.temporaryStore())
  }

  @Test(.postgres) func aScriptedLearnerFinishesTheCourseInPostgreSQL() throws {
    let store = try TestPostgres.newStore()
    defer { TestPostgres.drop(store) }
    try finishTheCourse(in: store)
    // What psql reads: one enrolment, completed, and the drill's two attempts at 'first'.
    #expect(
      try TestPostgres.sql("SELECT employeeid, completed IS NOT NULL FROM enrolment", in: store) == ["e7|t"])
    #expect(
      try TestPostgres.sql(
        "SELECT attempt, correct FROM drillattempt WHERE itemid = 'first' ORDER BY id", in: store)
        == ["1|f", "2|t"])
  }

  func finishTheCourse(in store: String) throws {
    let run = try learner(store, misses: ["first": 1, "warm": 1]).runToEnd()
    #expect(run.status == 0)
    let json = try progress(store, "e7")
    let employee = json["employee"] as? [String: Any]
    #expect(employee?["id"] as? String == "e7")
    #expect(employee?["name"] as? String == "Sam Lee")
    #expect(employee?["role"] as? String == "frontline")
    let rows = modules(json)
    try #require(rows.count == 3)
    #expect(rows.map { $0["id"] as? String } == ["greeting", "managers", "closing"])
    #expect(rows.map { $0["status"] as? String } == ["passed", "not-for-role", "completed"])
    let drill = rows[0]["drill"] as? [String: Any]
    #expect(drill?["first"] as? Double == 0.6)
    #expect(drill?["best"] as? Double == 1)
    #expect(drill?["attempts"] as? Int == 2)
    #expect((rows[0]["beliefs"] as? [String: Int]) == ["answered": 4, "total": 4])
    #expect((rows[2]["beliefs"] as? [String: Int]) == ["answered": 1, "total": 1])
    #expect((rows[2]["creed"] as? [String: Any])?["signed"] as? Bool == true)
    #expect((rows[2]["creed"] as? [String: Any])?["signedOn"] is String)
    #expect((rows[1]["drill"] as? [String: Any])?["first"] is NSNull)
    // The trainer's reports read the same records, whichever the store.
    func report(_ kind: String) throws -> String {
      let out = try CoachBinary.run(
        ["report", kind, "--course", "tiny", "--courses", courses, "--store", store, "--format", "csv"])
      #expect(out.status == 0, "coach report \(kind): \(out.stderr)")
      return out.stdout
    }
    let cohort = try report("cohort").split(whereSeparator: \.isNewline).map(String.init)
    #expect(cohort.count == 2, "\(cohort)")
    #expect(cohort.last?.hasPrefix("e7,Sam Lee,frontline,") == true, "\(cohort)")
    let items = try report("items")
    #expect(items.contains("first"), "\(items)")
    // One employee is too few for a group's beliefs: no statement's figures are shown.
    let beliefs = try report("beliefs")
    #expect(!beliefs.isEmpty)
    let table = try CoachBinary.run(
      ["progress", "--employee", "e7", "--store", store, "--courses", courses],
      input: CoachBinary.passphrase + "\n")
    #expect(table.stdout.contains("passed"))
    #expect(table.stdout.contains("not for your role"))
  }

  @Test func everyQuestionPrintsPromptOptionsAndAQuestionMarkLine() throws {
    let store = CoachBinary.temporaryStore()
    let learner = try learner(store)
    _ = learner.runToEnd()
    let out = learner.transcript
    #expect(!out.joined().contains("\u{1B}"), "no colour or screen control in pipe mode")
    let index = try #require(out.firstIndex { $0.hasPrefix("What comes first when a customer walks in?") })
    #expect(out[index + 1].hasPrefix("1. "))
    #expect(out[index + 3].hasPrefix("3. "))
    #expect(out[index + 4] == "? answer 1-3 (h: hint)")
    let match = try #require(out.firstIndex { $0.hasPrefix("Match the moment to the action") })
    #expect(out[(match + 1)...(match + 3)].allSatisfy { $0.first?.isNumber == true })
    #expect(out[match + 4].hasPrefix("a. ") && out[match + 6].hasPrefix("c. "))
    #expect(out[match + 7].hasPrefix("? match"))
    #expect(out.contains("? Share this reflection with your trainer? [y/N]"))
    #expect(out.contains { $0.contains("private") })
  }

  @Test func badInputGetsAHintAndTheSamePromptAgain() throws {
    let store = CoachBinary.temporaryStore()
    let passphrase = CoachBinary.passphrase
    var input = Data("\(passphrase)\n\(passphrase)\n4\n".utf8)  // the passphrase, the first belief
    for bad in ["99", "abc", "", "0 1", String(repeating: "x", count: 1 << 20)] {
      input += Data((bad + "\n").utf8)
    }
    input += Data([0xFF, 0xFE, 0x31, 0x0A])  // not UTF-8
    input += Data("1\n".utf8)
    let result = try CoachBinary.run(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e8", "--name", "Al", "--role",
        "frontline", "--seed", "3",
      ],
      inputData: input)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let prompts = lines.filter { $0 == "? answer 1-3 (h: hint)" }.count
    let hints = lines.filter { $0.hasPrefix("! ") }
    #expect(prompts == 7)
    #expect(hints.count == 6)
    #expect(hints.allSatisfy { $0.count < 160 })
    #expect(lines.contains("Right.") || lines.contains("Not right."))
    #expect(result.stdout.contains("progress saved"))
  }

  @Test func killedWithSIGKILLMidCourseLosesNoAnsweredItem() throws {
    try killMidCourse(cuts: [1, 4, 7, 9, 11, 14, 16]) { CoachBinary.temporaryStore() }
  }

  @Test(.postgres) func killedWithSIGKILLMidCourseLosesNoAnsweredItemInPostgreSQL() throws {
    var made: [String] = []
    defer { for store in made { TestPostgres.drop(store) } }
    try killMidCourse(cuts: [1, 7, 11, 16]) {
      let store = try TestPostgres.newStore()
      made.append(store)
      return store
    }
  }

  /// Kills a learner at each cut, resumes, and finishes: the same progress as one run.
  func killMidCourse(cuts: [Int], newStore: () throws -> String) throws {
    let outline = try Outline.load(courses)
    let referenceStore = try newStore()
    _ = try learner(referenceStore, misses: ["warm": 1, "first": 1]).runToEnd()
    let reference = try progress(referenceStore, "e7", courses: courses)
    #expect((modules(reference).first?["drill"] as? [String: Any])?["attempts"] as? Int == 2)

    for cut in cuts {
      let store = try newStore()
      let first = try learner(store, misses: ["warm": 1, "first": 1])
      var showing: String?
      var screen: [String] = []
      for n in 0...cut {
        guard let prompt = first.nextPrompt() else { break }
        if n == cut {
          showing = prompt
          screen = first.screen
          break
        }
        for line in first.answer(prompt) { first.send(line) }
      }
      // The prompt after the last answer is on the screen: that answer is committed.
      first.kill9()
      let second = try PipeLearner(
        ["learn", "--courses", courses, "--store", store, "--employee", "e7", "--seed", "3"],
        outline: outline,
        misses: ["warm": 1, "first": 1])
      second.tries = first.tries
      let again = second.nextPrompt()
      #expect(again == showing, "cut \(cut)")
      let question = screen.last { !$0.isEmpty && !$0.hasPrefix("==") }
      #expect(second.screen.contains { $0 == question }, "cut \(cut): \(question ?? "")")
      for line in second.answer(again ?? "") { second.send(line) }
      #expect(second.runToEnd().status == 0)
      let json = try progress(store, "e7", courses: courses)
      #expect(untimed(modules(json)).isEqual(to: untimed(modules(reference)) as! [Any]), "cut \(cut)")
    }
  }

  @Test func endOfInputSavesAndExitsZeroAndCtrlCExits130() throws {
    try endOfInputAndCtrlC(in: CoachBinary.temporaryStore())
  }

  @Test(.postgres) func endOfInputSavesAndExitsZeroAndCtrlCExits130InPostgreSQL() throws {
    let store = try TestPostgres.newStore()
    defer { TestPostgres.drop(store) }
    try endOfInputAndCtrlC(in: store)
  }

  func endOfInputAndCtrlC(in store: String) throws {
    let eof = try CoachBinary.run(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e9", "--name", "Kim", "--role",
        "manager",
      ], input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n")
    #expect(eof.status == 0)
    #expect(eof.stdout.hasSuffix("progress saved\n"))

    let learner = try PipeLearner(
      ["learn", "--courses", courses, "--store", store, "--employee", "e9"],
      outline: try Outline.load(courses))
    #expect(learner.nextPrompt() == "? agree 1-5")
    kill(learner.process.processIdentifier, SIGINT)
    learner.process.waitUntilExit()
    #expect(learner.process.terminationStatus == 130)
    #expect(learner.transcript.contains("progress saved"))
  }

  @Test func askedWhoTheyAreAndWhichRoleTheFirstTime() throws {
    let store = CoachBinary.temporaryStore()
    let result = try CoachBinary.run(
      ["learn", "--courses", courses, "--store", store],
      input: "not valid!\nnew.hire\n\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\nNew Hire\n9\n2\n")
    #expect(result.status == 0)
    #expect(result.stdout.contains("? your employee number or login"))
    #expect(result.stdout.contains("! Not a valid id"))
    #expect(result.stdout.contains("? choose a passphrase\n"))
    #expect(!result.stdout.contains(CoachBinary.passphrase), "the passphrase is never printed")
    #expect(result.stdout.contains("? your full name"))
    #expect(result.stdout.contains("? role 1-2"))
    #expect(result.stdout.contains("! 9 is not on the list"))
    let json = try progress(store, "new.hire", courses: courses)
    #expect((json["employee"] as? [String: Any])?["role"] as? String == "manager")
    #expect(modules(json).dropFirst().first?["status"] as? String == "not-started")
  }

  @Test func badArgumentsAndBrokenCoursesStopBeforeStarting() throws {
    let store = CoachBinary.temporaryStore()
    let broken = CoachBinary.fixtures.replacingOccurrences(of: "/courses", with: "/broken")
    let errors = try CoachBinary.run(["learn", "--courses", broken, "--store", store, "--employee", "e1"])
    #expect(errors.status == 1)
    #expect(errors.stderr.contains("01-one.md:7:1: error: no choice is marked right"))
    #expect(errors.stdout.isEmpty)
    let course = try CoachBinary.run(["learn", "--courses", courses, "--store", store, "--course", "nope"])
    #expect(course.status == 64)
    #expect(course.stderr.contains("no course with id 'nope'"))
    let id = try CoachBinary.run(["learn", "--courses", courses, "--store", store, "--employee", "bad id"])
    #expect(id.status == 64)
    let role = try CoachBinary.run(["learn", "--courses", courses, "--store", store, "--role", "pilot"])
    #expect(role.status == 64)
    // Nothing was recorded, so there is no store: progress says so and makes none.
    let missing = try CoachBinary.run(["progress", "--store", store, "--courses", courses])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no progress store at \(store)"))
    #expect(!FileManager.default.fileExists(atPath: store))
    // A store with nobody in it yet: a usage error that says how to start.
    _ = try CoachBinary.run(["learn", "--courses", courses, "--store", store], input: "")
    let nobody = try CoachBinary.run(["progress", "--store", store, "--courses", courses])
    #expect(nobody.status == 64)
  }

  @Test func theRealCourseFinishesInPipeMode() throws {
    let real = CoachBinary.root.appendingPathComponent("courses").path
    // The shipped course must always check clean: a course with errors fails here.
    let check = try CoachBinary.run(["check", real])
    try #require(check.status == 0, "coach check \(real): \(check.stderr.prefix(600))")
    try #require(FileManager.default.fileExists(atPath: real + "/legendary-service/course.md"))
    let store = CoachBinary.temporaryStore()
    let outline = try Outline.load(real)
    let firstDrill = outline.drillItems.first?.id ?? ""
    let learner = try PipeLearner(
      [
        "learn", "--courses", real, "--course", "legendary-service", "--store", store, "--employee", "e10",
        "--name", "Sam Lee",
        "--role", "frontline", "--seed", "11",
      ], outline: outline, misses: [firstDrill: 1])
    let run = learner.runToEnd(limit: 5_000)
    print("real course: \(run.prompts) prompts answered")
    #expect(run.status == 0)
    #expect(run.prompts > 50)
    #expect(!learner.transcript.contains { $0.hasPrefix("! ") }, "the learner never typed anything wrong")
    let json = try progress(store, "e10", courses: real)
    let rows = modules(json)
    let course = outline.courses.first { $0.id == "legendary-service" }!
    for (row, module) in zip(rows, course.modules) {
      let forRole = module.audience.isEmpty || module.audience.contains("frontline")
      let hasDrill = module.sections.contains { $0.kind == "drill" }
      let expected = !forRole ? "not-for-role" : hasDrill ? "passed" : "completed"
      #expect(row["status"] as? String == expected, "\(module.id)")
    }
  }

  /// A folder with the tiny course and a broken draft beside it.
  private func coursesWithABrokenDraft() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-mixed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let fixtures = URL(fileURLWithPath: CoachBinary.fixtures).deletingLastPathComponent()
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("courses/tiny"), to: folder.appendingPathComponent("tiny"))
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("broken/bad"), to: folder.appendingPathComponent("bad"))
    return folder.path
  }

  @Test func aBrokenCourseIsLeftOutAndTheOthersStayOpen() throws {
    let mixed = try coursesWithABrokenDraft()
    let store = CoachBinary.temporaryStore()
    let run = try CoachBinary.run(
      [
        "learn", "--courses", mixed, "--store", store, "--employee", "e1", "--name", "E One", "--role",
        "frontline",
      ],
      input: "\(CoachBinary.passphrase)\n\(CoachBinary.passphrase)\n4\n")
    #expect(run.status == 0)
    #expect(run.stderr.contains("bad/01-one.md:7:1: error:"))
    #expect(run.stderr.contains("the course 'bad' (\(mixed)/bad) has errors and is not offered"))
    #expect(run.stderr.contains("the other courses are open"))
    // Only one course is left, so no course menu: straight into Tiny Service.
    #expect(run.stdout.contains("== Tiny Service"))
    #expect(!run.stdout.contains("Which course would you like to take?"))

    let asked = try CoachBinary.run([
      "learn", "--courses", mixed, "--store", store, "--employee", "e1", "--course", "bad",
    ])
    #expect(asked.status == 1)
    #expect(asked.stderr.contains("the course 'bad'"))
    #expect(
      asked.stderr.contains("the courses you can take: tiny (coach learn --course tiny)"), "\(asked.stderr)")
    #expect(asked.stdout.isEmpty)

    // A draft whose settings are never closed has no id but its folder's name.
    let unread = URL(fileURLWithPath: mixed).appendingPathComponent("unread")
    try FileManager.default.createDirectory(at: unread, withIntermediateDirectories: true)
    try "---\nid: unread\n# Unread\n\n1. [One](01-one.md)\n".write(
      to: unread.appendingPathComponent("course.md"), atomically: true, encoding: .utf8)
    let unclosed = try CoachBinary.run([
      "learn", "--courses", mixed, "--store", store, "--employee", "e1", "--course", "unread",
    ])
    #expect(unclosed.status == 1, "\(unclosed.stderr)")
    #expect(unclosed.stderr.contains("unread/course.md:1:1: error: front matter opened by '---'"))
    #expect(
      unclosed.stderr.contains(
        "the course in \(mixed)/unread/ cannot be read until the errors above are fixed"))
    #expect(unclosed.stderr.contains("the courses you can take: tiny"))
    #expect(!unclosed.stderr.contains("Usage"))

    let good = try CoachBinary.run(
      ["learn", "--courses", mixed, "--store", store, "--employee", "e1", "--course", "tiny"], input: "")
    #expect(good.status == 0)
    #expect(
      !good.stderr.contains("error"), "the broken draft is not mentioned when another course is asked for")
  }
}
