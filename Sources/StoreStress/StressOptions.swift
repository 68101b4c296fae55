import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite

/// The command line of the harness.
struct StressOptions {
  var killTrials = 10
  var writers = 8
  var answers = 50
  var durability = SQLiteProgressStore.Durability.full
  /// `--store URL`: a PostgreSQL server (a user who may create databases) instead of files.
  var server: PostgresLocation?
  var seed: UInt64?

  /// Where the stores are made.
  var store: StressStore { server.map(StressStore.postgres) ?? .sqlite(durability) }

  struct UsageError: Error, CustomStringConvertible {
    var description: String
  }

  init(arguments: [String]) throws {
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
      func number() throws -> Int {
        guard let n = Int(value), n >= 0 else {
          throw UsageError(description: "\(flag) needs a whole number, not \(value)")
        }
        return n
      }
      switch flag {
      case "--kill-trials": killTrials = try number()
      case "--writers": writers = try number()
      case "--answers": answers = try number()
      case "--seed": seed = UInt64(try number())
      case "--store":
        do {
          server = try PostgresLocation(url: value, environment: ProcessInfo.processInfo.environment)
        } catch {
          throw UsageError(description: "--store: \(error.description)")
        }
      case "--durability":
        guard let d = SQLiteProgressStore.Durability(rawValue: value) else {
          throw UsageError(description: "--durability is full or normal, not \(value)")
        }
        durability = d
      default:
        throw UsageError(
          description: "unknown option \(flag); use --kill-trials N --writers N --answers N "
            + "[--durability full|normal] [--store postgres://user@host:port/dbname] [--seed N]")
      }
    }
  }
}

/// Counts checks that passed and failed, and says why a check failed.
struct Tally {
  var passed = 0
  var failed = 0

  mutating func check(_ ok: Bool, _ what: @autoclosure () -> String) {
    if ok {
      passed += 1
    } else {
      failed += 1
      print("FAIL: \(what())")
    }
  }
}

/// A temporary folder for the stores and the children's output, removed on success.
struct Scratch {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("coach-stress-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func folder(_ name: String) -> URL {
    let url = root.appendingPathComponent(name)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func remove() {
    try? FileManager.default.removeItem(at: root)
  }
}
