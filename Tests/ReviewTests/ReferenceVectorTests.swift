import Foundation
import Testing

@testable import Review

/// Replays every sequence the reference (py-fsrs 6.3.2) scheduled, and compares each state.
@Suite struct ReferenceVectorTests {
  static let tolerance = 1e-4
  /// Due dates must be the same microsecond: a Date is a Double count of seconds, so one that
  /// is 100 years away holds the time to about a quarter of a microsecond, not exactly.
  static let dueTolerance: TimeInterval = 0.5e-6

  /// The worst relative error seen for one quantity, and where.
  struct Worst: CustomStringConvertible {
    var error = 0.0
    var place = "nowhere"

    mutating func record(_ actual: Double, _ expected: Double, _ place: @autoclosure () -> String) {
      let error = relativeError(actual, expected)
      if error > self.error {
        self.error = error
        self.place = place()
      }
    }

    var description: String { "\(error) (\(place))" }
  }

  @Test func vectorsAreConfiguredAsCoachIs() throws {
    let vectors = try ReferenceVectors.load()
    #expect(vectors.fsrs == "6.3.2")
    #expect(vectors.weights == Parameters.defaultWeights)
    #expect(vectors.learningSteps.isEmpty && vectors.relearningSteps.isEmpty && !vectors.fuzz)
    #expect(vectors.sequences.count >= 1_000)
    #expect(vectors.sequences.filter { $0.retention == 0.9 && $0.maximumInterval == 36_500 }.count >= 500)
  }

  @Test func everyVectorMatchesTheReference() throws {
    let vectors = try ReferenceVectors.load()
    var stability = Worst()
    var difficulty = Worst()
    var retrievability = Worst()
    var mismatches: [String] = []
    var reviewCount = 0
    var worstDueGap: TimeInterval = 0
    for (number, sequence) in vectors.sequences.enumerated() {
      let fsrs = try FSRS(
        parameters: Parameters(
          desiredRetention: sequence.retention, maximumInterval: sequence.maximumInterval))
      let reviews = sequence.reviews.map {
        (at: Date(microseconds: $0.at), rating: $0.rating == "good" ? Rating.good : Rating.again)
      }
      let states = fsrs.replay(reviews)
      #expect(states.count == reviews.count)
      for (index, (state, expected)) in zip(states, sequence.reviews).enumerated() {
        reviewCount += 1
        let place = "sequence \(number), review \(index)"
        stability.record(state.stability, expected.s, place)
        difficulty.record(state.difficulty, expected.d, place)
        if index > 0 {
          let before = fsrs.retrievability(states[index - 1], at: reviews[index].at)
          retrievability.record(before, expected.r, place)
        }
        // The reference's due date is exactly whole days after the review, as coach's is.
        let exactDue = expected.at + Int64(expected.days) * 86_400_000_000
        let dueGap = abs(state.due.timeIntervalSince(Date(microseconds: expected.due)))
        worstDueGap = max(worstDueGap, dueGap)
        if state.intervalDays != expected.days || expected.due != exactDue
          || state.lastReview != reviews[index].at || dueGap >= Self.dueTolerance
        {
          mismatches.append(
            "\(place): interval \(state.intervalDays) days, due \(state.due.microseconds) µs; "
              + "the reference says \(expected.days) days, due \(expected.due) µs")
        }
      }
    }
    print(
      "FSRS reference vectors (seed \(vectors.seed)): \(vectors.sequences.count) sequences, "
        + "\(reviewCount) reviews; worst relative error: stability \(stability), "
        + "difficulty \(difficulty), retrievability \(retrievability); "
        + "due dates at most \(worstDueGap * 1e6) µs apart; "
        + "\(mismatches.count) intervals or due dates differ")
    #expect(stability.error <= Self.tolerance, "stability: \(stability)")
    #expect(difficulty.error <= Self.tolerance, "difficulty: \(difficulty)")
    #expect(retrievability.error <= Self.tolerance, "retrievability: \(retrievability)")
    let firstMismatches = mismatches.prefix(5).joined(separator: "; ")
    #expect(
      mismatches.count == 0,
      "\(mismatches.count) intervals or due dates differ from the reference; first: \(firstMismatches)")
  }
}
