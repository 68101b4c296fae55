// Side-by-side figures for the progress store, measured in one run on one machine:
//
//   1. recording an answer, one transaction each: SQLiteProgressStore vs a bare INSERT
//      through SQLite's C API vs the `sqlite3` command, at both durability levels;
//   2. 50 processes at once, 200 answers each: coach vs 50 `sqlite3` processes;
//   3. the trainer's summary over 10,000 employees x 200 answers: coach vs `sqlite3`;
//   4. with a PostgreSQL server (COACH_TEST_POSTGRES, set by make bench): recording vs a
//      bare BEGIN; INSERT; COMMIT over a postgres-nio connection, and the summary vs psql;
//   5. the ratios of both stores side by side;
//   6. a learner's review schedule worked out from two years of answers vs reading them;
//   7. the trainer's reports (cohort, items, beliefs) over 10,000 employees x 200
//      answers: the `coach report` command vs the same figures in SQL run by `sqlite3`,
//      and the cohort report's peak memory at 1,000 and 10,000 employees.
//
// Usage: StoreComparisons [--quick] [--review | --reports-only | --postgres-only] [PATH-TO-RELEASE-COACH]
//   (--review: only the review schedule, 6.; --reports-only: only the reports, 7.;
//   --postgres-only: only the PostgreSQL figures, 4.)
import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite
import StoreBenchSupport

/// The SQLite ratios, printed again beside the PostgreSQL ones at the end.
nonisolated(unsafe) var sqliteResults: [String: Double] = [:]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child-writer" {
  exit(await ChildWriter.run(Array(arguments.dropFirst())))
}
let quick = arguments.contains("--quick")
let reportsOnly = arguments.contains("--reports-only")
let coachBinary = arguments.first { !$0.hasPrefix("--") } ?? "../.build/release/coach"

print("coach progress store: side-by-side benchmarks (\(quick ? "quick" : "full") run)")
print("sqlite3 command: \(Shell.sqlite3 ?? "not installed, its columns are skipped")\n")

do {
  if arguments.contains("--review") {
    try await ReviewComparison(runs: quick ? 5 : 21).run()
    exit(0)
  }
  if reportsOnly {
    try await ReportComparison(coach: coachBinary, runs: quick ? 2 : 5).run()
    exit(0)
  }
  let postgresOnly = arguments.contains("--postgres-only")
  if !postgresOnly {
    for durability in [SQLiteProgressStore.Durability.normal, .full] {
      try await RecordingComparison(durability: durability, quick: quick).run()
    }
    for durability in [SQLiteProgressStore.Durability.full, .normal] {
      try await ConcurrentComparison(durability: durability, processes: 50, answers: quick ? 40 : 200).run()
    }
    try await SummaryComparison(runs: quick ? 2 : 5).run()
  }
  let server = ProcessInfo.processInfo.environment["COACH_TEST_POSTGRES"].flatMap {
    try? PostgresLocation(url: $0, environment: ProcessInfo.processInfo.environment)
  }
  if let server {
    let postgres = PostgresComparison(server: server, quick: quick)
    try await postgres.recording()
    try await postgres.summary()
  } else {
    print(
      "PostgreSQL: not measured (COACH_TEST_POSTGRES is not set; make bench starts a server and sets it)\n")
  }
  func shown(_ ratio: Double?) -> String { ratio.map { format($0, 2) + "x" } ?? "-" }
  print("## Ratios side by side (goal <= 2x)")
  Table(columns: ["measure", "SQLite (synchronous=FULL)", "PostgreSQL (fsync on)"]).print([
    ["record + bookmark / bare insert", shown(sqliteResults["record-FULL"]), shown(postgresResults.record)],
    [
      "the same in a learner's session", shown(sqliteResults["record-in-session-FULL"]),
      shown(postgresResults.recordInSession),
    ],
    ["summary / command-line client", shown(sqliteResults["summary"]), shown(postgresResults.summary)],
  ])
  if postgresOnly { exit(0) }
  try await ReviewComparison(runs: quick ? 5 : 21).run()
  try await ReportComparison(coach: coachBinary, runs: quick ? 2 : 5).run()
} catch {
  FileHandle.standardError.write(Data("StoreComparisons: \(error)\n".utf8))
  exit(1)
}
