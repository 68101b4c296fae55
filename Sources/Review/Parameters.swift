/// The settings of an ``FSRS`` scheduler: the model's 21 weights, the desired retention and the
/// longest interval it may schedule.
///
/// The defaults are FSRS-6's published defaults, as py-fsrs 6.3.2 ships them. There is no fuzz
/// setting: coach never adds random jitter to intervals, so a question's schedule is a pure
/// function of its review log.
public struct Parameters: Sendable, Hashable {
  /// FSRS-6's 21 default weights (w0 to w20), as published with py-fsrs 6.3.2.
  public static let defaultWeights: [Double] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ]

  /// The retentions a scheduler accepts: 0.7 to 0.99.
  public static let retentionRange: ClosedRange<Double> = 0.7...0.99

  /// FSRS-6's defaults: the published weights, retention 0.9, intervals of at most 36,500 days.
  public static let `default` = Parameters()

  /// The model's weights, w0 to w20. Each must lie within the bounds the reference accepts.
  public var weights: [Double]
  /// The probability of recall at which a question falls due: 0.9 means a question comes back
  /// when the learner is estimated to have a 90% chance of still getting it right.
  public var desiredRetention: Double
  /// The longest interval, in days, between two reviews of a question.
  public var maximumInterval: Int

  public init(
    weights: [Double] = Parameters.defaultWeights, desiredRetention: Double = 0.9,
    maximumInterval: Int = 36_500
  ) {
    self.weights = weights
    self.desiredRetention = desiredRetention
    self.maximumInterval = maximumInterval
  }
}

extension Parameters {
  /// The bounds py-fsrs 6.3.2 checks each weight against (`LOWER_BOUNDS_PARAMETERS`,
  /// `UPPER_BOUNDS_PARAMETERS`).
  static let weightBounds: [ClosedRange<Double>] = [
    0.001...100, 0.001...100, 0.001...100, 0.001...100, 1...10, 0.001...4, 0.001...4,
    0.001...0.75, 0...4.5, 0...0.8, 0.001...3.5, 0.001...5, 0.001...0.25, 0.001...0.9, 0...4,
    0...1, 1...6, 0...2, 0...2, 0...0.8, 0.1...0.8,
  ]

  /// Checks every setting, and names the first one that is out of range.
  func validate() throws(FSRSError) {
    guard weights.count == Self.weightBounds.count else {
      throw .wrongWeightCount(weights.count, expected: Self.weightBounds.count)
    }
    for (index, (weight, bounds)) in zip(weights, Self.weightBounds).enumerated()
    where !bounds.contains(weight) {
      throw .weightOutOfRange(index: index, value: weight, allowed: bounds)
    }
    guard Self.retentionRange.contains(desiredRetention) else {
      throw .desiredRetentionOutOfRange(desiredRetention, allowed: Self.retentionRange)
    }
    guard maximumInterval >= 1 else { throw .maximumIntervalTooShort(maximumInterval) }
  }
}
