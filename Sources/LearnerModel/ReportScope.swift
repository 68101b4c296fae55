import Foundation

/// A course as the trainer's reports ask a store about it: its drill questions and belief
/// items as they are now, with the hashes each record is compared against. Reports build
/// it from the course (LearnerModel knows no course), so a store can do the counting
/// itself (in SQL, say) without reading each employee's history.
public struct ReportScope: Sendable, Hashable {
  public var courseID: String
  /// Every drill question of the course, in course order.
  public var questions: [ScopeQuestion]
  /// Every belief item of the course (one entry per id, however often it is asked).
  public var beliefs: [ScopeBelief]

  public init(courseID: String, questions: [ScopeQuestion] = [], beliefs: [ScopeBelief] = []) {
    self.courseID = courseID
    self.questions = questions
    self.beliefs = beliefs
  }
}

/// A drill question as it is now.
public struct ScopeQuestion: Sendable, Hashable, Codable {
  public var itemID: String
  /// The module and drill section the question is in now.
  public var moduleID: String
  public var sectionID: String
  /// `Question.answerKeyHash` now.
  public var keyHash: String
  /// `Question.contentHash` now (what answers stored before coach kept answer keys are
  /// compared with).
  public var contentHash: String

  public init(itemID: String, moduleID: String, sectionID: String, keyHash: String, contentHash: String) {
    self.itemID = itemID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.keyHash = keyHash
    self.contentHash = contentHash
  }

  /// Whether an answer counts toward the question as it is now: it was given in the drill
  /// (a spaced review's answer is never a drill score), and its answer key is the
  /// question's, or (for an answer stored before coach kept answer keys) its content
  /// hash is. The same rule as CourseProgress's `Ledger.scores` (`AnswerVersion.counts`);
  /// every store counts answers this way.
  public func counts(_ attempt: DrillAttempt) -> Bool {
    guard attempt.context == .drill else { return false }
    if let key = attempt.keyHash { return key == keyHash }
    return attempt.itemHash == contentHash
  }
}

/// A belief item as it is now: the scale answers must have been given on to count.
public struct ScopeBelief: Sendable, Hashable, Codable {
  public var itemID: String
  public var kind: BeliefResponse.Kind
  /// Whether the item is asked in more than one place (a before and after statement).
  public var repeated: Bool
  /// `BeliefItem.scaleHash` of the item's first place: only answers on this scale count.
  public var scaleHash: String
  /// For answers stored before coach kept scales: every answer without a scale counts
  /// (an `Agree` statement, whose scale never changes) ...
  public var legacyCountsAll: Bool
  /// ... or only one whose item hash is one of these (the item's statement and scale as
  /// they are now).
  public var legacyItemHashes: [String]

  public init(
    itemID: String, kind: BeliefResponse.Kind, repeated: Bool, scaleHash: String, legacyCountsAll: Bool,
    legacyItemHashes: [String]
  ) {
    self.itemID = itemID
    self.kind = kind
    self.repeated = repeated
    self.scaleHash = scaleHash
    self.legacyCountsAll = legacyCountsAll
    self.legacyItemHashes = legacyItemHashes
  }

  /// Whether a response was given on the item's scale as it is now.
  public func counts(_ response: BeliefResponse) -> Bool {
    guard response.item.itemID == itemID, response.kind == kind else { return false }
    if let scale = response.scaleHash { return scale == scaleHash }
    return legacyCountsAll || legacyItemHashes.contains(response.itemHash)
  }
}

/// Which employees the cohort report lists, one page at a time.
public struct DigestQuery: Sendable, Hashable {
  /// Only employees of this cohort.
  public var cohort: String?
  /// Only employees who started the course at this time or later (so: enrolled ones).
  public var startedSince: Date?
  /// Employees whose id sorts after this one (the last of the previous page).
  public var after: EmployeeID?
  /// At most this many.
  public var limit: Int

  public init(cohort: String? = nil, startedSince: Date? = nil, after: EmployeeID? = nil, limit: Int = 500) {
    self.cohort = cohort
    self.startedSince = startedSince
    self.after = after
    self.limit = limit
  }
}

/// Which employees a roster listing shows, one page at a time.
public struct EmployeeQuery: Sendable, Hashable {
  public var cohort: String?
  /// Only employees on an imported roster.
  public var onRosterOnly: Bool
  public var after: EmployeeID?
  public var limit: Int

  public init(cohort: String? = nil, onRosterOnly: Bool = false, after: EmployeeID? = nil, limit: Int = 500) {
    self.cohort = cohort
    self.onRosterOnly = onRosterOnly
    self.after = after
    self.limit = limit
  }
}
