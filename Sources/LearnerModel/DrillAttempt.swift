import Foundation

/// One answer to a drill question. Attempts are append-only.
public struct DrillAttempt: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var item: ItemRef
  /// ``CourseModel/Question/contentHash`` when the answer was given.
  public var itemHash: String
  /// The response as the learner gave it.
  public var response: String
  /// 0...1; partial credit for select-all, order and match questions.
  public var score: Double
  public var correct: Bool
  /// 1-based; filled in by the store.
  public var attempt: Int
  public var sessionID: String
  public var at: Date
  /// The record's own id, made where the answer was given: a store that is sent the same
  /// record again (a retry after a lost connection) keeps it once.
  public var recordID: UUID

  public init(
    employee: EmployeeID, item: ItemRef, itemHash: String, response: String, score: Double,
    correct: Bool, attempt: Int = 0, sessionID: String, at: Date = Date(), recordID: UUID = UUID()
  ) {
    self.employee = employee
    self.item = item
    self.itemHash = itemHash
    self.response = response
    self.score = score
    self.correct = correct
    self.attempt = attempt
    self.sessionID = sessionID
    self.at = at
    self.recordID = recordID
  }
}
