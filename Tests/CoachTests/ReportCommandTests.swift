import Foundation
import Testing

/// Seven employees on a roster, six of whom take the tiny course in pipe mode with known
/// answers: the reports over them, read back by independent readers (Python's csv
/// module, JSONSerialization, headless Chromium).
@Suite(.serialized, .timeLimit(.minutes(5))) struct ReportCommandTests {
  static let courses = CoachBinary.fixtures

  /// Who takes the course: id, name, cohort, role, misses, (before, after) agree points, shares.
  static let learners: [(String, String, String, String, [String: Int], (String, String), String)] = [
    ("E1", "Ada One", "a", "frontline", ["first": 1], ("2", "4"), "y"),
    ("E2", "Bo Two", "a", "frontline", [:], ("3", "4"), "y"),
    ("E3", "Cy Three", "a", "frontline", ["first": 1, "warm": 1], ("4", "4"), "n"),
    ("E4", "Di Four", "a", "frontline", [:], ("2", "3"), "n"),
    ("E5", "Ed Five", "a", "frontline", ["word": 1], ("5", "5"), "n"),
    ("E6", "Flo Six", "b", "manager", [:], ("3", "5"), "n"),
  ]

  /// The store, filled once for every test of the suite.
  static let store: String = {
    let store = CoachBinary.temporaryStore()
    let roster = (store as NSString).deletingLastPathComponent + "/roster.csv"
    var text = "id,name,role,cohort,email\n"
    for l in learners { text += "\(l.0),\(l.1),\(l.3),\(l.2),\(l.0.lowercased())@example.com\n" }
    text += "E7,Gus Seven,frontline,b,e7@example.com\n"
    try! text.write(toFile: roster, atomically: true, encoding: .utf8)
    let imported = try! CoachBinary.run(["roster", "import", roster, "--store", store])
    precondition(imported.status == 0, imported.stderr)
    let outline = try! Outline.load(courses)
    for l in learners {
      let learner = try! PipeLearner(
        ["learn", "--courses", courses, "--store", store, "--employee", l.0, "--seed", "5"], outline: outline,
        misses: l.4, name: l.1, beliefs: ["agree": [l.5.0, l.5.1], "Share": [l.6]])
      let run = learner.runToEnd()
      precondition(run.status == 0, "\(l.0) did not finish: \(learner.transcript.suffix(5))")
    }
    return store
  }()

  static func filled() async throws -> String { try await offThePool { store } }

  func report(_ arguments: [String]) async throws -> CoachBinary.Result {
    let store = try await Self.filled()
    return try await CoachBinary.running(
      ["report"] + arguments + ["--courses", Self.courses, "--store", store])
  }

  func json(_ arguments: [String]) async throws -> [String: Any] {
    let result = try await report(arguments + ["--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
  }

  @Test func theCohortReportHasOneRowPerEmployeeAndTheTotals() async throws {
    let document = try await json(["cohort", "--course", "tiny"])
    let rows = try #require(document["employees"] as? [[String: Any]])
    #expect(rows.map { $0["id"] as? String } == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"])
    let totals = try #require(document["totals"] as? [String: Any])
    #expect(totals["listed"] as? Int == 7)
    #expect(totals["enrolled"] as? Int == 6)
    #expect(totals["notStarted"] as? Int == 1)
    #expect(totals["completed"] as? Int == 6)
    #expect(totals["passedEveryDrill"] as? Int == 6)
    #expect(totals["signed"] as? Int == 6)
    let ada = rows[0]
    #expect(ada["modulesDone"] as? Int == 2 && ada["modulesForRole"] as? Int == 2)
    let drills = try #require(ada["drills"] as? [[String: Any]])
    #expect(drills.map { $0["title"] as? String } == ["Greeting check", "Tone"])
    #expect(drills[0]["first"] as? Double == 0.8)
    #expect(drills[0]["best"] as? Double == 0.8, "passed at the first round: no retry")
    #expect((drills[0]["pass"] as? String)?.hasPrefix("passed at 80% on 20") == true)
    #expect(drills[1]["forRole"] as? Bool == false)
    let flo = rows[5]
    #expect(flo["modulesForRole"] as? Int == 3)
    #expect(flo["drillsPassed"] as? Int == 2)
    #expect(rows[6]["status"] as? String == "not-started")
    #expect((rows[2]["drills"] as? [[String: Any]])?.first?["first"] as? Double == 0.6)
    let cohort = try await json(["cohort", "--course", "tiny", "--cohort", "b"])
    #expect((cohort["employees"] as? [[String: Any]])?.map { $0["id"] as? String } == ["E6", "E7"])
    let later = try await json(["cohort", "--course", "tiny", "--since", "2999-01-01"])
    #expect((later["employees"] as? [[String: Any]])?.isEmpty == true)
  }

  @Test func theCohortTableFitsOneHundredColumns() async throws {
    let table = try await report(["cohort", "--course", "tiny"])
    #expect(table.status == 0)
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
    #expect(lines.contains { $0.hasPrefix("E1       Ada One") && $0.contains("2/2") })
    #expect(lines.contains { $0.hasPrefix("    Greeting check: first 80%, best 80%; passed at 80% on 20") })
    #expect(table.stdout.contains("Totals: 7 listed, 6 enrolled, 1 not started, 0 in progress, 6 completed,"))
    #expect(!table.stdout.contains("\u{1B}["), "no colour when the output is not a terminal")
  }

  @Test(arguments: [["items"], ["beliefs"], ["beliefs", "--cohort", "a"], ["cohort", "--cohort", "b"]])
  func everyTableFitsOneHundredColumns(_ arguments: [String]) async throws {
    let table = try await report(arguments + ["--course", "tiny"])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.count > 5)
    #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
  }

  @Test(arguments: [["cohort"], ["items"], ["beliefs"]])
  func theCSVReadsBackInPython(_ report: [String]) async throws {
    let result = try await self.report(report + ["--course", "tiny", "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let folder = NSTemporaryDirectory() + "coach-csv-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let file = folder + "/report.csv"
    try result.stdout.write(toFile: file, atomically: true, encoding: .utf8)
    // Python's csv module, strict: a reader that is not coach's.
    let script = [
      "import csv, json, sys",
      "with open(sys.argv[1], newline='', encoding='utf-8') as f:",
      "    rows = list(csv.reader(f, strict=True))",
      "print(json.dumps({'rows': rows, 'widths': sorted({len(r) for r in rows})}))",
    ].joined(separator: "\n")
    let python = try await offThePool {
      try Spawn.run(
        "/usr/bin/env", ["python3", "-c", script, file], environment: ProcessInfo.processInfo.environment,
        captureOutput: true, timeout: 30)
    }
    #expect(python.status == 0)
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(python.output.utf8)) as? [String: Any])
    let rows = try #require(parsed["rows"] as? [[String]])
    #expect(parsed["widths"] as? [Int] == [rows[0].count], "every row as wide as the header")
    switch report[0] {
    case "cohort":
      #expect(rows.count == 8)
      #expect(rows[0].prefix(4) == ["id", "name", "role", "cohort"])
      #expect(rows[1][0] == "E1" && rows[1][1] == "Ada One")
      let first = try #require(rows[0].firstIndex(of: "greeting/greeting-check first"))
      #expect(rows[1][first] == "80" && rows[3][first] == "60")
    case "items":
      #expect(rows[0][0] == "rank")
      #expect(rows.count == 7)
    default:
      #expect(rows[0] == ["item", "kind", "prompt", "measure", "label", "value"])
      #expect(rows.contains { $0[0] == "greet-job" && $0[3] == "answered-both" && $0[5] == "6" })
    }
  }

  @Test func itemAnalysisCountsFirstTriesAndTheMostChosenWrongChoice() async throws {
    let document = try await json(["items", "--course", "tiny"])
    let items = try #require(document["items"] as? [[String: Any]])
    let byID = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0) })
    let first = try #require(byID["first"])
    #expect(first["learners"] as? Int == 6)
    #expect(first["firstTryRight"] as? Double == 4.0 / 6)
    #expect(first["meanAttempts"] as? Double == 7.0 / 6, "only E3 (60%, below the mark) tried again")
    #expect(first["mostChosenWrong"] as? String == "Finish your task")
    #expect(first["mostChosenWrongCount"] as? Int == 2)
    #expect(byID["tone"]?["learners"] as? Int == 1)
    #expect(byID["word"]?["mostChosenWrong"] as? String == "no idea at all")
    #expect(items.first?["id"] as? String == "first", "the hardest first")
    #expect(items.map { $0["rank"] as? Int } == Array(1...6))
  }

  @Test func theBeliefsReportShowsGroupsOfFiveAndHidesSmallerOnes() async throws {
    let document = try await json(["beliefs", "--course", "tiny"])
    let items = try #require(document["items"] as? [[String: Any]])
    let job = try #require(items.first { $0["id"] as? String == "greet-job" })
    #expect(job["beforeAndAfter"] as? Bool == true)
    #expect(job["respondents"] as? Int == 6)
    #expect(job["before"] as? [Int] == [0, 2, 2, 1, 1])
    #expect(job["after"] as? [Int] == [0, 0, 1, 3, 2])
    #expect(job["meanShift"] as? Double == 1)
    #expect(job["movedUp"] as? Int == 4 && job["movedDown"] as? Int == 0 && job["unchanged"] as? Int == 2)
    let rate = try #require(items.first { $0["id"] as? String == "greet-often" })
    #expect(rate["distribution"] as? [Int] == [0, 0, 6, 0, 0])
    let reflect = try #require(items.first { $0["id"] as? String == "best-greeting" })
    #expect(reflect["written"] as? Int == 6)
    #expect((reflect["shared"] as? [String])?.count == 2)
    // Cohort a has five answers, but cohort b has one: a's figures would give b's away.
    let a = try await json(["beliefs", "--course", "tiny", "--cohort", "a"])
    let jobA = try #require((a["items"] as? [[String: Any]])?.first { $0["id"] as? String == "greet-job" })
    #expect(jobA["shown"] as? Bool == false)
    #expect(jobA["before"] == nil)
    #expect((jobA["hidden"] as? String)?.hasPrefix("too few answers to show") == true)
    let strict = try await json(["beliefs", "--course", "tiny", "--min-group", "7"])
    let jobStrict = try #require(
      (strict["items"] as? [[String: Any]])?.first { $0["id"] as? String == "greet-job" })
    #expect(jobStrict["shown"] as? Bool == false && jobStrict["after"] == nil)
    let table = try await report(["beliefs", "--course", "tiny", "--min-group", "7"])
    #expect(table.stdout.contains("too few answers to show"))
    let tooLow = try await report(["beliefs", "--course", "tiny", "--min-group", "2"])
    #expect(tooLow.status == 64)
    #expect(tooLow.stderr.contains("--min-group: 2 is too small"))
  }

  /// A spaced review's answers feed the review schedule, never a drill's score: after E2
  /// misses every question in a review years later, item analysis is exactly as it was,
  /// and the cohort report keeps E2's first and best scores (only the last active day
  /// moves). On a copy of the store, so the other tests see it as it was.
  @Test func aReviewsAnswersAreNotDrillScoresInTheReports() async throws {
    let original = try await Self.filled()
    let folder = NSTemporaryDirectory() + "coach-review-report-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let store = folder + "/progress.sqlite"
    for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: original + suffix) {
      try FileManager.default.copyItem(atPath: original + suffix, toPath: store + suffix)
    }
    func json(_ arguments: [String]) async throws -> NSDictionary {
      let result = try await CoachBinary.running(
        ["report"] + arguments + ["--courses", Self.courses, "--store", store, "--format", "json"])
      #expect(result.status == 0, "\(result.stderr)")
      return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? NSDictionary ?? [:]
    }
    let itemsBefore = try await json(["items", "--course", "tiny"])
    let cohortBefore = try await json(["cohort", "--course", "tiny"])
    let outline = try await Outline.loading(Self.courses)
    let misses = Dictionary(uniqueKeysWithValues: outline.drillItems.map { ($0.id, 1) })
    let learner = try PipeLearner(
      [
        "review", "--courses", Self.courses, "--store", store, "--employee", "E2", "--now",
        "2030-01-01T09:00:00.000Z",
      ], outline: outline, misses: misses)
    #expect(try await learner.finishing().status == 0)
    let asked = learner.transcript.filter { $0.contains("· review ") }.count
    #expect(asked == 5, "every question of E2's drill is due by 2030: \(learner.transcript.suffix(8))")
    let itemsAfter = try await json(["items", "--course", "tiny"])
    #expect(itemsAfter == itemsBefore, "item analysis leaves review answers out")
    func row(_ document: NSDictionary, _ id: String) -> NSDictionary? {
      (document["employees"] as? [NSDictionary])?.first { $0["id"] as? String == id }
    }
    let before = try #require(row(cohortBefore, "E2"))
    let after = try #require(row(try await json(["cohort", "--course", "tiny"]), "E2"))
    #expect(
      after["drills"] as? NSArray == before["drills"] as? NSArray, "first, best and the pass as they were")
    #expect(after["lastActive"] as? String == "2030-01-01", "the review is activity")
    #expect(before["lastActive"] as? String != "2030-01-01")
  }

  @Test func reportsLeaveTheStoreByteForByte() async throws {
    let store = try await Self.filled()
    func bytes() -> [Data?] {
      ["", "-wal"].map { FileManager.default.contents(atPath: store + $0) }
    }
    let before = bytes()
    for report in ["cohort", "items", "beliefs"] {
      for format in ["table", "csv", "json", "html"] {
        let result = try await self.report([report, "--course", "tiny", "--format", format])
        #expect(result.status == 0, "\(report) \(format): \(result.stderr)")
      }
    }
    let listed = try await CoachBinary.running(["roster", "list", "--store", store])
    #expect(listed.status == 0)
    #expect(bytes() == before, "the store and its log are as they were")
  }

  @Test func anEmployeeOnTheRosterKeepsTheRostersRole() async throws {
    let store = CoachBinary.temporaryStore()
    let roster = (store as NSString).deletingLastPathComponent + "/roster.csv"
    try "id,name,role,cohort,email\nE7,Gus Seven,frontline,b,e7@example.com\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    #expect(try await CoachBinary.running(["roster", "import", roster, "--store", store]).status == 0)
    let outline = try await Outline.loading(Self.courses)
    let learner = try PipeLearner(
      ["learn", "--courses", Self.courses, "--store", store, "--employee", "E7", "--role", "manager"],
      outline: outline, name: "Gus Seven")
    _ = try await offThePool { learner.nextPrompt() }
    learner.kill9()
    #expect(
      learner.transcript.contains {
        $0.contains("You are on the roster: your role is frontline (not manager)")
      })
    let list = try await CoachBinary.running(["roster", "list", "--store", store, "--format", "csv"])
    #expect(list.stdout.contains("E7,Gus Seven,frontline,b,e7@example.com"))
  }

  @Test func aRosterWithABadLastRowImportsNothing() async throws {
    let store = CoachBinary.temporaryStore()
    let file = (store as NSString).deletingLastPathComponent + "/roster.csv"
    try "id,name,role,cohort\nP1,Person One,frontline,x\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let first = try await CoachBinary.running(["roster", "import", file, "--store", store])
    #expect(first.status == 0, "\(first.stderr)")
    var text = "id,name,role,cohort\n"
    for n in 1...50 { text += "P\(n),Person \(n) renamed,frontline,y\n" }
    text += "P51,\"Unclosed,frontline,x\n"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try await CoachBinary.running(["roster", "import", file, "--store", store])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(file):52:5: error: this quoted field is never closed"))
    #expect(result.stderr.contains("nothing was imported"))
    let list = try await CoachBinary.running(["roster", "list", "--store", store, "--format", "csv"])
    #expect(
      list.stdout == "id,name,role,cohort\r\nP1,Person One,frontline,x\r\n", "the first roster, untouched")
  }
}
