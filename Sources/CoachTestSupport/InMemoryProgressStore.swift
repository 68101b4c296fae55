import Foundation
import LearnerModel
import Synchronization

/// A progress store that lives in memory, for tests of the engine, the terminal and the
/// reports that must not depend on a database. It keeps every promise of
/// ``ProgressStore`` that a single process can see (attempt numbering, first readings,
/// records sent twice kept once, times kept to the millisecond, records refused for
/// unknown employees) and passes the
/// store conformance suite.
///
/// Its methods are synchronous (they satisfy the protocol's asynchronous ones), so a
/// test may also read it from a synchronous callback: what the store holds at the
/// moment a console is asked for input, say.
public final class InMemoryProgressStore: ProgressStore {
  private struct Key: Hashable {
    var employee: EmployeeID
    var course: String
  }

  private struct Records {
    var employees: [EmployeeID: Employee] = [:]
    var enrolments: [Key: Enrolment] = [:]
    var attempts: [DrillAttempt] = []
    var beliefs: [BeliefResponse] = []
    var signatures: [CreedSignature] = []
    var passes: [DrillPass] = []
    var pages: [PageRead] = []
    var bookmarks: [Key: Bookmark] = [:]
    var keys: [EmployeeID: WrappedKey] = [:]
    var leases: [EmployeeID: SessionLease] = [:]
    var writes = 0
  }

  /// The records, shared by the store and the guarded views of it.
  private final class Shared: Sendable {
    let records = Mutex(Records())
  }

  private let shared: Shared
  /// The lease a guarded view checks before each write.
  private let lease: SessionLease?

  /// The name errors give.
  public let name: String

  public init(name: String = "in-memory store") {
    self.name = name
    shared = Shared()
    lease = nil
  }

  private init(_ store: InMemoryProgressStore, lease: SessionLease) {
    name = store.name
    shared = store.shared
    self.lease = lease
  }

  /// How many write transactions the store has committed.
  public var writes: Int { shared.records.withLock { $0.writes } }

  public func saveEmployee(_ employee: Employee) throws(ProgressStoreError) {
    let result: Result<Void, ProgressStoreError> = shared.records.withLock { r in
      if let failure = leaseFailure(r) { return .failure(failure) }
      var saved = employee
      let known = r.employees[employee.id]
      saved.created = known?.created ?? StoredTime.stored(employee.created)
      // What a roster import keeps is written only by importRoster.
      saved.rosterImported = known?.rosterImported
      saved.rosterFields = known?.rosterFields ?? []
      r.employees[employee.id] = saved
      r.writes += 1
      return .success(())
    }
    try result.get()
  }

  @discardableResult
  public func importRoster(_ employees: [Employee], at date: Date) throws(ProgressStoreError) -> RosterImport
  {
    if let refusal = Employee.rosterRefusal(employees) { throw .refused(store: name, detail: refusal) }
    let outcome: Result<RosterImport, ProgressStoreError> = shared.records.withLock { r in
      if let failure = leaseFailure(r) { return .failure(failure) }
      var result = RosterImport()
      for entry in employees {
        let known = r.employees[entry.id]
        if let known {
          if Employee.rosterUnchanged(entry, known) { result.unchanged += 1 } else { result.updated += 1 }
        } else {
          result.added += 1
        }
        r.employees[entry.id] = Employee.imported(entry, over: known, at: date)
      }
      r.writes += 1
      return .success(result)
    }
    return try outcome.get()
  }

  public func employee(id: EmployeeID) -> Employee? { shared.records.withLock { $0.employees[id] } }

  public func allEmployees() -> [Employee] {
    shared.records.withLock { $0.employees.values.sorted { $0.id < $1.id } }
  }

  public func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    throws(ProgressStoreError) -> Enrolment
  {
    try write(employee, nil) { r in
      let key = Key(employee: employee, course: courseID)
      var enrolment =
        r.enrolments[key]
        ?? Enrolment(employee: employee, courseID: courseID, started: StoredTime.stored(date))
      if let version { enrolment.courseVersion = version }
      r.enrolments[key] = enrolment
      return enrolment
    }
  }

  public func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    throws(ProgressStoreError)
  {
    try write(employee, nil) { r in
      let key = Key(employee: employee, course: courseID)
      var enrolment =
        r.enrolments[key]
        ?? Enrolment(employee: employee, courseID: courseID, started: StoredTime.stored(date))
      enrolment.completed = StoredTime.stored(date)
      enrolment.passed = passed
      r.enrolments[key] = enrolment
    }
  }

