import Foundation
import LearnerModel
import PostgresNIO

/// The `creedSignature` table: signed creeds.
enum CreedSignatureTable {
  static let create = """
    CREATE TABLE creedSignature (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      moduleId text NOT NULL,
      sectionId text NOT NULL,
      creedHash text NOT NULL,
      name text NOT NULL,
      sessionId text NOT NULL,
      at timestamptz NOT NULL)
    """

  static let index = "CREATE INDEX creedSignature_on_course_employee ON creedSignature (courseId, employeeId)"

  static let addRecordID = RecordID.add(to: "creedSignature")

  /// Stores the signature unless its record id is stored already, and moves the bookmark.
  static func record(_ signature: CreedSignature, bookmark: Bookmark?) -> Statement {
    BookmarkTable.moving(bookmark) { s in
      let n = s.next
      s.bind(signature.employee.rawValue)
      s.bind(signature.courseID)
      s.bind(signature.moduleID)
      s.bind(signature.sectionID)
      s.bind(signature.creedHash)
      s.bind(signature.name)
      s.bind(signature.sessionID)
      s.bindTime(signature.at)
      s.bind(signature.recordID)
      let p = (n..<n + 9).map { "$\($0)" }
      return (
        [],
        """
        INSERT INTO creedSignature (employeeId, courseId, moduleId, sectionId, creedHash, name, sessionId, at,
          recordId)
        VALUES (\(p[0]), \(p[1]), \(p[2]), \(p[3]), \(p[4]), \(p[5]), \(p[6]), \(SQL.time(n + 7)), \(p[8]))
        ON CONFLICT (recordId) DO NOTHING
        """
      )
    }
  }

  static let columns = """
    id, employeeId, courseId, moduleId, sectionId, creedHash, name, sessionId, \(SQL.milliseconds("at")), recordId
    """

  static func history(of employee: EmployeeID, in courseID: String) -> Statement {
    .history(columns, from: "creedSignature", of: employee, in: courseID)
  }

  static func read(_ row: PostgresRow) throws -> CreedSignature {
    let (_, employee, course, module, section, hash, name, session, at, recordID) = try row.decode(
      (Int64, String, String, String, String, String, String, String, Int64, UUID).self)
    return CreedSignature(
      employee: try RowError.employeeID(employee), courseID: course, moduleID: module, sectionID: section,
      creedHash: hash, name: name, sessionID: session, at: SQL.date(at), recordID: recordID)
  }

  static let everything = Statement("SELECT \(columns) FROM creedSignature ORDER BY id")

  /// Signatures in the order given, for a copy.
  static let bulk = BulkInsert<CreedSignature>(
    table: "creedSignature",
    columns: [
      .plain("employeeId"), .plain("courseId"), .plain("moduleId"), .plain("sectionId"), .plain("creedHash"),
      .plain("name"), .plain("sessionId"), .time("at"), .plain("recordId"),
    ]
  ) { g, s in
    s.bind(g.employee.rawValue)
    s.bind(g.courseID)
    s.bind(g.moduleID)
    s.bind(g.sectionID)
    s.bind(g.creedHash)
    s.bind(g.name)
    s.bind(g.sessionID)
    s.bindTime(g.at)
    s.bind(g.recordID)
  }
}
