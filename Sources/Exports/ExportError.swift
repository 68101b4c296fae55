/// Why an export could not be made; each case names the course and the offending value.
public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A role the course does not declare.
  case unknownRole(String, courseID: String, roles: [String])
  /// No module of the course is for the role.
  case noModules(courseID: String, role: String)

  public var description: String {
    switch self {
    case .unknownRole(let role, let courseID, let roles):
      roles.isEmpty
        ? "the course '\(courseID)' declares no roles, so there is no role '\(role)' to print for"
        : "the course '\(courseID)' has no role '\(role)'; its roles are \(roles.joined(separator: ", "))"
    case .noModules(let courseID, let role):
      "no module of the course '\(courseID)' is for the role '\(role)'"
    }
  }
}
