import Foundation
import GRDB
import LearnerModel
import ProgressStoreSQLite

/// The summary benchmark's store: 10,000 employees x 200 answers, built once and kept in
/// `$TMPDIR/coach-bench` (rebuilt if missing).
public enum SummaryDatabase {
  public static let employees = 10_000
  public static let answersEach = 200
  public static let courseID = "bench-course"

  public static var path: String {
    BenchFiles.folder.appendingPathComponent("summary-\(employees)x\(answersEach)-v3.sqlite").path
  }

  /// The course's 100 questions as they are now (every answer in the file counts).
  public static var scope: ReportScope {
    ReportScope(
      courseID: courseID,
      questions: (0..<100).map {
        ScopeQuestion(
          itemID: "q\($0)", moduleID: "m\($0 / 20)", sectionID: "s\($0 / 5)", keyHash: "k",
          contentHash: "h\($0)")
      })
  }

  /// The store's summary SQL with the course id and questions written in, for the
  /// `sqlite3` command.
  public static var cliSQL: String {
    SQLiteProgressStore.summarySQL.replacingOccurrences(of: "?1", with: "'\(courseID)'")
      .replacingOccurrences(of: "?2", with: "'" + SQLiteProgressStore.questionsJSON(scope) + "'") + ";"
  }

  /// Builds the file if it is missing. Rows go in through plain SQL in one transaction:
  /// this is the fixture, not the thing measured.
  public static func prepare() throws -> String {
    let final = path
    if FileManager.default.fileExists(atPath: final) { return final }
    let building = BenchFiles.fresh("summary-building.sqlite")
    print("building \(final) (\(employees) employees x \(answersEach) answers, once)...")
    _ = try SQLiteProgressStore(path: building, durability: .normal)
    let queue = try DatabaseQueue(path: building)
    try queue.write { db in
      let employee = try db.makeStatement(
        sql: "INSERT INTO employee (id, name, role, cohort, created) VALUES (?, ?, 'staff', ?, ?)")
      let enrolment = try db.makeStatement(
        sql: "INSERT INTO enrolment (employeeId, courseId, started, completed, passed) VALUES (?, ?, ?, ?, ?)"
      )
      let attempt = try db.makeStatement(
        sql: """
          INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, response,
            score, correct, attempt, sessionId, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      var generator = SystemRandomNumberGenerator()
      let start = Date(timeIntervalSince1970: 1_767_225_600)
      for e in 0..<employees {
        let id = String(format: "E%05d", e)
        try employee.execute(arguments: [id, "Employee \(e)", "cohort-\(e % 20)", start])
        let done = e % 3 != 0
        try enrolment.execute(arguments: [
          id, courseID, start, done ? start.addingTimeInterval(3600) : nil, done,
        ])
        var tries: [Int: Int] = [:]
        for n in 0..<answersEach {
          let item = Int.random(in: 0..<100, using: &generator)
          tries[item, default: 0] += 1
          let score = [0, 0.5, 1, 1][Int.random(in: 0..<4, using: &generator)]
          try attempt.execute(arguments: [
            id, courseID, "m\(item / 20)", "s\(item / 5)", "q\(item)", "h\(item)", "answer \(n)", score,
            score == 1, tries[item]!, "session-\(e)", start.addingTimeInterval(Double(n)),
          ])
        }
      }
    }
    try queue.close()
    try FileManager.default.moveItem(atPath: building, toPath: final)
    return final
  }
}
