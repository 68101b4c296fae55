import CourseModel

/// The same shuffle every time for the same key, so a printed workbook never shows an order
/// question or a match's right-hand side in its right order, and a reprint is identical.
enum StableShuffle {
  /// A permutation of `0..<count` seeded by `key` that leaves no item in its place when
  /// `count >= 2`: `result[position]` is the index of the item shown at `position`.
  static func permutation(_ count: Int, key: String) -> [Int] {
    let identity = Array(0..<count)
    guard count >= 2 else { return identity }
    var state = UInt64(ContentHash.of(key), radix: 16) ?? 0x9E37_79B9_7F4A_7C15
    // About 37% of shuffles leave nothing in place, so 64 tries all fail once in 10^13.
    for _ in 0..<64 {
      var order = identity
      for index in stride(from: count - 1, to: 0, by: -1) {
        order.swapAt(index, Int(next(&state) % UInt64(index + 1)))
      }
      if zip(order, identity).allSatisfy({ $0 != $1 }) { return order }
    }
    return Array(identity.dropFirst()) + [0]
  }

  /// SplitMix64.
  private static func next(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
