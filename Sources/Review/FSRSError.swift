/// Why a scheduler could not be made: the setting that is out of range, its value and what is
/// allowed.
public enum FSRSError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The desired retention is outside 0.7 to 0.99 (or is not a number).
  case desiredRetentionOutOfRange(Double, allowed: ClosedRange<Double>)
  /// The maximum interval is shorter than one day.
  case maximumIntervalTooShort(Int)
  /// The weights list does not have FSRS-6's 21 weights.
  case wrongWeightCount(Int, expected: Int)
  /// One weight is outside the bounds the FSRS-6 reference accepts.
  case weightOutOfRange(index: Int, value: Double, allowed: ClosedRange<Double>)

  public var description: String {
    switch self {
    case .desiredRetentionOutOfRange(let value, let allowed):
      "review settings: desired retention \(value) is out of range; "
        + "use a value from \(allowed.lowerBound) to \(allowed.upperBound)"
    case .maximumIntervalTooShort(let days):
      "review settings: maximum interval \(days) days is too short; use at least 1 day"
    case .wrongWeightCount(let count, let expected):
      "review settings: \(count) FSRS weights given; FSRS-6 needs exactly \(expected)"
    case .weightOutOfRange(let index, let value, let allowed):
      "review settings: FSRS weight w\(index) = \(value) is out of range; "
        + "use a value from \(allowed.lowerBound) to \(allowed.upperBound)"
    }
  }
}
