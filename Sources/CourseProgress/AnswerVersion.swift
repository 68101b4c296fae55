import CourseModel
import LearnerModel

/// What a recorded drill answer answered, compared with the question as it is now.
public enum AnswerVersion: String, Sendable, Hashable, Codable, CaseIterable {
  /// The question as it is now: the answer counts.
  case current
  /// The question in other words (its prompt changed, its answer key did not): the answer
  /// counts.
  case reworded
  /// An earlier answer key or kind: the answer stays in the history and no longer counts;
  /// the question is asked again.
  case earlierKey = "answer-key-changed"
  /// An earlier version of the question, recorded before coach kept answer keys: the
  /// prompt or the answer key changed since, and such an answer cannot tell which. It is
  /// treated as an earlier answer key: kept, no longer counted, the question asked again.
  case earlierVersion = "changed"
  /// A question no longer in the course (removed, or its id changed): the answer stays
  /// in the history as retired.
  case retired

  /// Whether the answer counts toward the question's score as it is now.
  public var counts: Bool { self == .current || self == .reworded }
}

/// A question as it is now, as answers are compared with it: its answer-key hash and its
/// content hash (prompt and key, the hash every coach stored with each answer).
public struct QuestionVersion: Sendable, Hashable {
  public var keyHash: String
  public var contentHash: String

  public init(_ question: Question) {
    keyHash = question.answerKeyHash
    contentHash = question.contentHash
  }

  /// How `attempt`, an answer to a question with this id, compares with the question.
  ///
  /// An answer that carries its answer-key hash counts while that hash is the same, and is
  /// ``AnswerVersion/reworded`` when the prompt changed. An answer stored before coach kept
  /// answer keys knows only the hash of the prompt and the key together: it counts when
  /// that hash is the same, and otherwise, since a reworded prompt and a new key look
  /// alike to it, it is taken as an answer to an earlier version.
  public func version(of attempt: DrillAttempt) -> AnswerVersion {
    if let key = attempt.keyHash {
      guard key == keyHash else { return .earlierKey }
      return attempt.itemHash == contentHash ? .current : .reworded
    }
    return attempt.itemHash == contentHash ? .current : .earlierVersion
  }
}
