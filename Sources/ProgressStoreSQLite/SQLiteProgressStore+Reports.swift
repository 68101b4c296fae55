import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The SQL behind ``summary(of:)``, one parameter: the course id. Public so that
  /// benchmarks and trainers can run the very same query with the `sqlite3` command.
  public static let summarySQL = """
    WITH best AS (
      SELECT employeeId, itemId, MAX(score) AS best, MAX(correct) AS everCorrect,
             COUNT(*) AS tries, MAX(at) AS lastAt
      FROM drillAttempt WHERE courseId = ?1 GROUP BY employeeId, itemId),
    perEmployee AS (
      SELECT employeeId, SUM(tries) AS attempts, COUNT(*) AS items, SUM(everCorrect) AS correctItems,
             AVG(best) AS meanBest, MAX(lastAt) AS lastAt
      FROM best GROUP BY employeeId),
    who AS (
      SELECT employeeId FROM perEmployee
      UNION SELECT employeeId FROM enrolment WHERE courseId = ?1)
    SELECT e.id, e.name, e.role, e.cohort, en.started, en.completed, en.passed,
           COALESCE(p.attempts, 0) AS attempts, COALESCE(p.items, 0) AS items,
           COALESCE(p.correctItems, 0) AS correctItems, COALESCE(p.meanBest, 0) AS meanBest,
           p.lastAt, en.courseVersion
    FROM who
    JOIN employee e ON e.id = who.employeeId
    LEFT JOIN perEmployee p ON p.employeeId = who.employeeId
    LEFT JOIN enrolment en ON en.employeeId = who.employeeId AND en.courseId = ?1
    ORDER BY e.id
    """

  /// Every employee enrolled in, or with answers in, a course, ordered by id: one query
  /// in one read transaction.
  public func summary(of courseID: String) async throws(ProgressStoreError) -> [ProgressSummary] {
    try await read { db in
      try Row.fetchAll(db, sql: Self.summarySQL, arguments: [courseID]).map { row throws in
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
