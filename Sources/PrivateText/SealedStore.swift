import Foundation
import LearnerModel

/// One employee's view of a progress store, opened with their key: private text is
/// sealed on its way in and opened on its way out, so the store beneath holds none of it
/// in the clear, and the engine above (which stays pure) sees plain records.
///
/// It is the boundary where sealing happens: the learn loop wires it in between the
/// session and the store once the employee has given their passphrase. Reflections and
/// creed notes that are not shared are kept as ``BeliefAnswer/sealed(_:)``; drafts and
/// pending shares in bookmarks as ``Bookmark/Position/sealedDraft(item:_:)`` and
/// ``Bookmark/Position/sealedShare(item:_:)``. Shared reflections stay plain text, marked
/// shared, for reports. It serves only its employee: a record or history of anyone else
/// is refused, since it could not seal or open their text.
public struct SealedStore: ProgressStore {
  public let base: any ProgressStore
  public let key: EmployeeKey
  /// The name errors give (the store's path).
  public let name: String

  public var employee: EmployeeID { key.employee }

  /// Wraps `base` for `key`'s employee. Use ``open(_:key:name:)`` to also seal what they
  /// wrote before text was sealed.
  public init(base: any ProgressStore, key: EmployeeKey, name: String = "progress store") {
    self.base = base
    self.key = key
    self.name = name
  }

  /// Opens an employee's records with their key, first sealing, in one transaction, any
  /// private text they wrote before text was sealed (a store from an older coach).
  /// - Returns: The store, and how many records were sealed now.
  public static func open(_ base: any ProgressStore, key: EmployeeKey, name: String = "progress store")
    async throws(ProgressStoreError) -> (store: SealedStore, sealedNow: Int)
  {
    let store = SealedStore(base: base, key: key, name: name)
    let rewrite = PrivateTextRewrite(
      belief: { response in
        guard case .text(let text) = response.answer, !response.shared else { return nil }
        return .sealed(key.seal(text, for: Self.context(response)))
      },
      bookmark: { bookmark in store.sealed(bookmark.position, course: bookmark.courseID) })
    let count = try await base.rewritePrivateText(of: key.employee, rewrite)
    return (store, count)
  }

  // MARK: Sealing and opening

  static func context(_ response: BeliefResponse) -> SealContext {
    SealContext(.answer, courseID: response.item.courseID, itemID: response.item.itemID)
  }

  func sealed(_ position: Bookmark.Position?, course: String) -> Bookmark.Position? {
    switch position {
    case .draft(let item, let text):
      .sealedDraft(item: item, key.seal(text, for: SealContext(.bookmark, courseID: course, itemID: item)))
    case .share(let item, let text):
      .sealedShare(item: item, key.seal(text, for: SealContext(.bookmark, courseID: course, itemID: item)))
    default: position
    }
  }

  func sealed(_ bookmark: Bookmark?) -> Bookmark? {
    guard var bookmark else { return nil }
    bookmark.position = sealed(bookmark.position, course: bookmark.courseID)
    return bookmark
  }

  /// A reflection or note left blank holds nothing private: it stays plain, so reports
  /// can tell a written reflection (plain or sealed) from a blank one.
  func sealed(_ response: BeliefResponse) -> BeliefResponse {
    guard case .text(let text) = response.answer, !response.shared,
      !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    else { return response }
    var sealed = response
    sealed.answer = .sealed(key.seal(text, for: Self.context(response)))
    return sealed
  }

  /// The history with this key's text opened. Text sealed under an earlier key (before a
  /// reset) stays sealed: it counts as answered and cannot be shown. Text that names this
  /// key but does not open was changed in the store: it stays sealed too, and is named in
  /// ``History/unreadable``.
  func opened(_ history: History) -> History {
    var history = history
    for index in history.beliefs.indices {
      guard case .sealed(let sealed) = history.beliefs[index].answer, key.isSealedByMe(sealed) else {
        continue
      }
      do {
        history.beliefs[index].answer = .text(try key.open(sealed, for: Self.context(history.beliefs[index])))
      } catch {
        history.unreadable.append("the answer to \(history.beliefs[index].item.itemID): \(error)")
      }
    }
    if var bookmark = history.bookmark {
      let course = bookmark.courseID
      switch bookmark.position {
      case .sealedDraft(let item, let sealed), .sealedShare(let item, let sealed):
        let context = SealContext(.bookmark, courseID: course, itemID: item)
        if key.isSealedByMe(sealed), let text = try? key.open(sealed, for: context) {
          if case .sealedDraft = bookmark.position {
            bookmark.position = .draft(item: item, text: text)
          } else {
            bookmark.position = .share(item: item, text: text)
          }
        } else {
          if key.isSealedByMe(sealed) { history.unreadable.append("the draft of \(item) does not open") }
          bookmark.position = .item(item)
        }
      default: break
      }
      history.bookmark = bookmark
    }
    return history
  }

