import Foundation

/// A drill passed: the pass as it happened, kept so that a later change to the course
/// (a raised pass mark, a new question) never rewrites it. Append-only, like attempts.
public struct DrillPass: Sendable, Hashable, Codable {
  public var employee: EmployeeID
  public var courseID: String
  public var moduleID: String
  /// The drill section's id.
  public var sectionID: String
  /// ``CourseModel/ContentHash/drill(_:)`` of the drill passed: its questions and their
  /// answer keys then.
  public var drillHash: String
  /// The pass mark then, in percent (1...100).
  public var passMark: Int
  /// The drill's score then (the mean of each question's best score), 0...1.
  public var score: Double
  public var sessionID: String
  public var at: Date
  /// The record's own id: a copy merged twice keeps the pass once.
  public var recordID: UUID

  public init(
    employee: EmployeeID, courseID: String, moduleID: String, sectionID: String, drillHash: String,
    passMark: Int, score: Double, sessionID: String, at: Date = Date(),
    recordID: UUID = UUID()
  ) {
    self.employee = employee
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.drillHash = drillHash
    self.passMark = passMark
    self.score = score
    self.sessionID = sessionID
    self.at = at
    self.recordID = recordID
  }
}
