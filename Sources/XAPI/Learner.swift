import LearnerModel

/// The employee a statement is about, as the roster gives them.
public struct Learner: Sendable, Hashable {
  public var id: EmployeeID
  public var name: String
  public var role: String?
  /// The employee's email address, when the roster holds one. Used only when the
  /// settings ask for it (``XAPISettings/Identity/email``).
  public var email: String?

  public init(id: EmployeeID, name: String, role: String? = nil, email: String? = nil) {
    self.id = id
    self.name = name
    self.role = role
    self.email = email
  }

  /// The learner an employee record describes.
  public init(_ employee: Employee, email: String? = nil) {
    self.init(id: employee.id, name: employee.name, role: employee.role, email: email)
  }
}
