import Foundation
import LearnerModel

/// What the front end must do for the engine: every record goes to the store, in one
/// transaction with its bookmark, before the next screen is shown.
public enum Effect: Sendable, Hashable {
  /// An answer, with the drill pass it made (if it made one).
  case recordAttempt(DrillAttempt, Bookmark, pass: DrillPass?)
  /// A review answer (``ReviewSession``): an attempt of its own, with no bookmark, since a
  /// review never moves the learner's place in the course.
  case recordReview(DrillAttempt)
  case recordBelief(BeliefResponse, Bookmark)
  case recordSignature(CreedSignature, Bookmark)
  case recordPageRead(PageRead, Bookmark?)
  case saveBookmark(Bookmark)
  case completeEnrolment(passed: Bool)
}

extension ProgressStore {
  /// Writes what the engine asked for, in order: every record in one transaction with
  /// its bookmark. Every front end, and every test that drives the engine, writes
  /// effects through this one function.
  /// - Parameters:
  ///   - effects: What ``Session/handle(_:at:)`` returned.
  ///   - employee: Whose session it is.
  ///   - courseID: The course of the session.
  ///   - date: When the effects happened (the enrolment's completion time).
  public func apply(_ effects: [Effect], employee: EmployeeID, courseID: String, at date: Date)
    async throws(ProgressStoreError)
  {
    for effect in effects {
      switch effect {
      case .recordAttempt(let attempt, let bookmark, let pass):
        try await recordAttempt(attempt, pass: pass, bookmark: bookmark)
      case .recordReview(let attempt): try await recordAttempt(attempt, pass: nil, bookmark: nil)
      case .recordBelief(let response, let bookmark): try await recordBelief(response, bookmark: bookmark)
      case .recordSignature(let signature, let bookmark):
        try await recordSignature(signature, bookmark: bookmark)
      case .recordPageRead(let read, let bookmark): try await recordPageRead(read, bookmark: bookmark)
      case .saveBookmark(let bookmark): try await saveBookmark(bookmark)
      case .completeEnrolment(let passed):
        try await completeEnrolment(employee, in: courseID, passed: passed, at: date)
      }
    }
  }
}
