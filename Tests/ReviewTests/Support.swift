import Foundation

@testable import Review

/// Paths of the test files, found from this source file.
enum Paths {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let vectors = tests.appendingPathComponent("Vectors/fsrs-6.3.2-vectors.json")
}

/// The reference vectors written by `Vectors/make_vectors.py` with py-fsrs 6.3.2.
struct ReferenceVectors: Decodable {
  struct Sequence: Decodable {
    var retention: Double
    var maximumInterval: Int
    var reviews: [Review]
  }

  /// One review and the reference's state after it; times in microseconds since 1970 (UTC).
  struct Review: Decodable {
    var at: Int64
    var rating: String
    /// The reference's retrievability of the state before this review, at `at`.
    var r: Double
    var s: Double
    var d: Double
    var due: Int64
    var days: Int
  }

  var fsrs: String
  var seed: Int
  var weights: [Double]
  var learningSteps: [Double]
  var relearningSteps: [Double]
  var fuzz: Bool
  var sequences: [Sequence]

  static func load() throws -> ReferenceVectors {
    try JSONDecoder().decode(ReferenceVectors.self, from: Data(contentsOf: Paths.vectors))
  }
}

/// Microseconds since 1970 (UTC), as the vectors write times, and back.
extension Date {
  init(microseconds: Int64) {
    self.init(timeIntervalSince1970: Double(microseconds) / 1_000_000)
  }

  var microseconds: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded()) }
}

/// `|actual - expected| / |expected|`, or the absolute difference when `expected` is 0.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
  expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

let day: TimeInterval = 86_400
/// A fixed moment to start from: 2025-03-01 09:00:00 UTC.
let start = Date(timeIntervalSince1970: 1_740_819_600)

/// A small seeded generator (SplitMix64), so random tests can print the seed that failed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
