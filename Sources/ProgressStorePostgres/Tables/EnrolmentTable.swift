import Foundation
import LearnerModel
import PostgresNIO

/// The `enrolment` table: one row per employee and course.
enum EnrolmentTable {
  static let create = """
    CREATE TABLE enrolment (
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      started timestamptz NOT NULL,
      completed timestamptz,
      passed boolean NOT NULL DEFAULT false,
      PRIMARY KEY (employeeId, courseId))
    """

  /// The folder an earlier coach took the course from: kept for the SQLite store's
  /// schema (and copies), but no longer written or read.
  static let addSource = "ALTER TABLE enrolment ADD COLUMN source text"

  /// The version of the course as last taken (`Course.contentHash`).
  static let addCourseVersion = "ALTER TABLE enrolment ADD COLUMN courseVersion text"

  static let columns =
    "employeeId, courseId, \(SQL.milliseconds("started")), \(SQL.milliseconds("completed")), passed, courseVersion"

  /// Starts the enrolment, or keeps the one there; a version given replaces the one kept.
  static func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    -> Statement
  {
    var s = Statement(
      """
      INSERT INTO enrolment (employeeId, courseId, started, passed, courseVersion)
      VALUES ($1, $2, \(SQL.time(3)), false, $4)
      ON CONFLICT (employeeId, courseId) DO UPDATE SET
        courseVersion = COALESCE(excluded.courseVersion, enrolment.courseVersion)
      RETURNING \(columns)
      """)
    s.bind(employee.rawValue)
    s.bind(courseID)
    s.bindTime(date)
    s.bind(version)
    return s
  }

  static func complete(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date) -> Statement
  {
    var s = Statement(
      """
      INSERT INTO enrolment (employeeId, courseId, started, completed, passed)
      VALUES ($1, $2, \(SQL.time(3)), \(SQL.time(3)), $4)
      ON CONFLICT (employeeId, courseId) DO UPDATE SET completed = excluded.completed, passed = excluded.passed
      """)
    s.bind(employee.rawValue)
    s.bind(courseID)
    s.bindTime(date)
    s.bind(passed)
    return s
  }

  static func one(_ employee: EmployeeID, in courseID: String) -> Statement {
    var s = Statement("SELECT \(columns) FROM enrolment WHERE employeeId = $1 AND courseId = $2")
    s.bind(employee.rawValue)
    s.bind(courseID)
    return s
  }

  static func all(of employee: EmployeeID) -> Statement {
    var s = Statement("SELECT \(columns) FROM enrolment WHERE employeeId = $1 ORDER BY courseId")
    s.bind(employee.rawValue)
    return s
  }

  static func read(_ row: PostgresRow) throws -> Enrolment {
    let (employee, course, started, completed, passed, version) = try row.decode(
      (String, String, Int64, Int64?, Bool, String?).self)
    return Enrolment(
      employee: try RowError.employeeID(employee), courseID: course, started: SQL.date(started),
      completed: completed.map(SQL.date), passed: passed, courseVersion: version)
  }

  static let everything = Statement("SELECT \(columns) FROM enrolment ORDER BY employeeId, courseId")

  /// The enrolments whose `source` an earlier coach wrote, for a copy.
  static let sources = Statement(
    "SELECT employeeId, courseId, source FROM enrolment WHERE source IS NOT NULL")

  static func readSource(_ row: PostgresRow) throws -> (HeldRecords.Key, String) {
    let (employee, course, source) = try row.decode((String, String, String).self)
    return (HeldRecords.Key(try RowError.employeeID(employee), course), source)
  }

  /// Enrolments as they are, with the folder an earlier coach kept, for a copy.
  static let bulk = BulkInsert<(Enrolment, String?)>(
    table: "enrolment",
    columns: [
      .plain("employeeId"), .plain("courseId"), .time("started"), .time("completed"), .plain("passed"),
      .plain("courseVersion"), .plain("source"),
    ]
  ) { row, s in
    let (e, source) = row
    s.bind(e.employee.rawValue)
    s.bind(e.courseID)
    s.bindTime(e.started)
    s.bindTime(e.completed)
    s.bind(e.passed)
    s.bind(e.courseVersion)
    s.bind(source)
  }
}
