import Foundation

/// FSRS-6's formulas, written in the same order of operations as py-fsrs 6.3.2 so that results
/// agree to the last bit or two. Python's `math.e ** x` is `pow(e, x)`, not `exp(x)`, so it is
/// `pow(e, x)` here too.
extension FSRS {
  static let secondsPerDay: Double = 86_400
  static let minimumStability = 0.001
  static let difficultyRange = 1.0...10.0
  private static let e = M_E

  /// Whole days from `start` to `end`, rounded down, as Python's `timedelta.days` counts them:
  /// the time is first taken to the microsecond, then floor-divided by a day. A Date holds
  /// microseconds exactly enough for this until about the year 2137.
  static func wholeDays(from start: Date, to end: Date) -> Int {
    let microseconds = (end.timeIntervalSince(start) * 1_000_000).rounded()
    guard let exact = Int64(exactly: microseconds) else {
      return microseconds > 0 ? Int.max : Int.min
    }
    let (quotient, remainder) = exact.quotientAndRemainder(dividingBy: 86_400_000_000)
    return Int(remainder < 0 ? quotient - 1 : quotient)
  }

  private var w: [Double] { parameters.weights }

  func initialStability(_ rating: Rating) -> Double {
    clampStability(w[Int(rating.grade) - 1])
  }

  func initialDifficulty(_ rating: Rating, clamped: Bool) -> Double {
    initialDifficulty(grade: rating.grade, clamped: clamped)
  }

  private func initialDifficulty(grade: Double, clamped: Bool) -> Double {
    let difficulty = w[4] - pow(Self.e, w[5] * (grade - 1)) + 1
    return clamped ? clampDifficulty(difficulty) : difficulty
  }

  /// The interval in whole days for `stability` at the desired retention.
  func intervalDays(_ stability: Double) -> Int {
    let days = (stability / factor) * (pow(parameters.desiredRetention, 1 / decay) - 1)
    let rounded = days.rounded(.toNearestOrEven)
    let limit = Double(parameters.maximumInterval)
    guard rounded < limit else { return parameters.maximumInterval }
    return max(Int(rounded), 1)
  }

  /// Stability after a review less than a day after the one before.
  func shortTermStability(_ stability: Double, _ rating: Rating) -> Double {
    var increase = pow(Self.e, w[17] * (rating.grade - 3 + w[18])) * pow(stability, -w[19])
    if rating == .good { increase = max(increase, 1.0) }
    return clampStability(stability * increase)
  }

  func nextDifficulty(_ difficulty: Double, _ rating: Rating) -> Double {
    let easyInitial = initialDifficulty(grade: 4, clamped: false)
    let delta = -(w[6] * (rating.grade - 3))
    let damped = difficulty + (10.0 - difficulty) * delta / 9.0
    return clampDifficulty(w[7] * easyInitial + (1 - w[7]) * damped)
  }

  /// Stability after a review a day or more after the one before.
  func nextStability(
    _ difficulty: Double, _ stability: Double, _ retrievability: Double, _ rating: Rating
  ) -> Double {
    switch rating {
    case .again:
      clampStability(forgetStability(difficulty, stability, retrievability))
    case .good:
      clampStability(recallStability(difficulty, stability, retrievability))
    }
  }

  private func forgetStability(_ difficulty: Double, _ stability: Double, _ retrievability: Double)
    -> Double
  {
    let longTerm =
      w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1)
      * pow(Self.e, (1 - retrievability) * w[14])
    let shortTerm = stability / pow(Self.e, w[17] * w[18])
    return min(longTerm, shortTerm)
  }

  /// FSRS's recall stability for Good (no Hard penalty, no Easy bonus).
  private func recallStability(_ difficulty: Double, _ stability: Double, _ retrievability: Double)
    -> Double
  {
    stability
      * (1 + pow(Self.e, w[8]) * (11 - difficulty) * pow(stability, -w[9])
        * (pow(Self.e, (1 - retrievability) * w[10]) - 1))
  }

  private func clampStability(_ stability: Double) -> Double {
    max(stability, Self.minimumStability)
  }

  private func clampDifficulty(_ difficulty: Double) -> Double {
    min(max(difficulty, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound)
  }
}
