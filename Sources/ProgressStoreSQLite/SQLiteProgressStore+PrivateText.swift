import Foundation
import GRDB
import LearnerModel

/// Wrapped private-text keys, resetting an employee, and sealing the private text that
/// was written before text was sealed.
extension SQLiteProgressStore {
  public func wrappedKey(of employee: EmployeeID) async throws(ProgressStoreError) -> WrappedKey? {
    try await read { db in try EmployeeKeyRow.fetchOne(db, key: employee.rawValue)?.model() }
  }

  public func saveWrappedKey(_ key: WrappedKey) async throws(ProgressStoreError) {
    let path = self.path
    try await write { db in
      if try EmployeeKeyRow.exists(db, key: key.employee.rawValue) {
        throw ProgressStoreError.refused(
          store: path,
          detail: "\(key.employee) already has a passphrase (set by another session just now?); start again")
      }
      try EmployeeKeyRow(key).insert(db)
    }
  }

  public func resetEmployee(_ employee: EmployeeID) async throws(ProgressStoreError) -> Bool {
    let key = employee.rawValue
    let had = try await write { db in
      try db.execute(sql: "DELETE FROM employeeKey WHERE employeeId = ?", arguments: [key])
      let had = db.changesCount > 0
      try db.execute(sql: "DELETE FROM sessionLease WHERE employeeId = ?", arguments: [key])
      for row in try BookmarkRow.filter(BookmarkRow.Columns.employeeId == key).fetchAll(db) {
        guard let position = row.position.flatMap(Bookmark.Position.init(storedText:)),
          let item = position.reflectionItem
        else { continue }
        try db.execute(
          sql: "UPDATE bookmark SET position = ? WHERE employeeId = ? AND courseId = ?",
          arguments: [Bookmark.Position.item(item).storedText, key, row.courseId])
      }
      return had
    }
    try await checkpoint()
    return had
  }

  @discardableResult
  public func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    async throws(ProgressStoreError) -> Int
  {
    let key = employee.rawValue
    let changed = try await write { db in
      var changed = 0
      let beliefs =
        try BeliefResponseRow
        .filter(
          BeliefResponseRow.Columns.employeeId == key && BeliefResponseRow.Columns.text != nil
            && BeliefResponseRow.Columns.shared == false
        ).fetchAll(db)
      for row in beliefs {
        guard let response = try? row.model(), let answer = rewrite.belief(response), let id = row.id else {
          continue
        }
        let (point, text, ranking, sealed) = BeliefResponseRow.columns(answer)
        try db.execute(
          sql: "UPDATE beliefResponse SET point = ?, text = ?, ranking = ?, sealed = ? WHERE id = ?",
          arguments: [point, text, ranking, sealed, id])
        changed += 1
      }
      for row in try BookmarkRow.filter(BookmarkRow.Columns.employeeId == key).fetchAll(db) {
        guard let bookmark = try? row.model(), bookmark.position?.holdsPlainText == true,
          let position = rewrite.bookmark(bookmark)
        else { continue }
        try db.execute(
          sql: "UPDATE bookmark SET position = ? WHERE employeeId = ? AND courseId = ?",
          arguments: [position.storedText, key, row.courseId])
        changed += 1
      }
      return changed
    }
    if changed > 0 { try await checkpoint() }
    return changed
  }

  /// Copies the write-ahead log into the file and empties it, so that pages which held
  /// replaced text are overwritten in the file now (with `secure_delete`, freed space is
  /// zeroed). Best effort: another connection reading at the same moment leaves it for a
  /// later checkpoint.
  func checkpoint() async throws(ProgressStoreError) {
    guard writer is DatabasePool else { return }
    do {
      try await writer.writeWithoutTransaction { db in
        _ = try? db.checkpoint(.truncate)
      }
    } catch {
      throw ProgressStoreError(error, store: path)
    }
  }
}
