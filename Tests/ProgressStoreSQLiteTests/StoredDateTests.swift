import Foundation
import Testing

@testable import ProgressStoreSQLite

/// Times are written without Foundation's formatter; they must read back exactly as
/// `stored(_:)` promises, and in the text form GRDB and SQLite's date functions read.
@Suite struct StoredDateTests {
  @Test func theTextIsWhatSQLitesDateFunctionsRead() throws {
    let sqlite = try RawDatabase(path: ":memory:")
    for seconds in [0.0, 1_767_225_600.25, 951_782_400.999, -86_400.5, 4_102_444_799.001] {
      let date = Date(timeIntervalSince1970: seconds)
      let text = StoredDate.text(date)
      // SQLite reads the text as the same instant, to the millisecond.
      let read = try sqlite.strings(
        "SELECT CAST(ROUND((julianday('\(text)') - 2440587.5) * 86400000) AS INTEGER)")
      #expect(read == [String(StoredDate.milliseconds(date))], "\(seconds): \(text)")
      #expect(StoredDate.parse(text) == SQLiteProgressStore.stored(date))
    }
    #expect(StoredDate.text(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29 00:00:00.500")
  }

  @Test func everyTimeReadsBackAsStored() {
    let seed: UInt64 = 20_261_201
    var generator = SeededGenerator(seed: seed)
    for n in 0..<20_000 {
      let date = Date(timeIntervalSince1970: Double.random(in: -2e9...5e9, using: &generator))
      #expect(
        StoredDate.parse(StoredDate.text(date)) == SQLiteProgressStore.stored(date),
        "seed \(seed), draw \(n): \(date.timeIntervalSince1970)")
    }
  }

  @Test func otherTextIsNotMistakenForATime() {
    for text in [
      "", "2026-01-01", "2026-13-01 00:00:00.000", "2026-01-01T00:00:00.000", "abcd-ef-gh ij:kl:mn.opq",
    ] {
      #expect(StoredDate.parse(text) == nil, "\(text)")
    }
  }
}

/// SplitMix64, so a random test draws the same values on every run.
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
