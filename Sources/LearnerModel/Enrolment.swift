import Foundation

/// An employee's enrolment in a course.
public struct Enrolment: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var started: Date
  public var completed: Date?
  public var passed: Bool
  /// The folder the course was last taken from, so that reports can read it again.
  public var source: String?

  public init(
    employee: EmployeeID, courseID: String, started: Date, completed: Date? = nil, passed: Bool = false,
    source: String? = nil
  ) {
    self.employee = employee
    self.courseID = courseID
    self.started = started
    self.completed = completed
    self.passed = passed
    self.source = source
  }
}
