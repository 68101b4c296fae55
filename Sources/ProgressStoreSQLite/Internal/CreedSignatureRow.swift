import Foundation
import GRDB
import LearnerModel

/// A row of the `creedSignature` table.
struct CreedSignatureRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "creedSignature"

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
  var creedHash: String
  var name: String
  var sessionId: String
  var at: String
  var recordId: String?

  init(_ signature: CreedSignature) {
    employeeId = signature.employee.rawValue
    courseId = signature.courseID
    moduleId = signature.moduleID
    sectionId = signature.sectionID
    creedHash = signature.creedHash
    name = signature.name
    sessionId = signature.sessionID
    at = StoredDate.text(signature.at)
    recordId = signature.recordID.storedText
  }

  func model() throws(RowError) -> CreedSignature {
    CreedSignature(
      employee: try RowError.employeeID(employeeId), courseID: courseId, moduleID: moduleId,
      sectionID: sectionId, creedHash: creedHash, name: name, sessionID: sessionId,
      at: try StoredDate.read(at),
      recordID: try RowError.recordID(recordId, in: Self.databaseTableName, row: id))
  }
}
