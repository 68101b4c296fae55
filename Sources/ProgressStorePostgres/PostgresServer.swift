import Foundation
import LearnerModel
import PostgresNIO

/// What is done to a server rather than to one store: making and dropping databases (for
/// `coach store init`, tests and the reliability tool).
public enum PostgresServer {
  /// Runs `body` on one connection to `location`'s database, then closes it.
  static func withConnection<T: Sendable>(
    to location: PostgresLocation, environment: [String: String],
    _ body: (PostgresConnection) async throws -> T
  ) async throws(ProgressStoreError) -> T {
    let password = try PasswordFile.password(for: location, environment: environment)
    let connection = try await Connector(location: location, password: password).connect()
    do {
      let value = try await body(connection)
      try? await connection.close()
      return value
    } catch {
      try? await connection.close()
      throw ProgressStoreError(postgres: error, at: location)
    }
  }

  /// A name as a quoted SQL identifier.
  static func identifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A text as a quoted SQL literal (for the statements that take no parameters).
  static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// Whether the server of `location` has a database named `name`.
  public static func databaseExists(
    _ name: String, on location: PostgresLocation,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws(ProgressStoreError) -> Bool {
    try await withConnection(to: location, environment: environment) { c in
      try await c.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: Connector.logger)
        .collect().count == 1
    }
  }

  /// Creates the database `name` on the server of `location`, connecting to
  /// `location`'s own database to do so (any database the user may connect to).
  public static func createDatabase(
    _ name: String, on location: PostgresLocation,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws(ProgressStoreError) {
    try await withConnection(to: location, environment: environment) { c in
      try await c.query(
        PostgresQuery(unsafeSQL: "CREATE DATABASE \(identifier(name))"), logger: Connector.logger)
    }
  }

  /// Drops the database `name` if it exists, ending the sessions still connected to it.
  public static func dropDatabase(
    _ name: String, on location: PostgresLocation,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws(ProgressStoreError) {
    try await withConnection(to: location, environment: environment) { c in
      try await c.query(
        PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(identifier(name)) WITH (FORCE)"),
        logger: Connector.logger)
    }
  }
}
