import Foundation
import GRDB
import LearnerModel

/// A row of the `beliefResponse` table. It has no score and no correctness column.
///
/// The answer sits in exactly one of `point`, `text` or `ranking` (a JSON array of the
/// item texts in the learner's order).
struct BeliefResponseRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "beliefResponse"

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
  var itemId: String
  var kind: String
  var itemHash: String
  var scaleHash: String?
  var point: Int?
  var text: String?
  var ranking: [String]?
  var shared: Bool
  var sessionId: String
  var at: String
  var recordId: String?

  init(_ response: BeliefResponse) {
    employeeId = response.employee.rawValue
    courseId = response.item.courseID
    moduleId = response.item.moduleID
    sectionId = response.item.sectionID
    itemId = response.item.itemID
    kind = response.kind.rawValue
    itemHash = response.itemHash
    scaleHash = response.scaleHash
    switch response.answer {
    case .point(let value): point = value
    case .text(let value): text = value
    case .order(let value): ranking = value
    }
    shared = response.shared
    sessionId = response.sessionID
    at = StoredDate.text(response.at)
    recordId = response.recordID.storedText
  }

  func model() throws(RowError) -> BeliefResponse {
    let answer: BeliefAnswer
    if let point {
      answer = .point(point)
    } else if let ranking {
      answer = .order(ranking)
    } else {
      answer = .text(text ?? "")
    }
    guard let kind = BeliefResponse.Kind(rawValue: kind) else {
      throw RowError("belief response \(id ?? 0) has an unknown kind \"\(kind)\"")
    }
    return BeliefResponse(
      employee: try RowError.employeeID(employeeId),
      item: ItemRef(courseID: courseId, moduleID: moduleId, sectionID: sectionId, itemID: itemId),
      kind: kind, itemHash: itemHash, scaleHash: scaleHash, answer: answer, shared: shared,
      sessionID: sessionId, at: try StoredDate.read(at),
      recordID: try RowError.recordID(recordId, in: Self.databaseTableName, row: id))
  }
}
