import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  /// The SQL behind ``summary(of:)``: $1 the course id, $2 its questions (the JSON array
  /// of `[itemId, moduleId, sectionId, keyHash, contentHash]` the SQLite store's
  /// `questionsJSON` makes). Only drill answers to the answer key as it is now count and
  /// are scored (``ScopeQuestion/counts(_:)``); who is listed and the last answer take
  /// every drill answer in the course. Public so that benchmarks and trainers can run the
  /// very same query with `psql`.
  public static let summarySQL = """
    WITH q(itemId, keyHash, contentHash) AS MATERIALIZED (
      SELECT value->>0, value->>3, value->>4 FROM jsonb_array_elements($2::jsonb)),
    best AS (
      SELECT a.employeeId, a.itemId, MAX(a.score) AS best, bool_or(a.correct) AS everCorrect,
             COUNT(*) AS tries
      FROM q JOIN drillAttempt a ON a.itemId = q.itemId
      WHERE a.courseId = $1 AND a.context = 'drill'
        AND (CASE WHEN a.keyHash IS NOT NULL THEN a.keyHash = q.keyHash ELSE a.itemHash = q.contentHash END)
      GROUP BY a.employeeId, a.itemId),
    perEmployee AS (
      SELECT employeeId, SUM(tries) AS attempts, COUNT(*) AS items,
             COUNT(*) FILTER (WHERE everCorrect) AS correctItems, AVG(best) AS meanBest
      FROM best GROUP BY employeeId),
    answered AS (
      SELECT employeeId, MAX(at) AS lastAt FROM drillAttempt WHERE courseId = $1 GROUP BY employeeId),
    who AS (
      SELECT employeeId FROM answered
      UNION SELECT employeeId FROM enrolment WHERE courseId = $1)
    SELECT e.id, e.name, e.role, e.cohort, \(SQL.milliseconds("en.started")), \(SQL.milliseconds("en.completed")),
           en.passed, en.courseVersion, COALESCE(p.attempts, 0)::int8 AS attempts, COALESCE(p.items, 0)::int8 AS items,
           COALESCE(p.correctItems, 0)::int8 AS correctItems, COALESCE(p.meanBest, 0)::float8 AS meanBest,
           \(SQL.milliseconds("an.lastAt")) AS lastAt
    FROM who
    JOIN employee e ON e.id = who.employeeId
    LEFT JOIN perEmployee p ON p.employeeId = who.employeeId
    LEFT JOIN answered an ON an.employeeId = who.employeeId
    LEFT JOIN enrolment en ON en.employeeId = who.employeeId AND en.courseId = $1
    ORDER BY e.id
    """

  /// The scope's questions as the JSON array ``summarySQL`` reads as $2.
  public static func questionsJSON(_ scope: ReportScope) -> String {
    let rows = scope.questions.map { [$0.itemID, $0.moduleID, $0.sectionID, $0.keyHash, $0.contentHash] }
    return String(decoding: (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
  }

  /// Every employee enrolled in, or with drill answers in, the scope's course, ordered by
  /// id: one query.
  public func summary(of scope: ReportScope) async throws(ProgressStoreError) -> [ProgressSummary] {
    let courseID = scope.courseID
    var statement = Statement(Self.summarySQL)
    statement.bind(courseID)
    statement.bind(Self.questionsJSON(scope))
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
