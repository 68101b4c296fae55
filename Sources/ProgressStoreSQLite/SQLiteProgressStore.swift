import Foundation
import GRDB
import LearnerModel

/// The progress store kept in one SQLite file, through GRDB.
///
/// One value wraps the database: a `DatabasePool` in WAL mode for a file, an in-memory
/// `DatabaseQueue` for tests (``inMemory()``). Opening the store runs the named
/// migrations, so a value is always ready to use; copies share the same connections.
///
/// Every recording method is one write transaction, committed when the method returns.
/// What that promises depends on ``Durability``: with the default, ``Durability/full``,
/// SQLite syncs the write-ahead log to disk at each commit, so an answer survives a
/// killed process *and* a power cut; with ``Durability/normal`` it survives a killed
/// process (kill -9, a crash, a closed laptop lid) but the last answers before a power
/// cut may be lost, never the file's integrity.
///
/// Drill attempts, belief responses and signatures refer to an employee: save the
/// employee (``saveEmployee(_:)``) before recording anything for them.
///
/// The file is created with mode 0600 (SQLite gives its `-wal` and `-shm` files the
/// same mode) and a missing folder with mode 0700. A file that is not a coach store, a
/// store written by a newer coach, or a damaged file (`PRAGMA quick_check`) is refused
/// and left byte for byte as it was; so is a store that is not safe on a shared machine
/// (a symbolic link, a file others can read or write, a folder others can write: see
/// `FileSafety`), with a message that says how to fix it.
public struct SQLiteProgressStore: ProgressStore {
  /// Whether the store is opened to record progress or only to read it.
  public enum Access: Sendable, Hashable {
    /// Creates a missing store, brings its schema up to date, records.
    case readWrite
    /// Reads only: nothing is created or written, not even the schema's version (for
    /// reports and `coach progress`, which must work on a file they cannot write).
    case readOnly
  }

  /// Whether the store is one person's private file or shared on purpose.
  public enum Sharing: Sendable, Hashable {
    /// A file of the user running coach that nobody else can read or write.
    case privateFile
    /// A store shared on purpose (a training room's host): it may belong to another
    /// user and be read and written by its group, but never by every user.
    case shared
  }

  /// How hard each commit works to reach the disk.
  public enum Durability: String, Sendable, CaseIterable {
    /// `PRAGMA synchronous = FULL`: each commit is synced; answers survive a power cut.
    case full
    /// `PRAGMA synchronous = NORMAL`: in WAL mode answers survive a killed process but
    /// the last commits before a power cut may be lost (the file stays sound).
    case normal
  }

  /// The file's path as given, or `:memory:`; every error names it.
  public let path: String
  let writer: any DatabaseWriter
  /// The session lease every write checks first (``guarded(by:)``); `nil` checks none.
  let lease: SessionLease?
  /// Whether every record is refused: a store opened with ``Access/readOnly``, or a copy
  /// of a file read into memory (``snapshot(of:)``).
  let readsOnly: Bool

  /// Opens the store at `path`, creating the file and its folder when they are missing,
  /// and brings its schema up to date.
  ///
  /// - Parameters:
  ///   - path: The database file. Its folder is created with mode 0700 when missing.
  ///   - durability: See ``Durability``; ``Durability/full`` unless measured otherwise.
  ///   - busyTimeout: How long a write waits for another process before failing with
  ///     ``ProgressStoreError/busy(path:)``.
  /// - Throws: ``ProgressStoreError/notAStore(path:detail:)`` for a file that is not a
  ///   coach store or is damaged, ``ProgressStoreError/newerStore(path:unknownMigrations:)``
  ///   for one written by a newer coach, ``ProgressStoreError/cannotWrite(path:detail:)``
  ///   when the folder or file cannot be created or written, and the other cases as
  ///   their names say.
  ///   - access: ``Access/readWrite`` unless the caller only reads.
  ///   - sharing: ``Sharing/privateFile`` unless the store is shared on purpose.
  public init(
    path: String, access: Access = .readWrite, sharing: Sharing = .privateFile,
    durability: Durability = .full, busyTimeout: Duration = .seconds(5)
  ) throws(ProgressStoreError) {
    switch access {
    case .readWrite:
      try Self.prepareFile(at: path, sharing: sharing)
      let pool = try Self.openPool(path: path, durability: durability, busyTimeout: busyTimeout)
      try self.init(writer: pool, path: path)
    case .readOnly:
      try Self.prepareReadOnly(at: path, sharing: sharing)
      let queue: DatabaseQueue
      do {
        queue = try DatabaseQueue(
          path: Self.absolute(path),
          configuration: Self.configuration(busyTimeout: busyTimeout, readOnly: true))
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
        // A store in WAL mode is read through its -shm file, which SQLite makes beside it.
        throw .cannotWrite(
          store: path,
          detail: "cannot open it even to read: SQLite needs to make \(path)-shm beside it, and that "
            + "folder cannot be written")
      } catch {
        throw ProgressStoreError(error, store: path)
      }
      try self.init(writer: queue, path: path, migrating: false, readsOnly: true)
    }
  }