  private func mine(_ other: EmployeeID) throws(ProgressStoreError) {
    if other != employee {
      throw .refused(
        store: name, detail: "this session is open for \(employee) only, not for \(other)")
    }
  }

  // MARK: ProgressStore

  public func saveEmployee(_ employee: Employee) async throws(ProgressStoreError) {
    try mine(employee.id)
    try await base.saveEmployee(employee)
  }

  public func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee? {
    try await base.employee(id: id)
  }

  public func allEmployees() async throws(ProgressStoreError) -> [Employee] { try await base.allEmployees() }

  public func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    try mine(employee)
    return try await base.enrol(employee, in: courseID, version: version, at: date)
  }

  public func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)
  {
    try mine(employee)
    try await base.completeEnrolment(employee, in: courseID, passed: passed, at: date)
  }

  @discardableResult
  public func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError) -> DrillAttempt
  {
    try mine(attempt.employee)
    if let pass { try mine(pass.employee) }
    return try await base.recordAttempt(attempt, pass: pass, bookmark: sealed(bookmark))
  }

  public func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try mine(response.employee)
    try await base.recordBelief(sealed(response), bookmark: sealed(bookmark))
  }

  public func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?)
    async throws(ProgressStoreError)
  {
    try mine(signature.employee)
    try await base.recordSignature(signature, bookmark: sealed(bookmark))
  }

  public func recordPageRead(_ read: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try mine(read.employee)
    try await base.recordPageRead(read, bookmark: sealed(bookmark))
  }

  public func saveBookmark(_ bookmark: Bookmark) async throws(ProgressStoreError) {
    try mine(bookmark.employee)
    try await base.saveBookmark(sealed(bookmark) ?? bookmark)
  }

  public func history(of employee: EmployeeID, in courseID: String) async throws(ProgressStoreError)
    -> History
  {
    try mine(employee)
    return opened(try await base.history(of: employee, in: courseID))
  }

  public func enrolments(of employee: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] {
    try mine(employee)
    return try await base.enrolments(of: employee)
  }

  // Group figures and rosters hold no private text: they pass straight to the store.

  public func summary(of scope: ReportScope) async throws(ProgressStoreError) -> [ProgressSummary] {
    try await base.summary(of: scope)
  }

  @discardableResult
  public func importRoster(_ employees: [Employee], at date: Date) async throws(ProgressStoreError)
    -> RosterImport
  {
    try await base.importRoster(employees, at: date)
  }

  public func employees(_ query: EmployeeQuery) async throws(ProgressStoreError) -> [Employee] {
    try await base.employees(query)
  }

  public func courseDigests(_ scope: ReportScope, _ query: DigestQuery) async throws(ProgressStoreError)
    -> [CourseDigest]
  {
    try await base.courseDigests(scope, query)
  }

  public func questionStatistics(_ scope: ReportScope) async throws(ProgressStoreError)
    -> [QuestionStatistics]
  {
    try await base.questionStatistics(scope)
  }

  public func beliefStatistics(_ scope: ReportScope) async throws(ProgressStoreError) -> [BeliefStatistics] {
    try await base.beliefStatistics(scope)
  }

  public func wrappedKey(of employee: EmployeeID) async throws(ProgressStoreError) -> WrappedKey? {
    try await base.wrappedKey(of: employee)
  }

  public func saveWrappedKey(_ key: WrappedKey) async throws(ProgressStoreError) {
    try mine(key.employee)
    try await base.saveWrappedKey(key)
  }

  public func resetEmployee(_ employee: EmployeeID) async throws(ProgressStoreError) -> Bool {
    try mine(employee)
    return try await base.resetEmployee(employee)
  }

  @discardableResult
  public func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    async throws(ProgressStoreError) -> Int
  {
    try mine(employee)
    return try await base.rewritePrivateText(of: employee, rewrite)
  }

  public func claimSession(_ lease: SessionLease, takingOver holder: String?) async throws(ProgressStoreError)
    -> SessionClaim
  {
    try mine(lease.employee)
    return try await base.claimSession(lease, takingOver: holder)
  }

  public func renewSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    try await base.renewSession(lease)
  }

  public func releaseSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    try await base.releaseSession(lease)
  }

  public func guarded(by lease: SessionLease) -> any ProgressStore {
    SealedStore(base: base.guarded(by: lease), key: key, name: name)
  }
}
