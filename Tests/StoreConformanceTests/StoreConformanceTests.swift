import CoachTestSupport
import Foundation
import LearnerModel
import Testing

@testable import ProgressStoreSQLite

/// The SQLite store in a file: the store coach uses.
struct SQLiteFileSubject: StoreSubject {
  var name: String { "SQLite file" }

  func makeStore() async throws -> any ProgressStore {
    let folder = NSTemporaryDirectory() + "coach-conformance-" + UUID().uuidString
    return try SQLiteProgressStore(path: folder + "/progress.sqlite")
  }

  func reopen(_ store: any ProgressStore) async throws -> (any ProgressStore)? {
    try SQLiteProgressStore(path: (store as! SQLiteProgressStore).path)
  }

  func tryToAlterAttempts(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    let sqlite = store as! SQLiteProgressStore
    func refused(_ sql: String) async -> Bool {
      do {
        try await sqlite.execute(sql)
        return false
      } catch {
        return true
      }
    }
    return (await refused("UPDATE drillAttempt SET correct = 1"), await refused("DELETE FROM drillAttempt"))
  }

  func tryToAlterPasses(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    let sqlite = store as! SQLiteProgressStore
    func refused(_ sql: String) async -> Bool {
      do {
        try await sqlite.execute(sql)
        return false
      } catch {
        return true
      }
    }
    return (await refused("UPDATE drillPass SET passMark = 50"), await refused("DELETE FROM drillPass"))
  }

  func beliefColumns(in store: any ProgressStore) async throws -> [String]? {
    try await (store as! SQLiteProgressStore).strings("SELECT name FROM pragma_table_info('beliefResponse')")
  }
}

/// The SQLite store in memory (one connection, nothing on disk).
struct SQLiteMemorySubject: StoreSubject {
  var name: String { "SQLite in memory" }
  func makeStore() async throws -> any ProgressStore { try SQLiteProgressStore.inMemory() }
  func reopen(_ store: any ProgressStore) async throws -> (any ProgressStore)? { nil }
  func tryToAlterAttempts(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    try await SQLiteFileSubject().tryToAlterAttempts(in: store)
  }
  func tryToAlterPasses(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    try await SQLiteFileSubject().tryToAlterPasses(in: store)
  }
  func beliefColumns(in store: any ProgressStore) async throws -> [String]? {
    try await SQLiteFileSubject().beliefColumns(in: store)
  }
}

/// The store the engine and terminal tests use.
struct InMemorySubject: StoreSubject {
  var name: String { "in memory" }
  func makeStore() async throws -> any ProgressStore { InMemoryProgressStore() }
  func reopen(_ store: any ProgressStore) async throws -> (any ProgressStore)? { nil }
  func tryToAlterAttempts(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    nil
  }
  func tryToAlterPasses(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )? {
    nil
  }
  func beliefColumns(in store: any ProgressStore) async throws -> [String]? { nil }
}

/// One conformance suite for every store: each check runs on each store that offers
/// what the check needs.
@Suite("Store conformance") struct StoreConformanceTests {
  @Test("SQLite file", arguments: StoreConformance.checks(offering: [.reopen, .rawStatements, .tables]))
  func sqliteFile(_ check: ConformanceCheck) async throws {
    try await check.run(on: SQLiteFileSubject())
  }

  @Test("SQLite in memory", arguments: StoreConformance.checks(offering: [.rawStatements, .tables]))
  func sqliteMemory(_ check: ConformanceCheck) async throws {
    try await check.run(on: SQLiteMemorySubject())
  }

  @Test("in memory", arguments: StoreConformance.checks(offering: []))
  func inMemory(_ check: ConformanceCheck) async throws {
    try await check.run(on: InMemorySubject())
  }

  /// Run when the test server's URL is set, as `make test` sets it (so always in CI).
  @Test(
    "PostgreSQL", .enabled(if: TestPostgres.url != nil, "COACH_TEST_POSTGRES is not set (make test sets it)"),
    arguments: StoreConformance.checks(offering: [.reopen, .rawStatements, .tables]))
  func postgres(_ check: ConformanceCheck) async throws {
    let subject = PostgresSubject()
    do {
      try await check.run(on: subject)
    } catch {
      try? await subject.cleanUp()
      throw error
    }
    try await subject.cleanUp()
  }

  @Test("every check runs on the SQLite file store")
  func everyCheckAppliesToTheFileStore() {
    #expect(
      StoreConformance.checks(offering: [.reopen, .rawStatements, .tables]).count
        == StoreConformance.all.count)
  }
}
