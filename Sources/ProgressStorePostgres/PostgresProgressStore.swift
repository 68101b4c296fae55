import Foundation
import LearnerModel
import PostgresNIO

/// The progress store in a PostgreSQL database, for organisations whose learners are on
/// many machines: every learner's answers land in one database that trainers report from.
///
/// It keeps the promises of every ``ProgressStore`` and passes the same conformance suite
/// as the SQLite store:
///
/// - every recording method is one statement that writes the record and moves the
///   bookmark, committed before the method returns: sent alone it is its own transaction
///   (one round trip); a store guarded by a session lease sends it in a `BEGIN` … `COMMIT`
///   after checking the lease;
/// - attempts are numbered by counting the earlier ones, and a unique index refuses a
///   number that another writer took first (the statement then runs again), so writers of
///   the same employee in many processes number them 1, 2, 3… with no gap and no repeat;
/// - a record sent twice (after a connection lost before the commit was confirmed) is
///   kept once, by its record id; every write can therefore be tried again, and the
///   store tries once more on a new connection by itself when a connection was lost;
/// - the schema has the SQLite store's tables, columns, constraints and append-only
///   triggers, built by named migrations under an advisory lock.
///
/// The connection never blocks a thread: every call is asynchronous, on the driver's
/// event loops. Call ``close()`` when done (the process ending closes the connections too).
public final class PostgresProgressStore: ProgressStore {
  /// Where the store is; every error names it (without a password).
  public let location: PostgresLocation
  let pool: ConnectionPool
  /// The session lease every write checks first, in its own transaction
  /// (``guarded(by:)``); `nil` checks none.
  let lease: SessionLease?

  /// The store's name in messages: `postgres://user@host:port/dbname`.
  public var name: String { location.description }

  /// Connects to the database at `url` and brings its schema up to date.
  /// - Parameters:
  ///   - url: `postgres://user@host:port/dbname?sslmode=…`, with no password.
  ///   - environment: Where `PGPASSWORD`, `PGPASSFILE`, `HOME` and the other `PG…`
  ///     defaults are read.
  /// - Throws: ``ProgressStoreError/unreachable(store:detail:)`` when the server cannot be
  ///   reached, ``ProgressStoreError/newerStore(store:unknownMigrations:)`` for a database
  ///   written by a newer coach, ``ProgressStoreError/notAStore(store:detail:)`` for one of
  ///   another program, ``ProgressStoreError/invalidLocation(store:detail:)`` for a URL with
  ///   a password, and ``ProgressStoreError/cannotOpen(store:detail:)`` when signing in fails.
  public convenience init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    async throws(ProgressStoreError)
  {
    try await self.init(
      location: PostgresLocation(url: url, environment: environment), environment: environment)
  }

  /// Connects to the database at `location` (at once, so that a server that cannot be
  /// reached or a refused sign-in is known now); with `migrate`, brings its schema up to
  /// date.
  public init(
    location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment,
    migrate: Bool = true, connections: Int = 10
  ) async throws(ProgressStoreError) {
    self.location = location
    lease = nil
    let password = try PasswordFile.password(for: location, environment: environment)
    pool = ConnectionPool(
      connector: try Connector(location: location, password: password), limit: connections)
    do {
      if migrate {
        try await self.migrate()
      } else {
        try await withConnection { c in try await c.query("SELECT 1", logger: Connector.logger) }
      }
    } catch {
      await pool.close()
      throw error
    }
  }

  /// Connects to the database at `url` to read only (`coach check --store`, exports): the
  /// schema is neither made nor changed, so it must be this coach's.
  /// - Throws: As ``init(url:environment:)``, and
  ///   ``ProgressStoreError/notAStore(store:detail:)`` when the database has no coach
  ///   schema or one this coach would bring up to date (run `coach store init` first).
  public convenience init(
    readingOnly url: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws(ProgressStoreError) {
    try await self.init(
      location: PostgresLocation(url: url, environment: environment), environment: environment,
      migrate: false,
      connections: 2)
    do throws(ProgressStoreError) {
      let known = Set(Self.migrations.map(\.name))
      guard let applied = try await appliedMigrations() else {
        throw ProgressStoreError.notAStore(
          store: name, detail: "it has no coach tables (no coachMigrations table)")
      }
      let unknown = applied.subtracting(known)
      if !unknown.isEmpty {
        throw ProgressStoreError.newerStore(store: name, unknownMigrations: unknown.sorted())
      }
      let missing = Self.migrations.map(\.name).filter { !applied.contains($0) }
      if !missing.isEmpty {
        throw ProgressStoreError.notAStore(
          store: name,
          detail: "its schema is older than this coach's (it lacks \(missing.joined(separator: ", "))); "
            + "it is read only as it is now: bring it up to date with coach store init first")
      }
    } catch {
      await pool.close()
      throw error
    }
  }

  /// A view that shares the connections and checks `lease` before every write.
  private init(_ store: PostgresProgressStore, lease: SessionLease) {
    location = store.location
    pool = store.pool
    self.lease = lease
  }

  public func guarded(by lease: SessionLease) -> any ProgressStore {
    PostgresProgressStore(self, lease: lease)
  }

  /// Closes the store's connections. Calls after this fail.
  public func close() async { await pool.close() }

  // MARK: - Running statements

  /// Runs `body` on one of the store's connections and maps its failure. When the
  /// connection was lost, `body` runs once more on a new connection: every write of the
  /// store may be repeated (records by their ids, the rest by their keys).
  func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T)
    async throws(ProgressStoreError)
    -> T
  {
    var fresh = false
    while true {
      let connection = try await pool.lease(fresh: fresh)
      do {
        let value = try await body(connection)
        await pool.release(connection, reusable: true)
        return value
      } catch {
        let mapped = ProgressStoreError(postgres: error, at: location)
        await pool.release(connection, reusable: !mapped.isUnreachable)
        if mapped.isUnreachable && !fresh {
          fresh = true
          continue
        }
        throw mapped
      }
    }
  }

