import Foundation
import GRDBSQLite

/// The baseline: one prepared `INSERT` through SQLite's C API, in autocommit mode (one
/// transaction per row), WAL, the same `synchronous` level as the store. No GRDB, no
/// index, no foreign key, no date formatting: the cheapest way to keep one answer.
public final class BareSQLite: @unchecked Sendable {
  private var db: OpaquePointer?
  private var insert: OpaquePointer?
  private var count = 0

  /// The table the bare inserts go to: the drill attempt's columns, nothing else.
  public static let createTable = """
    CREATE TABLE IF NOT EXISTS answer (id INTEGER PRIMARY KEY, employeeId TEXT NOT NULL,
      courseId TEXT NOT NULL, moduleId TEXT NOT NULL, sectionId TEXT NOT NULL, itemId TEXT NOT NULL,
      itemHash TEXT NOT NULL, response TEXT NOT NULL, score REAL NOT NULL, correct INTEGER NOT NULL,
      attempt INTEGER NOT NULL, sessionId TEXT NOT NULL, at TEXT NOT NULL)
    """

  public init(path: String, synchronous: String) {
    precondition(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK)
    sqlite3_busy_timeout(db, 5000)
    exec("PRAGMA journal_mode = WAL")
    exec("PRAGMA synchronous = \(synchronous)")
    exec(Self.createTable)
    let sql = "INSERT INTO answer VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    precondition(sqlite3_prepare_v2(db, sql, -1, &insert, nil) == SQLITE_OK)
  }

  /// Inserts one answer in its own (implicit) transaction.
  public func insertAnswer() {
    count += 1
    let texts = [
      "bench", "bench-course", "m1", "s1", "q\(count % 50)", "hash", "answer \(count)",
    ]
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for (i, text) in texts.enumerated() { sqlite3_bind_text(insert, Int32(i + 1), text, -1, transient) }
    sqlite3_bind_double(insert, 8, 1.0)
    sqlite3_bind_int(insert, 9, 1)
    sqlite3_bind_int(insert, 10, 1)
    sqlite3_bind_text(insert, 11, "session", -1, transient)
    sqlite3_bind_text(insert, 12, "2026-01-01 00:00:00.000", -1, transient)
    let rc = sqlite3_step(insert)
    precondition(rc == SQLITE_DONE, String(cString: sqlite3_errmsg(db)))
    sqlite3_reset(insert)
  }

  private func exec(_ sql: String) {
    precondition(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK, String(cString: sqlite3_errmsg(db)))
  }

  deinit {
    sqlite3_finalize(insert)
    sqlite3_close_v2(db)
  }
}
