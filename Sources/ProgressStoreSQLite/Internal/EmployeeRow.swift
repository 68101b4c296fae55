import Foundation
import GRDB
import LearnerModel

/// A row of the `employee` table.
struct EmployeeRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "employee"

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let name = Column(CodingKeys.name)
  }

  var id: String
  var name: String
  var role: String?
  var cohort: String?
  var created: String

  init(_ employee: Employee) {
    id = employee.id.rawValue
    name = employee.name
    role = employee.role
    cohort = employee.cohort
    created = StoredDate.text(employee.created)
  }

  func model() throws(RowError) -> Employee {
    Employee(
      id: try RowError.employeeID(id), name: name, role: role, cohort: cohort,
      created: try StoredDate.read(created))
  }
}