  @discardableResult
  public func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    throws(ProgressStoreError) -> DrillAttempt
  {
    guard attempt.score.isFinite, (0...1).contains(attempt.score) else {
      throw .refused(store: name, detail: "a score must be between 0 and 1, not \(attempt.score)")
    }
    if let refusal = pass?.refusal { throw .refused(store: name, detail: refusal) }
    return try write(attempt.employee, bookmark) { r in
      if let kept = r.attempts.first(where: { $0.recordID == attempt.recordID }) { return kept }
      if var pass {
        pass.at = StoredTime.stored(pass.at)
        r.passes.append(pass)
      }
      var stored = attempt
      let earlier = r.attempts.filter {
        $0.employee == attempt.employee && $0.item.courseID == attempt.item.courseID
          && $0.item.itemID == attempt.item.itemID
      }
      stored.attempt = 1 + (earlier.map(\.attempt).max() ?? 0)
      stored.at = StoredTime.stored(attempt.at)
      r.attempts.append(stored)
      return stored
    }
  }

  public func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) throws(ProgressStoreError) {
    try write(response.employee, bookmark) { r in
      if r.beliefs.contains(where: { $0.recordID == response.recordID }) { return }
      var stored = response
      stored.at = StoredTime.stored(response.at)
      r.beliefs.append(stored)
    }
  }

  public func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?) throws(ProgressStoreError) {
    try write(signature.employee, bookmark) { r in
      if r.signatures.contains(where: { $0.recordID == signature.recordID }) { return }
      var stored = signature
      stored.at = StoredTime.stored(signature.at)
      r.signatures.append(stored)
    }
  }

  public func recordPageRead(_ read: PageRead, bookmark: Bookmark?) throws(ProgressStoreError) {
    try write(read.employee, bookmark) { r in
      let seen = r.pages.contains {
        $0.employee == read.employee && $0.courseID == read.courseID && $0.moduleID == read.moduleID
          && $0.sectionID == read.sectionID && $0.page == read.page
      }
      if !seen {
        var stored = read
        stored.at = StoredTime.stored(read.at)
        r.pages.append(stored)
      }
    }
  }

  public func saveBookmark(_ bookmark: Bookmark) throws(ProgressStoreError) {
    try write(bookmark.employee, bookmark) { _ in }
  }

  public func history(of employee: EmployeeID, in courseID: String) -> History {
    shared.records.withLock { r in
      History(
        enrolment: r.enrolments[Key(employee: employee, course: courseID)],
        attempts: r.attempts.filter { $0.employee == employee && $0.item.courseID == courseID },
        beliefs: r.beliefs.filter { $0.employee == employee && $0.item.courseID == courseID },
        signatures: r.signatures.filter { $0.employee == employee && $0.courseID == courseID },
        passes: r.passes.filter { $0.employee == employee && $0.courseID == courseID },
        // Oldest reading first, as the SQLite store orders them; ties in the order written.
        pagesRead: r.pages.filter { $0.employee == employee && $0.courseID == courseID }.enumerated()
          .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element),
        bookmark: r.bookmarks[Key(employee: employee, course: courseID)])
    }
  }

  public func enrolments(of employee: EmployeeID) -> [Enrolment] {
    shared.records.withLock { r in
      r.enrolments.values.filter { $0.employee == employee }.sorted { $0.courseID < $1.courseID }
    }
  }

  // MARK: Private text keys

  public func wrappedKey(of employee: EmployeeID) -> WrappedKey? {
    shared.records.withLock { $0.keys[employee] }
  }

  public func saveWrappedKey(_ key: WrappedKey) throws(ProgressStoreError) {
    let taken = try write(key.employee, nil) { r -> Bool in
      if r.keys[key.employee] != nil { return true }
      var stored = key
      stored.created = StoredTime.stored(key.created)
      r.keys[key.employee] = stored
      return false
    }
    if taken {
      throw .refused(
        store: name,
        detail: "\(key.employee) already has a passphrase (set by another session just now?); start again")
    }
  }

  public func resetEmployee(_ employee: EmployeeID) throws(ProgressStoreError) -> Bool {
    let result: Result<Bool, ProgressStoreError> = shared.records.withLock { r in
      if let failure = leaseFailure(r) { return .failure(failure) }
      let had = r.keys.removeValue(forKey: employee) != nil
      r.leases[employee] = nil
      for (key, bookmark) in r.bookmarks where key.employee == employee {
        if let item = bookmark.position?.reflectionItem { r.bookmarks[key]?.position = .item(item) }
      }
      r.writes += 1
      return .success(had)
    }
    return try result.get()
  }

  @discardableResult
  public func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    throws(ProgressStoreError) -> Int
  {
    let result: Result<Int, ProgressStoreError> = shared.records.withLock { r in
      if let failure = leaseFailure(r) { return .failure(failure) }
      var changed = 0
      for index in r.beliefs.indices where r.beliefs[index].employee == employee && !r.beliefs[index].shared {
        guard case .text = r.beliefs[index].answer, let answer = rewrite.belief(r.beliefs[index]) else {
          continue
        }
        r.beliefs[index].answer = answer
        changed += 1
      }
      for (key, bookmark) in r.bookmarks where key.employee == employee {
        guard bookmark.position?.holdsPlainText == true, let position = rewrite.bookmark(bookmark) else {
          continue
        }
        r.bookmarks[key]?.position = position
        changed += 1
      }
      r.writes += 1
      return .success(changed)
    }
    return try result.get()
  }

  // MARK: One session per employee

  public func claimSession(_ lease: SessionLease, takingOver holder: String?) throws(ProgressStoreError)
    -> SessionClaim
  {
    let name = self.name
    let result: Result<SessionClaim, ProgressStoreError> = shared.records.withLock { r in
      if r.employees[lease.employee] == nil {
        return .failure(
          .refused(store: name, detail: "unknown employee: save the employee before recording their progress")
        )
      }
      if let current = r.leases[lease.employee], current.sessionID != lease.sessionID,
        current.expires > lease.renewed, current.sessionID != holder
      {
        return .success(.heldBy(current))
      }
      r.leases[lease.employee] = Self.stored(lease)
      r.writes += 1
      return .success(.claimed)
    }
    return try result.get()
  }

  public func renewSession(_ lease: SessionLease) throws(ProgressStoreError) {
    let name = self.name
    let result: Result<Void, ProgressStoreError> = shared.records.withLock { r in
      guard r.leases[lease.employee]?.sessionID == lease.sessionID else {
        return .failure(.sessionTaken(store: name, holder: r.leases[lease.employee]))
      }
      r.leases[lease.employee]?.renewed = StoredTime.stored(lease.renewed)
      r.leases[lease.employee]?.expires = StoredTime.stored(lease.expires)
      r.writes += 1
      return .success(())
    }
    try result.get()
  }

  public func releaseSession(_ lease: SessionLease) {
    shared.records.withLock { r in
      if r.leases[lease.employee]?.sessionID == lease.sessionID { r.leases[lease.employee] = nil }
      r.writes += 1
    }
  }

  public func guarded(by lease: SessionLease) -> any ProgressStore {
    InMemoryProgressStore(self, lease: lease)
  }

  private static func stored(_ lease: SessionLease) -> SessionLease {
    var stored = lease
    stored.started = StoredTime.stored(lease.started)
    stored.renewed = StoredTime.stored(lease.renewed)
    stored.expires = StoredTime.stored(lease.expires)
    return stored
  }

  /// For a guarded view: the error every write gives once its lease names another session.
  private func leaseFailure(_ r: Records) -> ProgressStoreError? {
    guard let lease, r.leases[lease.employee]?.sessionID != lease.sessionID else { return nil }
    return .sessionTaken(store: name, holder: r.leases[lease.employee])
  }

  /// One write "transaction": refuses records of unknown employees (and, in a guarded
  /// view, every write once the lease names another session), applies `change` and
  /// moves the bookmark, all under the lock.
  private func write<T>(_ employee: EmployeeID, _ bookmark: Bookmark?, _ change: (inout Records) -> T)
    throws(ProgressStoreError) -> T
  {
    let result: Result<T, ProgressStoreError> = shared.records.withLock { r in
      if let failure = leaseFailure(r) { return .failure(failure) }
      for id in [employee] + (bookmark.map { [$0.employee] } ?? []) where r.employees[id] == nil {
        return .failure(
          .refused(store: name, detail: "unknown employee: save the employee before recording their progress")
        )
      }
      let value = change(&r)
      if let bookmark {
        var stored = bookmark
        stored.updated = StoredTime.stored(bookmark.updated)
        r.bookmarks[Key(employee: bookmark.employee, course: bookmark.courseID)] = stored
      }
      r.writes += 1
      return .success(value)
    }
    return try result.get()
  }
}
