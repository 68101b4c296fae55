import Foundation
import Testing

/// The PostgreSQL server `make test` starts (scripts/pg-test-server), read with `psql`:
/// a reader that is not coach.
enum TestPostgres {
  static let environment = ProcessInfo.processInfo.environment
  /// A superuser's URL, `…/postgres?sslmode=disable`.
  static let url: String? = environment["COACH_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
  static var isSet: Bool { url != nil }

  static let psql: String =
    ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) }
    ?? "/usr/bin/psql"

  /// The URL of another database on the same server as `server` (`url` by default).
  static func url(of database: String, on server: String? = nil) -> String {
    let parts = (server ?? url ?? "").split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let head = parts[0]
    let root = head[..<(head.lastIndex(of: "/") ?? head.endIndex)]
    return root + "/" + database + (parts.count > 1 ? "?" + parts[1] : "")
  }

  /// Runs SQL with `psql` and returns its rows, one line each (`-At`).
  @discardableResult
  static func sql(_ text: String, in databaseURL: String) throws -> [String] {
    let result = try Spawn.run(
      psql, ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", text, databaseURL], environment: environment,
      captureOutput: true, timeout: 30)
    guard result.status == 0 else {
      throw Spawn.Failure(description: "psql \(text.prefix(80)) failed with status \(result.status)")
    }
    return result.output.split(separator: "\n").map(String.init)
  }

  /// A new, empty database for one test; its URL. Drop it with ``drop(_:)``.
  static func newStore(on server: String? = nil) throws -> String {
    let name =
      "coach_cli_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
    try sql("CREATE DATABASE \(name)", in: server ?? url ?? "")
    return url(of: name, on: server)
  }

  static func drop(_ databaseURL: String, on server: String? = nil) {
    let name = databaseURL.split(separator: "?")[0].split(separator: "/").last.map(String.init) ?? ""
    _ = try? sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", in: server ?? url ?? "")
  }
}

/// A server of a test's own, for tests that stop and start it.
final class OwnPostgresServer {
  static let script = CoachBinary.root.appendingPathComponent("scripts/pg-test-server").path
  let url: String
  let folder: String

  init() throws {
    let started = try Spawn.run(
      Self.script, ["start"], environment: TestPostgres.environment, captureOutput: true, timeout: 120)
    var variables: [String: String] = [:]
    for line in started.output.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { variables[parts[0]] = parts[1] }
    }
    guard started.status == 0, let url = variables["COACH_TEST_POSTGRES"],
      let folder = variables["COACH_TEST_POSTGRES_DIR"]
    else {
      throw Spawn.Failure(description: "scripts/pg-test-server start failed (status \(started.status))")
    }
    self.url = url
    self.folder = folder
  }

  /// `pg_ctl -m fast stop`, `start` or `restart`.
  func control(_ action: String) throws {
    let result = try Spawn.run(
      Self.script, ["ctl", folder, action], environment: TestPostgres.environment, timeout: 90)
    guard result.status == 0 else { throw Spawn.Failure(description: "pg_ctl \(action) failed") }
  }

  deinit {
    _ = try? Spawn.run(Self.script, ["stop", folder], environment: TestPostgres.environment, timeout: 60)
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test when the test server's URL is set, as `make test` sets it.
  static var postgres: Self {
    .enabled(if: TestPostgres.isSet, "COACH_TEST_POSTGRES is not set (make test starts a server and sets it)")
  }
}
