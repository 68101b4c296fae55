import Foundation

/// One answer to a drill question. Attempts are append-only.
public struct DrillAttempt: Sendable, Hashable, Codable {
  /// Where the answer was given: in the drill (first answers and retries), or in a
  /// spaced review after the module was finished (`coach review`).
  public enum Context: String, Sendable, Hashable, Codable, CaseIterable {
    case drill
    case review
  }

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
  /// Where the answer was given. Every answer feeds the question's review schedule; only
  /// drill answers count toward the drill's score. Answers stored before coach kept it
  /// are drill answers.
  public var context: Context

  /// The record's own id, made where the answer was given: a store that is sent the same
  /// record again (a retry after a lost connection) keeps it once.
  public var recordID: UUID

  public init(
    employee: EmployeeID, item: ItemRef, itemHash: String, keyHash: String? = nil, response: String,
    score: Double, correct: Bool, attempt: Int = 0, sessionID: String, at: Date = Date(),
    context: Context = .drill, recordID: UUID = UUID()
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
    self.context = context
    self.recordID = recordID
  }
}
