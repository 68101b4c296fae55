import Foundation
import GRDB
import LearnerModel

/// A row of the `pageRead` table, as read back (rows are written by one SQL statement that
/// keeps only the first reading).
struct PageReadRow: Decodable, FetchableRecord, TableRecord {
  static let databaseTableName = "pageRead"

  enum Columns {
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
    static let at = Column(CodingKeys.at)
  }

  var employeeId: String
  var courseId: String
  var moduleId: String
  var sectionId: String
  var page: String
  var sessionId: String
  var at: String

  func model() throws(RowError) -> PageRead {
    guard let kind = PageRead.Page(rawValue: page) else {
      throw RowError("unknown page kind '\(page)' in pageRead")
    }
    return PageRead(
      employee: try RowError.employeeID(employeeId), courseID: courseId, moduleID: moduleId,
      sectionID: sectionId,
      page: kind, sessionID: sessionId, at: try StoredDate.read(at))
  }
}
