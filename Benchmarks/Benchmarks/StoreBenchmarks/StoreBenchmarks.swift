// The progress store under ordo-one's benchmark harness: recording an answer (one
// transaction each) beside a bare SQLite INSERT at the same durability, and the
// trainer's summary over 10,000 employees x 200 answers beside the `sqlite3` command.
// StoreComparisons (run by `make bench` too) prints the same pairs as one table with
// ratios, plus the 50-process runs.
import Benchmark
import Foundation
import ProgressStore
import StoreBenchSupport

// One store and one bare database per durability level, opened on first use and kept
// for every sample, so that samples measure recording and nothing else.
let storeFixtures = Dictionary(
  uniqueKeysWithValues: SQLiteProgressStore.Durability.allCases.map { durability in
    (
      durability,
      try! StoreFixture(
        path: BenchFiles.fresh("ordo-record-\(durability.rawValue).sqlite"), durability: durability)
    )
  })
let bareFixtures = Dictionary(
  uniqueKeysWithValues: SQLiteProgressStore.Durability.allCases.map { durability in
    (
      durability,
      BareSQLite(
        path: BenchFiles.fresh("ordo-bare-\(durability.rawValue).sqlite"), synchronous: durability.pragma)
    )
  })

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
      let fixture = storeFixtures[durability]!
      for _ in benchmark.scaledIterations { try fixture.recordAnswer() }
    }

    Benchmark("Bare INSERT, SQLite C API (synchronous=\(durability.pragma))", configuration: config) {
      benchmark in
      let bare = bareFixtures[durability]!
      for _ in benchmark.scaledIterations { bare.insertAnswer() }
    }
  }

  let summary = Benchmark.Configuration(
    metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10),
    maxIterations: 10)

  Benchmark("Summary 10,000 employees x 200 answers, coach", configuration: summary) { benchmark in
    let store = try SQLiteProgressStore(path: try SummaryDatabase.prepare())
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try store.summary(of: SummaryDatabase.courseID))
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
