import Foundation
import Testing

/// `coach export xapi` on a store filled by pipe-mode learners, read back by independent
/// readers: ralph-malph's statement model (validate.py) and ralph's LRS.
@Suite(.timeLimit(.minutes(5))) struct XAPIExportTests {
  /// Two employees who took the tiny course in pipe mode, with known answers.
  struct Sample: Sendable {
    let store: String
    let folder: String
    static let courses = CoachBinary.fixtures
    /// Sam (e7, frontline, cohort spring) misses two questions once, so the greeting
    /// drill's first round fails, and shares the reflection; Kim (e8, manager, cohort
    /// autumn) answers everything right and keeps the reflection private.
    static let shared = "Shared: the florist who remembered my name and my mother's roses."
    static let privateText = "PRIVATE-7f3a the nurse who stayed after her shift to explain"
    static let note = "It means listening first."

    static let made: Swift.Result<Sample, XAPITools.Failure> = {
      let store = CoachBinary.temporaryStore()
      let folder = URL(fileURLWithPath: store).deletingLastPathComponent().path
      do {
        let outline = try Outline.load(courses)
        for (id, name, role, cohort, misses, text, share) in [
          ("e7", "Sam Lee", "frontline", "spring", ["first": 1, "warm": 1], shared, true),
          ("e8", "Kim Park", "manager", "autumn", [:], privateText, false),
        ] {
          let learner = try PipeLearner(
            [
              "learn", "--courses", courses, "--store", store, "--employee", id, "--name", name, "--role",
              role,
              "--cohort", cohort, "--seed", "3",
            ], outline: outline, misses: misses, name: name)
          learner.answerer.reflection = [text]
          learner.answerer.share = share
          let run = learner.runToEnd()
          guard run.status == 0 else {
            return .failure(XAPITools.Failure(description: "learner \(id) ended with \(run.status)"))
          }
        }
      } catch {
        return .failure(XAPITools.Failure(description: "cannot run the learners: \(error)"))
      }
      return .success(Sample(store: store, folder: folder))
    }()

    func export(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CoachBinary.Result {
      try CoachBinary.run(
        ["export", "xapi", "--course", "tiny", "--courses", Self.courses, "--store", store] + extra,
        environment: environment)
    }

    /// Exports to a new file and returns its path.
    func exportFile(_ extra: [String] = []) throws -> String {
      let file = folder + "/statements-\(UUID().uuidString).jsonl"
      let run = try export(["-o", file] + extra)
      try #require(run.status == 0, "\(run.stderr)")
      return file
    }
  }

  static func statements(_ file: String) throws -> [[String: Any]] {
    try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func everyStatementValidatesWithRalphAndTheSpecsRules() throws {
    let sample = try Sample.made.get()
    let file = try sample.exportFile()
    let validation = try XAPITools.validate(file)
    #expect(validation.problems == [])
    #expect(validation.invalid == 0)
    let lines = try Self.statements(file)
    #expect(validation.statements == lines.count)
    // Sam: 5 answers, then the 2 missed ones again; Kim: 5, and 1 in the managers' drill.
    #expect(validation.verbs["answered"] == 13)
    // Sam's greeting drill; Kim's greeting drill and the managers' drill.
    #expect(validation.verbs["passed"] == 2 + 1)
    // Sam's first round: 3 of 5 right, below the pass mark of 80.
    #expect(validation.verbs["failed"] == 1)
    // Each: 4 belief items in the greeting module, 1 in closing, and 2 creed notes.
    #expect(validation.verbs["responded"] == 2 * (4 + 1 + 2))
    // Each: the creed signed and the course; Sam's 2 modules, Kim's 3.
    #expect(validation.verbs["completed"] == 2 + 2 + 2 + 3)
    #expect(validation.verbs["registered"] == 2)
    #expect(
      validation.interactionTypes == [
        "choice": 4 + 3, "fill-in": 2, "sequencing": 2 + 2, "matching": 2, "likert": 2 * 3,
        "long-fill-in": 2 * 3,
      ])
  }

  @Test func aPrivateReflectionAndCreedNotesNeverLeaveButASharedOneDoes() throws {
    let sample = try Sample.made.get()
    let file = try sample.exportFile()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    for secret in [Sample.privateText, "PRIVATE-7f3a", Sample.note, "Sam Lee", "Kim Park"] {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the export")
    }
    #expect(bytes.range(of: Data(Sample.shared.utf8)) != nil)
    let reflections = try Self.statements(file).filter {
      ($0["object"] as? [String: Any])?["id"] as? String
        == "https://coach.invalid/xapi/courses/tiny/modules/greeting/sections/your-greeting/items/best-greeting"
    }
    try #require(reflections.count == 2)
    let byActor = Dictionary(uniqueKeysWithValues: reflections.map { (Self.actor($0), $0) })
    let shared = try #require(byActor["e7"]?["result"] as? [String: Any])
    #expect(shared["response"] as? String == Sample.shared)
    let kept = try #require(byActor["e8"]?["result"] as? [String: Any])
    #expect(kept["response"] == nil)
    #expect(
      (kept["extensions"] as? [String: Bool]) == [
        "https://coach.invalid/xapi/extensions/response-withheld": true
      ])
    for statement in reflections {
      let definition = (statement["object"] as? [String: Any])?["definition"] as? [String: Any]
      #expect(definition?["interactionType"] as? String == "long-fill-in")
      #expect(definition?["correctResponsesPattern"] == nil)
      #expect(
        (statement["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/responded")
    }
  }

  @Test func statementsSayWhatWasAnsweredInXAPIsTerms() throws {
    let sample = try Sample.made.get()
    let lines = try Self.statements(try sample.exportFile())
    func find(_ actor: String, _ verb: String, _ suffix: String) -> [[String: Any]] {
      lines.filter {
        Self.actor($0) == actor && Self.verb($0) == verb
          && ((($0["object"] as? [String: Any])?["id"] as? String)?.hasSuffix(suffix) ?? false)
      }
    }
    // Sam's first answer to 'first' picked a wrong choice; the second, the right one.
    let first = find("e7", "answered", "/items/first")
    try #require(first.count == 2)
    let definition = try #require((first[0]["object"] as? [String: Any])?["definition"] as? [String: Any])
    #expect(definition["interactionType"] as? String == "choice")
    #expect(definition["correctResponsesPattern"] as? [String] == ["look-up-and-greet-them"])
    #expect(
      (definition["choices"] as? [[String: Any]])?.map { $0["id"] as? String }
        == ["finish-your-task", "look-up-and-greet-them", "wait-for-them-to-speak"])
    #expect(Self.result(first[0])["response"] as? String == "finish-your-task")
    #expect(Self.result(first[0])["success"] as? Bool == false)
    #expect(Self.result(first[1])["response"] as? String == "look-up-and-greet-them")
    #expect(Self.result(first[1])["success"] as? Bool == true)
    #expect(
      (Self.result(first[1])["score"] as? [String: Double]) == ["scaled": 1, "raw": 1, "min": 0, "max": 1])
    let moments = try #require(find("e8", "answered", "/items/moments").first)
    let pairs = (moments["object"] as? [String: Any])?["definition"] as? [String: Any]
    #expect(
      pairs?["correctResponsesPattern"] as? [String] == [
        "arrival[.]greet[,]question[.]listen[,]departure[.]thank"
      ])
    #expect(
      Self.result(moments)["response"] as? String == "arrival[.]greet[,]question[.]listen[,]departure[.]thank"
    )
    // The greeting drill: failed at 3 of 5, then passed at 4 of 5 with the mark of 80.
    let failed = try #require(find("e7", "failed", "/sections/greeting-check").first)
    #expect((Self.result(failed)["score"] as? [String: Double])?["scaled"] == 0.6)
    #expect(Self.result(failed)["success"] as? Bool == false)
    let passed = try #require(find("e7", "passed", "/sections/greeting-check").first)
    #expect(
      (Self.result(passed)["score"] as? [String: Double]) == ["scaled": 0.8, "raw": 80, "min": 0, "max": 100])
    #expect(
      (Self.result(passed)["extensions"] as? [String: Int]) == [
        "https://coach.invalid/xapi/extensions/pass-mark": 80
      ])
    // The Agree statement asked in the greeting module and again in closing: pre, post.
    let agree = find("e8", "responded", "/items/greet-job")
    #expect(
      agree.map { (($0["context"] as? [String: Any])?["extensions"] as? [String: String])?.values.first }
        == ["pre", "post"])
    let scale =
      ((agree[0]["object"] as? [String: Any])?["definition"] as? [String: Any])?["scale"] as? [[String: Any]]
    #expect(scale?.map { $0["id"] as? String } == ["1", "2", "3", "4", "5"])
    #expect(Self.result(agree[0])["response"] as? String == "4")
    #expect(Self.result(agree[0])["score"] == nil && Self.result(agree[0])["success"] == nil)
    // The creed: completed, with its version.
    let creed = try #require(find("e8", "completed", "/sections/our-greeting-creed").first)
    let revision = (creed["context"] as? [String: Any])?["revision"] as? String
    #expect(revision?.count == 16)
    #expect(
      ((creed["context"] as? [String: Any])?["extensions"] as? [String: String])?[
        "https://coach.invalid/xapi/extensions/creed-version"] == revision)
    // Modules: Sam took greeting and closing, Kim the managers' module too.
    #expect(find("e7", "completed", "/modules/greeting").count == 1)
    #expect(find("e7", "completed", "/modules/managers").isEmpty)
    #expect(find("e8", "completed", "/modules/managers").count == 1)
    // One registration per enrolment, every statement of an employee under it.
    let registrations = Dictionary(grouping: lines, by: Self.actor).mapValues {
      Set($0.map { ($0["context"] as? [String: Any])?["registration"] as? String ?? "" })
    }
    #expect(registrations["e7"]?.count == 1 && registrations["e8"]?.count == 1)
    #expect(registrations["e7"] != registrations["e8"])
  }

  @Test func exportingAgainGivesTheSameStatementsAndFiltersSelectThem() throws {
    let sample = try Sample.made.get()
    let first = try sample.exportFile()
    let second = try sample.exportFile()
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
    let all = try Self.statements(first)
    #expect(Set(all.map { $0["id"] as? String }).count == all.count)
    let spring = try Self.statements(try sample.exportFile(["--cohort", "spring"]))
    #expect(!spring.isEmpty && spring.allSatisfy { Self.actor($0) == "e7" })
    #expect(spring.count == all.filter { Self.actor($0) == "e7" }.count)
    let old = try Self.statements(try sample.exportFile(["--since", "2000-01-01"]))
    #expect(old.count == all.count)
    let stamps = all.compactMap { $0["timestamp"] as? String }.sorted()
    let middle = stamps[stamps.count / 2]
    let later = try Self.statements(try sample.exportFile(["--since", middle]))
    #expect(later.count == stamps.filter { $0 >= middle }.count)
    #expect(later.count < all.count && !later.isEmpty)
    let none = try sample.export(["--since", "2999-01-01"])
    #expect(none.status == 0 && none.stdout.isEmpty)
    #expect(none.stderr.contains("0 statements"))
  }

  @Test func badInputIsRefusedWithAClearMessage() throws {
    let sample = try Sample.made.get()
    let cases: [([String], Int32, String)] = [
      (["--since", "last week"], 64, "--since \"last week\": give a day as YYYY-MM-DD"),
      (
        ["--cohort", "winter"], 1,
        "no employee in the progress store is in cohort 'winter'; the cohorts are: autumn, spring"
      ),
      (
        ["--home-page", "ftp://hr.example.com"], 64,
        "--home-page \"ftp://hr.example.com\": give an address that starts with https://"
      ),
      (["--activity-base", "https://x.example.com/a?b"], 64, "leave out '?' and '#'"),
      (["--language", "english!"], 64, "--language \"english!\": give a language tag"),
      (["--auth", "u:p"], 64, "--auth is for --lrs"),
      (["--lrs", "https://u:secret@lrs.example.com/xAPI"], 64, "give them with --auth or COACH_LRS_AUTH"),
      (
        ["--lrs", "http://127.0.0.1:9/xAPI", "--auth", "nocolon"], 64,
        "--auth: the LRS credentials cannot be used: write them as user:password"
      ),
    ]
    for (arguments, status, message) in cases {
      let run = try sample.export(arguments)
      #expect(run.status == status, "\(arguments): \(run.stderr)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
      #expect(!run.stderr.contains("secret"))
    }
    let unknown = try CoachBinary.run(
      ["export", "xapi", "--course", "nope", "--courses", Sample.courses, "--store", sample.store])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr.contains("course 'nope' is not in") && unknown.stderr.contains("which holds: tiny"))
  }

  /// The shipped course, taken by a frontline employee (one question missed once, the
  /// reflections shared) and a manager (every reflection private): every statement
  /// validates, and no private reflection leaves.
  @Test(.timeLimit(.minutes(5))) func theShippedCourseGivesValidStatementsForEveryRole() throws {
    let real = CoachBinary.root.appendingPathComponent("courses").path
    let store = CoachBinary.temporaryStore()
    let outline = try Outline.load(real)
    let secret = "PRIVATE-manager-reflection-42"
    for (id, role, share, misses) in [
      ("f1", "frontline", true, [outline.drillItems.first?.id ?? "": 1]), ("m1", "manager", false, [:]),
    ] {
      let learner = try PipeLearner(
        [
          "learn", "--courses", real, "--course", "legendary-service", "--store", store, "--employee", id,
          "--name",
          "Alex Doe", "--role", role, "--seed", "5",
        ], outline: outline, misses: misses, name: "Alex Doe")
      learner.answerer.reflection = [share ? "Shared thoughts of \(id)." : secret]
      learner.answerer.share = share
      try #require(learner.runToEnd(limit: 5_000).status == 0)
    }
    let file = URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("real.jsonl")
      .path
    let run = try CoachBinary.run([
      "export", "xapi", "--course", "legendary-service", "--courses", real, "--store", store, "-o", file,
    ])
    try #require(run.status == 0, "\(run.stderr)")
    print("shipped course: \(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
    let validation = try XAPITools.validate(file)
    print("shipped course: verbs \(validation.verbs), interactions \(validation.interactionTypes)")
    #expect(validation.problems == [])
    #expect(validation.invalid == 0 && validation.statements > 300)
    // Both signed the creed and completed the course, and every module of their role:
    // 13 for the front line, 16 for managers.
    #expect(validation.verbs["completed"] == 2 * 2 + 13 + 16)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    #expect(bytes.range(of: Data(secret.utf8)) == nil)
    #expect(bytes.range(of: Data("Shared thoughts of f1.".utf8)) != nil)
    #expect(bytes.range(of: Data("Alex Doe".utf8)) == nil)
  }

  static func actor(_ statement: [String: Any]) -> String {
    ((statement["actor"] as? [String: Any])?["account"] as? [String: Any])?["name"] as? String ?? ""
  }

  static func verb(_ statement: [String: Any]) -> String {
    ((statement["verb"] as? [String: Any])?["id"] as? String)?.components(separatedBy: "/").last ?? ""
  }

  static func result(_ statement: [String: Any]) -> [String: Any] {
    statement["result"] as? [String: Any] ?? [:]
  }
}
