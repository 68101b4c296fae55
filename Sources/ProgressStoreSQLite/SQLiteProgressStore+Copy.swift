import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore: CopyableProgressStore {
  public func contents() async throws(ProgressStoreError) -> StoreContents {
    try await read { db in try Self.contents(db) }
  }

  static func contents(_ db: Database) throws -> StoreContents {
    StoreContents(
      employees: try EmployeeRow.order(EmployeeRow.Columns.id).fetchAll(db).map { row throws in
        try row.model()
      },
      enrolments: try EnrolmentRow.order(EnrolmentRow.Columns.employeeId, EnrolmentRow.Columns.courseId)
        .fetchAll(db).map { row throws in try row.model() },
      attempts: try DrillAttemptRow.order(DrillAttemptRow.Columns.id).fetchAll(db).map { row throws in
        try row.model()
      },
      beliefs: try BeliefResponseRow.order(BeliefResponseRow.Columns.id).fetchAll(db).map { row throws in
        try row.model()
      },
      signatures: try CreedSignatureRow.order(CreedSignatureRow.Columns.id).fetchAll(db).map { row throws in
        try row.model()
      },
      passes: try DrillPassRow.order(DrillPassRow.Columns.id).fetchAll(db).map { row throws in try row.model()
      },
      pagesRead: try PageReadRow.order(
        PageReadRow.Columns.employeeId, PageReadRow.Columns.courseId, PageReadRow.Columns.at
      ).fetchAll(db).map { row throws in try row.model() },
      bookmarks: try BookmarkRow.order(BookmarkRow.Columns.employeeId, BookmarkRow.Columns.courseId)
        .fetchAll(db).map { row throws in try row.model() },
      keys: try EmployeeKeyRow.order(Column("employeeId")).fetchAll(db).map { row throws in try row.model() },
      enrolmentSources: try sources(db))
  }

  /// The `source` column of the enrolments that have one (``StoreContents/enrolmentSources``).
  static func sources(_ db: Database) throws -> [HeldRecords.Key: String] {
    var sources: [HeldRecords.Key: String] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT employeeId, courseId, source FROM enrolment WHERE source IS NOT NULL")
    {
      sources[HeldRecords.Key(try RowError.employeeID(row[0]), row[1])] = row[2]
    }
    return sources
  }

  /// Writes `contents` in one write transaction, counting every table before and after
  /// in it.
  public func load(_ contents: StoreContents, merge: Bool) async throws(ProgressStoreError)
    -> (before: [String: Int], after: [String: Int])
  {
    let path = self.path
    return try await write { db in
      let before = try Self.counts(db)
      let rows = before.values.reduce(0, +)
      if !merge && rows > 0 {
        throw ProgressStoreError.cannotWrite(
          store: path, detail: "it is not empty (\(rows) rows); copy into an empty store, or add --merge")
      }
      var written = contents
      if merge {
        let held = HeldRecords(try Self.contents(db))
        try contents.checkKeys(against: held, store: path)
        written = contents.remainder(after: held)
      }
      for employee in written.employees { try EmployeeRow(employee).insert(db) }
      let enrolment = try db.makeStatement(
        sql:
          """
          INSERT INTO enrolment (employeeId, courseId, started, completed, passed, courseVersion, source)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """
      )
      for e in written.enrolments {
        try enrolment.execute(arguments: [
          e.employee.rawValue, e.courseID, StoredDate.text(e.started), e.completed.map(StoredDate.text),
          e.passed, e.courseVersion, written.enrolmentSources[HeldRecords.Key(e.employee, e.courseID)],
        ])
      }
      let attempt = try db.makeStatement(
        sql: """
          INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, keyHash,
            response, score, correct, attempt, sessionId, at, context, recordId)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for a in written.attempts {
        try attempt.execute(arguments: [
          a.employee.rawValue, a.item.courseID, a.item.moduleID, a.item.sectionID, a.item.itemID, a.itemHash,
          a.keyHash, a.response, a.score, a.correct, a.attempt, a.sessionID, StoredDate.text(a.at),
          a.context.rawValue, a.recordID.storedText,
        ])
      }
      for belief in written.beliefs { try BeliefResponseRow(belief).insert(db) }
      for signature in written.signatures { try CreedSignatureRow(signature).insert(db) }
      for pass in written.passes { try DrillPassRow(pass).insert(db) }
      let page = try db.makeStatement(
        sql:
          "INSERT INTO pageRead (employeeId, courseId, moduleId, sectionId, page, sessionId, at) VALUES (?, ?, ?, ?, ?, ?, ?)"
      )
      for p in written.pagesRead {
        try page.execute(arguments: [
          p.employee.rawValue, p.courseID, p.moduleID, p.sectionID, p.page.rawValue, p.sessionID,
          StoredDate.text(p.at),
        ])
      }
      for bookmark in written.bookmarks { try BookmarkRow(bookmark).insert(db) }
      for key in written.keys { try EmployeeKeyRow(key).insert(db) }
      let after = try Self.counts(db)
      try StoreContents.checkCounts(before: before, written: written, after: after, store: path)
      return (before, after)
    }
  }

  static func counts(_ db: Database) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in StoreContents.tables {
      counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
    }
    return counts
  }
}
