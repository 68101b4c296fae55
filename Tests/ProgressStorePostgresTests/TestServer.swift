import Foundation
import LearnerModel
import Synchronization

@testable import ProgressStorePostgres

/// The test server `make test` starts with scripts/pg-test-server.
enum TestServer {
  static let url: String? = ProcessInfo.processInfo.environment["COACH_TEST_POSTGRES"].flatMap {
    $0.isEmpty ? nil : $0
  }
  /// The server's self-signed certificate (for `localhost` and 127.0.0.1).
  static let certificate = ProcessInfo.processInfo.environment["COACH_TEST_POSTGRES_CA"]

  static var isSet: Bool { url != nil }

  /// The superuser in the `postgres` database.
  static var admin: PostgresLocation {
    get throws { try PostgresLocation(url: url ?? "", environment: [:]) }
  }

  static func uniqueName(_ purpose: String) -> String {
    "coach_\(purpose)_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
  }

  /// A new database of its own for one test, dropped by ``drop(_:)``.
  static func database(_ purpose: String) async throws -> PostgresLocation {
    let name = uniqueName(purpose)
    try await PostgresServer.createDatabase(name, on: try admin)
    return try admin.database(name)
  }

  static func drop(_ location: PostgresLocation) async throws {
    try await PostgresServer.dropDatabase(location.database, on: try admin)
  }

  /// Runs SQL as the superuser in `location`'s database.
  static func sql(_ text: String, in location: PostgresLocation) async throws -> [String] {
    let store = try await PostgresProgressStore(location: location, environment: [:], migrate: false)
    do {
      let rows = try await store.strings(text)
      await store.close()
      return rows
    } catch {
      await store.close()
      throw error
    }
  }

  static func exec(_ text: String, in location: PostgresLocation) async throws {
    let store = try await PostgresProgressStore(location: location, environment: [:], migrate: false)
    do {
      try await store.execute(text)
    } catch {
      await store.close()
      throw error
    }
    await store.close()
  }
}

/// An error's text, for expectations about messages.
func message(_ body: () async throws -> Void) async -> String {
  do {
    try await body()
    return "no error"
  } catch {
    return "\(error)"
  }
}
