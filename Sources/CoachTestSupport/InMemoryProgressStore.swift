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
    var writes = 0
  }

  private let records = Mutex(Records())

  /// The name errors give.
  public let name: String

  public init(name: String = "in-memory store") {
    self.name = name
  }

  /// How many write transactions the store has committed.
  public var writes: Int { records.withLock { $0.writes } }

  public func saveEmployee(_ employee: Employee) throws(ProgressStoreError) {
    records.withLock { r in
      var saved = employee
      saved.created = r.employees[employee.id]?.created ?? StoredTime.stored(employee.created)
      r.employees[employee.id] = saved
      r.writes += 1
    }
  }

  public func employee(id: EmployeeID) -> Employee? { records.withLock { $0.employees[id] } }

  public func allEmployees() -> [Employee] {
    records.withLock { $0.employees.values.sorted { $0.id < $1.id } }
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
    records.withLock { r in
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
    records.withLock { r in
      r.enrolments.values.filter { $0.employee == employee }.sorted { $0.courseID < $1.courseID }
    }
  }

  /// One write "transaction": refuses records of unknown employees, applies `change` and
  /// moves the bookmark, all under the lock.
  private func write<T>(_ employee: EmployeeID, _ bookmark: Bookmark?, _ change: (inout Records) -> T)
    throws(ProgressStoreError) -> T
  {
    let result: Result<T, ProgressStoreError> = records.withLock { r in
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
