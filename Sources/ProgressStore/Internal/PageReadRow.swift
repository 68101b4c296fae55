import Foundation
import GRDB

/// A row of the `pageRead` table.
struct PageReadRow: Codable, FetchableRecord, PersistableRecord {
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

  init(_ read: PageRead) {
    employeeId = read.employee.rawValue
    courseId = read.courseID
    moduleId = read.moduleID
    sectionId = read.sectionID
    page = read.page.rawValue
    sessionId = read.sessionID
    at = StoredDate.text(read.at)
  }

  func model() throws(ProgressStoreError) -> PageRead {
    guard let kind = PageRead.Page(rawValue: page) else {
      throw .database(path: "", detail: "unknown page kind '\(page)' in pageRead")
    }
    return PageRead(
      employee: try EmployeeID(employeeId), courseID: courseId, moduleID: moduleId, sectionID: sectionId,
      page: kind, sessionID: sessionId, at: try StoredDate.read(at))
  }
}
