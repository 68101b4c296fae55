import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  public func saveEmployee(_ employee: Employee) async throws(ProgressStoreError) {
    try await write(EmployeeTable.save(employee))
  }

  public func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    let rows = try await write(EnrolmentTable.enrol(employee, in: courseID, version: version, at: date)) {
      try EnrolmentTable.read($0)
    }
    guard let enrolment = rows.first else {
      throw .database(store: name, detail: "the enrolment was not returned")
    }
    return enrolment
  }

  public func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)
  {
    try await write(EnrolmentTable.complete(employee, in: courseID, passed: passed, at: date))
  }

  /// Appends one drill attempt, the pass it made (if any) and moves the bookmark, in one
  /// statement (one round trip for a store with no session lease). Its number counts every
  /// attempt committed before: when another writer took the same number first, the unique
  /// index refuses it and the statement runs again. An attempt sent before is returned with
  /// its number, and its pass is not written again.
  @discardableResult
  public func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError) -> DrillAttempt
  {
    guard attempt.score.isFinite, (0...1).contains(attempt.score) else {
      throw .refused(store: name, detail: "a score must be between 0 and 1, not \(attempt.score)")
    }
    if let refusal = pass?.refusal { throw .refused(store: name, detail: refusal) }
    let statement = DrillAttemptTable.record(attempt, bookmark: bookmark, pass: pass)
    /// The attempt's number and whether it is new, or `nil` when the number was taken.
    func numbered(on c: PostgresConnection) async throws -> [(Int32, Bool)]? {
      do {
        return try await Self.rows(statement, on: c) { try $0.decode((Int32, Bool).self) }
      } catch  where DrillAttemptTable.isNumberTaken(error) {
        return nil
      }
    }
    // Each try that fails lost to a writer that committed, so there are at most as many
    // as writers of this employee and item at once.
    for _ in 0..<Self.numberingTries {
      let written =
        lease == nil
        ? try await withConnection { c in try await numbered(on: c) }
        : try await transaction(rollingBackOnNil: { c in try await numbered(on: c) })
      guard let written else { continue }
      guard let (number, _) = written.first else {
        throw .database(store: name, detail: "the attempt's number was not returned")
      }
      var stored = attempt
      stored.attempt = Int(number)
      stored.at = StoredTime.stored(attempt.at)
      return stored
    }
    throw .busy(store: name)
  }

  /// How many times an attempt is numbered again before the store reports itself busy.
  static let numberingTries = 1_000

  public func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await write(BeliefResponseTable.record(response, bookmark: bookmark))
  }

  public func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?)
    async throws(ProgressStoreError)
  {
    try await write(CreedSignatureTable.record(signature, bookmark: bookmark))
  }

  public func recordPageRead(_ read: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await write(PageReadTable.record(read, bookmark: bookmark))
  }

  public func saveBookmark(_ bookmark: Bookmark) async throws(ProgressStoreError) {
    try await write(BookmarkTable.save(bookmark))
  }
}
