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

  /// Locks the employee's row until the transaction ends, so that two writers of the same
  /// employee number attempts one after the other; no row: an unknown employee.
  /// `FOR NO KEY UPDATE` does not block the foreign-key checks of other records.
  static func lock(_ id: EmployeeID) -> Statement {
    var s = Statement("SELECT id FROM employee WHERE id = $1 FOR NO KEY UPDATE")
    s.bind(id.rawValue)
    return s
  }

  static let columns = "id, name, role, cohort, \(SQL.milliseconds("created"))"

  static func one(_ id: EmployeeID) -> Statement {
    var s = Statement("SELECT \(columns) FROM employee WHERE id = $1")
    s.bind(id.rawValue)
    return s
  }

  static let all = Statement("SELECT \(columns) FROM employee ORDER BY id")

  static func read(_ row: PostgresRow) throws -> Employee {
    let (id, name, role, cohort, created) = try row.decode((String, String, String?, String?, Int64).self)
    return Employee(
      id: try RowError.employeeID(id), name: name, role: role, cohort: cohort, created: SQL.date(created))
  }

  /// Employees as they are, for a copy.
  static let bulk = BulkInsert<Employee>(
    table: "employee",
    columns: [.plain("id"), .plain("name"), .plain("role"), .plain("cohort"), .time("created")]
  ) { e, s in
    s.bind(e.id.rawValue)
    s.bind(e.name)
    s.bind(e.role)
    s.bind(e.cohort)
    s.bindTime(e.created)
  }
}
