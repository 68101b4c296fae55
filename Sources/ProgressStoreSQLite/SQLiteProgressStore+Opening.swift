import Foundation
import GRDB
import LearnerModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SQLiteProgressStore {
  /// The connection settings: foreign keys and a busy handler that waits in
  /// short, jittered steps so that many writers take turns instead of starving.
  static func configuration(busyTimeout: Duration) -> Configuration {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.busyMode = .callback(BusyWait(timeout: busyTimeout).callback)
    config.label = "coach.progress"
    return config
  }

  /// Makes the folder and the file with private modes, then checks an existing file
  /// without writing to it.
  ///
  /// SQLite gives the `-wal` and `-shm` files the mode of the database file, so creating
  /// the (empty) database file ourselves with mode 0600 keeps all three private.
  static func prepareFile(at path: String) throws(ProgressStoreError) {
    let folder = (path as NSString).deletingLastPathComponent
    try makeFolder(folder.isEmpty ? "." : folder, for: path)

    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    if fd >= 0 {
      fchmod(fd, 0o600)  // in case the umask took bits away we need
      close(fd)
      return
    }
    let error = errno
    guard error == EEXIST else {
      throw .cannotWrite(store: path, detail: "cannot create the file: \(String(cString: strerror(error)))")
    }
    try checkExistingFile(at: path)
  }

  /// Creates the folder and any missing parents with mode 0700. Existing folders keep
  /// their mode: the store never loosens or tightens a folder it did not create.
  private static func makeFolder(_ folder: String, for path: String) throws(ProgressStoreError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      if !isDirectory.boolValue {
        throw .cannotWrite(store: path, detail: "\(folder) is not a folder")
      }
      return
    }
    try makeFolder((folder as NSString).deletingLastPathComponent, for: path)
    if mkdir(folder, 0o700) != 0 && errno != EEXIST {
      throw .cannotWrite(
        store: path, detail: "cannot create the folder \(folder): \(String(cString: strerror(errno)))")
    }
    chmod(folder, 0o700)
  }

  /// Refuses, without writing a byte, a file that is not a coach store, is damaged, or
  /// was written by a newer coach. An empty file is a new store.
  static func checkExistingFile(at path: String) throws(ProgressStoreError) {
    let header: [UInt8]
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      header = Array(try handle.read(upToCount: 100) ?? Data())
    } catch {
      throw .cannotWrite(store: path, detail: "cannot read the file: \(error.localizedDescription)")
    }
    if header.isEmpty { return }
    let magic = Array("SQLite format 3\0".utf8)
    guard header.count == 100, Array(header.prefix(16)) == magic else {
      throw .notAStore(store: path, detail: "the file is not a SQLite database")
    }

    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(5)
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      defer { try? queue.close() }
      try queue.read { db in
        let tables = try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if tables.isEmpty { return }
        guard tables.contains("grdb_migrations") else {
          throw ProgressStoreError.notAStore(
            store: path, detail: "it is a SQLite database of another program")
        }
        let applied = try migrator.appliedIdentifiers(db)
        if applied.isDisjoint(with: knownMigrations) && !applied.isEmpty {
          throw ProgressStoreError.notAStore(
            store: path, detail: "it is a SQLite database of another program")
        }
        let unknown = applied.subtracting(knownMigrations)
        if !unknown.isEmpty {
          throw ProgressStoreError.newerStore(store: path, unknownMigrations: unknown.sorted())
        }
        // Touch every table's root page, so that a damaged schema or root is found now.
        for table in tables {
          _ = try Row.fetchOne(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) LIMIT 1")
        }
      }
    } catch let error as ProgressStoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
      // A read-only open can fail where a read-write one succeeds (a WAL file whose
      // -shm is missing): let the real open decide.
      return
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }
}

/// A busy handler that retries in short, jittered steps until a deadline.
///
/// SQLite's own handler soon sleeps 100 ms between tries, so a process that writes in a
/// loop keeps the lock and a waiting process can starve past its timeout. This one
/// doubles from 100 µs to at most 10 ms, with ±50% jitter: a waiting writer tries often
/// enough to get its turn, and fifty of them do not keep two cores busy polling.
///
/// The deadline is wall-clock time from the first try, so a loaded machine (where a
/// 100 µs sleep can take far longer) waits as long as the timeout says and no longer.
/// SQLite calls the handler on the thread that waits, with `tries` counting from 0 for
/// each wait, so the start is kept per thread.
struct BusyWait: Sendable {
  let timeout: Duration

  static let firstStep = 100  // µs
  static let longestStep = 10_000  // µs
  private static let startKey = "coach.progress.busySince"

  var callback: Database.BusyCallback {
    let limit = UInt64(
      timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    return { tries in
      let now = DispatchTime.now().uptimeNanoseconds
      let thread = Thread.current.threadDictionary
      if tries == 0 { thread[Self.startKey] = now }
      let since = thread[Self.startKey] as? UInt64 ?? now
      if now - since >= limit { return false }
      let step = Self.step(tries)
      usleep(UInt32(Int.random(in: step / 2...step * 3 / 2)))
      return true
    }
  }

  static func step(_ tries: Int) -> Int {
    tries >= 6 ? longestStep : min(firstStep << tries, longestStep)
  }
}
