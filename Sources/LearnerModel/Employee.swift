import Foundation

/// Someone who takes courses.
public struct Employee: Sendable, Hashable, Codable {
  public var id: EmployeeID
  public var name: String
  public var role: String?
  public var cohort: String?
  public var created: Date
  /// When the employee was last on an imported roster (``ProgressStore/importRoster(_:at:)``);
  /// `nil` for one who is on no roster. An employee on the roster keeps the roster's role
  /// and cohort: `coach learn` does not let them pick another.
  public var rosterImported: Date?
  /// The roster's other columns (email, manager, ...), in the roster's order.
  public var rosterFields: [RosterField]

  public init(
    id: EmployeeID, name: String, role: String? = nil, cohort: String? = nil, created: Date = Date(),
    rosterImported: Date? = nil, rosterFields: [RosterField] = []
  ) {
    self.id = id
    self.name = name
    self.role = role
    self.cohort = cohort
    self.created = created
    self.rosterImported = rosterImported
    self.rosterFields = rosterFields
  }

  /// Whether the employee is on an imported roster.
  public var isOnRoster: Bool { rosterImported != nil }

  /// The value of a roster column beyond id, name, role and cohort, if the roster has it.
  public func rosterField(_ name: String) -> String? {
    rosterFields.first { $0.name == name }?.value
  }
}

/// One extra column of a roster, kept with the employee: `email`, `manager`, ...
public struct RosterField: Sendable, Hashable, Codable {
  /// The column's name, as the roster's header row gives it.
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// What one roster import did.
public struct RosterImport: Sendable, Hashable, Codable {
  /// Employees the store did not know.
  public var added: Int
  /// Known employees whose name, role, cohort or extra columns changed, or who were not
  /// on a roster before.
  public var updated: Int
  /// Known employees already on the roster as the file has them.
  public var unchanged: Int

  public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
    self.added = added
    self.updated = updated
    self.unchanged = unchanged
  }
}

extension Employee {
  /// Why a store refuses a roster (`nil` when it is sound): an employee without a name,
  /// or an id given twice. Every store checks rosters the same way, before writing any.
  public static func rosterRefusal(_ employees: [Employee]) -> String? {
    var seen = Set<EmployeeID>()
    for employee in employees {
      if employee.name.trimmingCharacters(in: .whitespaces).isEmpty {
        return "the roster gives employee \(employee.id) no name"
      }
      if !seen.insert(employee.id).inserted { return "the roster gives employee \(employee.id) twice" }
      var columns = Set<String>()
      for field in employee.rosterFields where !columns.insert(field.name).inserted {
        return "the roster gives employee \(employee.id) the column \(field.name) twice"
      }
    }
    return nil
  }

  /// The employee as a roster import leaves them: `known` (if any) with the roster's
  /// name, role, cohort and extra columns, on the roster since `date`, created at `date`
  /// when new. Every store applies rosters this way.
  public static func imported(_ entry: Employee, over known: Employee?, at date: Date) -> Employee {
    var employee = known ?? Employee(id: entry.id, name: entry.name, created: StoredTime.stored(date))
    employee.name = entry.name
    employee.role = entry.role
    employee.cohort = entry.cohort
    employee.rosterFields = entry.rosterFields
    employee.rosterImported = StoredTime.stored(date)
    return employee
  }

  /// Whether importing `entry` changes nothing of `known` but the import time.
  public static func rosterUnchanged(_ entry: Employee, _ known: Employee) -> Bool {
    known.isOnRoster && known.name == entry.name && known.role == entry.role && known.cohort == entry.cohort
      && known.rosterFields == entry.rosterFields
  }
}
