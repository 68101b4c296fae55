import Foundation
import LearnerModel
import ProgressStoreSQLite
import StoreBenchSupport

/// The trainer's summary over 10,000 employees x 200 answers: coach's `summary(of:)`
/// (the query and turning 10,000 rows into Swift values) against the same SQL run by
/// the `sqlite3` command (its process start and printing the rows to /dev/null).
struct SummaryComparison {
  let runs: Int

  func run() async throws {
    let path = try SummaryDatabase.prepare()
    print("## Summary query, \(SummaryDatabase.employees) employees x \(SummaryDatabase.answersEach) answers")
    let store = try SQLiteProgressStore(path: path)
    let clock = ContinuousClock()
    var ours: [Double] = []
    var cli: [Double] = []
    var rowsSeen = 0
    _ = try await store.summary(of: SummaryDatabase.scope)  // warm the page cache for both
    for _ in 0..<runs {
      let start = clock.now
      rowsSeen = try await store.summary(of: SummaryDatabase.scope).count
      ours.append((clock.now - start).seconds)
      if let sqlite3 = Shell.sqlite3 {
        let outcome = try Shell.run(sqlite3, ["-readonly", path, SummaryDatabase.cliSQL])
        guard outcome.status == 0 else { throw BenchError("sqlite3 failed: \(outcome.errors)") }
        cli.append(outcome.seconds)
      }
    }
    var rows = [["coach summary(of:)", format(median(ours) * 1000, 0), String(rowsSeen)]]
    if !cli.isEmpty { rows.append(["sqlite3 command, same SQL", format(median(cli) * 1000, 0), "10000"]) }
    Table(columns: ["contender", "ms (median of \(runs))", "rows"]).print(rows)
    if !cli.isEmpty {
      print("RESULT summary coach/sqlite3: \(format(median(ours) / median(cli), 2))x\n")
      sqliteResults["summary"] = median(ours) / median(cli)
    }
  }
}
