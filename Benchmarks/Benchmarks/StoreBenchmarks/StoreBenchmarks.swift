// The progress store under ordo-one's benchmark harness: recording an answer (one
// transaction each) beside a bare SQLite INSERT at the same durability, and the
// trainer's summary over 10,000 employees x 200 answers beside the `sqlite3` command.
// StoreComparisons (run by `make bench` too) prints the same pairs as one table with
// ratios, plus the 50-process runs.
import Benchmark
import Foundation
import ProgressStore
import StoreBenchSupport

let benchmarks: @Sendable () -> Void = {
  let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .cpuTotal]
  let recording = Benchmark.Configuration(
    metrics: metrics, timeUnits: .microseconds, warmupIterations: 20, scalingFactor: .kilo,
    maxDuration: .seconds(4), maxIterations: 200)

  for durability in SQLiteProgressStore.Durability.allCases {
    let tag = durability.rawValue
    let synchronous = durability == .full ? "FULL" : "NORMAL"
    var config = recording
    if durability == .full { config.scalingFactor = .hundred }

    Benchmark("Record answer + bookmark, coach (synchronous=\(synchronous))", configuration: config) { benchmark in
      let fixture = try StoreFixture(path: BenchFiles.fresh("ordo-record-\(tag).sqlite"), durability: durability)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations { try fixture.recordAnswer() }
      benchmark.stopMeasurement()
    }

    Benchmark("Bare INSERT, SQLite C API (synchronous=\(synchronous))", configuration: config) { benchmark in
      let bare = BareSQLite(path: BenchFiles.fresh("ordo-bare-\(tag).sqlite"), synchronous: synchronous)
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
      blackHole(try store.summary(of: SummaryDatabase.courseID))
    }
    benchmark.stopMeasurement()
  }

  if let sqlite3 = Shell.sqlite3 {
    Benchmark("Summary 10,000 employees x 200 answers, sqlite3 command", configuration: summary) { benchmark in
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
