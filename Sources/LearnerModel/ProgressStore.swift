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
  /// Adds the employee, or updates the name, role and cohort of a known one. What a
  /// roster import keeps (``Employee/rosterImported``, ``Employee/rosterFields``) is
  /// neither written nor changed: only ``importRoster(_:at:)`` writes it.
  func saveEmployee(_ employee: Employee) async throws(ProgressStoreError)

  /// Imports a roster in one write transaction: employees the store does not know are
  /// added (created at `date`), known ones get the roster's name, role, cohort and extra
  /// columns, and all of them are marked on the roster at `date`
  /// (``Employee/imported(_:over:at:)``). Employees the roster leaves out are untouched.
  /// - Throws: ``ProgressStoreError/refused(store:detail:)`` for a roster that
  ///   ``Employee/rosterRefusal(_:)`` refuses; then, as on any failure, nothing is written.
  @discardableResult
  func importRoster(_ employees: [Employee], at date: Date) async throws(ProgressStoreError) -> RosterImport

  /// One page of employees, ordered by id. A default implementation filters
  /// ``allEmployees()``.
  func employees(_ query: EmployeeQuery) async throws(ProgressStoreError) -> [Employee]

  /// One page of the cohort report: employees enrolled in the course or on the roster
  /// (only enrolled ones with `startedSince`), ordered by id, each with the digest of
  /// their records (``CourseDigest/init(employee:history:scope:)`` says what it holds).
  /// A default implementation reads each employee's ``History``.
  func courseDigests(_ scope: ReportScope, _ query: DigestQuery) async throws(ProgressStoreError)
    -> [CourseDigest]

  /// Item analysis: one entry per question of the scope, in scope order (questions
  /// nobody answered included). A default implementation reads every history.
  func questionStatistics(_ scope: ReportScope) async throws(ProgressStoreError) -> [QuestionStatistics]

  /// Belief figures: for each belief item of the scope, one entry per cohort with
  /// answers that count (``BeliefStatistics``), ordered by item (scope order), then
  /// cohort (no cohort first). A default implementation reads every history.
  func beliefStatistics(_ scope: ReportScope) async throws(ProgressStoreError) -> [BeliefStatistics]

  /// The employee with this id, if known.
  func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee?

  /// Every known employee, ordered by id.
  func allEmployees() async throws(ProgressStoreError) -> [Employee]

  /// Starts the enrolment of an employee in a course, or returns the existing one;
  /// `version` (the course's content hash), when given, replaces the one kept.
  func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment

  /// Marks an enrolment completed (all modules for the employee's role are done) and
  /// whether every drill was passed.
  func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)

  /// Appends one drill attempt and, in the same transaction, the drill pass it made (if
  /// any) and the bookmark's move.
  /// - Returns: the attempt as stored, with its `attempt` number filled in
  ///   (1 + the employee's earlier attempts at the same course and item, drill and review
  ///   answers alike) and its time as the store keeps it (to the millisecond). Its
  ///   ``DrillAttempt/context`` is kept as given. An attempt whose `recordID` is
  ///   already stored is not stored again (nor its pass): the stored one is returned,
  ///   with its number.
  /// - Throws: ``ProgressStoreError/refused(store:detail:)`` for a score outside 0...1 or
  ///   a pass whose score is outside 0...1 or whose pass mark is outside 1...100; nothing
  ///   of the attempt is then written.
  @discardableResult
  func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError) -> DrillAttempt

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

  /// Every employee enrolled in the scope's course, or with drill answers in it, ordered
  /// by id: who has done what. Only drill answers that count toward the scope's questions
  /// as they are now (``ScopeQuestion/counts(_:)``) are counted and scored. A default
  /// implementation reads each employee's ``History``.
  func summary(of scope: ReportScope) async throws(ProgressStoreError) -> [ProgressSummary]

  // MARK: Private text keys

  /// The employee's wrapped private-text key, if they have one. The store keeps it as
  /// it was given and cannot open it.
  func wrappedKey(of employee: EmployeeID) async throws(ProgressStoreError) -> WrappedKey?

  /// Keeps the employee's wrapped key.
  /// - Throws: ``ProgressStoreError/refused(store:detail:)`` when the employee already
  ///   has a key (two first sessions at once: the second must not replace the first's),
  ///   or is unknown.
  func saveWrappedKey(_ key: WrappedKey) async throws(ProgressStoreError)

  /// Resets an employee who lost their passphrase, in one transaction: forgets their
  /// wrapped key (text sealed under it can never be opened again), turns every draft or
  /// pending share in their bookmarks, sealed or not, into the item itself (the item is
  /// asked again), and ends their session lease. Every other record stays: attempts,
  /// scores, belief points, rankings, sealed answers (still counted as answered) and
  /// signatures.
  /// - Returns: Whether the employee had a key.
  func resetEmployee(_ employee: EmployeeID) async throws(ProgressStoreError) -> Bool

  /// Rewrites the private text an employee wrote before text was sealed, in one
  /// transaction: each of their belief responses whose answer is text and not shared,
  /// and each of their bookmarks holding plain text, goes to `rewrite`; what it returns
  /// replaces the answer or position. Old text must not stay readable in the store's
  /// files once replaced.
  /// - Returns: How many records changed.
  @discardableResult
  func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    async throws(ProgressStoreError) -> Int

  // MARK: One session per employee

  /// Claims the employee's session lease for `lease`, in one transaction: it is claimed
  /// when nobody holds it, when it already names `lease.sessionID`, when the holder's
  /// lease expired before `lease.renewed`, or when the holder is the session
  /// `takingOver` names. The claimed lease is kept as given (host, process, times).
  /// - Returns: ``SessionClaim/claimed``, or the lease of the session that holds it.
  func claimSession(_ lease: SessionLease, takingOver holder: String?) async throws(ProgressStoreError)
    -> SessionClaim

  /// Renews a held lease: its `renewed` and `expires` replace the stored ones.
  /// - Throws: ``ProgressStoreError/sessionTaken(store:holder:)`` when the lease names
  ///   another session now, or no session.
  func renewSession(_ lease: SessionLease) async throws(ProgressStoreError)

  /// Ends a lease; does nothing when it names another session.
  func releaseSession(_ lease: SessionLease) async throws(ProgressStoreError)

  /// The same store, for a session that holds `lease`: every method that writes first
  /// checks, in its own transaction, that the employee's lease still names
  /// `lease.sessionID`, and otherwise writes nothing and throws
  /// ``ProgressStoreError/sessionTaken(store:holder:)``. Reading is unchanged.
  func guarded(by lease: SessionLease) -> any ProgressStore
}

