import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  public func saveEmployee(_ employee: Employee) async throws(ProgressStoreError) {
    try await write { db in
      try db.cachedStatement(
        sql: """
          INSERT INTO employee (id, name, role, cohort, created) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
            cohort = excluded.cohort
          """
      ).execute(arguments: [
        employee.id.rawValue, employee.name, employee.role, employee.cohort,
        StoredDate.text(employee.created),
      ])
    }
  }

  public func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    try await write { db in
      try db.cachedStatement(
        sql: """
          INSERT INTO enrolment (employeeId, courseId, started, passed, courseVersion) VALUES (?, ?, ?, 0, ?)
          ON CONFLICT(employeeId, courseId) DO UPDATE SET
            courseVersion = COALESCE(excluded.courseVersion, courseVersion)
          """
      ).execute(arguments: [employee.rawValue, courseID, StoredDate.text(date), version])
      let row = try EnrolmentRow.fetchOne(db, key: ["employeeId": employee.rawValue, "courseId": courseID])
      return try row!.model()
    }
  }

  public func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)
  {
    try await write { db in
      try db.cachedStatement(
        sql: """
          INSERT INTO enrolment (employeeId, courseId, started, completed, passed) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(employeeId, courseId) DO UPDATE SET completed = excluded.completed,
            passed = excluded.passed
          """
      ).execute(arguments: [
        employee.rawValue, courseID, StoredDate.text(date), StoredDate.text(date), passed,
      ])
    }
  }

  /// Appends one drill attempt, numbering it in the same statement, and in the same
  /// transaction the pass it made and the bookmark's move.
  ///
  /// This is the hot path, so it is plain SQL through cached statements: the attempt
  /// number is computed by `INSERT … SELECT MAX(attempt) + 1 … RETURNING`, which the write
  /// transaction makes safe against other processes. An attempt whose record id is
  /// stored already is left as it is and returned with the number it was given.
  /// - Returns: The attempt as stored: `attempt` filled in, `at` kept to the millisecond.
  @discardableResult
  public func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError) -> DrillAttempt
  {
    guard attempt.score.isFinite, (0...1).contains(attempt.score) else {
      throw .refused(store: path, detail: "a score must be between 0 and 1, not \(attempt.score)")
    }
    if let refusal = pass?.refusal { throw .refused(store: path, detail: refusal) }
    let item = attempt.item
    let number = try await write { db in
      let number = try Int.fetchOne(
        db.cachedStatement(
          sql: """
            INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash,
              keyHash, response, score, correct, attempt, sessionId, at, context, recordId)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?12, ?7, ?8, ?9, COALESCE(MAX(attempt), 0) + 1, ?10, ?11, ?13, ?14
            FROM drillAttempt WHERE employeeId = ?1 AND courseId = ?2 AND itemId = ?5
            ON CONFLICT(recordId) DO NOTHING
            RETURNING attempt
            """),
        arguments: [
          attempt.employee.rawValue, item.courseID, item.moduleID, item.sectionID, item.itemID,
          attempt.itemHash, attempt.response, attempt.score, attempt.correct, attempt.sessionID,
          StoredDate.text(attempt.at), attempt.keyHash, attempt.context.rawValue, attempt.recordID.storedText,
        ])
      if let bookmark { try Self.moveBookmark(bookmark, in: db) }
      if let number {
        if let pass { try DrillPassRow(pass).insert(db) }
        return number
      }
      // Sent before (with its pass, if it made one): the number it was stored with.
      return try Int.fetchOne(
        db.cachedStatement(sql: "SELECT attempt FROM drillAttempt WHERE recordId = ?"),
        arguments: [attempt.recordID.storedText]) ?? 1
    }
    var stored = attempt
    stored.attempt = number
    stored.at = Self.stored(attempt.at)
    return stored
  }

  public func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await write { db in
      if try !Self.isStored(response.recordID, in: "beliefResponse", db) {
        try BeliefResponseRow(response).insert(db)
      }
      if let bookmark { try Self.moveBookmark(bookmark, in: db) }
    }
  }

  public func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?)
    async throws(ProgressStoreError)
  {
    try await write { db in
      if try !Self.isStored(signature.recordID, in: "creedSignature", db) {
        try CreedSignatureRow(signature).insert(db)
      }
      if let bookmark { try Self.moveBookmark(bookmark, in: db) }
    }
  }

  public func recordPageRead(_ read: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await write { db in
      try db.cachedStatement(
        sql: """
          INSERT INTO pageRead (employeeId, courseId, moduleId, sectionId, page, sessionId, at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO NOTHING
          """
      ).execute(arguments: [
        read.employee.rawValue, read.courseID, read.moduleID, read.sectionID, read.page.rawValue,
        read.sessionID, StoredDate.text(read.at),
      ])
      if let bookmark { try Self.moveBookmark(bookmark, in: db) }
    }
  }

  public func saveBookmark(_ bookmark: Bookmark) async throws(ProgressStoreError) {
    try await write { db in try Self.moveBookmark(bookmark, in: db) }
  }

  /// Whether a record with this id is in the table already (sent before).
  private static func isStored(_ id: UUID, in table: String, _ db: Database) throws -> Bool {
    try Bool.fetchOne(
      db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE recordId = ?)"),
      arguments: [id.storedText]) ?? false
  }

  private static func moveBookmark(_ bookmark: Bookmark, in db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO bookmark (employeeId, courseId, moduleId, sectionId, position, updated)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(employeeId, courseId) DO UPDATE SET moduleId = excluded.moduleId,
          sectionId = excluded.sectionId, position = excluded.position, updated = excluded.updated
        """
    ).execute(arguments: [
      bookmark.employee.rawValue, bookmark.courseID, bookmark.moduleID, bookmark.sectionID,
      bookmark.position?.storedText, StoredDate.text(bookmark.updated),
    ])
  }

  /// A time as it reads back from the store: kept to the millisecond, rounded down.
  public static func stored(_ date: Date) -> Date { StoredTime.stored(date) }

  /// One `BEGIN IMMEDIATE` … `COMMIT` write transaction; every failure rolls it back and
  /// becomes a ``ProgressStoreError`` naming the file.
  ///
  /// This is GRDB's `write` with its two transaction statements prepared once and cached:
  /// on the answer-recording path GRDB's own `write`, which prepares `BEGIN` and `COMMIT`
  /// afresh each time, cost as much as the insert. IMMEDIATE takes the write lock first,
  /// so a busy store waits in the busy handler instead of failing halfway.
  ///
  /// A store made by ``guarded(by:)`` first checks, in the same transaction, that the
  /// employee's session lease still names its session (`checksLease` turns that off for
  /// the lease's own methods).
  func write<T: Sendable>(checksLease: Bool = true, _ updates: @escaping @Sendable (Database) throws -> T)
    async throws(ProgressStoreError)
    -> T
  {
    if readsOnly {
      throw .cannotWrite(store: path, detail: "the store was opened to read only; nothing was written")
    }
    let lease = checksLease ? self.lease : nil
    let path = self.path
    do {
      return try Self.transaction(on: writer, lease: lease, store: path, updates)
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }

  /// The transaction of ``write(_:)``, run on the calling thread. Synchronous on purpose:
  /// GRDB's async `write` hands the work to its writer queue and back, two thread switches
  /// that cost more than the insert itself at `synchronous = NORMAL` (see `make bench`).
  /// The caller waits for the commit either way; a store busy in another process blocks
  /// this thread for up to the busy timeout, which a command-line learner never notices.
  private static func transaction<T>(
    on writer: any DatabaseWriter, lease: SessionLease?, store path: String, _ updates: (Database) throws -> T
  ) throws -> T {
    try writer.writeWithoutTransaction { db in
      try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
      do {
        if let lease { try checkLease(lease, in: db, store: path) }
        let value = try updates(db)
        try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        return value
      } catch {
        if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
        throw error
      }
    }
  }

  /// One read transaction, errors mapped as for ``write(_:)``.
  func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws(ProgressStoreError)
    -> T
  {
    do {
      return try await writer.read(value)
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }
}
