import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  /// The SQL behind ``summary(of:)``, one parameter: the course id. Public so that
  /// benchmarks and trainers can run the very same query with `psql`.
  public static let summarySQL = """
    WITH best AS (
      SELECT employeeId, itemId, MAX(score) AS best, bool_or(correct) AS everCorrect,
             COUNT(*) AS tries, MAX(at) AS lastAt
      FROM drillAttempt WHERE courseId = $1 GROUP BY employeeId, itemId),
    perEmployee AS (
      SELECT employeeId, SUM(tries) AS attempts, COUNT(*) AS items,
             COUNT(*) FILTER (WHERE everCorrect) AS correctItems, AVG(best) AS meanBest, MAX(lastAt) AS lastAt
      FROM best GROUP BY employeeId),
    who AS (
      SELECT employeeId FROM perEmployee
      UNION SELECT employeeId FROM enrolment WHERE courseId = $1)
    SELECT e.id, e.name, e.role, e.cohort, \(SQL.milliseconds("en.started")), \(SQL.milliseconds("en.completed")),
           en.passed, en.courseVersion, COALESCE(p.attempts, 0)::int8 AS attempts, COALESCE(p.items, 0)::int8 AS items,
           COALESCE(p.correctItems, 0)::int8 AS correctItems, COALESCE(p.meanBest, 0)::float8 AS meanBest,
           \(SQL.milliseconds("p.lastAt")) AS lastAt
    FROM who
    JOIN employee e ON e.id = who.employeeId
    LEFT JOIN perEmployee p ON p.employeeId = who.employeeId
    LEFT JOIN enrolment en ON en.employeeId = who.employeeId AND en.courseId = $1
    ORDER BY e.id
    """

  /// Every employee enrolled in, or with answers in, a course, ordered by id: one query.
  public func summary(of courseID: String) async throws(ProgressStoreError) -> [ProgressSummary] {
    var statement = Statement(Self.summarySQL)
    statement.bind(courseID)
    return try await withConnection { c in
      try await Self.rows(statement, on: c) { row in
        let (
          id, name, role, cohort, started, completed, passed, version, attempts, items, correct, mean, last
        ) =
          try row.decode(
            (
              String, String, String?, String?, Int64?, Int64?, Bool?, String?, Int64, Int64, Int64, Double,
              Int64?
            ).self)
        let employee = try RowError.employeeID(id)
        return ProgressSummary(
          employee: employee, name: name, role: role, cohort: cohort,
          enrolment: started.map {
            Enrolment(
              employee: employee, courseID: courseID, started: SQL.date($0),
              completed: completed.map(SQL.date),
              passed: passed ?? false, courseVersion: version)
          },
          attempts: Int(attempts), itemsAnswered: Int(items), itemsCorrect: Int(correct), meanBestScore: mean,
          lastAnswer: last.map(SQL.date))
      }
    }
  }

  /// How many rows each table holds, read in one snapshot.
  public func rowCounts() async throws(ProgressStoreError) -> [String: Int] {
    try await transaction(readOnly: true) { c in try await Self.counts(on: c) }
  }
}
