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

  static let addSource = "ALTER TABLE enrolment ADD COLUMN source text"

  static let columns =
    "employeeId, courseId, \(SQL.milliseconds("started")), \(SQL.milliseconds("completed")), passed, source"

  /// Starts the enrolment, or keeps the one there; a folder given replaces the one kept.
  static func enrol(_ employee: EmployeeID, in courseID: String, from source: String?, at date: Date)
    -> Statement
  {
    var s = Statement(
      """
      INSERT INTO enrolment (employeeId, courseId, started, passed, source) VALUES ($1, $2, \(SQL.time(3)), false, $4)
      ON CONFLICT (employeeId, courseId) DO UPDATE SET source = COALESCE(excluded.source, enrolment.source)
      RETURNING \(columns)
      """)
    s.bind(employee.rawValue)
    s.bind(courseID)
    s.bindTime(date)
    s.bind(source)
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
    let (employee, course, started, completed, passed, source) = try row.decode(
      (String, String, Int64, Int64?, Bool, String?).self)
    return Enrolment(
      employee: try RowError.employeeID(employee), courseID: course, started: SQL.date(started),
      completed: completed.map(SQL.date), passed: passed, source: source)
  }

  static let everything = Statement("SELECT \(columns) FROM enrolment ORDER BY employeeId, courseId")

  /// Enrolments as they are, for a copy.
  static let bulk = BulkInsert<Enrolment>(
    table: "enrolment",
    columns: [
      .plain("employeeId"), .plain("courseId"), .time("started"), .time("completed"), .plain("passed"),
      .plain("source"),
    ]
  ) { e, s in
    s.bind(e.employee.rawValue)
    s.bind(e.courseID)
    s.bindTime(e.started)
    s.bindTime(e.completed)
    s.bind(e.passed)
    s.bind(e.source)
  }
}
