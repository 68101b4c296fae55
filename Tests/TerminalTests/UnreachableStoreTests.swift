import CoachTestSupport
import Foundation
import LearnerModel
import Synchronization
import Testing

@testable import Terminal

/// A store whose server goes away: the first `failures` records it is sent fail as
/// unreachable (after being written, for every other one: the commit's answer was lost).
/// Its guarded view (the one a learn session writes through) fails the same way.
final class FlakyStore: ProgressStore {
  let base: any ProgressStore
  let failures: Failures
  let failure: ProgressStoreError

  final class Failures: Sendable {
    let left: Mutex<Int>
    init(_ n: Int) { left = Mutex(n) }
  }

  init(_ base: any ProgressStore, failures: Int, failure: ProgressStoreError) {
    self.base = base
    self.failure = failure
    self.failures = Failures(failures)
  }

  private init(_ base: any ProgressStore, sharing failures: Failures, failure: ProgressStoreError) {
    self.base = base
    self.failures = failures
    self.failure = failure
  }

  /// Fails while failures are left; every second failure happens after the write.
  private func maybeFail<T>(_ write: () async throws(ProgressStoreError) -> T)
    async throws(ProgressStoreError)
    -> T
  {
    let left = failures.left.withLock { n in
      defer { n = max(0, n - 1) }
      return n
    }
    if left > 0 && left % 2 == 0 { _ = try await write() }
    if left > 0 { throw failure }
    return try await write()
  }

  func saveEmployee(_ e: Employee) async throws(ProgressStoreError) { try await base.saveEmployee(e) }
  func importRoster(_ employees: [Employee], at date: Date) async throws(ProgressStoreError) -> RosterImport {
    try await base.importRoster(employees, at: date)
  }
  func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee? {
    try await base.employee(id: id)
  }
  func allEmployees() async throws(ProgressStoreError) -> [Employee] { try await base.allEmployees() }
  func enrol(_ e: EmployeeID, in c: String, version v: String?, at d: Date) async throws(ProgressStoreError)
    -> Enrolment
  { try await base.enrol(e, in: c, version: v, at: d) }
  func completeEnrolment(_ e: EmployeeID, in c: String, passed: Bool, at d: Date)
    async throws(ProgressStoreError)
  {
    try await base.completeEnrolment(e, in: c, passed: passed, at: d)
  }
  func recordAttempt(_ a: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError)
    -> DrillAttempt
  {
    try await maybeFail { () async throws(ProgressStoreError) in
      try await base.recordAttempt(a, pass: pass, bookmark: bookmark)
    }
  }
  func recordBelief(_ r: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await maybeFail { () async throws(ProgressStoreError) in
      try await base.recordBelief(r, bookmark: bookmark)
    }
  }
  func recordSignature(_ s: CreedSignature, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await maybeFail { () async throws(ProgressStoreError) in
      try await base.recordSignature(s, bookmark: bookmark)
    }
  }
  func recordPageRead(_ r: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await base.recordPageRead(r, bookmark: bookmark)
  }
  func saveBookmark(_ b: Bookmark) async throws(ProgressStoreError) { try await base.saveBookmark(b) }
  func history(of e: EmployeeID, in c: String) async throws(ProgressStoreError) -> History {
    try await base.history(of: e, in: c)
  }
  func enrolments(of e: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] {
    try await base.enrolments(of: e)
  }
  func summary(of scope: ReportScope) async throws(ProgressStoreError) -> [ProgressSummary] {
    try await base.summary(of: scope)
  }
  func wrappedKey(of employee: EmployeeID) async throws(ProgressStoreError) -> WrappedKey? {
    try await base.wrappedKey(of: employee)
  }
  func saveWrappedKey(_ key: WrappedKey) async throws(ProgressStoreError) {
    try await base.saveWrappedKey(key)
  }
  func resetEmployee(_ employee: EmployeeID) async throws(ProgressStoreError) -> Bool {
    try await base.resetEmployee(employee)
  }
  func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    async throws(ProgressStoreError) -> Int
  {
    try await base.rewritePrivateText(of: employee, rewrite)
  }
  func claimSession(_ lease: SessionLease, takingOver holder: String?) async throws(ProgressStoreError)
    -> SessionClaim
  {
    try await base.claimSession(lease, takingOver: holder)
  }
  func renewSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    try await base.renewSession(lease)
  }
  func releaseSession(_ lease: SessionLease) async throws(ProgressStoreError) {
    try await base.releaseSession(lease)
  }
  func guarded(by lease: SessionLease) -> any ProgressStore {
    FlakyStore(base.guarded(by: lease), sharing: failures, failure: failure)
  }
}

@Suite struct UnreachableStoreTests {
  /// The fixture course from its belief section on, with the store given.
  func run(_ store: any ProgressStore, _ script: [String]) async -> (Runner.Outcome, String) {
    var course = Fixture.course()
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    let console = ScriptedConsole(script)
    let outcome = await runner(console, store).learn(
      courses: [course], identity: .init(id: Fixture.employee().id), seed: 1)
    return (outcome, console.output)
  }

  @Test func anAnswerIsKeptAndWrittenOnceWhenTheStoreIsBack() async throws {
    let base = try Fixture.store()
    let unreachable = ProgressStoreError.unreachable(
      store: "postgres://db/coach", detail: "connection refused")
    let (outcome, output) = await run(
      FlakyStore(base, failures: 3, failure: unreachable), [passphrase, passphrase, "4", "2"])
    #expect(outcome == .quit)
    #expect(
      output.contains(
        "! The progress store cannot be reached (postgres://db/coach: the progress store cannot be reached: "
          + "connection refused). Your answer is kept"))
    #expect(output.contains("! The progress store is back: your answer is saved.\n"))
    #expect(output.components(separatedBy: "cannot be reached (").count == 2, "said once, not at each try")
    let history = base.history(of: Fixture.employee().id, in: "service")
    #expect(history.beliefs.map(\.answer) == [.point(4), .point(2)], "each answer once, in order")
  }

  @Test func anotherFailureEndsTheSessionAndSaysWhy() async throws {
    let refused = ProgressStoreError.refused(store: "p", detail: "no")
    let (outcome, _) = await run(
      FlakyStore(try Fixture.store(), failures: 1, failure: refused), [passphrase, passphrase, "4"])
    #expect(
      outcome == .failed(refused.description + " (your last answer was not saved; every answer before it is)")
    )
  }
}
