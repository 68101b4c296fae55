import Foundation
import GRDB
import LearnerModel

/// One open learn session per employee: the lease row, claimed, renewed and released in
/// write transactions, and checked first by every write of a guarded store.
extension SQLiteProgressStore {
  public func claimSession(_ lease: SessionLease, takingOver holder: String?) async throws(ProgressStoreError)
    -> SessionClaim
  {
    try await write(checksLease: false) { db in
      if let row = try LeaseRow.fetchOne(db, key: lease.employee.rawValue) {
        let current = try row.model()
        let lapsed = current.expires <= lease.renewed
        if current.sessionID != lease.sessionID && !lapsed && current.sessionID != holder {
          return .heldBy(current)
        }
      }
      try LeaseRow(lease).save(db)
      return .claimed
    }
  }

  public func renewSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    let path = self.path
    try await write(checksLease: false) { db in
      try db.cachedStatement(
        sql: "UPDATE sessionLease SET renewed = ?, expires = ? WHERE employeeId = ? AND sessionId = ?"
      ).execute(arguments: [
        StoredDate.text(lease.renewed), StoredDate.text(lease.expires), lease.employee.rawValue,
        lease.sessionID,
      ])
      if db.changesCount == 0 {
        throw ProgressStoreError.sessionTaken(
          store: path, holder: try LeaseRow.fetchOne(db, key: lease.employee.rawValue)?.model())
      }
    }
  }

  public func releaseSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    try await write(checksLease: false) { db in
      try db.cachedStatement(sql: "DELETE FROM sessionLease WHERE employeeId = ? AND sessionId = ?")
        .execute(arguments: [lease.employee.rawValue, lease.sessionID])
    }
  }

  /// Throws ``ProgressStoreError/sessionTaken(store:holder:)`` unless the employee's
  /// lease names `lease`'s session; called inside the write transaction.
  static func checkLease(_ lease: SessionLease, in db: Database, store: String) throws {
    let holder = try String.fetchOne(
      db.cachedStatement(sql: "SELECT sessionId FROM sessionLease WHERE employeeId = ?"),
      arguments: [lease.employee.rawValue])
    if holder != lease.sessionID {
      throw ProgressStoreError.sessionTaken(
        store: store, holder: try? LeaseRow.fetchOne(db, key: lease.employee.rawValue)?.model())
    }
  }
}