  /// One transaction: `BEGIN`, `body`, `COMMIT`; any failure rolls it back. A write of a
  /// guarded store (``guarded(by:)``) first checks in it that the employee's lease still
  /// names the session, holding the lease's row until the commit so that no other session
  /// can take it over in between (`checksLease` turns that off for the lease's own methods).
  func transaction<T: Sendable>(
    readOnly: Bool = false, checksLease: Bool = true, _ body: (PostgresConnection) async throws -> T
  )
    async throws(ProgressStoreError) -> T
  {
    // The body never asks for a rollback, so the value is always there.
    try await transaction(
      readOnly: readOnly, checksLease: checksLease,
      rollingBackOnNil: { c in
        try await body(c) as T?
      })!
  }

  /// A transaction as ``transaction(readOnly:checksLease:_:)``, rolled back instead of
  /// committed when `body` returns `nil` (a write to try again).
  func transaction<T: Sendable>(
    readOnly: Bool = false, checksLease: Bool = true,
    rollingBackOnNil body: (PostgresConnection) async throws -> T?
  )
    async throws(ProgressStoreError) -> T?
  {
    let lease = readOnly || !checksLease ? nil : self.lease
    let store = name
    return try await withConnection { connection in
      try await connection.query(
        readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", logger: Connector.logger)
      do {
        if let lease {
          let holder = try await Self.rows(
            SessionLeaseTable.one(lease.employee, locking: true), on: connection, SessionLeaseTable.read
          ).first
          if holder?.sessionID != lease.sessionID {
            throw ProgressStoreError.sessionTaken(store: store, holder: holder)
          }
        }
        guard let value = try await body(connection) else {
          try await connection.query("ROLLBACK", logger: Connector.logger)
          return nil
        }
        try await connection.query("COMMIT", logger: Connector.logger)
        return value
      } catch {
        if !connection.isClosed {
          do {
            try await connection.query("ROLLBACK", logger: Connector.logger)
          } catch {
            try? await connection.close()  // not reusable in an unknown state
          }
        }
        throw error
      }
    }
  }

  /// Runs one writing statement and reads the rows it returns, as one transaction.
  ///
  /// A statement is atomic on its own, so a store with no session lease sends it alone
  /// (one round trip to the server, committed when the answer comes); a guarded store
  /// (``guarded(by:)``) checks the lease first, in a transaction with the statement.
  func write<T: Sendable>(_ statement: Statement, _ read: (PostgresRow) throws -> T)
    async throws(ProgressStoreError) -> [T]
  {
    if lease == nil {
      return try await withConnection { c in try await Self.rows(statement, on: c, read) }
    }
    return try await transaction { c in try await Self.rows(statement, on: c, read) }
  }

  /// Runs one writing statement that returns no rows, as ``write(_:_:)`` does.
  func write(_ statement: Statement) async throws(ProgressStoreError) {
    _ = try await write(statement) { _ in () }
  }

  /// Runs a statement and reads every row it returns.
  static func rows<T>(
    _ statement: Statement, on connection: PostgresConnection, _ read: (PostgresRow) throws -> T
  )
    async throws -> [T]
  {
    var values: [T] = []
    for try await row in try await connection.query(statement.query, logger: Connector.logger) {
      values.append(try read(row))
    }
    return values
  }

  /// Runs a statement that returns no rows.
  static func execute(_ statement: Statement, on connection: PostgresConnection) async throws {
    try await connection.query(statement.query, logger: Connector.logger)
  }
}
