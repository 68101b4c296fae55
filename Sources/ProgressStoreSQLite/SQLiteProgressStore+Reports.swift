import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The SQL behind ``summary(of:)``: ?1 the course id, ?2 its questions
  /// (``questionsJSON(_:)``). Only answers that count (``counts``) are counted and
  /// scored; who is listed and the last answer take every drill answer in the course.
  /// Public so that benchmarks and trainers can run the very same query with the
  /// `sqlite3` command.
  public static let summarySQL = """
    WITH \(questionsCTE),
    best AS (
      SELECT a.employeeId, a.itemId, MAX(a.score) AS best, MAX(a.correct) AS everCorrect,
             COUNT(*) AS tries
      FROM \(answersByQuestion)
      WHERE \(answerOfQuestion) AND a.courseId = ?1 AND \(counts) GROUP BY a.employeeId, a.itemId),
    perEmployee AS (
      SELECT employeeId, SUM(tries) AS attempts, COUNT(*) AS items, SUM(everCorrect) AS correctItems,
             AVG(best) AS meanBest
      FROM best GROUP BY employeeId),
    answered AS (
      SELECT employeeId, MAX(at) AS lastAt FROM drillAttempt WHERE courseId = ?1 GROUP BY employeeId),
    who AS (
      SELECT employeeId FROM answered
      UNION SELECT employeeId FROM enrolment WHERE courseId = ?1)
    SELECT e.id, e.name, e.role, e.cohort, en.started, en.completed, en.passed,
           COALESCE(p.attempts, 0) AS attempts, COALESCE(p.items, 0) AS items,
           COALESCE(p.correctItems, 0) AS correctItems, COALESCE(p.meanBest, 0) AS meanBest,
           an.lastAt, en.courseVersion
    FROM who
    JOIN employee e ON e.id = who.employeeId
    LEFT JOIN perEmployee p ON p.employeeId = who.employeeId
    LEFT JOIN answered an ON an.employeeId = who.employeeId
    LEFT JOIN enrolment en ON en.employeeId = who.employeeId AND en.courseId = ?1
    ORDER BY e.id
    """

  /// Every employee enrolled in, or with drill answers in, the scope's course, ordered
  /// by id: one query in one read transaction.
  public func summary(of scope: ReportScope) async throws(ProgressStoreError) -> [ProgressSummary] {
    let courseID = scope.courseID
    let questions = Self.questionsJSON(scope)
    return try await read { db in
      try Row.fetchAll(db, sql: Self.summarySQL, arguments: [courseID, questions]).map { row throws in
        let id = try RowError.employeeID(row[0] as String)
        func date(_ column: Int) throws(RowError) -> Date? {
          guard let text = row[column] as String? else { return nil }
          return try StoredDate.read(text)
        }
        return ProgressSummary(
          employee: id, name: row[1], role: row[2], cohort: row[3],
          enrolment: try date(4).map { started throws(RowError) in
            Enrolment(
              employee: id, courseID: courseID, started: started, completed: try date(5), passed: row[6],
              courseVersion: row[12])
          },
          attempts: row[7], itemsAnswered: row[8], itemsCorrect: row[9], meanBestScore: row[10],
          lastAnswer: try date(11))
      }
    }
  }

  /// Runs SQLite's `PRAGMA integrity_check`.
  /// - Returns: `["ok"]` for a sound file, otherwise SQLite's list of problems.
  public func integrityCheck() async throws(ProgressStoreError) -> [String] {
    try await read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
  }

  /// How many rows each table holds, for reliability checks and diagnostics.
  public func rowCounts() async throws(ProgressStoreError) -> [String: Int] {
    try await read { db in try Self.counts(db) }
  }
}