  /// Opens the pool, retrying while another process holds the lock.
  ///
  /// Turning WAL on needs an exclusive lock, and SQLite answers busy there without
  /// calling the busy handler: several processes that create a new store at once must
  /// take turns. They retry in short jittered steps until `busyTimeout` has passed.
  private static func openPool(path: String, durability: Durability, busyTimeout: Duration)
    throws(ProgressStoreError) -> DatabasePool
  {
    let clock = ContinuousClock()
    let deadline = clock.now + busyTimeout
    var tries = 0
    while true {
      do {
        let pool = try DatabasePool(
          path: absolute(path), configuration: configuration(busyTimeout: busyTimeout))
        // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
        // `prepareDatabase`: set the chosen level again. Only the writer commits.
        try pool.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
        }
        return pool
      } catch {
        let mapped = ProgressStoreError(error, store: path)
        guard case .busy = mapped, clock.now < deadline else { throw mapped }
        let step = BusyWait.step(tries)
        tries += 1
        usleep(UInt32(Int.random(in: step / 2...step * 3 / 2)))
      }
    }
  }

  /// A new, empty store that lives in memory, for tests.
  public static func inMemory() throws(ProgressStoreError) -> SQLiteProgressStore {
    do {
      let queue = try DatabaseQueue(
        configuration: configuration(busyTimeout: .seconds(5)))
      return try SQLiteProgressStore(writer: queue, path: ":memory:")
    } catch let error as ProgressStoreError {
      throw error
    } catch {
      throw ProgressStoreError(error, store: ":memory:")
    }
  }

  /// A store read in place through a read-only connection whose schema is up to date
  /// (``openToRead(_:)``): no migration runs, and every record method is refused.
  init(readOnly writer: any DatabaseWriter, path: String) {
    self.writer = writer
    self.path = path
    self.lease = nil
    self.readsOnly = true
  }

  /// Wraps a connection: brings the schema up to date, or (read-only) checks it is current.
  init(
    writer: any DatabaseWriter, path: String, migrating: Bool = true, readsOnly: Bool = false
  ) throws(ProgressStoreError) {
    self.writer = writer
    self.path = path
    self.lease = nil
    self.readsOnly = readsOnly
    if migrating { try migrate() } else { try checkSchemaIsCurrent() }
  }

  /// A copy that shares the connections and checks `lease` before every write.
  private init(_ store: SQLiteProgressStore, lease: SessionLease) {
    self.writer = store.writer
    self.path = store.path
    self.lease = lease
    self.readsOnly = store.readsOnly
  }

  public func guarded(by lease: SessionLease) -> any ProgressStore {
    SQLiteProgressStore(self, lease: lease)
  }

  /// Refuses, opened read-only, a store whose schema is older or newer than this build's.
  private func checkSchemaIsCurrent() throws(ProgressStoreError) {
    let applied: Set<String>
    do {
      applied = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
    } catch {
      throw ProgressStoreError(error, store: path)
    }
    let unknown = applied.subtracting(Self.knownMigrations)
    if !unknown.isEmpty { throw .newerStore(store: path, unknownMigrations: unknown.sorted()) }
    // An empty file is a store nobody has written to yet.
    if applied.isEmpty { throw .missing(store: path) }
    let missing = Self.migrator.migrations.filter { !applied.contains($0) }
    if !missing.isEmpty { throw .olderStore(store: path, missingMigrations: missing) }
  }

  /// Runs the migrations this build knows, refusing a store that has some it does not.
  /// Several processes may open a new store at once: see ``SchemaHistory``.
  private func migrate() throws(ProgressStoreError) {
    do {
      try Self.history.migrate(writer, store: path)
    } catch let error as ProgressStoreError {
      throw error
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }
}
