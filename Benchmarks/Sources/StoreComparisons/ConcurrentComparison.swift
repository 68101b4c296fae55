import Foundation
import LearnerModel
import ProgressStoreSQLite
import StoreBenchSupport

/// Many processes recording at once into one file: coach writers (this executable in
/// its child mode) against as many `sqlite3` processes running the same INSERTs.
struct ConcurrentComparison {
  let durability: SQLiteProgressStore.Durability
  let processes: Int
  let answers: Int

  func run() async throws {
    let synchronous = durability == .full ? "FULL" : "NORMAL"
    print("## \(processes) processes at once, \(answers) answers each, synchronous = \(synchronous)")
    var rows: [[String]] = []

    let ours = BenchFiles.fresh("concurrent-coach.sqlite")
    _ = try SQLiteProgressStore(path: ours, durability: durability)  // schema first, as in use
    let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let oursRun = try runAll {
      try Shell.start(
        me, ["--child-writer", ours, "bench-\($0)", String(answers), durability.rawValue])
    }
    let oursRows = try await SQLiteProgressStore(path: ours).rowCounts()["drillAttempt"] ?? 0
    rows.append(row("coach, \(processes) processes", oursRun, oursRows))

    if let sqlite3 = Shell.sqlite3 {
      let cli = BenchFiles.fresh("concurrent-cli.sqlite")
      let script = try Shell.insertScript(count: answers, synchronous: synchronous, name: "concurrent.sql")
      let prepared = try Shell.run(
        sqlite3, [cli, BareSQLite.createTable.replacingOccurrences(of: "\n", with: " ")])
      guard prepared.status == 0 else { throw BenchError("sqlite3: \(prepared.errors)") }
      let cliRun = try runAll { _ in try Shell.start(sqlite3, ["-bail", cli], stdin: script) }
      let counted = try Shell.count(sqlite3, cli, "SELECT COUNT(*) FROM answer")
      rows.append(row("sqlite3 command, \(processes) processes", cliRun, counted))
      let ratio = cliRun.seconds / oursRun.seconds
      Table(columns: ["contender", "seconds", "answers/s", "rows", "errors"]).print(rows)
      print(
        "RESULT \(processes)-process answers/s synchronous=\(synchronous): coach \(format(Double(oursRows) / oursRun.seconds, 0)), sqlite3 \(format(Double(counted) / cliRun.seconds, 0)) (coach/sqlite3 throughput \(format(ratio, 2))x)\n"
      )
    } else {
      Table(columns: ["contender", "seconds", "answers/s", "rows", "errors"]).print(rows)
      print()
    }
  }

  private struct Run {
    var seconds: Double
    var errors: Int
  }

  private func runAll(_ start: (Int) throws -> (Process, URL)) throws -> Run {
    let clock = ContinuousClock()
    let began = clock.now
    let started = try (0..<processes).map(start)
    var errors = 0
    for child in started {
      let outcome = Shell.wait(child)
      if outcome.status != 0 || !outcome.errors.isEmpty {
        errors += 1
        if errors == 1 { print("   first error: \(outcome.errors.prefix(300))") }
      }
    }
    return Run(seconds: (clock.now - began).seconds, errors: errors)
  }

  private func row(_ name: String, _ run: Run, _ count: Int) -> [String] {
    [name, format(run.seconds, 2), format(Double(count) / run.seconds, 0), String(count), String(run.errors)]
  }
}

/// The child mode: records `count` answers for one employee, one transaction each.
enum ChildWriter {
  static func run(_ arguments: [String]) async -> Int32 {
    guard arguments.count == 4, let count = Int(arguments[2]),
      let durability = SQLiteProgressStore.Durability(rawValue: arguments[3])
    else { return 64 }
    do {
      let fixture = try await StoreFixture(path: arguments[0], durability: durability, employee: arguments[1])
      for _ in 0..<count { try await fixture.recordAnswer() }
      return 0
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      return 1
    }
  }
}

extension Shell {
  /// Runs one query with `sqlite3` and reads back a number.
  static func count(_ sqlite3: String, _ path: String, _ sql: String) throws -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite3)
    process.arguments = [path, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }
}
