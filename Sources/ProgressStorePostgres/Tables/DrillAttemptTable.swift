import Foundation
import LearnerModel
import PostgresNIO

/// The append-only `drillAttempt` table: every answer to a drill question.
///
/// Rows keep the item's ids, content hash and answer-key hash as they were when the answer
/// was given, so a reworded or removed item never orphans them.
enum DrillAttemptTable {
  static let create = """
    CREATE TABLE drillAttempt (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      moduleId text NOT NULL,
      sectionId text NOT NULL,
      itemId text COLLATE "C" NOT NULL,
      itemHash text NOT NULL,
      response text NOT NULL,
      score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
      correct boolean NOT NULL,
      attempt integer NOT NULL CHECK (attempt >= 1),
      sessionId text NOT NULL,
      at timestamptz NOT NULL)
    """

  /// One index serves numbering (course, employee, item -> MAX(attempt)), an employee's
  /// history and, covering score, correctness and time, the course summary. It is unique:
  /// writers in many processes number attempts, and two numbers alike would be a bug.
  static let index = """
    CREATE UNIQUE INDEX drillAttempt_on_course_employee_item ON drillAttempt
      (courseId, employeeId, itemId, attempt) INCLUDE (score, correct, at)
    """

  /// Attempts are append-only: the store refuses to change, delete or truncate one.
  static let appendOnly = [
    """
    CREATE FUNCTION coach_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% are append-only', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
    END $$
    """,
    """
    CREATE TRIGGER drillAttempt_append_only_update BEFORE UPDATE ON drillAttempt
      FOR EACH ROW EXECUTE FUNCTION coach_refuse_change('drill attempts')
    """,
    """
    CREATE TRIGGER drillAttempt_append_only_delete BEFORE DELETE ON drillAttempt
      FOR EACH ROW EXECUTE FUNCTION coach_refuse_change('drill attempts')
    """,
    """
    CREATE TRIGGER drillAttempt_append_only_truncate BEFORE TRUNCATE ON drillAttempt
      FOR EACH STATEMENT EXECUTE FUNCTION coach_refuse_change('drill attempts')
    """,
  ]

  /// What each answer was graded against (`Question.answerKeyHash`); `NULL` for older rows.
  static let addKeyHash = "ALTER TABLE drillAttempt ADD COLUMN keyHash text"

  /// Where each answer was given: `drill` or `review`. Rows written before are drill
  /// answers.
  static let addContext = """
    ALTER TABLE drillAttempt ADD COLUMN context text NOT NULL DEFAULT 'drill'
      CHECK (context IN ('drill', 'review'))
    """

  /// Each attempt keeps the id it was made with, so an attempt sent twice is kept once.
  static let addRecordID = RecordID.add(to: "drillAttempt")

  /// Appends the attempt numbered 1 + the employee's earlier attempts at the course and
  /// item (drill and review answers alike), unless its record id is stored already, with
  /// the pass it made (if any, written only with a new attempt), and moves the bookmark,
  /// all in one statement; returns the attempt's number either way, and whether it was
  /// written now (`false`: it was sent before).
  ///
  /// Two writers numbering the same item at once both count the same earlier attempts;
  /// the unique index refuses the second (``isNumberTaken(_:)``), which is then run again
  /// and counts the first.
  static func record(_ attempt: DrillAttempt, bookmark: Bookmark?, pass: DrillPass?) -> Statement {
    BookmarkTable.moving(bookmark) { s in
      let n = s.next
      let item = attempt.item
      s.bind(attempt.employee.rawValue)
      s.bind(item.courseID)
      s.bind(item.moduleID)
      s.bind(item.sectionID)
      s.bind(item.itemID)
      s.bind(attempt.itemHash)
      s.bind(attempt.response)
      s.bind(attempt.score)
      s.bind(attempt.correct)
      s.bind(attempt.sessionID)
      s.bindTime(attempt.at)
      s.bind(attempt.recordID)
      s.bind(attempt.keyHash)
      s.bind(attempt.context.rawValue)
      let p = (n..<n + 14).map { "$\($0)" }
      var with = [
        """
        new AS (
          INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, keyHash,
            response, score, correct, attempt, sessionId, at, context, recordId)
          SELECT \(p[0]), \(p[1]), \(p[2]), \(p[3]), \(p[4]), \(p[5]), \(p[12]), \(p[6]), \(p[7]), \(p[8]),
            COALESCE(MAX(attempt), 0) + 1, \(p[9]), \(SQL.time(n + 10)), \(p[13]), \(p[11])
          FROM drillAttempt WHERE employeeId = \(p[0]) AND courseId = \(p[1]) AND itemId = \(p[4])
          ON CONFLICT (recordId) DO NOTHING
          RETURNING attempt)
        """
      ]
      if let pass { with.append("passed AS (\(DrillPassTable.recordAfterNewAttempt(pass, in: &s)))") }
      return (
        with,
        """
        SELECT attempt, true FROM new
        UNION ALL
        SELECT attempt, false FROM drillAttempt WHERE recordId = \(p[11]) AND NOT EXISTS (SELECT 1 FROM new)
        """
      )
    }
  }

