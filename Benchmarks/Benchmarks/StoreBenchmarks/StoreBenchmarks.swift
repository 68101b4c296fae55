// The progress store under ordo-one's benchmark harness: recording an answer (one
// transaction each) beside a bare SQLite INSERT at the same durability, and the
// trainer's summary over 10,000 employees x 200 answers beside the `sqlite3` command.
// StoreComparisons (run by `make bench` too) prints the same pairs as one table with
// ratios, plus the 50-process runs.
import Benchmark
import Foundation
import LearnerModel
import ProgressStoreSQLite
import StoreBenchSupport

// One store and one bare database per durability level, opened on first use and kept
// for every sample, so that samples measure recording and nothing else.
final class Fixtures: @unchecked Sendable {
  static let shared = Fixtures()
  private let lock = NSLock()
  private var stores: [SQLiteProgressStore.Durability: StoreFixture] = [:]
  private var bare: [SQLiteProgressStore.Durability: BareSQLite] = [:]

  func store(_ durability: SQLiteProgressStore.Durability) async throws -> StoreFixture {
    if let known = lock.withLock({ stores[durability] }) { return known }
    let made = try await StoreFixture(
      path: BenchFiles.fresh("ordo-record-\(durability.rawValue).sqlite"), durability: durability)
    lock.withLock { stores[durability] = made }
    return made
  }

  func bareDatabase(_ durability: SQLiteProgressStore.Durability) -> BareSQLite {
    lock.withLock {
      if let known = bare[durability] { return known }
      let made = BareSQLite(
        path: BenchFiles.fresh("ordo-bare-\(durability.rawValue).sqlite"), synchronous: durability.pragma)
      bare[durability] = made
      return made
    }
  }
}

extension SQLiteProgressStore.Durability {
  var pragma: String { self == .full ? "FULL" : "NORMAL" }
}

let benchmarks: @Sendable () -> Void = {
  let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .cpuTotal]

  for durability in SQLiteProgressStore.Durability.allCases {
    // synchronous=FULL waits for the disk at each commit: one answer per iteration.
    // NORMAL does not: a thousand per iteration, so the clock's resolution does not show.
    let config = Benchmark.Configuration(
      metrics: metrics, timeUnits: .microseconds, warmupIterations: durability == .full ? 20 : 2,
      scalingFactor: durability == .full ? .one : .kilo, maxDuration: .seconds(4),
      maxIterations: durability == .full ? 2_000 : 100)

    Benchmark("Record answer + bookmark, coach (synchronous=\(durability.pragma))", configuration: config) {
      benchmark in
      let fixture = try await Fixtures.shared.store(durability)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations { try await fixture.recordAnswer() }
      benchmark.stopMeasurement()
    }

    Benchmark("Bare INSERT, SQLite C API (synchronous=\(durability.pragma))", configuration: config) {
      benchmark in
      let bare = Fixtures.shared.bareDatabase(durability)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations { bare.insertAnswer() }
      benchmark.stopMeasurement()
    }
  }

  let summary = Benchmark.Configuration(
    metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10),
    maxIterations: 10)

  Benchmark("Summary 10,000 employees x 200 answers, coach", configuration: summary) { benchmark in
    let store = try SQLiteProgressStore(path: try SummaryDatabase.prepare())
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try await store.summary(of: SummaryDatabase.scope))
    }
    benchmark.stopMeasurement()
  }

  if let sqlite3 = Shell.sqlite3 {
    Benchmark("Summary 10,000 employees x 200 answers, sqlite3 command", configuration: summary) {
      benchmark in
      let path = try SummaryDatabase.prepare()
      let sql = SummaryDatabase.cliSQL
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        let outcome = try Shell.run(sqlite3, ["-readonly", path, sql])
        precondition(outcome.status == 0, outcome.errors)
      }
      benchmark.stopMeasurement()
    }
  }
}
