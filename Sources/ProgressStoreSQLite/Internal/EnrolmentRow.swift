import Foundation
import GRDB
import LearnerModel

/// A row of the `enrolment` table: one per employee and course. Its `source` column (the
/// folder an earlier coach took the course from) is neither read nor written.
struct EnrolmentRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "enrolment"

  enum Columns {
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
  }

  var employeeId: String
  var courseId: String
  var started: String
  var completed: String?
  var passed: Bool
  var courseVersion: String?

  func model() throws(RowError) -> Enrolment {
    Enrolment(
      employee: try RowError.employeeID(employeeId), courseID: courseId,
      started: try StoredDate.read(started),
      completed: try completed.map { s throws(RowError) in try StoredDate.read(s) }, passed: passed,
      courseVersion: courseVersion)
  }
}
