import Foundation

/// What a learner gave for a belief item. There is no score and no right answer.
public enum BeliefAnswer: Sendable, Hashable, Codable {
  /// A point on an agree or rate scale, 1-based.
  case point(Int)
  /// A reflection, or a note on a creed statement.
  case text(String)
  /// A ranking: the item texts in the learner's order.
  case order([String])
  /// A reflection or note the employee did not share, sealed with their key. Only a
  /// store opened with that key (`PrivateText`'s `SealedStore`) reads it back as
  /// ``text(_:)``; everyone else, reports included, sees only that it was answered.
  case sealed(SealedText)
}

/// One belief response. Kept in its own table with no score or correctness at all.
public struct BeliefResponse: Sendable, Hashable, Codable {
  /// The kinds of belief response: the four belief items and a creed statement's note.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case agree, rate, reflect, rank, statement
  }

  public var employee: EmployeeID
  public var item: ItemRef
  public var kind: Kind
  /// ``CourseModel/BeliefItem/contentHash`` (the statement and its scale) when answered;
  /// for a creed statement's note, the hash of the statement's text.
  public var itemHash: String
  /// ``CourseModel/BeliefItem/scaleHash`` when answered: before and after are compared
  /// only on the same scale. `nil` for a note and for answers stored before coach kept it.
  public var scaleHash: String?
  public var answer: BeliefAnswer
  /// Reflections are private unless the employee shares them with the trainer: shared
  /// text is kept as plain ``BeliefAnswer/text(_:)`` so that reports can read it; text
  /// that is not shared is kept only as ``BeliefAnswer/sealed(_:)``.
  public var shared: Bool
  public var sessionID: String
  public var at: Date
  /// The record's own id: a store that is sent the same response again keeps it once.
  public var recordID: UUID

  public init(
    employee: EmployeeID, item: ItemRef, kind: Kind, itemHash: String, scaleHash: String? = nil,
    answer: BeliefAnswer, shared: Bool = false, sessionID: String, at: Date = Date(),
    recordID: UUID = UUID()
  ) {
    self.employee = employee
    self.item = item
    self.kind = kind
    self.itemHash = itemHash
    self.scaleHash = scaleHash
    self.answer = answer
    self.shared = shared
    self.sessionID = sessionID
    self.at = at
    self.recordID = recordID
  }
}