  /// The index that numbers attempts.
  static let numberingIndex = "drillattempt_on_course_employee_item"

  /// Whether `error` is the numbering index refusing a number another writer took first
  /// (the write is to be run again).
  static func isNumberTaken(_ error: any Error) -> Bool {
    guard let error = error as? PSQLError, let info = error.serverInfo else { return false }
    return info[.sqlState] == "23505" && info[.constraintName] == numberingIndex
  }

  static let columns = """
    id, employeeId, courseId, moduleId, sectionId, itemId, itemHash, keyHash, response, score, correct,
    attempt, sessionId, \(SQL.milliseconds("at")), context, recordId
    """

  static func history(of employee: EmployeeID, in courseID: String) -> Statement {
    .history(columns, from: "drillAttempt", of: employee, in: courseID)
  }

  static func read(_ row: PostgresRow) throws -> DrillAttempt {
    let (
      rowID, employee, course, module, section, item, hash, keyHash, response, score, correct, attempt,
      session,
      at, contextText, id
    ) =
      try row.decode(
        (
          Int64, String, String, String, String, String, String, String?, String, Double, Bool, Int32, String,
          Int64, String, UUID
        )
        .self)
    guard let context = DrillAttempt.Context(rawValue: contextText) else {
      throw RowError(
        "drill attempt \(rowID): unknown context \"\(contextText.prefix(40))\" (drill or review)")
    }
    return DrillAttempt(
      employee: try RowError.employeeID(employee),
      item: ItemRef(courseID: course, moduleID: module, sectionID: section, itemID: item), itemHash: hash,
      keyHash: keyHash, response: response, score: score, correct: correct, attempt: Int(attempt),
      sessionID: session, at: SQL.date(at), context: context, recordID: id)
  }

  static let everything = Statement("SELECT \(columns) FROM drillAttempt ORDER BY id")

  /// Attempts with the numbers they have, in the order given, for a copy.
  static let bulk = BulkInsert<DrillAttempt>(
    table: "drillAttempt",
    columns: [
      .plain("employeeId"), .plain("courseId"), .plain("moduleId"), .plain("sectionId"), .plain("itemId"),
      .plain("itemHash"), .plain("keyHash"), .plain("response"), .plain("score"), .plain("correct"),
      .plain("attempt"), .plain("sessionId"), .time("at"), .plain("context"), .plain("recordId"),
    ]
  ) { a, s in
    s.bind(a.employee.rawValue)
    s.bind(a.item.courseID)
    s.bind(a.item.moduleID)
    s.bind(a.item.sectionID)
    s.bind(a.item.itemID)
    s.bind(a.itemHash)
    s.bind(a.keyHash)
    s.bind(a.response)
    s.bind(a.score)
    s.bind(a.correct)
    s.bind(Int32(clamping: a.attempt))
    s.bind(a.sessionID)
    s.bindTime(a.at)
    s.bind(a.context.rawValue)
    s.bind(a.recordID)
  }
}
