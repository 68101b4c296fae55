import Foundation
import GRDB
import LearnerModel

/// A row of the append-only `drillAttempt` table.
///
/// Rows keep the item's ids, content hash and answer-key hash as they were when the
/// answer was given, so a reworded or removed item never orphans them.
struct DrillAttemptRow: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "drillAttempt"

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
  }

  var id: Int64
  var employeeId: String
  var courseId: String
  var moduleId: String
  var sectionId: String
  var itemId: String
  var itemHash: String
  var keyHash: String?
  var response: String
  var score: Double
  var correct: Bool
  var attempt: Int
  var sessionId: String
  var at: String
  var context: String
  var recordId: String?

  func model() throws(RowError) -> DrillAttempt {
    guard let context = DrillAttempt.Context(rawValue: context) else {
      throw RowError("drill attempt \(id): unknown context \"\(context.prefix(40))\" (drill or review)")
    }
    return DrillAttempt(
      employee: try RowError.employeeID(employeeId),
      item: ItemRef(courseID: courseId, moduleID: moduleId, sectionID: sectionId, itemID: itemId),
      itemHash: itemHash, keyHash: keyHash, response: response, score: score, correct: correct,
      attempt: attempt, sessionID: sessionId, at: try StoredDate.read(at), context: context,
      recordID: try RowError.recordID(recordId, in: Self.databaseTableName, row: id))
  }
}
