import Foundation

/// An employee's enrolment in a course.
///
/// A course is known by its id and its version (a content hash), never by where its
/// files are: reports find the course by id in whatever courses folder they are given,
/// on any machine.
public struct Enrolment: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var started: Date
  public var completed: Date?
  public var passed: Bool
  /// ``CourseModel/Course/contentHash`` of the course as last taken; `nil` for an
  /// enrolment stored before coach kept it.
  public var courseVersion: String?

  public init(
    employee: EmployeeID, courseID: String, started: Date, completed: Date? = nil, passed: Bool = false,
    courseVersion: String? = nil
  ) {
    self.employee = employee
    self.courseID = courseID
    self.started = started
    self.completed = completed
    self.passed = passed
    self.courseVersion = courseVersion
  }
}
