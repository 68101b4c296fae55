import Foundation

/// Where the session engine and reports keep and read every employee's progress.
///
/// The protocol names no storage technology: an SQLite file implements it, a server
/// database may too, and tests use one in memory; all of them pass the same conformance
/// suite. Every method is asynchronous, so a store that talks to a server never blocks
/// a thread while it waits.
///
/// Every method that records something is one write transaction that has committed when
/// the method returns, so an answer is on disk before the runner shows the next prompt.
/// Methods that take a ``Bookmark`` store it in the same transaction as the record, so
/// resume is exact. Records refer to an employee: save the employee
/// (``saveEmployee(_:)``) before recording anything for them.
///
/// Every recording method may be called again with the same record: a front end does so
/// when the connection to a server store was lost and it cannot know whether the record
/// was written. Attempts, belief responses and signatures carry a `recordID`, and a store
/// keeps a record once however often it is sent; the other records are kept once by their
/// nature (the first reading of a page, the one enrolment, the one bookmark).
public protocol ProgressStore: Sendable {
  /// Adds the employee, or updates the name, role and cohort of a known one.
  func saveEmployee(_ employee: Employee) async throws(ProgressStoreError)

  /// The employee with this id, if known.
  func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee?

  /// Every known employee, ordered by id.
  func allEmployees() async throws(ProgressStoreError) -> [Employee]

  /// Starts the enrolment of an employee in a course, or returns the existing one;
  /// `source` (the course's folder), when given, replaces the one kept.
  func enrol(_ employee: EmployeeID, in courseID: String, from source: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment

  /// Marks an enrolment completed (all modules for the employee's role are done) and
  /// whether every drill was passed.
  func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)

  /// Appends one drill attempt and, in the same transaction, moves the bookmark.
  /// - Returns: the attempt as stored, with its `attempt` number filled in
  ///   (1 + the employee's earlier attempts at the same course and item) and its time as
  ///   the store keeps it (to the millisecond). An attempt whose `recordID` is already
  ///   stored is not stored again: the stored one is returned, with its number.
  /// - Throws: ``ProgressStoreError/refused(store:detail:)`` for a score outside 0...1.
  @discardableResult
  func recordAttempt(_ attempt: DrillAttempt, bookmark: Bookmark?) async throws(ProgressStoreError)
    -> DrillAttempt

  /// Appends one belief response (agree, rate, reflect, rank, or a creed statement's
  /// note) and, in the same transaction, moves the bookmark.
  func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError)

  /// Stores a creed signature and, in the same transaction, moves the bookmark.
  func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?) async throws(ProgressStoreError)

  /// Notes that a page was read to its end (only the first reading is kept) and, in the
  /// same transaction, moves the bookmark.
  func recordPageRead(_ read: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError)

  /// Moves the bookmark alone (paging within a lesson, say).
  func saveBookmark(_ bookmark: Bookmark) async throws(ProgressStoreError)

  /// Everything one employee recorded in one course, read in one transaction.
  func history(of employee: EmployeeID, in courseID: String) async throws(ProgressStoreError) -> History

  /// The enrolments of one employee, every course, ordered by course id.
  func enrolments(of employee: EmployeeID) async throws(ProgressStoreError) -> [Enrolment]

  /// Every employee enrolled in, or with answers in, a course, ordered by id: who has
  /// done what. A default implementation reads each employee's ``History``.
  func summary(of courseID: String) async throws(ProgressStoreError) -> [ProgressSummary]
}

extension ProgressStore {
  /// Starts or returns an enrolment without saying where the course is.
  @discardableResult
  public func enrol(_ employee: EmployeeID, in courseID: String, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    try await enrol(employee, in: courseID, from: nil, at: date)
  }
}

/// How every store keeps times: to the millisecond, earlier times rounded down.
public enum StoredTime {
  /// A time as a store reads it back.
  public static func stored(_ date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
  }
}
