import Foundation
import GRDB
import LearnerModel

/// A row of the append-only `drillPass` table.
struct DrillPassRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "drillPass"

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
  }

  var id: Int64?
  var employeeId: String
  var courseId: String
  var moduleId: String
  var sectionId: String
  var drillHash: String
  var passMark: Int
  var score: Double
  var sessionId: String
  var at: String
  var recordId: String?

  init(_ pass: DrillPass) {
    employeeId = pass.employee.rawValue
    courseId = pass.courseID
    moduleId = pass.moduleID
    sectionId = pass.sectionID
    drillHash = pass.drillHash
    passMark = pass.passMark
    score = pass.score
    sessionId = pass.sessionID
    at = StoredDate.text(pass.at)
    recordId = pass.recordID.storedText
  }

  func model() throws(RowError) -> DrillPass {
    DrillPass(
      employee: try RowError.employeeID(employeeId), courseID: courseId, moduleID: moduleId,
      sectionID: sectionId, drillHash: drillHash, passMark: passMark, score: score, sessionID: sessionId,
      at: try StoredDate.read(at),
      recordID: try RowError.recordID(recordId, in: Self.databaseTableName, row: id))
  }
}
