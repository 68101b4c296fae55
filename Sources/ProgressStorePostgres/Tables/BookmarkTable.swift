import Foundation
import LearnerModel
import PostgresNIO

/// The `bookmark` table: where each employee is in each course, one row each.
enum BookmarkTable {
  static let create = """
    CREATE TABLE bookmark (
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      moduleId text NOT NULL,
      sectionId text,
      position text,
      updated timestamptz NOT NULL,
      PRIMARY KEY (employeeId, courseId))
    """

  /// The `INSERT … ON CONFLICT` that moves a bookmark, with its parameters bound at the end
  /// of `statement`: on its own, or in a `WITH` clause of the statement that writes a
  /// record, so that both are one statement in one transaction.
  static func move(_ bookmark: Bookmark, in statement: inout Statement) -> String {
    let n = statement.next
    statement.bind(bookmark.employee.rawValue)
    statement.bind(bookmark.courseID)
    statement.bind(bookmark.moduleID)
    statement.bind(bookmark.sectionID)
    statement.bind(bookmark.position?.storedText)
    statement.bindTime(bookmark.updated)
    return """
      INSERT INTO bookmark (employeeId, courseId, moduleId, sectionId, position, updated)
      VALUES ($\(n), $\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4), \(SQL.time(n + 5)))
      ON CONFLICT (employeeId, courseId) DO UPDATE SET moduleId = excluded.moduleId,
        sectionId = excluded.sectionId, position = excluded.position, updated = excluded.updated
      """
  }

  /// One statement that writes a record and, when `bookmark` is given, moves the bookmark:
  /// the record's `WITH` clauses (if any) follow the bookmark's, and its main query last.
  static func moving(_ bookmark: Bookmark?, with record: (inout Statement) -> (with: [String], main: String))
    -> Statement
  {
    var s = Statement()
    var (with, main) = record(&s)
    if let bookmark { with.insert("mark AS (\(move(bookmark, in: &s)))", at: 0) }
    s.sql = with.isEmpty ? main : "WITH " + with.joined(separator: ",\n") + "\n" + main
    return s
  }

  static func save(_ bookmark: Bookmark) -> Statement {
    var s = Statement()
    s.sql = move(bookmark, in: &s)
    return s
  }

  static let columns = "employeeId, courseId, moduleId, sectionId, position, \(SQL.milliseconds("updated"))"

  static func one(_ employee: EmployeeID, in courseID: String) -> Statement {
    var s = Statement("SELECT \(columns) FROM bookmark WHERE employeeId = $1 AND courseId = $2")
    s.bind(employee.rawValue)
    s.bind(courseID)
    return s
  }

  static func read(_ row: PostgresRow) throws -> Bookmark {
    let (employee, course, module, section, position, updated) = try row.decode(
      (String, String, String, String?, String?, Int64).self)
    return Bookmark(
      employee: try RowError.employeeID(employee), courseID: course, moduleID: module, sectionID: section,
      position: position.flatMap(Bookmark.Position.init(storedText:)), updated: SQL.date(updated))
  }

  static let everything = Statement("SELECT \(columns) FROM bookmark ORDER BY employeeId, courseId")

  /// Bookmarks as they are, for a copy.
  static let bulk = BulkInsert<Bookmark>(
    table: "bookmark",
    columns: [
      .plain("employeeId"), .plain("courseId"), .plain("moduleId"), .plain("sectionId"), .plain("position"),
      .time("updated"),
    ]
  ) { b, s in
    s.bind(b.employee.rawValue)
    s.bind(b.courseID)
    s.bind(b.moduleID)
    s.bind(b.sectionID)
    s.bind(b.position?.storedText)
    s.bindTime(b.updated)
  }
}
