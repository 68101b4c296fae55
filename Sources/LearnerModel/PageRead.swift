import Foundation

/// A course page an employee read to its end: the course introduction, a module's
/// overview, or a lesson. Only the first reading is kept.
public struct PageRead: Sendable, Hashable, Codable {
  public enum Page: String, Sendable, Hashable, Codable {
    case introduction
    case overview
    case lesson
  }

  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The lesson section's id; empty for an introduction or an overview.
  public var sectionID: String
  public var page: Page
  public var sessionID: String
  public var at: Date

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String = "", page: Page,
    sessionID: String, at: Date = Date()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.page = page
    self.sessionID = sessionID
    self.at = at
  }
}
