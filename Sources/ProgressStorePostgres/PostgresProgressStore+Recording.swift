import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  public func saveEmployee(_ employee: Employee) async throws(ProgressStoreError) {
    try await transaction { c in try await Self.execute(EmployeeTable.save(employee), on: c) }
  }

  public func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    let rows = try await transaction { c in
      try await Self.rows(EnrolmentTable.enrol(employee, in: courseID, version: version, at: date), on: c) {
        try EnrolmentTable.read($0)
      }
    }
    guard let enrolment = rows.first else {
      throw .database(store: name, detail: "the enrolment was not returned")
    }
    return enrolment
  }

  public func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)
  {
    try await transaction { c in
      try await Self.execute(EnrolmentTable.complete(employee, in: courseID, passed: passed, at: date), on: c)
    }
  }

  /// Appends one drill attempt, the pass it made (if any) and moves the bookmark, in one
  /// transaction: the employee's row is locked first, so the attempt's number counts every
  /// attempt committed before. An attempt sent before is returned with its number, and
  /// its pass is not written again.
  @discardableResult
  public func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError) -> DrillAttempt
  {
    guard attempt.score.isFinite, (0...1).contains(attempt.score) else {
      throw .refused(store: name, detail: "a score must be between 0 and 1, not \(attempt.score)")
    }
    if let refusal = pass?.refusal { throw .refused(store: name, detail: refusal) }
    let store = name
    let user = location.user
    let number = try await transaction { c in
      let known = try await Self.rows(EmployeeTable.lock(attempt.employee), on: c) { _ in true }
      guard !known.isEmpty else {
        let hidden =
          user == attempt.employee.rawValue
          ? "" : ", or one the database user '\(user)' may not see (a learner sees only their own)"
        throw ProgressStoreError.refused(
          store: store, detail: "unknown employee\(hidden): save the employee before recording their progress"
        )
      }
      let numbers = try await Self.rows(DrillAttemptTable.record(attempt, bookmark: bookmark), on: c) {
        try $0.decode((Int32, Bool).self)
      }
      guard let (number, new) = numbers.first else {
        throw ProgressStoreError.database(store: store, detail: "the attempt's number was not returned")
      }
      if new, let pass { try await Self.execute(DrillPassTable.record(pass), on: c) }
      return Int(number)
    }
    var stored = attempt
    stored.attempt = number
    stored.at = StoredTime.stored(attempt.at)
    return stored
  }

  public func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await transaction { c in
      try await Self.execute(BeliefResponseTable.record(response, bookmark: bookmark), on: c)
    }
  }

  public func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?)
    async throws(ProgressStoreError)
  {
    try await transaction { c in
      try await Self.execute(CreedSignatureTable.record(signature, bookmark: bookmark), on: c)
    }
  }

  public func recordPageRead(_ read: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await transaction { c in try await Self.execute(PageReadTable.record(read, bookmark: bookmark), on: c)
    }
  }

  public func saveBookmark(_ bookmark: Bookmark) async throws(ProgressStoreError) {
    try await transaction { c in try await Self.execute(BookmarkTable.save(bookmark), on: c) }
  }
}
