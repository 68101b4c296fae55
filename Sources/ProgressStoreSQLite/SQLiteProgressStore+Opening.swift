import Foundation
import GRDB
import LearnerModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SQLiteProgressStore {
  /// The connection settings: foreign keys, a busy handler that waits in short,
  /// jittered steps so that many writers take turns instead of starving, and
  /// `secure_delete`, so that text replaced or deleted (a draft, a key that was reset,
  /// private text written before it was sealed) is overwritten in the file, not left in
  /// free space.
  static func configuration(busyTimeout: Duration, readOnly: Bool = false) -> Configuration {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.readonly = readOnly
    config.busyMode = .callback(BusyWait(timeout: busyTimeout).callback)
    config.label = "coach.progress"
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
    return config
  }

  /// The path as the file system reads it from here: relative paths are taken from the
  /// current folder, so a path whose folders do not exist yet still has parents up to `/`.
  /// Nothing else changes: a symbolic link stays a link, so that it is found and refused.
  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  /// Checks the folders and any existing file, makes a missing folder (private mode) and
  /// file, then checks an existing file's contents without writing to it.
  ///
  /// SQLite gives the `-wal` and `-shm` files the mode of the database file, so creating
  /// the (empty) database file ourselves with mode 0600 (0660 for a store shared on
  /// purpose) keeps all three as private as the store.
  static func prepareFile(at path: String, sharing: Sharing) throws(ProgressStoreError) {
    let file = absolute(path)
    let folder = (file as NSString).deletingLastPathComponent
    if try FileSafety.status(folder, store: path) == nil {
      if sharing == .shared {
        throw .cannotWrite(
          store: path,
          detail: "the folder \(folder) does not exist; a shared store's folder is made by its trainer "
            + "(see docs/security.md)")
      }
      try makeFolder(folder, for: path)
    }
    try FileSafety.checkFolders(folder, store: path, sharing: sharing)
    try checkFileAndCompanions(file, store: path, sharing: sharing)

    let mode: mode_t = sharing == .shared ? 0o660 : 0o600
    let fd = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, mode)
    if fd >= 0 {
      fchmod(fd, mode)  // in case the umask took bits away we need
      close(fd)
      return
    }
    let error = errno
    guard error == EEXIST else {
      throw .cannotWrite(store: path, detail: "cannot create the file: \(String(cString: strerror(error)))")
    }
    try checkExistingFile(at: file, store: path)
  }

  /// The checks of a store opened only to read: it exists, is safe, is a sound coach
  /// store; nothing is created.
  static func prepareReadOnly(at path: String, sharing: Sharing) throws(ProgressStoreError) {
    let file = absolute(path)
    guard try FileSafety.status(file, store: path) != nil else { throw .missing(store: path) }
    try FileSafety.checkFolders((file as NSString).deletingLastPathComponent, store: path, sharing: sharing)
    try checkFileAndCompanions(file, store: path, sharing: sharing)
    try checkExistingFile(at: file, store: path)
  }

  /// The store file, then every file SQLite would open beside it.
  static func checkFileAndCompanions(_ file: String, store: String, sharing: Sharing)
    throws(ProgressStoreError)
  {
    try FileSafety.checkFile(file, store: store, sharing: sharing)
    for suffix in ["-wal", "-shm", "-journal"] {
      try FileSafety.checkFile(file + suffix, store: store, sharing: sharing, companion: true)
    }
  }

  /// Creates the folder and any missing parents with mode 0700, after checking that the
  /// nearest folder that exists is safe to create them in. Existing folders keep their
  /// mode: the store never loosens or tightens a folder it did not create.
  private static func makeFolder(_ folder: String, for path: String) throws(ProgressStoreError) {
    var missing: [String] = []
    var existing = folder
    while try FileSafety.status(existing, store: path) == nil {
      missing.append(existing)
      let parent = (existing as NSString).deletingLastPathComponent
      guard !parent.isEmpty, parent != existing else { break }
      existing = parent
    }
    guard let found = try FileSafety.status(existing, store: path), found.isFolder else {
      throw .cannotWrite(store: path, detail: "\(existing) is not a folder")
    }
    try FileSafety.checkFolders(existing, store: path, sharing: .privateFile, forNewFolder: true)
    for created in missing.reversed() {
      if mkdir(created, 0o700) != 0 && errno != EEXIST {
        throw .cannotWrite(
          store: path, detail: "cannot create the folder \(created): \(String(cString: strerror(errno)))")
      }
      chmod(created, 0o700)
    }
  }

  /// Refuses, without writing a byte, a file that is not a coach store, is damaged
  /// (`PRAGMA quick_check` finds a problem), or was written by a newer coach. An empty
  /// file is a new store.
  static func checkExistingFile(at path: String, store: String) throws(ProgressStoreError) {
    let header: [UInt8]
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      header = Array(try handle.read(upToCount: 100) ?? Data())
    } catch {
      throw .cannotWrite(store: store, detail: "cannot read the file: \(error.localizedDescription)")
    }
    if header.isEmpty { return }
    let magic = Array("SQLite format 3\0".utf8)
    guard header.count == 100, Array(header.prefix(16)) == magic else {
      throw .notAStore(store: store, detail: "the file is not a SQLite database")
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
            store: store, detail: "it is a SQLite database of another program")
        }
        let applied = try migrator.appliedIdentifiers(db)
        if applied.isDisjoint(with: knownMigrations) && !applied.isEmpty {
          throw ProgressStoreError.notAStore(
            store: store, detail: "it is a SQLite database of another program")
        }
        let unknown = applied.subtracting(knownMigrations)
        if !unknown.isEmpty {
          throw ProgressStoreError.newerStore(store: store, unknownMigrations: unknown.sorted())
        }
        // Every page's structure, not only the schema's: a store that is damaged
        // anywhere is refused now, before anything is written to it.
        let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
        if problems != ["ok"] {
          throw ProgressStoreError.notAStore(
            store: store,
            detail: "the database is damaged: \(problems.prefix(3).joined(separator: "; ").prefix(300))")
        }
      }
    } catch let error as ProgressStoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
      // A read-only open can fail where a read-write one succeeds (a WAL file whose
      // -shm is missing): let the real open decide.
      return
    } catch {
      throw ProgressStoreError(error, store: store)
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
