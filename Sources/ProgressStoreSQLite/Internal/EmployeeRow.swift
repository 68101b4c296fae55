import Foundation
import GRDB
import LearnerModel

/// A row of the `employee` table.
struct EmployeeRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "employee"

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let name = Column(CodingKeys.name)
    static let cohort = Column(CodingKeys.cohort)
    static let rosterImported = Column(CodingKeys.rosterImported)
  }

  var id: String
  var name: String
  var role: String?
  var cohort: String?
  var created: String
  var rosterImported: String?
  /// A JSON array of `[name, value]` pairs.
  var rosterFields: String?

  /// The columns in the order ``init(row:)`` reads them, for hand-written queries.
  static let selection = "e.id, e.name, e.role, e.cohort, e.created, e.rosterImported, e.rosterFields"

  init(_ employee: Employee) {
    id = employee.id.rawValue
    name = employee.name
    role = employee.role
    cohort = employee.cohort
    created = StoredDate.text(employee.created)
    rosterImported = employee.rosterImported.map(StoredDate.text)
    rosterFields = Self.fieldsText(employee.rosterFields)
  }

  /// Reads the columns of ``selection`` from `start` on.
  init(_ row: Row, from start: Int = 0) {
    id = row[start]
    name = row[start + 1]
    role = row[start + 2]
    cohort = row[start + 3]
    created = row[start + 4]
    rosterImported = row[start + 5]
    rosterFields = row[start + 6]
  }

  static func fieldsText(_ fields: [RosterField]) -> String? {
    guard !fields.isEmpty else { return nil }
    let pairs = fields.map { [$0.name, $0.value] }
    return String(decoding: (try? JSONEncoder().encode(pairs)) ?? Data("[]".utf8), as: UTF8.self)
  }

  func model() throws(RowError) -> Employee {
    var fields: [RosterField] = []
    if let rosterFields {
      guard let pairs = try? JSONDecoder().decode([[String]].self, from: Data(rosterFields.utf8)),
        pairs.allSatisfy({ $0.count == 2 })
      else { throw RowError("employee \(id.prefix(64)): unreadable roster columns") }
      fields = pairs.map { RosterField(name: $0[0], value: $0[1]) }
    }
    return Employee(
      id: try RowError.employeeID(id), name: name, role: role, cohort: cohort,
      created: try StoredDate.read(created),
      rosterImported: try rosterImported.map { text throws(RowError) in try StoredDate.read(text) },
      rosterFields: fields)
  }
}
