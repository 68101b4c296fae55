import Foundation

/// Where the session engine and reports keep and read every employee's progress.
///
/// The protocol names no storage technology: SQLite implements it today
/// (``SQLiteProgressStore``), a server database may tomorrow. Every method that records
/// something is one write transaction that has committed when the method returns, so an
/// answer is on disk before the runner shows the next prompt. Methods that take a
/// ``Bookmark`` store it in the same transaction as the answer, so resume is exact.
public protocol ProgressStore: Sendable {
  /// Adds the employee, or updates the name, role and cohort of a known one.
  func saveEmployee(_ employee: Employee) throws(ProgressStoreError)

  /// The employee with this id, if known.
  func employee(id: EmployeeID) throws(ProgressStoreError) -> Employee?

  /// Every known employee, ordered by id.
  func allEmployees() throws(ProgressStoreError) -> [Employee]

  /// Starts the enrolment of an employee in a course, or returns the existing one;
  /// `source` (the course's folder), when given, replaces the one kept.
  func enrol(_ employee: EmployeeID, in courseID: String, from source: String?, at date: Date)
    throws(ProgressStoreError) -> Enrolment

  /// Marks an enrolment completed (all modules for the employee's role are done) and
  /// whether every drill was passed.
  func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    throws(ProgressStoreError)

  /// Appends one drill attempt and, in the same transaction, moves the bookmark.
  /// - Returns: the attempt as stored, with its `attempt` number filled in
  ///   (1 + the employee's earlier attempts at the same course and item).
  @discardableResult
  func recordAttempt(_ attempt: DrillAttempt, bookmark: Bookmark?) throws(ProgressStoreError) -> DrillAttempt

  /// Appends one belief response (agree, rate, reflect, rank, or a creed statement's
  /// note) and, in the same transaction, moves the bookmark.
  func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) throws(ProgressStoreError)

  /// Stores a creed signature and, in the same transaction, moves the bookmark.
  func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?) throws(ProgressStoreError)

  /// Notes that a page was read to its end (only the first reading is kept) and, in the
  /// same transaction, moves the bookmark.
  func recordPageRead(_ read: PageRead, bookmark: Bookmark?) throws(ProgressStoreError)

  /// Moves the bookmark alone (paging within a lesson, say).
  func saveBookmark(_ bookmark: Bookmark) throws(ProgressStoreError)

  /// Everything one employee recorded in one course, read in one transaction.
  func history(of employee: EmployeeID, in courseID: String) throws(ProgressStoreError) -> History

  /// The enrolments of one employee, every course.
  func enrolments(of employee: EmployeeID) throws(ProgressStoreError) -> [Enrolment]

  /// Every employee enrolled in, or with answers in, a course, ordered by id: who has
  /// done what. A default implementation reads each employee's ``History``.
  func summary(of courseID: String) throws(ProgressStoreError) -> [ProgressSummary]
}

extension ProgressStore {
  /// Starts or returns an enrolment without saying where the course is.
  @discardableResult
  public func enrol(_ employee: EmployeeID, in courseID: String, at date: Date) throws(ProgressStoreError)
    -> Enrolment
  {
    try enrol(employee, in: courseID, from: nil, at: date)
  }
}
