import Foundation

/// A signed creed.
public struct CreedSignature: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The creed section's id.
  public var sectionID: String
  /// ``CourseModel/Creed/contentHash`` of the text signed.
  public var creedHash: String
  /// The name the employee typed.
  public var name: String
  public var sessionID: String
  public var at: Date
  /// The record's own id: a store that is sent the same signature again keeps it once.
  public var recordID: UUID

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String, creedHash: String,
    name: String, sessionID: String, at: Date = Date(), recordID: UUID = UUID()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.creedHash = creedHash
    self.name = name
    self.sessionID = sessionID
    self.at = at
    self.recordID = recordID
  }
}
