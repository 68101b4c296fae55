import Foundation
import GRDB

extension ProgressStoreError {
  /// Translates a GRDB or SQLite failure into the store's error, naming the file.
  init(_ error: any Error, path: String) {
    if let error = error as? ProgressStoreError {
      self = error
      return
    }
    guard let error = error as? DatabaseError else {
      self = .database(path: path, detail: "\(error)")
      return
    }
    let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
    switch error.resultCode {
    case .SQLITE_FULL:
      self = .diskFull(path: path)
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      self = .busy(path: path)
    case .SQLITE_NOTADB:
      self = .notAStore(path: path, detail: "the file is not a SQLite database")
    case .SQLITE_CORRUPT:
      self = .notAStore(path: path, detail: "the database is damaged: \(message)")
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
      self = .cannotWrite(path: path, detail: message)
    case .SQLITE_IOERR where error.extendedResultCode == .SQLITE_IOERR_SHORT_READ:
      // SQLITE_IOERR_SHORT_READ: the file is shorter than its header says.
      self = .notAStore(path: path, detail: "the database is damaged: \(message)")
    case .SQLITE_CONSTRAINT where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY:
      self = .database(
        path: path, detail: "unknown employee: save the employee before recording their progress")
    default:
      self = .database(path: path, detail: message)
    }
  }
}
