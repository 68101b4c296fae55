import Foundation
import GRDB
import Testing

@testable import ProgressStore

/// Times are written without Foundation's formatter; they must read back exactly as
/// `stored(_:)` promises, and in the text form GRDB and SQLite's date functions read.
@Suite struct StoredDateTests {
  @Test func theTextIsWhatGRDBAndSQLiteRead() throws {
    for seconds in [0.0, 1_767_225_600.25, 951_782_400.999, -86_400.5, 4_102_444_799.001] {
      let date = Date(timeIntervalSince1970: seconds)
      let text = StoredDate.text(date)
      #expect(text == (date.databaseValue.storage.value as? String), "\(seconds)")
      // GRDB reads the same instant (its own arithmetic may differ in the last bit).
      let read = try #require(Date.fromDatabaseValue(text.databaseValue))
      #expect(abs(read.timeIntervalSince(SQLiteProgressStore.stored(date))) < 1e-6)
    }
    #expect(StoredDate.text(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29 00:00:00.500")
  }

  @Test func everyTimeReadsBackAsStored() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let date = Date(timeIntervalSince1970: Double.random(in: -2e9...5e9, using: &generator))
      #expect(StoredDate.parse(StoredDate.text(date)) == SQLiteProgressStore.stored(date))
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
