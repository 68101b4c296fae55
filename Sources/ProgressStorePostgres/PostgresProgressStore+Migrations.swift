import Foundation
import LearnerModel
import PostgresNIO

/// One named step of the schema's history.
struct Migration: Sendable {
  var name: String
  var statements: [String]

  init(_ name: String, _ statements: [String]) {
    self.name = name
    self.statements = statements
  }
}

extension PostgresProgressStore {
  /// The schema's history, with the names (and the order) of the SQLite store's
  /// migrations, so the two stores change in step. A migration that has shipped is never
  /// edited: change the schema by appending a new one (each table's SQL lives in its own
  /// file under `Tables/`).
  static let migrations: [Migration] = [
    Migration("v1-create-employee", [EmployeeTable.create]),
    Migration("v1-create-enrolment", [EnrolmentTable.create]),
    Migration(
      "v1-create-drillAttempt",
      [DrillAttemptTable.create, DrillAttemptTable.index] + DrillAttemptTable.appendOnly),
    Migration("v1-create-beliefResponse", [BeliefResponseTable.create, BeliefResponseTable.index]),
    Migration("v1-create-creedSignature", [CreedSignatureTable.create, CreedSignatureTable.index]),
    Migration("v1-create-bookmark", [BookmarkTable.create]),
    Migration("v2-create-pageRead", [PageReadTable.create]),
    Migration("v2-add-enrolment-source", [EnrolmentTable.addSource]),
    Migration("v3-add-drillAttempt-keyHash", [DrillAttemptTable.addKeyHash]),
    Migration("v3-add-beliefResponse-scaleHash", [BeliefResponseTable.addScaleHash]),
    Migration("v3-add-enrolment-courseVersion", [EnrolmentTable.addCourseVersion]),
    Migration(
      "v3-create-drillPass", [DrillPassTable.create, DrillPassTable.index] + DrillPassTable.appendOnly),
    Migration("v4-add-drillAttempt-context", [DrillAttemptTable.addContext]),
    Migration("v5-add-beliefResponse-sealed", BeliefResponseTable.addSealed),
    Migration("v6-create-employeeKey", [EmployeeKeyTable.create]),
    Migration("v7-create-sessionLease", [SessionLeaseTable.create]),
    Migration("v8-add-employee-roster", EmployeeTable.addRoster),
    Migration(
      "v9-add-record-ids",
      DrillAttemptTable.addRecordID + BeliefResponseTable.addRecordID + CreedSignatureTable.addRecordID
        + DrillPassTable.addRecordID),
  ]

  /// The table of applied migrations.
  static let migrationsTable = """
    CREATE TABLE IF NOT EXISTS coachMigrations (
      name text COLLATE "C" PRIMARY KEY,
      applied timestamptz NOT NULL DEFAULT now())
    """

  /// The advisory lock every coach takes to migrate a database: the bytes of "coach" and
  /// "mig" as one number, unlikely to be any other program's.
  static let migrationLock: Int64 = 0x636f_6163_686d_6967

  /// Brings the schema up to date, or refuses a database written by a newer coach or
  /// holding tables of another program.
  ///
  /// An up-to-date store is only read (a learner's user may not create tables). Otherwise
  /// the migrations run in one transaction under `pg_advisory_xact_lock`, so that of two
  /// coaches starting at once one migrates and the other then finds nothing to do.
  ///
  /// - Parameter last: For tests of upgrades only: the last migration to apply.
  func migrate(upTo last: String? = nil) async throws(ProgressStoreError) {
    let known = Set(Self.migrations.map(\.name))
    let wanted =
      last.flatMap { last in
        Self.migrations.firstIndex { $0.name == last }.map { Array(Self.migrations[...$0]) }
      } ?? Self.migrations
    let applied = try await appliedMigrations()
    if let applied {
      let unknown = applied.subtracting(known)
      if !unknown.isEmpty { throw .newerStore(store: name, unknownMigrations: unknown.sorted()) }
      if applied.isSuperset(of: wanted.map(\.name)) { return }
    }
    let store = name
    try await transaction { connection in
      try await connection.query(
        "SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: Connector.logger)
      // Under the lock: another coach may have made the schema since it was looked at.
      if try await !Self.hasMigrationsTable(connection) {
        let foreign = try await Self.foreignTables(connection)
        if !foreign.isEmpty {
          throw ProgressStoreError.notAStore(
            store: store,
            detail: "it has tables named \(foreign.joined(separator: ", ")) that coach did not make "
              + "(no coachMigrations table)")
        }
      }
      try await connection.query(PostgresQuery(unsafeSQL: Self.migrationsTable), logger: Connector.logger)
      var done = Set<String>()
      for try await name in try await connection.query(
        "SELECT name FROM coachMigrations", logger: Connector.logger
      )
      .decode(String.self) {
        done.insert(name)
      }
      let unknown = done.subtracting(known)
      if !unknown.isEmpty {
        throw ProgressStoreError.newerStore(store: self.name, unknownMigrations: unknown.sorted())
      }
      for migration in wanted where !done.contains(migration.name) {
        for sql in migration.statements {
          try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Connector.logger)
        }
        try await connection.query(
          "INSERT INTO coachMigrations (name) VALUES (\(migration.name))", logger: Connector.logger)
      }
    }
  }

  /// The names in `coachMigrations`, or `nil` when the table is not there.
  func appliedMigrations() async throws(ProgressStoreError) -> Set<String>? {
    try await withConnection { connection in
      guard try await Self.hasMigrationsTable(connection) else { return nil }
      var names = Set<String>()
      for try await name in try await connection.query(
        "SELECT name FROM coachMigrations", logger: Connector.logger
      )
      .decode(String.self) {
        names.insert(name)
      }
      return names
    }
  }

  /// Whether `coachMigrations` is there, read from `pg_class` with the statement's own
  /// snapshot: `to_regclass` reads the session's catalog cache, which still says "no
  /// table" after waiting for the lock while another coach made it.
  static func hasMigrationsTable(_ connection: PostgresConnection) async throws -> Bool {
    try await connection.query(
      """
      SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'coachmigrations' AND relkind = 'r'
        AND relnamespace = ANY (current_schemas(false)::regnamespace[]))
      """, logger: Connector.logger
    ).collect().first?.decode(Bool.self) ?? false
  }

  /// Tables named as coach's in a database with no migrations table: another program's,
  /// which coach leaves untouched.
  static func foreignTables(_ connection: PostgresConnection) async throws -> [String] {
    var names: [String] = []
    for try await name in try await connection.query(
      """
      SELECT c.relname::text FROM pg_class c
      WHERE c.relkind IN ('r', 'p', 'v') AND pg_table_is_visible(c.oid)
        AND c.relname = ANY (\(StoreContents.tables.map { $0.lowercased() }))
      ORDER BY 1
      """, logger: Connector.logger
    ).decode(String.self) {
      names.append(name)
    }
    return names
  }
}
