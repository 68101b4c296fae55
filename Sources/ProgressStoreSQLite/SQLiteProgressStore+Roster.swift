import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  @discardableResult
  public func importRoster(_ employees: [Employee], at date: Date) async throws(ProgressStoreError)
    -> RosterImport
  {
    if let refusal = Employee.rosterRefusal(employees) { throw .refused(store: path, detail: refusal) }
    return try await write { db in
      var result = RosterImport()
      let upsert = try db.cachedStatement(
        sql: """
          INSERT INTO employee (id, name, role, cohort, created, rosterImported, rosterFields)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
            cohort = excluded.cohort, rosterImported = excluded.rosterImported,
            rosterFields = excluded.rosterFields
          """)
      for entry in employees {
        let known = try EmployeeRow.fetchOne(db, key: entry.id.rawValue)?.model()
        if let known {
          if Employee.rosterUnchanged(entry, known) { result.unchanged += 1 } else { result.updated += 1 }
        } else {
          result.added += 1
        }
        let row = EmployeeRow(Employee.imported(entry, over: known, at: date))
        try upsert.execute(arguments: [
          row.id, row.name, row.role, row.cohort, row.created, row.rosterImported, row.rosterFields,
        ])
      }
      return result
    }
  }

  public func employees(_ query: EmployeeQuery) async throws(ProgressStoreError) -> [Employee] {
    try await read { db in
      var request = EmployeeRow.order(EmployeeRow.Columns.id).limit(query.limit)
      if let after = query.after { request = request.filter(EmployeeRow.Columns.id > after.rawValue) }
      if let cohort = query.cohort { request = request.filter(EmployeeRow.Columns.cohort == cohort) }
      if query.onRosterOnly { request = request.filter(EmployeeRow.Columns.rosterImported != nil) }
      return try request.fetchAll(db).map { row throws in try row.model() }
    }
  }
}
