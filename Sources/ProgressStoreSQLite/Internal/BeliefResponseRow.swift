import Foundation
import GRDB
import LearnerModel

/// A row of the `beliefResponse` table. It has no score and no correctness column.
///
/// The answer sits in exactly one of `point`, `text` (plain text: shared, or written
/// before text was sealed), `ranking` (a JSON array of the item texts in the learner's
/// order) or `sealed` (the envelope of a reflection or note sealed with the employee's
/// key).
struct BeliefResponseRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "beliefResponse"

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let employeeId = Column(CodingKeys.employeeId)
    static let courseId = Column(CodingKeys.courseId)
    static let text = Column(CodingKeys.text)
    static let sealed = Column(CodingKeys.sealed)
    static let shared = Column(CodingKeys.shared)
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
  /// The JSON text as stored; read with ``ranking(_:)`` so that a malformed one names
  /// its row instead of failing the whole history.
  var ranking: String?
  var sealed: Data?
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
    (point, text, ranking, sealed) = Self.columns(response.answer)
    shared = response.shared
    sessionId = response.sessionID
    at = StoredDate.text(response.at)
    recordId = response.recordID.storedText
  }

  /// The answer's four columns, exactly one of them set.
  static func columns(_ answer: BeliefAnswer) -> (point: Int?, text: String?, ranking: String?, sealed: Data?)
  {
    switch answer {
    case .point(let value): (value, nil, nil, nil)
    case .text(let value): (nil, value, nil, nil)
    case .order(let value): (nil, nil, rankingText(value), nil)
    case .sealed(let value): (nil, nil, nil, value.bytes)
    }
  }

  static func rankingText(_ items: [String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(items)) ?? Data("[]".utf8), as: UTF8.self)
  }

  func model() throws(RowError) -> BeliefResponse {
    let answer: BeliefAnswer
    if let point {
      answer = .point(point)
    } else if let ranking {
      guard let items = try? JSONDecoder().decode([String].self, from: Data(ranking.utf8)) else {
        throw RowError(
          "belief response \(id ?? 0) of \(employeeId) (item \(itemId)): its ranking is not a list of texts: "
            + "\(ranking.prefix(40).debugDescription)")
      }
      answer = .order(items)
    } else if let sealed {
      answer = .sealed(SealedText(bytes: sealed))
    } else {
      answer = .text(text ?? "")
    }
    guard let kind = BeliefResponse.Kind(rawValue: kind) else {
      throw RowError("belief response \(id ?? 0) has an unknown kind \"\(kind.prefix(40))\"")
    }
    return BeliefResponse(
      employee: try RowError.employeeID(employeeId),
      item: ItemRef(courseID: courseId, moduleID: moduleId, sectionID: sectionId, itemID: itemId),
      kind: kind, itemHash: itemHash, scaleHash: scaleHash, answer: answer, shared: shared,
      sessionID: sessionId, at: try StoredDate.read(at),
      recordID: try RowError.recordID(recordId, in: Self.databaseTableName, row: id))
  }
}
