import CoachTestSupport
import Foundation
import LearnerModel
import Synchronization

@testable import ProgressStorePostgres

/// The test server `make test` starts (scripts/pg-test-server): its URL, a superuser's.
enum TestPostgres {
  static let url: String? = ProcessInfo.processInfo.environment["COACH_TEST_POSTGRES"].flatMap {
    $0.isEmpty ? nil : $0
  }

  /// The server, as the superuser, in its `postgres` database.
  static var server: PostgresLocation {
    get throws { try PostgresLocation(url: url ?? "", environment: [:]) }
  }

  /// A database name no other test uses.
  static func newDatabaseName(_ purpose: String) -> String {
    "coach_\(purpose)_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
  }
}

/// The PostgreSQL store, each check in a database of its own that is dropped afterwards;
/// reopening is a new store (new connections) on the same database.
final class PostgresSubject: StoreSubject {
  var name: String { "PostgreSQL" }
  private let opened = Mutex<[(database: String, store: PostgresProgressStore)]>([])

  func makeStore() async throws -> any ProgressStore {
    let database = TestPostgres.newDatabaseName("conformance")
    let server = try TestPostgres.server
    try await PostgresServer.createDatabase(database, on: server)
    let store = try await PostgresProgressStore(location: server.database(database))
    opened.withLock { $0.append((database, store)) }
    return store
  }

  func reopen(_ store: any ProgressStore) async throws -> (any ProgressStore)? {
    let first = store as! PostgresProgressStore
    let second = try await PostgresProgressStore(location: first.location)
    opened.withLock { $0.append((first.location.database, second)) }
    return second
  }

  /// Whether the store refuses a statement (an append-only table refuses changes).
  private static func refuses(_ sql: String, _ store: PostgresProgressStore) async -> Bool {
    do {
      try await store.execute(sql)
      return false
    } catch {
      return true
    }
  }

  func tryToAlterAttempts(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    let postgres = store as! PostgresProgressStore
    func refused(_ sql: String) async -> Bool { await Self.refuses(sql, postgres) }
    return (
      await refused("UPDATE drillAttempt SET correct = true"), await refused("DELETE FROM drillAttempt")
    )
  }

  func tryToAlterPasses(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    let postgres = store as! PostgresProgressStore
    func refused(_ sql: String) async -> Bool { await Self.refuses(sql, postgres) }
    return (await refused("UPDATE drillPass SET passMark = 50"), await refused("DELETE FROM drillPass"))
  }

  func beliefColumns(in store: any ProgressStore) async throws -> [String]? {
    try await (store as! PostgresProgressStore).strings(
      "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'beliefresponse'")
  }

  /// Closes every store the subject opened and drops their databases.
  func cleanUp() async throws {
    let all = opened.withLock { made in
      defer { made = [] }
      return made
    }
    for (_, store) in all { await store.close() }
    for database in Set(all.map(\.database)) {
      try await PostgresServer.dropDatabase(database, on: try TestPostgres.server)
    }
  }
}
