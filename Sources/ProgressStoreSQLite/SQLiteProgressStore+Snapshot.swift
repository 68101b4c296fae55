import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The store at `path`, opened to read only: for previews and reports that must never
  /// change a store (`coach check --store`).
  ///
  /// The file is checked as an ordinary opening checks it (a file of another program, a
  /// damaged file or one written by a newer coach is refused), opened read-only, and
  /// copied into memory with SQLite's backup, answers not yet checkpointed from the
  /// write-ahead log included. The copy's schema is brought up to date in memory, so a
  /// store written by an earlier coach reads like a new one while its file keeps its
  /// schema and every byte. Every record method of the copy is refused.
  ///
  /// The file and its folders are checked as for any opening (`FileSafety`: a symbolic
  /// link, a file others can write or one in a folder others can write is refused).
  /// SQLite may create the store's `-wal` and `-shm` companions (empty, with the store's
  /// own file mode) if they are missing, as every reader of a WAL database does.
  /// - Throws: ``ProgressStoreError/notAStore(store:detail:)`` when there is no file at
  ///   `path` or it is not a sound coach store, ``ProgressStoreError/unsafeFile(store:problem:fix:)``,
  ///   and the errors of ``init(path:access:sharing:durability:busyTimeout:)``.
  public static func snapshot(of path: String, sharing: Sharing = .privateFile) throws(ProgressStoreError)
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
      let memory = try DatabaseQueue(configuration: configuration(busyTimeout: .seconds(5)))
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      if size > 0 {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        let source = try DatabaseQueue(path: file, configuration: config)
        try source.backup(to: memory)
        try source.close()
      }
      return try SQLiteProgressStore(writer: memory, path: path, readsOnly: true)
    } catch let error as ProgressStoreError {
      throw error
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }
}
