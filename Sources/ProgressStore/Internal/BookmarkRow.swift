import Foundation
import GRDB

/// A row of the `bookmark` table: one per employee and course.
struct BookmarkRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "bookmark"

  enum Columns {
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
  }

  var employeeId: String
  var courseId: String
  var moduleId: String
  var sectionId: String?
  var position: String?
  var updated: String

  init(_ bookmark: Bookmark) {
    employeeId = bookmark.employee.rawValue
    courseId = bookmark.courseID
    moduleId = bookmark.moduleID
    sectionId = bookmark.sectionID
    position = bookmark.position
    updated = StoredDate.text(bookmark.updated)
  }

  func model() throws(ProgressStoreError) -> Bookmark {
    Bookmark(
      employee: try EmployeeID(employeeId), courseID: courseId, moduleID: moduleId,
      sectionID: sectionId, position: position, updated: try StoredDate.read(updated))
  }
}
