import Foundation
import Testing

@testable import Review

/// Edge cases of the scheduler. Figures marked "py-fsrs 6.3.2" were printed by the reference,
/// configured as coach's (no steps, no fuzz); the others follow from FSRS-6's formulas.
@Suite struct SchedulerTests {
  let fsrs = try! FSRS()
  let w = Parameters.defaultWeights

  func after(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

  @Test func firstReviewWrong() {
    let state = fsrs.review(nil, rating: .again, at: start)
    #expect(state.stability == w[0])
    #expect(state.difficulty == w[4])
    // round(0.212) is 0 days, and an interval is at least a day.
    #expect(state.intervalDays == 1)
    #expect(state.due == after(day))
    #expect(state.lastReview == start)
    #expect(state.reps == 1 && state.lapses == 0)
  }

  @Test func firstReviewRight() {
    let state = fsrs.review(nil, rating: .good, at: start)
    #expect(state.stability == w[2])
    #expect(state.difficulty == w[4] - pow(M_E, 2 * w[5]) + 1)
    #expect(state.intervalDays == 2)
    #expect(state.due == after(2 * day))
    #expect(state.reps == 1 && state.lapses == 0)
  }

  @Test func sameDayRightKeepsStability() {
    let first = fsrs.review(nil, rating: .good, at: start)
    let second = fsrs.review(first, rating: .good, at: after(600))
    // The short-term increase e^(w17·w18)·S^-w19 is below 1 here, and Good never lowers it.
    #expect(pow(M_E, w[17] * w[18]) * pow(first.stability, -w[19]) < 1)
    #expect(second.stability == first.stability)
    #expect(second.difficulty == 2.111214235785395)  // py-fsrs 6.3.2
    #expect(second.due == after(600 + 2 * day))
  }

  @Test func sameDayWrongUsesTheShortTermFormula() {
    let first = fsrs.review(nil, rating: .good, at: start)
    let second = fsrs.review(first, rating: .again, at: after(600))
    let expected = first.stability * pow(M_E, w[17] * (1 - 3 + w[18])) * pow(first.stability, -w[19])
    #expect(second.stability == expected)
    #expect(second.stability == 0.7750839828558984)  // py-fsrs 6.3.2
    #expect(second.difficulty == 7.394502741279718)  // py-fsrs 6.3.2
    #expect(second.intervalDays == 1)
    #expect(second.lapses == 1)
  }

  @Test func aFullDayIsCountedToTheMicrosecond() {
    let first = fsrs.review(nil, rating: .good, at: start)
    let almost = fsrs.review(first, rating: .good, at: after(day - 1e-6))
    let fullDay = fsrs.review(first, rating: .good, at: after(day))
    #expect(almost.stability == first.stability)  // short-term: still the same day
    #expect(fullDay.stability == 7.31530074407728)  // py-fsrs 6.3.2, long-term with 1 day elapsed
    #expect(fsrs.retrievability(first, at: after(day - 1e-6)) == 1)
    #expect(fsrs.retrievability(first, at: after(day)) < 1)
  }

  @Test func veryLongGaps() {
    let first = fsrs.review(nil, rating: .good, at: start)
    let right = fsrs.review(first, rating: .good, at: after(3_650 * day))
    let wrong = fsrs.review(first, rating: .again, at: after(3_650 * day))
    #expect(right.stability == 85.21765885939628)  // py-fsrs 6.3.2
    #expect(right.intervalDays == 85)
    #expect(wrong.stability == 1.599964289737807)  // py-fsrs 6.3.2
    #expect(wrong.intervalDays == 2)
    let far = fsrs.review(first, rating: .good, at: .distantFuture)
    #expect(far.stability.isFinite && far.stability > first.stability)
    #expect((1...36_500).contains(far.intervalDays))
    // FSRS-6's forgetting curve is a power law: recall keeps falling, ever more slowly.
    let recall = [365, 3_650, 36_500].map { fsrs.retrievability(first, at: after(Double($0) * day)) }
    #expect(recall == recall.sorted(by: >) && recall.last! > 0)
    #expect(fsrs.retrievability(first, at: .distantFuture) < recall.last!)
  }

  @Test func retentionAtTheBounds() throws {
    let loose = try FSRS(parameters: Parameters(desiredRetention: 0.7))
    let strict = try FSRS(parameters: Parameters(desiredRetention: 0.99))
    // py-fsrs 6.3.2 schedules stability 100 at 929, 100 and 7 days for 0.7, 0.9 and 0.99.
    #expect(loose.intervalDays(100) == 929)
    #expect(fsrs.intervalDays(100) == 100)
    #expect(strict.intervalDays(100) == 7)
    // On the due date the estimated recall has just fallen to the desired retention.
    for scheduler in [loose, fsrs, strict] {
      let retention = scheduler.parameters.desiredRetention
      let state = MemoryState(
        stability: 100, difficulty: 5, lastReview: start, due: start, intervalDays: 0, reps: 1,
        lapses: 0)
      let interval = Double(scheduler.intervalDays(state.stability))
      #expect(scheduler.retrievability(state, at: after((interval - 1) * day)) > retention)
      #expect(scheduler.retrievability(state, at: after((interval + 1) * day)) < retention)
    }
  }

  @Test(arguments: [0.69, 0.991, 1, 0, -0.9, .nan, .infinity])
  func retentionOutsideTheRangeIsRefused(_ retention: Double) {
    #expect {
      try FSRS(parameters: Parameters(desiredRetention: retention))
    } throws: { error in
      guard case .desiredRetentionOutOfRange(let value, let allowed) = error as? FSRSError else {
        return false
      }
      let message = "\(error)"
      return (value == retention || value.isNaN) && allowed == 0.7...0.99
        && message.contains("desired retention \(retention)") && message.contains("0.7 to 0.99")
    }
  }

