import Foundation
import LearnerModel
import ProgressStoreSQLite

/// A file store with one employee, recording answers the way the runner does.
public final class StoreFixture: @unchecked Sendable {
  public let store: SQLiteProgressStore
  /// The store as `coach learn` writes through it: guarded by the learner's session
  /// lease, which every write checks first.
  /// (After ``openSession()``.)
  public private(set) var learner: (any ProgressStore)?
  private let employee: EmployeeID
  private var count = 0

  public init(path: String, durability: SQLiteProgressStore.Durability, employee: String = "bench")
    async throws
  {
    store = try SQLiteProgressStore(path: path, durability: durability)
    self.employee = try EmployeeID(employee)
    try await store.saveEmployee(Employee(id: self.employee, name: "Bench"))
  }

  /// Claims the employee's session lease, for ``recordAnswer(withBookmark:inSession:)``.
  public func openSession() async throws {
    let now = Date()
    let lease = SessionLease(
      employee: employee, sessionID: "session", host: "bench", process: 1, started: now, renewed: now,
      expires: now.addingTimeInterval(86_400))
    guard try await store.claimSession(lease, takingOver: nil) == .claimed else {
      throw FixtureError(description: "the bench's session lease was not claimed")
    }
    learner = store.guarded(by: lease)
  }

  public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Records one drill answer in one transaction, moving the bookmark with it or not;
  /// `inSession`: through the learner's guarded store.
  public func recordAnswer(withBookmark: Bool = true, inSession: Bool = false) async throws {
    count += 1
    let item = ItemRef(courseID: "bench-course", moduleID: "m1", sectionID: "s1", itemID: "q\(count % 50)")
    guard !inSession || learner != nil else {
      throw FixtureError(description: "a session's answer was recorded before openSession()")
    }
    try await (inSession ? learner! : store).recordAttempt(
      DrillAttempt(
        employee: employee, item: item, itemHash: "hash", response: "answer \(count)", score: 1,
        correct: true, sessionID: "session"),
      bookmark: withBookmark
        ? Bookmark(
          employee: employee, courseID: "bench-course", moduleID: "m1", sectionID: "s1",
          position: .question(item: item.itemID, retry: false))
        : nil)
  }
}

/// Where benchmark files go: `$TMPDIR/coach-bench`, created on first use.
public enum BenchFiles {
  public static let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("coach-bench")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// A fresh path (any old file and its -wal/-shm removed).
  public static func fresh(_ name: String) -> String {
    let path = folder.appendingPathComponent(name).path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    return path
  }
}
