/// Everything one employee recorded in one course.
public struct History: Sendable, Hashable {
  public var enrolment: Enrolment?
  /// Oldest first.
  public var attempts: [DrillAttempt]
  /// Oldest first.
  public var beliefs: [BeliefResponse]
  /// Oldest first.
  public var signatures: [CreedSignature]
  /// Drill passes, oldest first.
  public var passes: [DrillPass]
  /// Oldest first.
  public var pagesRead: [PageRead]
  public var bookmark: Bookmark?
  /// Stored records that could not be read back and were left out, each named with what
  /// is wrong ("belief response 12: its ranking is not a list of texts"), so that a
  /// report can say so and go on.
  public var unreadable: [String]

  public init(
    enrolment: Enrolment? = nil, attempts: [DrillAttempt] = [], beliefs: [BeliefResponse] = [],
    signatures: [CreedSignature] = [], passes: [DrillPass] = [], pagesRead: [PageRead] = [],
    bookmark: Bookmark? = nil, unreadable: [String] = []
  ) {
    self.enrolment = enrolment
    self.attempts = attempts
    self.beliefs = beliefs
    self.signatures = signatures
    self.passes = passes
    self.pagesRead = pagesRead
    self.bookmark = bookmark
    self.unreadable = unreadable
  }
}
