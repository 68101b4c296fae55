import CourseModel

/// SplitMix64: a small, fast, seedable random number generator, so `--seed` gives the
/// same shuffles on every machine and every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Seeded shuffles keyed by item id, so a resumed question shows the same order.
public enum Shuffle {
  /// A permutation of `0..<count`: element `d` is the original index shown at display
  /// position `d`. With `avoidIdentity`, a list of two or more never comes out as written
  /// (an order question must not show its answer).
  public static func permutation(count: Int, seed: UInt64, key: String, avoidIdentity: Bool = false) -> [Int]
  {
    var rng = SplitMix64(seed: seed ^ UInt64(ContentHash.of(key), radix: 16)!)
    var order = Array(0..<count)
    if count > 1 {
      for i in stride(from: count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
    }
    if avoidIdentity && count > 1 && order == Array(0..<count) {
      order = Array(order[1...]) + [order[0]]
    }
    return order
  }

  /// A seed from text (an employee id): the same employee sees the same order each time.
  public static func seed(from text: String) -> UInt64 {
    UInt64(ContentHash.of(text), radix: 16)!
  }
}
