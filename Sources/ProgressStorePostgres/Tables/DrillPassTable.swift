import Foundation
import LearnerModel
import PostgresNIO

/// The append-only `drillPass` table: a drill passed, as it happened (the version of the
/// drill, the pass mark and score then), written with the attempt that made it.
enum DrillPassTable {
  static let create = """
    CREATE TABLE drillPass (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      moduleId text NOT NULL,
      sectionId text NOT NULL,
      drillHash text NOT NULL,
      passMark integer NOT NULL CHECK (passMark >= 1 AND passMark <= 100),
      score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
      sessionId text NOT NULL,
      at timestamptz NOT NULL)
    """

  static let index = "CREATE INDEX drillPass_on_course_employee ON drillPass (courseId, employeeId)"

  /// Passes are append-only, like attempts (the function is drillAttempt's).
  static let appendOnly = [
    """
    CREATE TRIGGER drillPass_append_only_update BEFORE UPDATE ON drillPass
      FOR EACH ROW EXECUTE FUNCTION coach_refuse_change('drill passes')
    """,
    """
    CREATE TRIGGER drillPass_append_only_delete BEFORE DELETE ON drillPass
      FOR EACH ROW EXECUTE FUNCTION coach_refuse_change('drill passes')
    """,
    """
    CREATE TRIGGER drillPass_append_only_truncate BEFORE TRUNCATE ON drillPass
      FOR EACH STATEMENT EXECUTE FUNCTION coach_refuse_change('drill passes')
    """,
  ]

  /// Each pass keeps the id it was made with, so a copy merged twice keeps it once.
  static let addRecordID = RecordID.add(to: "drillPass")

  /// Appends the pass unless its record id is stored already. Run it in the transaction
  /// of the attempt that made it, and only when that attempt was written now.
  static func record(_ pass: DrillPass) -> Statement {
    var s = Statement(
      """
      INSERT INTO drillPass (employeeId, courseId, moduleId, sectionId, drillHash, passMark, score, sessionId,
        at, recordId)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \(SQL.time(9)), $10)
      ON CONFLICT (recordId) DO NOTHING
      """)
    bind(pass, &s)
    return s
  }

  /// The `INSERT` of `pass` in the statement that records its attempt
  /// (``DrillAttemptTable/record(_:bookmark:pass:)``), with its parameters bound at the end
  /// of `statement`: it writes a row only when the attempt's `new` clause did (an attempt
  /// sent before made its pass then).
  static func recordAfterNewAttempt(_ pass: DrillPass, in statement: inout Statement) -> String {
    let n = statement.next
    bind(pass, &statement)
    return """
      INSERT INTO drillPass (employeeId, courseId, moduleId, sectionId, drillHash, passMark, score, sessionId,
        at, recordId)
      SELECT $\(n), $\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4), $\(n + 5), $\(n + 6), $\(n + 7), \(SQL.time(n + 8)),
        $\(n + 9)
      FROM new
      ON CONFLICT (recordId) DO NOTHING
      """
  }

  private static func bind(_ pass: DrillPass, _ s: inout Statement) {
    s.bind(pass.employee.rawValue)
    s.bind(pass.courseID)
    s.bind(pass.moduleID)
    s.bind(pass.sectionID)
    s.bind(pass.drillHash)
    s.bind(Int32(clamping: pass.passMark))
    s.bind(pass.score)
    s.bind(pass.sessionID)
    s.bindTime(pass.at)
    s.bind(pass.recordID)
  }

  static let columns = """
    employeeId, courseId, moduleId, sectionId, drillHash, passMark, score, sessionId, \(SQL.milliseconds("at")),
    recordId
    """

  static func history(of employee: EmployeeID, in courseID: String) -> Statement {
    .history(columns, from: "drillPass", of: employee, in: courseID)
  }

  static func read(_ row: PostgresRow) throws -> DrillPass {
    let (employee, course, module, section, hash, passMark, score, session, at, recordID) = try row.decode(
      (String, String, String, String, String, Int32, Double, String, Int64, UUID).self)
    return DrillPass(
      employee: try RowError.employeeID(employee), courseID: course, moduleID: module, sectionID: section,
      drillHash: hash, passMark: Int(passMark), score: score, sessionID: session, at: SQL.date(at),
      recordID: recordID)
  }

  static let everything = Statement("SELECT \(columns) FROM drillPass ORDER BY id")

  /// Passes in the order given, for a copy.
  static let bulk = BulkInsert<DrillPass>(
    table: "drillPass",
    columns: [
      .plain("employeeId"), .plain("courseId"), .plain("moduleId"), .plain("sectionId"), .plain("drillHash"),
      .plain("passMark"), .plain("score"), .plain("sessionId"), .time("at"), .plain("recordId"),
    ]
  ) { pass, s in bind(pass, &s) }
}