extension ProgressStore {
  /// Starts or returns an enrolment without saying which version of the course is taken.
  @discardableResult
  public func enrol(_ employee: EmployeeID, in courseID: String, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    try await enrol(employee, in: courseID, version: nil, at: date)
  }

  /// Appends one drill attempt that passes no drill and, in the same transaction, moves
  /// the bookmark.
  @discardableResult
  public func recordAttempt(_ attempt: DrillAttempt, bookmark: Bookmark?) async throws(ProgressStoreError)
    -> DrillAttempt
  {
    try await recordAttempt(attempt, pass: nil, bookmark: bookmark)
  }
}

extension DrillPass {
  /// Why a store refuses this pass, or `nil` when it is sound: a score outside 0...1 or a
  /// pass mark outside 1...100. Every store checks passes the same way.
  public var refusal: String? {
    if !score.isFinite || !(0...1).contains(score) {
      return "a drill pass's score must be between 0 and 1, not \(score)"
    }
    if !(1...100).contains(passMark) { return "a pass mark must be from 1 to 100, not \(passMark)" }
    return nil
  }
}

/// How every store keeps times: to the millisecond, earlier times rounded down.
public enum StoredTime {
  /// A time as a store reads it back.
  public static func stored(_ date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
  }

  /// The day of a time as screens and reports show it: `YYYY-MM-DD`, in UTC (the time
  /// zone stores keep times in).
  public static func day(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.year ?? 0)-\(two(parts.month ?? 0))-\(two(parts.day ?? 0))"
  }
}
