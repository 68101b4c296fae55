import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The store at `path`, opened to read only, in place: for reports over large stores,
  /// which must neither write to a store nor copy it into memory.
  ///
  /// The file and its folders are checked as ``snapshot(of:sharing:)`` checks them, and
  /// it is opened with SQLite's
  /// read-only flag, so nothing can be written through it; every record method is
  /// refused. A store written by an earlier coach (missing migrations) cannot be read
  /// in place with today's queries: it is read from an in-memory copy brought up to date
  /// there (``snapshot(of:sharing:)``), its file untouched.
  public static func openToRead(_ path: String, sharing: Sharing = .privateFile) throws(ProgressStoreError)
    -> SQLiteProgressStore
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
    else {
      throw .notAStore(
        store: path, detail: isDirectory.boolValue ? "it is a folder" : "there is no file there")
    }
    let file = absolute(path)
    try FileSafety.checkFolders((file as NSString).deletingLastPathComponent, store: path, sharing: sharing)
    try checkFileAndCompanions(file, store: path, sharing: sharing)
    try checkExistingFile(at: file, store: path)
    do {
      var config = configuration(busyTimeout: .seconds(5))
      config.readonly = true
      let queue = try DatabaseQueue(path: file, configuration: config)
      let applied = try queue.read { db in
        try db.tableExists("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
      }
      guard applied == knownMigrations else {
        try queue.close()
        return try snapshot(of: path, sharing: sharing)
      }
      return SQLiteProgressStore(readOnly: queue, path: path)
    } catch let error as ProgressStoreError {
      throw error
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }
}
