import Foundation

/// How a learner answered one review of a drill question.
///
/// Reviews are pass/fail, as FSRS's maintainers advise for binary grading: a right answer is
/// FSRS's Good, a wrong one is Again, and a partly right answer (some of a select-all, order or
/// match question) is wrong. FSRS's Hard and Easy are never used.
public enum Rating: Sendable, Hashable, CaseIterable {
  /// Wrong, or only partly right (FSRS's Again, grade 1).
  case again
  /// Right (FSRS's Good, grade 3).
  case good

  /// `.good` for a fully right answer, `.again` otherwise.
  public init(correct: Bool) { self = correct ? .good : .again }

  /// FSRS's grade: Again is 1, Good is 3.
  var grade: Double {
    switch self {
    case .again: 1
    case .good: 3
    }
  }
}

/// What FSRS knows about a learner's memory of one question after a review.
public struct MemoryState: Sendable, Hashable {
  /// The number of days after which the chance of recall has fallen to 90%; it grows with each
  /// review the learner gets right.
  public var stability: Double
  /// How hard the question is for this learner, from 1 (easy) to 10 (hard).
  public var difficulty: Double
  /// When the review that led to this state took place.
  public var lastReview: Date
  /// When the question is next due: `lastReview` plus `intervalDays` whole days of 24 hours.
  public var due: Date
  /// The number of days from `lastReview` to `due`, at least 1.
  public var intervalDays: Int
  /// How many reviews led to this state, counting the first attempt.
  public var reps: Int
  /// How many of those reviews after the first were wrong.
  public var lapses: Int

  public init(
    stability: Double, difficulty: Double, lastReview: Date, due: Date, intervalDays: Int, reps: Int,
    lapses: Int
  ) {
    self.stability = stability
    self.difficulty = difficulty
    self.lastReview = lastReview
    self.due = due
    self.intervalDays = intervalDays
    self.reps = reps
    self.lapses = lapses
  }

  /// Whether the question is due for review at `date` (on or after ``due``).
  public func isDue(at date: Date) -> Bool { date >= due }
}
