import Foundation

/// One answer to a drill question. Attempts are append-only.
public struct DrillAttempt: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var item: ItemRef
  /// ``CourseModel/Question/contentHash`` when the answer was given (the prompt and the
  /// answer key): every coach has stored it.
  public var itemHash: String
  /// ``CourseModel/Question/answerKeyHash`` when the answer was given: what the answer was
  /// graded against. `nil` for answers stored before coach kept it; those count while
  /// `itemHash` still matches the question.
  public var keyHash: String?
  /// The response as the learner gave it.
  public var response: String
  /// 0...1; partial credit for select-all, order and match questions.
  public var score: Double
  public var correct: Bool
  /// 1-based; filled in by the store.
  public var attempt: Int
  public var sessionID: String
  public var at: Date

  public init(
    employee: EmployeeID, item: ItemRef, itemHash: String, keyHash: String? = nil, response: String,
    score: Double, correct: Bool, attempt: Int = 0, sessionID: String, at: Date = Date()
  ) {
    self.employee = employee
    self.item = item
    self.itemHash = itemHash
    self.keyHash = keyHash
    self.response = response
    self.score = score
    self.correct = correct
    self.attempt = attempt
    self.sessionID = sessionID
    self.at = at
  }
}
