import Foundation
import GRDB
import LearnerModel

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
    position = bookmark.position?.storedText
    updated = StoredDate.text(bookmark.updated)
  }

  func model() throws(RowError) -> Bookmark {
    Bookmark(
      employee: try RowError.employeeID(employeeId), courseID: courseId, moduleID: moduleId,
      sectionID: sectionId, position: position.flatMap(Bookmark.Position.init(storedText:)),
      updated: try StoredDate.read(updated))
  }
}
