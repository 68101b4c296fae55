import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  public func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee? {
    try await read { db in try EmployeeRow.fetchOne(db, key: id.rawValue)?.model() }
  }

  public func allEmployees() async throws(ProgressStoreError) -> [Employee] {
    try await read { db in
      try EmployeeRow.order(EmployeeRow.Columns.id).fetchAll(db).map { row throws in try row.model() }
    }
  }

  public func history(of employee: EmployeeID, in courseID: String) async throws(ProgressStoreError)
    -> History
  {
    let key = employee.rawValue
    return try await read { db in
      let enrolment = try EnrolmentRow.fetchOne(db, key: ["employeeId": key, "courseId": courseID])
      let attempts =
        try DrillAttemptRow
        .filter(DrillAttemptRow.Columns.employeeId == key && DrillAttemptRow.Columns.courseId == courseID)
        .order(DrillAttemptRow.Columns.id).fetchAll(db)
      let beliefs =
        try BeliefResponseRow
        .filter(BeliefResponseRow.Columns.employeeId == key && BeliefResponseRow.Columns.courseId == courseID)
        .order(BeliefResponseRow.Columns.id).fetchAll(db)
      let signatures =
        try CreedSignatureRow
        .filter(CreedSignatureRow.Columns.employeeId == key && CreedSignatureRow.Columns.courseId == courseID)
        .order(CreedSignatureRow.Columns.id).fetchAll(db)
      let passes =
        try DrillPassRow
        .filter(DrillPassRow.Columns.employeeId == key && DrillPassRow.Columns.courseId == courseID)
        .order(DrillPassRow.Columns.id).fetchAll(db)
      let pagesRead =
        try PageReadRow
        .filter(PageReadRow.Columns.employeeId == key && PageReadRow.Columns.courseId == courseID)
        .order(PageReadRow.Columns.at).fetchAll(db)
      let bookmark = try BookmarkRow.fetchOne(db, key: ["employeeId": key, "courseId": courseID])
      return History(
        enrolment: try enrolment?.model(),
        attempts: try attempts.map { row throws in try row.model() },
        beliefs: try beliefs.map { row throws in try row.model() },
        signatures: try signatures.map { row throws in try row.model() },
        passes: try passes.map { row throws in try row.model() },
        pagesRead: try pagesRead.map { row throws in try row.model() },
        bookmark: try bookmark?.model())
    }
  }

  public func enrolments(of employee: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] {
    try await read { db in
      try EnrolmentRow.filter(EnrolmentRow.Columns.employeeId == employee.rawValue)
        .order(EnrolmentRow.Columns.courseId).fetchAll(db).map { row throws in try row.model() }
    }
  }
}
