import Foundation
import GRDB

/// A row of the `enrolment` table: one per employee and course.
struct EnrolmentRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "enrolment"

  enum Columns {
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
  }

  var employeeId: String
  var courseId: String
  var started: Date
  var completed: Date?
  var passed: Bool

  func model() throws(ProgressStoreError) -> Enrolment {
    Enrolment(
      employee: try EmployeeID(employeeId), courseID: courseId, started: started,
      completed: completed, passed: passed)
  }
}
