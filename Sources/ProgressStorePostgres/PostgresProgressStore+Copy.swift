import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore: CopyableProgressStore {
  public func contents() async throws(ProgressStoreError) -> StoreContents {
    try await transaction(readOnly: true) { c in try await Self.contents(on: c) }
  }

  static func contents(on c: PostgresConnection) async throws -> StoreContents {
    StoreContents(
      employees: try await rows(EmployeeTable.all, on: c, EmployeeTable.read),
      enrolments: try await rows(EnrolmentTable.everything, on: c, EnrolmentTable.read),
      attempts: try await rows(DrillAttemptTable.everything, on: c, DrillAttemptTable.read),
      beliefs: try await rows(BeliefResponseTable.everything, on: c, BeliefResponseTable.read),
      signatures: try await rows(CreedSignatureTable.everything, on: c, CreedSignatureTable.read),
      passes: try await rows(DrillPassTable.everything, on: c, DrillPassTable.read),
      pagesRead: try await rows(PageReadTable.everything, on: c, PageReadTable.read),
      bookmarks: try await rows(BookmarkTable.everything, on: c, BookmarkTable.read),
      keys: try await rows(EmployeeKeyTable.everything, on: c, EmployeeKeyTable.read),
      enrolmentSources: Dictionary(
        try await rows(EnrolmentTable.sources, on: c, EnrolmentTable.readSource),
        uniquingKeysWith: { a, _ in a }))
  }

  /// Writes `contents` in one transaction, counting every table before and after in it.
  public func load(_ contents: StoreContents, merge: Bool) async throws(ProgressStoreError)
    -> (before: [String: Int], after: [String: Int])
  {
    let store = name
    return try await transaction { c in
      // No other writer may slip in between the counts and the copy.
      for table in StoreContents.tables {
        try await c.query(
          PostgresQuery(unsafeSQL: "LOCK TABLE \(table) IN EXCLUSIVE MODE"), logger: Connector.logger)
      }
      let before = try await Self.counts(on: c)
      let rows = before.values.reduce(0, +)
      if !merge && rows > 0 {
        throw ProgressStoreError.cannotWrite(
          store: store, detail: "it is not empty (\(rows) rows); copy into an empty store, or add --merge")
      }
      var written = contents
      if merge {
        let held = HeldRecords(try await Self.contents(on: c))
        try contents.checkKeys(against: held, store: store)
        written = contents.remainder(after: held)
      }
      for statement in EmployeeTable.bulk.statements(written.employees)
        + EnrolmentTable.bulk.statements(
          written.enrolments.map { ($0, written.enrolmentSources[HeldRecords.Key($0.employee, $0.courseID)]) }
        )
        + DrillAttemptTable.bulk.statements(written.attempts)
        + BeliefResponseTable.bulk.statements(written.beliefs)
        + CreedSignatureTable.bulk.statements(written.signatures)
        + DrillPassTable.bulk.statements(written.passes)
        + PageReadTable.bulk.statements(written.pagesRead) + BookmarkTable.bulk.statements(written.bookmarks)
        + EmployeeKeyTable.bulk.statements(written.keys)
      {
        try await Self.execute(statement, on: c)
      }
      let after = try await Self.counts(on: c)
      try StoreContents.checkCounts(before: before, written: written, after: after, store: store)
      return (before, after)
    }
  }

  static func counts(on c: PostgresConnection) async throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in StoreContents.tables {
      let count = try await rows(Statement("SELECT COUNT(*) FROM \(table)"), on: c) {
        try $0.decode(Int64.self)
      }
      counts[table] = Int(count.first ?? 0)
    }
    return counts
  }
}
