import Foundation
import GRDB
import LearnerModel

/// A row of the `sessionLease` table: the one open session of an employee.
struct LeaseRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "sessionLease"

  var employeeId: String
  var sessionId: String
  var host: String
  var process: Int32
  var started: String
  var renewed: String
  var expires: String

  init(_ lease: SessionLease) {
    employeeId = lease.employee.rawValue
    sessionId = lease.sessionID
    host = lease.host
    process = lease.process
    started = StoredDate.text(lease.started)
    renewed = StoredDate.text(lease.renewed)
    expires = StoredDate.text(lease.expires)
  }

  func model() throws(RowError) -> SessionLease {
    SessionLease(
      employee: try RowError.employeeID(employeeId), sessionID: sessionId, host: host, process: process,
      started: try StoredDate.read(started), renewed: try StoredDate.read(renewed),
      expires: try StoredDate.read(expires))
  }
}

/// A row of the `employeeKey` table: an employee's wrapped private-text key, kept as given.
struct EmployeeKeyRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "employeeKey"

  var employeeId: String
  var keyId: String
  var method: String
  var parameters: String
  var salt: Data
  var wrappedKey: Data
  var created: String

  init(_ key: WrappedKey) {
    employeeId = key.employee.rawValue
    keyId = key.keyID
    method = key.method
    parameters = key.parameters
    salt = key.salt
    wrappedKey = key.wrapped
    created = StoredDate.text(key.created)
  }

  func model() throws(RowError) -> WrappedKey {
    WrappedKey(
      employee: try RowError.employeeID(employeeId), keyID: keyId, method: method, parameters: parameters,
      salt: salt, wrapped: wrappedKey, created: try StoredDate.read(created))
  }
}
