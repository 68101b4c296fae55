import Foundation
import LearnerModel
import PostgresNIO

/// The `pageRead` table: pages read to their end; only the first reading is kept.
enum PageReadTable {
  static let create = """
    CREATE TABLE pageRead (
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      moduleId text COLLATE "C" NOT NULL,
      sectionId text COLLATE "C" NOT NULL,
      page text COLLATE "C" NOT NULL,
      sessionId text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (employeeId, courseId, moduleId, sectionId, page))
    """

  static func record(_ read: PageRead, bookmark: Bookmark?) -> Statement {
    BookmarkTable.moving(bookmark) { s in
      let n = s.next
      s.bind(read.employee.rawValue)
      s.bind(read.courseID)
      s.bind(read.moduleID)
      s.bind(read.sectionID)
      s.bind(read.page.rawValue)
      s.bind(read.sessionID)
      s.bindTime(read.at)
      let p = (n..<n + 7).map { "$\($0)" }
      return (
        [],
        """
        INSERT INTO pageRead (employeeId, courseId, moduleId, sectionId, page, sessionId, at)
        VALUES (\(p[0]), \(p[1]), \(p[2]), \(p[3]), \(p[4]), \(p[5]), \(SQL.time(n + 6)))
        ON CONFLICT DO NOTHING
        """
      )
    }
  }

  static let columns = "employeeId, courseId, moduleId, sectionId, page, sessionId, \(SQL.milliseconds("at"))"

  /// Oldest reading first; readings of the same millisecond in the order of their key.
  static func history(of employee: EmployeeID, in courseID: String) -> Statement {
    .history(
      columns, from: "pageRead", orderedBy: "at, moduleId, sectionId, page", of: employee, in: courseID)
  }

  static func read(_ row: PostgresRow) throws -> PageRead {
    let (employee, course, module, section, pageText, session, at) = try row.decode(
      (String, String, String, String, String, String, Int64).self)
    guard let page = PageRead.Page(rawValue: pageText) else {
      throw RowError("unknown page kind '\(pageText)' in pageRead")
    }
    return PageRead(
      employee: try RowError.employeeID(employee), courseID: course, moduleID: module, sectionID: section,
      page: page, sessionID: session, at: SQL.date(at))
  }

  static let everything = Statement(
    "SELECT \(columns) FROM pageRead ORDER BY employeeId, courseId, at, moduleId, sectionId, page")

  /// First readings as they are, for a copy.
  static let bulk = BulkInsert<PageRead>(
    table: "pageRead",
    columns: [
      .plain("employeeId"), .plain("courseId"), .plain("moduleId"), .plain("sectionId"), .plain("page"),
      .plain("sessionId"), .time("at"),
    ]
  ) { p, s in
    s.bind(p.employee.rawValue)
    s.bind(p.courseID)
    s.bind(p.moduleID)
    s.bind(p.sectionID)
    s.bind(p.page.rawValue)
    s.bind(p.sessionID)
    s.bindTime(p.at)
  }
}
