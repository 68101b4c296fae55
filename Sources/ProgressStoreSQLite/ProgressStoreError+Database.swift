import Foundation
import GRDB
import LearnerModel

/// A stored row that does not read back as a record: an unknown kind, an unreadable time,
/// an employee id that is not valid.
struct RowError: Error, Sendable {
  var detail: String

  init(_ detail: String) { self.detail = detail }

  /// A stored employee id, validated.
  static func employeeID(_ raw: String) throws(RowError) -> EmployeeID {
    do {
      return try EmployeeID(raw)
    } catch {
      throw RowError("stored employee id \"\(raw.prefix(64))\": \(error.reason)")
    }
  }

  /// A stored record id (a UUID as text), validated.
  static func recordID(_ raw: String?, in table: String, row: Int64?) throws(RowError) -> UUID {
    guard let raw, let id = UUID(uuidString: raw) else {
      throw RowError("\(table) row \(row ?? 0) has no valid record id (\"\(raw?.prefix(40) ?? "NULL")\")")
    }
    return id
  }
}

extension UUID {
  /// The id as the stores keep it: lower-case text, as PostgreSQL prints a `uuid`.
  var storedText: String { uuidString.lowercased() }
}

extension ProgressStoreError {
  /// Translates a GRDB or SQLite failure into the store's error, naming the file.
  init(_ error: any Error, store path: String) {
    if let error = error as? ProgressStoreError {
      self = error
      return
    }
    if let error = error as? RowError {
      self = .unreadable(store: path, detail: error.detail)
      return
    }
    guard let error = error as? DatabaseError else {
      self = .database(store: path, detail: "\(error)")
      return
    }
    let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
    switch error.resultCode {
    case .SQLITE_FULL:
      self = .diskFull(store: path)
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      self = .busy(store: path)
    case .SQLITE_NOTADB:
      self = .notAStore(store: path, detail: "the file is not a SQLite database")
    case .SQLITE_CORRUPT:
      self = .notAStore(store: path, detail: "the database is damaged: \(message)")
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
      self = .cannotWrite(store: path, detail: message)
    case .SQLITE_IOERR where error.extendedResultCode == .SQLITE_IOERR_SHORT_READ:
      // SQLITE_IOERR_SHORT_READ: the file is shorter than its header says.
      self = .notAStore(store: path, detail: "the database is damaged: \(message)")
    case .SQLITE_CONSTRAINT where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY:
      self = .refused(
        store: path, detail: "unknown employee: save the employee before recording their progress")
    default:
      self = .database(store: path, detail: message)
    }
  }
}
