import Foundation
import LearnerModel
import PostgresNIO

/// The `employeeKey` table (`v6-create-employeeKey`): one wrapped private-text key per
/// employee, sealed under a key derived from their passphrase and kept as given. The store
/// cannot open it.
enum EmployeeKeyTable {
  static let create = """
    CREATE TABLE employeeKey (
      employeeId text COLLATE "C" PRIMARY KEY REFERENCES employee (id),
      keyId text NOT NULL,
      method text NOT NULL,
      parameters text NOT NULL,
      salt bytea NOT NULL,
      wrappedKey bytea NOT NULL,
      created timestamptz NOT NULL)
    """

  static let columns =
    "employeeId, keyId, method, parameters, salt, wrappedKey, \(SQL.milliseconds("created"))"

  static func one(_ employee: EmployeeID) -> Statement {
    var s = Statement("SELECT \(columns) FROM employeeKey WHERE employeeId = $1")
    s.bind(employee.rawValue)
    return s
  }

  static let everything = Statement("SELECT \(columns) FROM employeeKey ORDER BY employeeId")

  /// Adds the key; a second key of the same employee conflicts and adds nothing (the
  /// statement returns no row then).
  static func insert(_ key: WrappedKey) -> Statement {
    var s = Statement(
      """
      INSERT INTO employeeKey (employeeId, keyId, method, parameters, salt, wrappedKey, created)
      VALUES ($1, $2, $3, $4, $5, $6, \(SQL.time(7)))
      ON CONFLICT (employeeId) DO NOTHING RETURNING employeeId
      """)
    bindAll(key, &s)
    return s
  }

  static func bindAll(_ key: WrappedKey, _ s: inout Statement) {
    s.bind(key.employee.rawValue)
    s.bind(key.keyID)
    s.bind(key.method)
    s.bind(key.parameters)
    s.bind(key.salt)
    s.bind(key.wrapped)
    s.bindTime(key.created)
  }

  static func read(_ row: PostgresRow) throws -> WrappedKey {
    let (employee, keyID, method, parameters, salt, wrapped, created) = try row.decode(
      (String, String, String, String, ByteBuffer, ByteBuffer, Int64).self)
    return WrappedKey(
      employee: try RowError.employeeID(employee), keyID: keyID, method: method, parameters: parameters,
      salt: Data(salt.readableBytesView), wrapped: Data(wrapped.readableBytesView), created: SQL.date(created)
    )
  }

  /// Keys as they are, for a copy.
  static let bulk = BulkInsert<WrappedKey>(
    table: "employeeKey",
    columns: [
      .plain("employeeId"), .plain("keyId"), .plain("method"), .plain("parameters"), .plain("salt"),
      .plain("wrappedKey"), .time("created"),
    ]
  ) { key, s in bindAll(key, &s) }
}

/// The `sessionLease` table (`v7-create-sessionLease`): one open learn session per
/// employee, who holds it, its heartbeat and its expiry.
enum SessionLeaseTable {
  static let create = """
    CREATE TABLE sessionLease (
      employeeId text COLLATE "C" PRIMARY KEY REFERENCES employee (id),
      sessionId text NOT NULL,
      host text NOT NULL,
      process integer NOT NULL,
      started timestamptz NOT NULL,
      renewed timestamptz NOT NULL,
      expires timestamptz NOT NULL)
    """

  static let columns = """
    employeeId, sessionId, host, process, \(SQL.milliseconds("started")), \(SQL.milliseconds("renewed")),
    \(SQL.milliseconds("expires"))
    """

  /// The employee's lease; `locking`: the row is locked until the transaction ends.
  static func one(_ employee: EmployeeID, locking: Bool = false) -> Statement {
    var s = Statement(
      "SELECT \(columns) FROM sessionLease WHERE employeeId = $1" + (locking ? " FOR UPDATE" : ""))
    s.bind(employee.rawValue)
    return s
  }

  /// Writes the lease over whatever the employee held.
  static func save(_ lease: SessionLease) -> Statement {
    var s = Statement(
      """
      INSERT INTO sessionLease (employeeId, sessionId, host, process, started, renewed, expires)
      VALUES ($1, $2, $3, $4, \(SQL.time(5)), \(SQL.time(6)), \(SQL.time(7)))
      ON CONFLICT (employeeId) DO UPDATE SET sessionId = excluded.sessionId, host = excluded.host,
        process = excluded.process, started = excluded.started, renewed = excluded.renewed,
        expires = excluded.expires
      """)
    s.bind(lease.employee.rawValue)
    s.bind(lease.sessionID)
    s.bind(lease.host)
    s.bind(lease.process)
    s.bindTime(lease.started)
    s.bindTime(lease.renewed)
    s.bindTime(lease.expires)
    return s
  }

  static func renew(_ lease: SessionLease) -> Statement {
    var s = Statement(
      """
      UPDATE sessionLease SET renewed = \(SQL.time(1)), expires = \(SQL.time(2))
      WHERE employeeId = $3 AND sessionId = $4 RETURNING employeeId
      """)
    s.bindTime(lease.renewed)
    s.bindTime(lease.expires)
    s.bind(lease.employee.rawValue)
    s.bind(lease.sessionID)
    return s
  }

  static func release(_ lease: SessionLease) -> Statement {
    var s = Statement("DELETE FROM sessionLease WHERE employeeId = $1 AND sessionId = $2")
    s.bind(lease.employee.rawValue)
    s.bind(lease.sessionID)
    return s
  }

  static func read(_ row: PostgresRow) throws -> SessionLease {
    let (employee, session, host, process, started, renewed, expires) = try row.decode(
      (String, String, String, Int32, Int64, Int64, Int64).self)
    return SessionLease(
      employee: try RowError.employeeID(employee), sessionID: session, host: host, process: process,
      started: SQL.date(started), renewed: SQL.date(renewed), expires: SQL.date(expires))
  }
}