  @Test func theDefaultSchedulerAndTheRetentionShorthand() throws {
    #expect(FSRS.default.parameters == Parameters.default)
    #expect(FSRS.default.parameters == fsrs.parameters)
    #expect(FSRS.default.intervalDays(100) == fsrs.intervalDays(100))
    let strict = try FSRS(desiredRetention: 0.99)
    #expect(strict.parameters == Parameters(desiredRetention: 0.99))
    #expect(strict.intervalDays(100) == 7)
    #expect(throws: FSRSError.desiredRetentionOutOfRange(0.5, allowed: 0.7...0.99)) {
      try FSRS(desiredRetention: 0.5)
    }
  }

  @Test func otherBadSettingsAreRefused() {
    #expect(throws: FSRSError.maximumIntervalTooShort(0)) {
      try FSRS(parameters: Parameters(maximumInterval: 0))
    }
    #expect(throws: FSRSError.wrongWeightCount(20, expected: 21)) {
      try FSRS(parameters: Parameters(weights: Array(w.prefix(20))))
    }
    var weights = w
    weights[20] = 0.05
    #expect(throws: FSRSError.weightOutOfRange(index: 20, value: 0.05, allowed: 0.1...0.8)) {
      try FSRS(parameters: Parameters(weights: weights))
    }
    #expect(
      "\(FSRSError.weightOutOfRange(index: 20, value: 0.05, allowed: 0.1...0.8))"
        == "review settings: FSRS weight w20 = 0.05 is out of range; use a value from 0.1 to 0.8")
  }

  @Test func stabilityAndDifficultyStopAtTheirFloors() {
    // Wrong again and again on one day: stability falls to its floor, 0.001, and stays there.
    var state = fsrs.review(nil, rating: .again, at: start)
    for minute in 1...20 { state = fsrs.review(state, rating: .again, at: after(Double(minute) * 60)) }
    #expect(state.stability == 0.001)
    #expect(state.intervalDays == 1)
    // Right 250 times: difficulty drifts down to its floor, 1, and stays there.
    state = fsrs.review(nil, rating: .good, at: start)
    var lowest = state.difficulty
    for review in 1...250 {
      state = fsrs.review(state, rating: .good, at: after(Double(review) * 3_600))
      lowest = min(lowest, state.difficulty)
    }
    #expect(state.difficulty == 1 && lowest == 1)
  }

  @Test func intervalsStopAtTheMaximum() throws {
    let capped = try FSRS(parameters: Parameters(maximumInterval: 30))
    var state = capped.review(nil, rating: .good, at: start)
    var intervals: [Int] = []
    for _ in 0..<12 {
      state = capped.review(state, rating: .good, at: state.due)
      intervals.append(state.intervalDays)
    }
    #expect(intervals.allSatisfy { $0 <= 30 })
    #expect(intervals.last == 30)
    #expect(state.stability > 30)
    #expect(state.due == state.lastReview.addingTimeInterval(30 * day))
    #expect(fsrs.intervalDays(1e9) == 36_500)
    #expect(fsrs.intervalDays(.greatestFiniteMagnitude) == 36_500)
  }

  @Test func intervalsRoundHalfToEven() {
    // py-fsrs 6.3.2 (Python's round) gives these; rounding half away from zero would not.
    #expect(fsrs.intervalDays(2.5) == 2)
    #expect(fsrs.intervalDays(3.5) == 4)
    #expect(fsrs.intervalDays(4.5) == 4)
    #expect(fsrs.intervalDays(100.5) == 100)
    #expect(fsrs.intervalDays(0.001) == 1)
  }

  @Test func replayOrdersTheLogByTime() {
    #expect(fsrs.replay([]).isEmpty)
    let log: [(at: Date, rating: Rating)] = [
      (after(3 * day), .good), (start, .good), (after(day), .again), (after(day), .good),
    ]
    let states = fsrs.replay(log)
    #expect(states.map(\.lastReview) == [start, after(day), after(day), after(3 * day)])
    let first = fsrs.review(nil, rating: .good, at: start)
    let wrong = fsrs.review(first, rating: .again, at: after(day))
    let right = fsrs.review(wrong, rating: .good, at: after(day))
    #expect(states == [first, wrong, right, fsrs.review(right, rating: .good, at: after(3 * day))])
    #expect(states.map(\.reps) == [1, 2, 3, 4])
    #expect(states.map(\.lapses) == [0, 1, 1, 1])
  }

  @Test func dueAndRecallToday() {
    let state = fsrs.review(nil, rating: .good, at: start)
    #expect(!state.isDue(at: state.due.addingTimeInterval(-1e-3)))
    #expect(state.isDue(at: state.due))
    #expect(state.isDue(at: state.due.addingTimeInterval(day)))
    #expect(fsrs.retrievability(state, at: start.addingTimeInterval(-day)) == 1)
    #expect(fsrs.retrievability(state, at: after(day - 1)) == 1)
    let daily = (1...30).map { fsrs.retrievability(state, at: after(Double($0) * day)) }
    #expect(zip(daily, daily.dropFirst()).allSatisfy { $0 > $1 })
    // After `stability` days the estimated recall is 90%, by FSRS's definition of stability.
    let ten = MemoryState(
      stability: 10, difficulty: 5, lastReview: start, due: start, intervalDays: 0, reps: 1, lapses: 0)
    #expect(abs(fsrs.retrievability(ten, at: after(10 * day)) - 0.9) < 1e-12)
  }

  @Test func ratingFromAnAnswer() {
    #expect(Rating(correct: true) == .good)
    #expect(Rating(correct: false) == .again)
  }

  /// Random logs: every state lies in range, and a state depends only on the reviews before it.
  @Test func randomLogsStayInRange() {
    let seed = UInt64(20_260_416)
    var random = SeededGenerator(seed: seed)
    for trial in 0..<300 {
      var moment = start
      let log: [(at: Date, rating: Rating)] = (0..<Int.random(in: 1...40, using: &random)).map { _ in
        moment = moment.addingTimeInterval(Double.random(in: 0...(400 * day), using: &random))
        return (moment, Bool.random(using: &random) ? .good : .again)
      }
      let states = fsrs.replay(log)
      let cut = Int.random(in: 0...log.count, using: &random)
      let place = "seed \(seed), trial \(trial)"
      #expect(Array(states.prefix(cut)) == fsrs.replay(Array(log.prefix(cut))), "\(place)")
      for state in states {
        #expect(state.stability >= 0.001 && (1...10).contains(state.difficulty), "\(place)")
        #expect((1...36_500).contains(state.intervalDays), "\(place)")
        #expect(
          state.due == state.lastReview.addingTimeInterval(Double(state.intervalDays) * day), "\(place)")
      }
    }
  }
}
