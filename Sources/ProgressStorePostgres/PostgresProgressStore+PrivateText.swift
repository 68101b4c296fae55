import Foundation
import LearnerModel
import PostgresNIO

/// Rosters, wrapped private-text keys, resetting an employee, sealing the private text
/// written before text was sealed, and the one session lease per employee: the promises
/// of the SQLite store's `+Roster`, `+PrivateText` and `+Sessions`, in PostgreSQL.
extension PostgresProgressStore {
  /// Adds or updates every employee of a roster in one transaction.
  public func importRoster(_ employees: [Employee], at date: Date) async throws(ProgressStoreError)
    -> RosterImport
  {
    if let refusal = Employee.rosterRefusal(employees) { throw .refused(store: name, detail: refusal) }
    return try await transaction { c in
      var result = RosterImport()
      for entry in employees {
        let known = try await Self.rows(EmployeeTable.one(entry.id), on: c, EmployeeTable.read).first
        if let known {
          if Employee.rosterUnchanged(entry, known) { result.unchanged += 1 } else { result.updated += 1 }
        } else {
          result.added += 1
        }
        try await Self.execute(EmployeeTable.imported(Employee.imported(entry, over: known, at: date)), on: c)
      }
      return result
    }
  }

  public func employees(_ query: EmployeeQuery) async throws(ProgressStoreError) -> [Employee] {
    try await withConnection { c in try await Self.rows(EmployeeTable.page(query), on: c, EmployeeTable.read)
    }
  }

  public func wrappedKey(of employee: EmployeeID) async throws(ProgressStoreError) -> WrappedKey? {
    try await withConnection { c in
      try await Self.rows(EmployeeKeyTable.one(employee), on: c, EmployeeKeyTable.read).first
    }
  }

  public func saveWrappedKey(_ key: WrappedKey) async throws(ProgressStoreError) {
    let store = name
    try await transaction { c in
      let added = try await Self.rows(EmployeeKeyTable.insert(key), on: c) { _ in true }
      if added.isEmpty {
        throw ProgressStoreError.refused(
          store: store,
          detail: "\(key.employee) already has a passphrase (set by another session just now?); start again")
      }
    }
  }

  public func resetEmployee(_ employee: EmployeeID) async throws(ProgressStoreError) -> Bool {
    try await transaction { c in
      var forget = Statement("DELETE FROM employeeKey WHERE employeeId = $1 RETURNING employeeId")
      forget.bind(employee.rawValue)
      let had = try await Self.rows(forget, on: c) { _ in true }.isEmpty == false
      var end = Statement("DELETE FROM sessionLease WHERE employeeId = $1")
      end.bind(employee.rawValue)
      try await Self.execute(end, on: c)
      for bookmark in try await Self.rows(Self.bookmarks(of: employee), on: c, BookmarkTable.read) {
        guard let item = bookmark.position?.reflectionItem else { continue }
        try await Self.execute(
          Self.setPosition(.item(item), of: employee, in: bookmark.courseID), on: c)
      }
      return had
    }
  }

  @discardableResult
  public func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    async throws(ProgressStoreError) -> Int
  {
    try await transaction { c in
      var changed = 0
      var plain = Statement(
        """
        SELECT \(BeliefResponseTable.columns) FROM beliefResponse
        WHERE employeeId = $1 AND text IS NOT NULL AND NOT shared ORDER BY id
        """)
      plain.bind(employee.rawValue)
      var responses: [BeliefResponse] = []
      for try await row in try await c.query(plain.query, logger: Connector.logger) {
        // A row that cannot be read is left as it is (history names it).
        if let response = try? BeliefResponseTable.read(row) { responses.append(response) }
      }
      for response in responses {
        // Plain text becomes sealed text (or other text): a learner may change only those
        // two columns of their own unshared answers.
        guard let answer = rewrite.belief(response) else { continue }
        let (point, text, ranking, sealed) = BeliefResponseTable.answerColumns(answer)
        guard point == nil, ranking == nil else { continue }
        var update = Statement("UPDATE beliefResponse SET text = $1, sealed = $2 WHERE recordId = $3")
        update.bind(text)
        update.bind(sealed)
        update.bind(response.recordID)
        try await Self.execute(update, on: c)
        changed += 1
      }
      for bookmark in try await Self.rows(Self.bookmarks(of: employee), on: c, BookmarkTable.read) {
        guard bookmark.position?.holdsPlainText == true, let position = rewrite.bookmark(bookmark) else {
          continue
        }
        try await Self.execute(Self.setPosition(position, of: employee, in: bookmark.courseID), on: c)
        changed += 1
      }
      return changed
    }
  }

  static func bookmarks(of employee: EmployeeID) -> Statement {
    var s = Statement("SELECT \(BookmarkTable.columns) FROM bookmark WHERE employeeId = $1 ORDER BY courseId")
    s.bind(employee.rawValue)
    return s
  }

  static func setPosition(_ position: Bookmark.Position, of employee: EmployeeID, in courseID: String)
    -> Statement
  {
    var s = Statement("UPDATE bookmark SET position = $1 WHERE employeeId = $2 AND courseId = $3")
    s.bind(position.storedText)
    s.bind(employee.rawValue)
    s.bind(courseID)
    return s
  }

  // MARK: - Session leases

  public func claimSession(_ lease: SessionLease, takingOver holder: String?) async throws(ProgressStoreError)
    -> SessionClaim
  {
    let store = name
    return try await transaction(checksLease: false) { c in
      // The employee's row is locked first, so two sessions claiming at once take turns.
      guard try await !Self.rows(EmployeeTable.lock(lease.employee), on: c, { _ in true }).isEmpty else {
        throw ProgressStoreError.refused(
          store: store, detail: "unknown employee: save the employee before opening a session")
      }
      if let current = try await Self.rows(
        SessionLeaseTable.one(lease.employee, locking: true), on: c, SessionLeaseTable.read
      ).first {
        let lapsed = current.expires <= lease.renewed
        if current.sessionID != lease.sessionID && !lapsed && current.sessionID != holder {
          return SessionClaim.heldBy(current)
        }
      }
      try await Self.execute(SessionLeaseTable.save(lease), on: c)
      return SessionClaim.claimed
    }
  }

  public func renewSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    let store = name
    try await transaction(checksLease: false) { c in
      if try await Self.rows(SessionLeaseTable.renew(lease), on: c, { _ in true }).isEmpty {
        throw ProgressStoreError.sessionTaken(
          store: store,
          holder: try await Self.rows(SessionLeaseTable.one(lease.employee), on: c, SessionLeaseTable.read)
            .first)
      }
    }
  }

  public func releaseSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    try await transaction(checksLease: false) { c in
      try await Self.execute(SessionLeaseTable.release(lease), on: c)
    }
  }
}
