import Foundation
import LearnerModel
import PostgresNIO

/// What every table's SQL shares.
///
/// Times are `timestamptz` columns, so reports in plain SQL can use PostgreSQL's date
/// functions. They are written from, and read back as, whole milliseconds since 1970
/// (never through a `Date` binding, which PostgreSQL keeps to the microsecond), so a time
/// reads back exactly as ``LearnerModel/StoredTime/stored(_:)`` says it will.
///
/// Identifiers are not quoted: PostgreSQL folds them to lower case (`drillattempt`,
/// `employeeid`), so `psql` users type them as the SQLite store spells them. Ids are
/// `COLLATE "C"`, so they sort byte by byte, as SQLite and Swift sort them.
enum SQL {
  /// The SQL for parameter `$n` holding milliseconds, as a `timestamptz`.
  static func time(_ n: Int) -> String { "to_timestamp($\(n)::float8 / 1000)" }

  /// A `timestamptz` column (or expression) read as whole milliseconds (an `int8`).
  static func milliseconds(_ column: String) -> String { "(extract(epoch FROM \(column)) * 1000)::int8" }

  /// A time as the parameter ``time(_:)`` reads: milliseconds, earlier times rounded down.
  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// A time read by ``milliseconds(_:)-swift.type.method``.
  static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

/// A statement and its parameters, built up a part at a time so that one statement can
/// write a record and move the bookmark.
struct Statement {
  var sql: String
  var binds = PostgresBindings()

  init(_ sql: String = "") { self.sql = sql }

  /// The number the next parameter gets (`$1`, `$2`...).
  var next: Int { binds.count + 1 }

  mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) { binds.append(value) }
  mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) { binds.append(value) }
  /// Bytes, as a `bytea` parameter.
  mutating func bind(_ data: Data) { binds.append(ByteBuffer(bytes: data)) }
  mutating func bind(_ data: Data?) { binds.append(data.map { ByteBuffer(bytes: $0) }) }
  mutating func bindTime(_ date: Date) { binds.append(SQL.milliseconds(date)) }
  mutating func bindTime(_ date: Date?) { binds.append(date.map(SQL.milliseconds)) }

  var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }

  /// `columns` of one employee's records in one course, from `table`, in `order`: what
  /// every record table's `history(of:in:)` reads.
  static func history(
    _ columns: String, from table: String, orderedBy order: String = "id", of employee: EmployeeID,
    in courseID: String
  ) -> Statement {
    var s = Statement(
      "SELECT \(columns) FROM \(table) WHERE employeeId = $1 AND courseId = $2 ORDER BY \(order)")
    s.bind(employee.rawValue)
    s.bind(courseID)
    return s
  }
}

/// The `recordId` column of the tables that records are appended to.
enum RecordID {
  /// Adds the column (rows already there get a random id) and its unique constraint.
  static func add(to table: String) -> [String] {
    [
      "ALTER TABLE \(table) ADD COLUMN recordId uuid NOT NULL DEFAULT gen_random_uuid()",
      "ALTER TABLE \(table) ALTER COLUMN recordId DROP DEFAULT",
      "ALTER TABLE \(table) ADD CONSTRAINT \(table)_on_recordId UNIQUE (recordId)",
    ]
  }
}

/// Many rows into one table: `INSERT … VALUES (…), (…)`, as many rows per statement as
/// the protocol's 65,535 parameters allow (at most 1,000), for copying a whole store.
struct BulkInsert<Row>: Sendable {
  /// A column and how its parameter is written (`$n`, or a conversion of it).
  struct Column: Sendable {
    var name: String
    var value: @Sendable (Int) -> String
    static func plain(_ name: String) -> Column { Column(name: name, value: { "$\($0)" }) }
    static func time(_ name: String) -> Column { Column(name: name, value: { SQL.time($0) }) }
    static func json(_ name: String) -> Column { Column(name: name, value: { "$\($0)::jsonb" }) }
  }

  var table: String
  var columns: [Column]
  /// Binds one row's values, in the order of `columns`.
  var bind: @Sendable (Row, inout Statement) -> Void

  func statements(_ rows: [Row]) -> [Statement] {
    let perStatement = max(1, min(1000, 65_535 / columns.count))
    let names = columns.map(\.name).joined(separator: ", ")
    return stride(from: 0, to: rows.count, by: perStatement).map { start in
      var s = Statement()
      var values: [String] = []
      for row in rows[start..<min(rows.count, start + perStatement)] {
        let first = s.next
        bind(row, &s)
        values.append("(" + columns.enumerated().map { $1.value(first + $0) }.joined(separator: ", ") + ")")
      }
      s.sql = "INSERT INTO \(table) (\(names)) VALUES " + values.joined(separator: ", ")
      return s
    }
  }
}
