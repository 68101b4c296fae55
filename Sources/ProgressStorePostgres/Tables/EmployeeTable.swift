import Foundation
import LearnerModel
import PostgresNIO

/// The `employee` table: who takes courses. Every other table refers to it.
enum EmployeeTable {
  static let create = """
    CREATE TABLE employee (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      role text,
      cohort text,
      created timestamptz NOT NULL)
    """

  /// `v8-add-employee-roster`: when the employee was last on an imported roster (`NULL`:
  /// on none), the roster's other columns (a JSON array of `[name, value]` pairs, as text
  /// so it reads back byte for byte), and the index the cohort report lists by.
  static let addRoster = [
    "ALTER TABLE employee ADD COLUMN rosterImported timestamptz",
    "ALTER TABLE employee ADD COLUMN rosterFields text",
    "CREATE INDEX employee_on_cohort ON employee (cohort, id)",
  ]

  /// Adds the employee, or updates the name, role and cohort of a known one (the time it
  /// was first saved stays).
  static func save(_ employee: Employee) -> Statement {
    var s = Statement(
      """
      INSERT INTO employee (id, name, role, cohort, created) VALUES ($1, $2, $3, $4, \(SQL.time(5)))
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, cohort = excluded.cohort
      """)
    s.bind(employee.id.rawValue)
    s.bind(employee.name)
    s.bind(employee.role)
    s.bind(employee.cohort)
    s.bindTime(employee.created)
    return s
  }

  /// Locks the employee's row until the transaction ends, so that two sessions of the same
  /// employee claiming at once take turns; no row: an unknown employee.
  /// `FOR NO KEY UPDATE` does not block the foreign-key checks of other records.
  static func lock(_ id: EmployeeID) -> Statement {
    var s = Statement("SELECT id FROM employee WHERE id = $1 FOR NO KEY UPDATE")
    s.bind(id.rawValue)
    return s
  }

  static let columns =
    "id, name, role, cohort, \(SQL.milliseconds("created")), \(SQL.milliseconds("rosterImported")), rosterFields"

  /// Adds or updates one employee of an imported roster, roster columns included.
  static func imported(_ employee: Employee) -> Statement {
    var s = Statement(
      """
      INSERT INTO employee (id, name, role, cohort, created, rosterImported, rosterFields)
      VALUES ($1, $2, $3, $4, \(SQL.time(5)), \(SQL.time(6)), $7)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, cohort = excluded.cohort,
        rosterImported = excluded.rosterImported, rosterFields = excluded.rosterFields
      """)
    bindAll(employee, &s)
    return s
  }

  static func bindAll(_ e: Employee, _ s: inout Statement) {
    s.bind(e.id.rawValue)
    s.bind(e.name)
    s.bind(e.role)
    s.bind(e.cohort)
    s.bindTime(e.created)
    s.bindTime(e.rosterImported)
    s.bind(fieldsText(e.rosterFields))
  }

  /// Roster columns as the JSON text the SQLite store keeps too (`NULL` for none).
  static func fieldsText(_ fields: [RosterField]) -> String? {
    guard !fields.isEmpty else { return nil }
    let pairs = fields.map { [$0.name, $0.value] }
    return String(decoding: (try? JSONEncoder().encode(pairs)) ?? Data("[]".utf8), as: UTF8.self)
  }

  /// Employees of a page of the roster (``EmployeeQuery``), ordered by id.
  static func page(_ query: EmployeeQuery) -> Statement {
    var s = Statement()
    var conditions: [String] = []
    if let after = query.after {
      s.bind(after.rawValue)
      conditions.append("id > $\(s.binds.count)")
    }
    if let cohort = query.cohort {
      s.bind(cohort)
      conditions.append("cohort = $\(s.binds.count)")
    }
    if query.onRosterOnly { conditions.append("rosterImported IS NOT NULL") }
    s.bind(Int64(query.limit))
    s.sql =
      "SELECT \(columns) FROM employee"
      + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
      + " ORDER BY id LIMIT $\(s.binds.count)"
    return s
  }

  static func one(_ id: EmployeeID) -> Statement {
    var s = Statement("SELECT \(columns) FROM employee WHERE id = $1")
    s.bind(id.rawValue)
    return s
  }

  static let all = Statement("SELECT \(columns) FROM employee ORDER BY id")

  static func read(_ row: PostgresRow) throws -> Employee {
    let (id, name, role, cohort, created, imported, fieldsText) = try row.decode(
      (String, String, String?, String?, Int64, Int64?, String?).self)
    var fields: [RosterField] = []
    if let fieldsText {
      guard let pairs = try? JSONDecoder().decode([[String]].self, from: Data(fieldsText.utf8)),
        pairs.allSatisfy({ $0.count == 2 })
      else { throw RowError("employee \(id.prefix(64)): unreadable roster columns") }
      fields = pairs.map { RosterField(name: $0[0], value: $0[1]) }
    }
    return Employee(
      id: try RowError.employeeID(id), name: name, role: role, cohort: cohort, created: SQL.date(created),
      rosterImported: imported.map(SQL.date), rosterFields: fields)
  }

  /// Employees as they are, for a copy.
  static let bulk = BulkInsert<Employee>(
    table: "employee",
    columns: [
      .plain("id"), .plain("name"), .plain("role"), .plain("cohort"), .time("created"),
      .time("rosterImported"),
      .plain("rosterFields"),
    ]
  ) { e, s in bindAll(e, &s) }
}
