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

  /// Everything one employee recorded in one course. A row that does not read back (a
  /// malformed ranking, an unreadable time) is left out and named in
  /// ``History/unreadable``, so that one bad row never hides the rest.
  public func history(of employee: EmployeeID, in courseID: String) async throws(ProgressStoreError)
    -> History
  {
    let key = employee.rawValue
    return try await read { db in
      var unreadable: [String] = []
      func rows<Record: FetchableRecord & TableRecord, Model>(
        _ type: Record.Type, _ what: String, order: Column, _ model: (Record) throws(RowError) -> Model
      ) throws -> [Model] {
        let request = Record.filter(Column("employeeId") == key && Column("courseId") == courseID).order(
          order)
        return try Row.fetchAll(db, request).compactMap { row in
          do {
            return try model(try Record(row: row))
          } catch let error as RowError {
            unreadable.append(error.detail)
          } catch {
            unreadable.append("\(what) \(row["id"] as Int64? ?? 0) of \(key): \("\(error)".prefix(200))")
          }
          return nil
        }
      }
      let enrolment = try EnrolmentRow.fetchOne(db, key: ["employeeId": key, "courseId": courseID])
      let attempts = try rows(DrillAttemptRow.self, "drill attempt", order: Column("id")) {
        row throws(RowError) in
        try row.model()
      }
      let beliefs = try rows(BeliefResponseRow.self, "belief response", order: Column("id")) {
        row throws(RowError) in try row.model()
      }
      let signatures = try rows(CreedSignatureRow.self, "creed signature", order: Column("id")) {
        row throws(RowError) in try row.model()
      }
      let passes = try rows(DrillPassRow.self, "drill pass", order: Column("id")) { row throws(RowError) in
        try row.model()
      }
      let pagesRead = try rows(PageReadRow.self, "page read", order: Column("at")) { row throws(RowError) in
        try row.model()
      }
      var bookmark: Bookmark?
      if let row = try Row.fetchOne(
        db, BookmarkRow.filter(key: ["employeeId": key, "courseId": courseID]))
      {
        do {
          bookmark = try BookmarkRow(row: row).model()
        } catch let error as RowError {
          unreadable.append("the bookmark of \(key) in \(courseID): \(error.detail)")
        } catch {
          unreadable.append("the bookmark of \(key) in \(courseID): \("\(error)".prefix(200))")
        }
      }
      return History(
        enrolment: try enrolment?.model(), attempts: attempts, beliefs: beliefs, signatures: signatures,
        passes: passes, pagesRead: pagesRead, bookmark: bookmark, unreadable: unreadable)
    }
  }

  public func enrolments(of employee: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] {
    try await read { db in
      try EnrolmentRow.filter(EnrolmentRow.Columns.employeeId == employee.rawValue)
        .order(EnrolmentRow.Columns.courseId).fetchAll(db).map { row throws in try row.model() }
    }
  }
}
