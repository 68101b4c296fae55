import Foundation

/// Someone who takes courses.
public struct Employee: Sendable, Hashable, Codable {
  public var id: EmployeeID
  public var name: String
  public var role: String?
  public var cohort: String?
  public var created: Date

  public init(
    id: EmployeeID, name: String, role: String? = nil, cohort: String? = nil, created: Date = Date()
  ) {
    self.id = id
    self.name = name
    self.role = role
    self.cohort = cohort
    self.created = created
  }
}
