import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  public func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee? {
    try await withConnection { c in
      try await Self.rows(EmployeeTable.one(id), on: c, EmployeeTable.read).first
    }
  }

  public func allEmployees() async throws(ProgressStoreError) -> [Employee] {
    try await withConnection { c in try await Self.rows(EmployeeTable.all, on: c, EmployeeTable.read) }
  }

  /// Everything one employee recorded in one course, read in one repeatable-read
  /// transaction (one snapshot).
  public func history(of employee: EmployeeID, in courseID: String) async throws(ProgressStoreError)
    -> History
  {
    try await transaction(readOnly: true) { c in
      History(
        enrolment: try await Self.rows(EnrolmentTable.one(employee, in: courseID), on: c, EnrolmentTable.read)
          .first,
        attempts: try await Self.rows(
          DrillAttemptTable.history(of: employee, in: courseID), on: c, DrillAttemptTable.read),
        beliefs: try await Self.rows(
          BeliefResponseTable.history(of: employee, in: courseID), on: c, BeliefResponseTable.read),
        signatures: try await Self.rows(
          CreedSignatureTable.history(of: employee, in: courseID), on: c, CreedSignatureTable.read),
        passes: try await Self.rows(
          DrillPassTable.history(of: employee, in: courseID), on: c, DrillPassTable.read),
        pagesRead: try await Self.rows(
          PageReadTable.history(of: employee, in: courseID), on: c, PageReadTable.read),
        bookmark: try await Self.rows(BookmarkTable.one(employee, in: courseID), on: c, BookmarkTable.read)
          .first)
    }
  }

  public func enrolments(of employee: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] {
    try await withConnection { c in
      try await Self.rows(EnrolmentTable.all(of: employee), on: c, EnrolmentTable.read)
    }
  }
}
