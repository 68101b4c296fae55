import Foundation

/// The FSRS-6 spaced-review scheduler for drill questions.
///
/// FSRS models a learner's memory of one question with two numbers: *stability* (how many days
/// it takes for the chance of recall to fall to 90%) and *difficulty* (1 to 10). Each review
/// updates both, and the next review is scheduled for the day the estimated chance of recall
/// falls to the desired retention (0.9 by default).
///
/// A question's memory state is never stored on its own: it is a pure function of the
/// question's review log, rebuilt with ``replay(_:)``. The scheduler never reads the clock;
/// every date is given by the caller, so tests can run a year of reviews in a millisecond.
///
///     let fsrs = try FSRS()  // or FSRS(parameters: Parameters(desiredRetention: 0.85))
///     let states = fsrs.replay([(at: monday, rating: .good), (at: friday, rating: .again)])
///     let now = states.last!  // stability, difficulty, due date after Friday's answer
///     now.isDue(at: today)
///     fsrs.retrievability(now, at: today)  // the estimated recall today, 0 to 1
///
/// The arithmetic mirrors the reference implementation, py-fsrs 6.3.2, configured with no
/// learning steps, no relearning steps and no fuzz:
/// - The first review sets stability to w0 (wrong) or w2 (right) and difficulty to
///   `w4 - e^(w5 * (grade - 1)) + 1`, clamped to 1...10.
/// - Time between reviews is counted in whole days of 24 hours, rounded down (Python's
///   `timedelta.days`). A review less than a full day after the one before uses FSRS's
///   short-term stability formula; later reviews use the long-term recall or forgetting formula
///   with the retrievability at that whole number of days.
/// - Stability never falls below 0.001; difficulty stays within 1...10.
/// - The interval is rounded half to even (Python's `round`), then kept within
///   1...``Parameters/maximumInterval`` days.
///
/// No learning or relearning steps: FSRS's default steps (1 and 10 minutes) re-show a new card
/// within the same sitting because Anki's first sight of a card is the first time the learner
/// meets the material. A drill question is not: the learner has read the lesson, answered the
/// drill and been shown the right answer and its feedback. Asking again ten minutes later would
/// measure short-term memory, not retention. Without steps every answer goes straight to the
/// FSRS memory model, a wrong answer brings the question back after FSRS's post-lapse interval
/// (the next day for most questions), and the state needs no step counter.
public struct FSRS: Sendable {
  /// The settings this scheduler was made with.
  public let parameters: Parameters
  let decay: Double
  let factor: Double

  /// FSRS-6 with its published defaults: retention 0.9, intervals of at most 36,500 days.
  public static let `default` = FSRS(checked: .default)

  /// Makes a scheduler.
  ///
  /// - Parameter parameters: the weights, desired retention and maximum interval; FSRS-6's
  ///   defaults when omitted.
  /// - Throws: ``FSRSError`` naming the setting that is out of range (for example a desired
  ///   retention outside 0.7 to 0.99).
  public init(parameters: Parameters = .default) throws(FSRSError) {
    try parameters.validate()
    self.init(checked: parameters)
  }

  /// A scheduler for parameters known to be valid.
  private init(checked parameters: Parameters) {
    self.parameters = parameters
    decay = -parameters.weights[20]
    factor = pow(0.9, 1 / decay) - 1
  }

  /// Makes a scheduler with FSRS-6's default weights and maximum interval and the given
  /// desired retention.
  /// - Throws: ``FSRSError/desiredRetentionOutOfRange(_:allowed:)`` for a retention outside
  ///   0.7 to 0.99.
  public init(desiredRetention: Double) throws(FSRSError) {
    try self.init(parameters: Parameters(desiredRetention: desiredRetention))
  }

  /// The memory state after each review of one question, in time order.
  ///
  /// Reviews with the same date keep their given order; reviews out of time order are put in
  /// order first (stably), so the result depends only on the set of reviews and their order
  /// within a moment. The first review starts the question afresh; pass only the reviews since
  /// the question's answer key last changed.
  ///
  /// - Parameter reviews: every review of the question: when it happened and how it was answered.
  /// - Returns: one state per review, the state after that review; empty for no reviews.
  public func replay(_ reviews: [(at: Date, rating: Rating)]) -> [MemoryState] {
    let ordered = reviews.enumerated().sorted {
      ($0.element.at, $0.offset) < ($1.element.at, $1.offset)
    }
    var states: [MemoryState] = []
    states.reserveCapacity(ordered.count)
    for (_, review) in ordered {
      states.append(self.review(states.last, rating: review.rating, at: review.at))
    }
    return states
  }

  /// The memory state after one more review.
  ///
  /// - Parameters:
  ///   - state: the state after the previous review, or `nil` for the question's first review.
  ///   - rating: how the learner answered.
  ///   - date: when the learner answered. A date before `state.lastReview` counts as the same
  ///     day, as in the reference.
  public func review(_ state: MemoryState?, rating: Rating, at date: Date) -> MemoryState {
    let stability: Double
    let difficulty: Double
    if let state {
      if Self.wholeDays(from: state.lastReview, to: date) < 1 {
        stability = shortTermStability(state.stability, rating)
      } else {
        stability = nextStability(
          state.difficulty, state.stability, retrievability(state, at: date), rating)
      }
      difficulty = nextDifficulty(state.difficulty, rating)
    } else {
      stability = initialStability(rating)
      difficulty = initialDifficulty(rating, clamped: true)
    }
    let interval = intervalDays(stability)
    return MemoryState(
      stability: stability, difficulty: difficulty, lastReview: date,
      due: date.addingTimeInterval(Double(interval) * Self.secondsPerDay), intervalDays: interval,
      reps: (state?.reps ?? 0) + 1,
      lapses: (state?.lapses ?? 0) + (state != nil && rating == .again ? 1 : 0))
  }

  /// The estimated chance, from 0 to 1, that the learner would answer the question right at
  /// `date`: the "estimated recall today".
  ///
  /// As in the reference, time since the last review counts in whole days, so the estimate is
  /// 1 until a full day has passed and then falls one step a day (to the desired retention on
  /// the due date, when the interval was not rounded or clamped).
  public func retrievability(_ state: MemoryState, at date: Date) -> Double {
    let elapsed = Double(max(0, Self.wholeDays(from: state.lastReview, to: date)))
    return pow(1 + factor * elapsed / state.stability, decay)
  }
}
