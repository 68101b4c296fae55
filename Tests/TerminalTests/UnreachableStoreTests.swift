import CoachTestSupport
import Foundation
import LearnerModel
import Synchronization
import Testing

@testable import Terminal

/// A store whose server goes away: the first `failures` records it is sent fail as
/// unreachable (after being written, for every other one: the commit's answer was lost).
final class FlakyStore: ProgressStore {
  let base: InMemoryProgressStore
  let failures = Mutex(0)
  let failure: ProgressStoreError

  init(_ base: InMemoryProgressStore, failures: Int, failure: ProgressStoreError) {
    self.base = base
    self.failure = failure
    self.failures.withLock { $0 = failures }
  }

  /// Fails while failures are left; every second failure happens after the write.
  private func maybeFail(_ write: () throws(ProgressStoreError) -> Void) throws(ProgressStoreError) {
    let left = failures.withLock { n in
      defer { n = max(0, n - 1) }
      return n
    }
    if left > 0 && left % 2 == 0 { try write() }
    if left > 0 { throw failure }
    try write()
  }

  func saveEmployee(_ e: Employee) async throws(ProgressStoreError) { try base.saveEmployee(e) }
  func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee? { base.employee(id: id) }
  func allEmployees() async throws(ProgressStoreError) -> [Employee] { base.allEmployees() }
  func enrol(_ e: EmployeeID, in c: String, version v: String?, at d: Date) async throws(ProgressStoreError)
    -> Enrolment
  { try base.enrol(e, in: c, version: v, at: d) }
  func completeEnrolment(_ e: EmployeeID, in c: String, passed: Bool, at d: Date)
    async throws(ProgressStoreError)
  {
    try base.completeEnrolment(e, in: c, passed: passed, at: d)
  }
  func recordAttempt(_ a: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError)
    -> DrillAttempt
  {
    var stored = a
    try maybeFail { () throws(ProgressStoreError) in
      stored = try base.recordAttempt(a, pass: pass, bookmark: bookmark)
    }
    return stored
  }
  func recordBelief(_ r: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try maybeFail { () throws(ProgressStoreError) in try base.recordBelief(r, bookmark: bookmark) }
  }
  func recordSignature(_ s: CreedSignature, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try maybeFail { () throws(ProgressStoreError) in try base.recordSignature(s, bookmark: bookmark) }
  }
  func recordPageRead(_ r: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try base.recordPageRead(r, bookmark: bookmark)
  }
  func saveBookmark(_ b: Bookmark) async throws(ProgressStoreError) { try base.saveBookmark(b) }
  func history(of e: EmployeeID, in c: String) async throws(ProgressStoreError) -> History {
    base.history(of: e, in: c)
  }
  func enrolments(of e: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] { base.enrolments(of: e) }
}

@Suite struct UnreachableStoreTests {
  /// The fixture course from its belief section on, with the store given.
  func run(_ store: any ProgressStore, _ script: [String]) async -> (Runner.Outcome, String) {
    var course = Fixture.course()
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    let console = ScriptedConsole(script)
    let outcome = await Runner(console: console, store: store).learn(
      courses: [course], identity: .init(id: Fixture.employee().id), seed: 1)
    return (outcome, console.output)
  }

  @Test func anAnswerIsKeptAndWrittenOnceWhenTheStoreIsBack() async throws {
    let base = try Fixture.store()
    let unreachable = ProgressStoreError.unreachable(
      store: "postgres://db/coach", detail: "connection refused")
    let (outcome, output) = await run(FlakyStore(base, failures: 3, failure: unreachable), ["4", "2"])
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
    let (outcome, _) = await run(FlakyStore(try Fixture.store(), failures: 1, failure: refused), ["4"])
    #expect(
      outcome == .failed(refused.description + " (your last answer was not saved; every answer before it is)")
    )
  }
}
