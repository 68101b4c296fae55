import Foundation
import LearnerModel
import ProgressStoreSQLite
import StoreBenchSupport

/// Recording one answer per transaction, in one process: coach against the baselines.
/// Rounds alternate between contenders so that a slow moment of the disk hits all.
struct RecordingComparison {
  let durability: SQLiteProgressStore.Durability
  let quick: Bool

  var synchronous: String { durability == .full ? "FULL" : "NORMAL" }

  func run() async throws {
    let perRound = durability == .full ? (quick ? 100 : 400) : (quick ? 500 : 3000)
    let rounds = quick ? 3 : 7
    let tag = durability.rawValue
    let ours = try await StoreFixture(path: BenchFiles.fresh("record-\(tag).sqlite"), durability: durability)
    try await ours.openSession()
    let bare = BareSQLite(path: BenchFiles.fresh("bare-\(tag).sqlite"), synchronous: synchronous)
    let cliPath = BenchFiles.fresh("cli-\(tag).sqlite")
    let script = try Shell.insertScript(count: perRound, synchronous: synchronous, name: "cli-\(tag).sql")

    var samples: [String: [Double]] = [:]
    let clock = ContinuousClock()
    func time(_ name: String, _ body: () async throws -> Void) async rethrows {
      let start = clock.now
      try await body()
      samples[name, default: []].append((clock.now - start).seconds / Double(perRound))
    }
    // Warm up each contender once.
    for _ in 0..<50 {
      try await ours.recordAnswer()
      bare.insertAnswer()
    }
    for _ in 0..<rounds {
      await time("bare INSERT, C API") { for _ in 0..<perRound { bare.insertAnswer() } }
      try await time("coach recordAttempt + bookmark") {
        for _ in 0..<perRound { try await ours.recordAnswer() }
      }
      try await time("coach recordAttempt alone") {
        for _ in 0..<perRound { try await ours.recordAnswer(withBookmark: false) }
      }
      try await time(Self.inSession) {
        for _ in 0..<perRound { try await ours.recordAnswer(inSession: true) }
      }
      if let sqlite3 = Shell.sqlite3 {
        let outcome = try Shell.run(sqlite3, ["-bail", cliPath], stdin: script)
        guard outcome.status == 0 else { throw BenchError("sqlite3 failed: \(outcome.errors)") }
        samples["sqlite3 command, same INSERTs", default: []].append(outcome.seconds / Double(perRound))
      }
    }

    let baseline = median(samples["bare INSERT, C API"]!)
    print("## Recording one answer per transaction, WAL, synchronous = \(synchronous)")
    print("   (\(rounds) alternating rounds of \(perRound); median per answer)")
    let order = [
      "coach recordAttempt + bookmark", Self.inSession, "coach recordAttempt alone", "bare INSERT, C API",
      "sqlite3 command, same INSERTs",
    ]
    Table(columns: ["contender", "µs/answer", "answers/s", "ratio to bare"]).print(
      order.compactMap { name in
        samples[name].map { values in
          let m = median(values)
          return [name, format(m * 1e6, 1), format(1 / m, 0), format(m / baseline, 2) + "x"]
        }
      })
    let ratio = median(samples["coach recordAttempt + bookmark"]!) / baseline
    print("RESULT record-vs-bare synchronous=\(synchronous): \(format(ratio, 2))x (goal <= 2x)\n")
    sqliteResults["record-\(synchronous)"] = ratio
    sqliteResults["record-in-session-\(synchronous)"] = median(samples[Self.inSession]!) / baseline
  }

  static let inSession = "the same in a learner's session (lease checked)"
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func format(_ value: Double, _ decimals: Int) -> String {
  String(format: "%.\(decimals)f", value)
}

/// A plain text table.
struct Table {
  let columns: [String]

  func print(_ rows: [[String]]) {
    let widths = columns.indices.map { i in ([columns[i]] + rows.map { $0[i] }).map(\.count).max()! }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        i == 0
          ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[i] - cell.count) + cell
      }.joined(separator: "  ")
    }
    Swift.print("   " + line(columns))
    for row in rows { Swift.print("   " + line(row)) }
  }
}
