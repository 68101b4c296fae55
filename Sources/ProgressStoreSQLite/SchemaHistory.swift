import GRDB
import LearnerModel

/// The store's migrations, in order, run all at once in one transaction.
///
/// GRDB's `DatabaseMigrator` reads which migrations a file has before it takes the write
/// lock, and gives each migration a transaction of its own. Two processes that open a
/// new store together then both try the same migration, and the one that loses fails on
/// a column that now exists ("duplicate column name"). Here the list of applied
/// migrations is read inside `BEGIN IMMEDIATE`, and every pending migration runs in that
/// one transaction: a second process waits for the lock (its busy timeout), then finds
/// nothing left to do. A crash part-way leaves the file as it was before.
///
/// The record of what ran is GRDB's own `grdb_migrations` table, so files made by either
/// way read the same, and ``migrator`` serves readers and tests.
struct SchemaHistory: Sendable {
  struct Step: Sendable {
    let identifier: String
    let foreignKeyChecks: DatabaseMigrator.ForeignKeyChecks
    let migrate: @Sendable (Database) throws -> Void
  }

  private(set) var steps: [Step] = []

  /// Appends a migration; the same call as `DatabaseMigrator.registerMigration`.
  mutating func registerMigration(
    _ identifier: String, foreignKeyChecks: DatabaseMigrator.ForeignKeyChecks = .deferred,
    migrate: @escaping @Sendable (Database) throws -> Void
  ) {
    precondition(!steps.contains { $0.identifier == identifier }, "migration \(identifier) registered twice")
    steps.append(Step(identifier: identifier, foreignKeyChecks: foreignKeyChecks, migrate: migrate))
  }

  /// The same steps as a GRDB migrator.
  var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for step in steps {
      migrator.registerMigration(
        step.identifier, foreignKeyChecks: step.foreignKeyChecks, migrate: step.migrate)
    }
    return migrator
  }

  /// Runs every migration the file lacks, in one immediate transaction.
  ///
  /// Foreign keys are off while it runs (SQLite ignores the pragma inside a transaction),
  /// as SQLite's own procedure for rebuilding a table asks, and are checked before the
  /// commit: a migration that breaks a reference rolls everything back.
  ///
  /// - Throws: ``ProgressStoreError/newerStore(store:unknownMigrations:)`` for a file with
  ///   migrations this build does not know; the database's error otherwise.
  func migrate(_ writer: any DatabaseWriter, store: String) throws {
    let known = Set(steps.map(\.identifier))
    try writer.barrierWriteWithoutTransaction { db in
      let enforcing = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
      if enforcing { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
      defer { if enforcing { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
      try db.inTransaction(.immediate) {
        try db.execute(
          sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
          throw ProgressStoreError.newerStore(store: store, unknownMigrations: unknown.sorted())
        }
        let pending = steps.filter { !applied.contains($0.identifier) }
        if pending.isEmpty { return .commit }
        for step in pending {
          try step.migrate(db)
          try db.execute(
            sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [step.identifier])
        }
        try db.checkForeignKeys()
        return .commit
      }
    }
  }
}
