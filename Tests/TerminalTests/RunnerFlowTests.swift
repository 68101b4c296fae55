import CoachTestSupport
import CourseModel
import Foundation
import LearnerModel
import PrivateText
import SessionEngine
import Testing

@testable import Terminal

/// The learn loop in pipe mode with a scripted console: the way around, reflections past
/// their limit, marks no course can imitate, and what a full disk says.
@Suite struct RunnerFlowTests {
  static func run(_ script: [String], course: Course = Fixture.course(), store: (any ProgressStore)? = nil)
    async throws -> (Runner.Outcome, String)
  {
    let store = try store ?? Fixture.store()
    // The passphrase first: chosen twice the first time, then given once.
    let known = try await store.wrappedKey(of: Fixture.employee().id) != nil
    let console = ScriptedConsole((known ? [passphrase] : [passphrase, passphrase]) + script)
    let outcome = await runner(console, store).learn(
      courses: [course], identity: .init(id: Fixture.employee().id), seed: 1)
    return (outcome, console.output)
  }

  /// The employee's history as they see it: their private text opened with their key
  /// (below, in the store, it is sealed).
  static func opened(_ store: InMemoryProgressStore) async throws -> History {
    let id = Fixture.employee().id
    let key = try EmployeeKey.unlock(try #require(store.wrappedKey(of: id)), passphrase: passphrase)
    return try await SealedStore(base: store, key: key).history(of: id, in: "service")
  }

  /// The fixture with only the first module's belief section in its first module.
  static var beliefsFirst: Course {
    var course = Fixture.course()
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    return course
  }

  @Test func slashCommandsLeadAroundInPipeMode() async throws {
    let (outcome, out) = try await Self.run(["/h", "3", "a", "", "/m", "h", ""], course: Self.beliefsFirst)
    #expect(outcome == .quit)
    // The home, then module 3's outline, its answers, the outline again, into the module.
    #expect(out.contains("? Press Enter to continue, or type a module number (1-3)"))
    #expect(out.contains("== Service > Module 3 of 3: Closing ==\nModule 3 of 3: Closing"))
    #expect(
      out.contains("1. Overview · not read\n2. Beliefs: Where you are now · not started\n3. Creed: Our creed")
    )
    #expect(out.contains("? Enter to continue, or type a part's number (1-3)"))
    #expect(out.contains("Your answers: Module 3 of 3: Closing"))
    #expect(out.contains("You have not answered anything in this module yet."))
    let lines = out.components(separatedBy: "\n")
    #expect(lines.filter { $0.hasPrefix("? Enter to continue") }.count == 3)
    // The first module's first item, then the third module's (entered from its
    // outline), and that one again after /m, h and Enter.
    #expect(lines.filter { $0 == "? agree 1-5" }.count == 3)
  }

  @Test func courseTextThatLooksLikeAPromptIsIndented() async throws {
    var course = Self.beliefsFirst
    course.modules[0].overview = [
      Fixture.paragraph("? agree 1-5"), Fixture.paragraph("! Not right."), Fixture.paragraph("== Fake =="),
    ]
    let (_, out) = try await Self.run([], course: course)
    let lines = out.components(separatedBy: "\n")
    #expect(lines.contains(" ? agree 1-5"))
    #expect(lines.contains(" ! Not right."))
    #expect(lines.contains(" == Fake =="))
    #expect(
      lines.filter { $0.hasPrefix("? ") && !$0.contains("passphrase") } == ["? agree 1-5"],
      "only coach's own prompt")
  }

  @Test func aReflectionPastTheLimitKeepsWhatFitsAndEndOfInputStillExits() async throws {
    let store = try Fixture.store()
    let lines = (0..<30_000).map { "Line \($0) of a very long paste about service." }
    let (outcome, out) = try await Self.run(
      ["4", "2"] + lines + [""], course: Self.beliefsFirst, store: store)
    #expect(outcome == .quit)
    #expect(out.contains("characters over the limit of 20,000."))
    #expect(out.contains("is kept as your draft: end with an empty line to send it"))
    let bookmark = try await Self.opened(store).bookmark
    guard case .draft(_, let draft)? = bookmark?.position else {
      Issue.record("what fits is kept as the draft: \(String(describing: bookmark))")
      return
    }
    #expect(draft.count <= 20_000 && draft.hasPrefix("Line 0 of"))
    // The next run with no input: the draft is shown and the run ends (it never loops).
    let (again, second) = try await Self.run([], course: Self.beliefsFirst, store: store)
    #expect(again == .quit)
    #expect(second.components(separatedBy: "\n").filter { $0.hasPrefix("? reflection") }.count == 1)
    // /cut and /clear edit it; an empty line sends what is left.
    let (_, third) = try await Self.run(
      ["/cut", "/clear", "Short and sweet.", "", "n"], course: Self.beliefsFirst, store: store)
    #expect(third.contains("! Removed the last line."))
    #expect(third.contains("! Cleared: start again."))
    let story = try await Self.opened(store).beliefs.last { $0.item.itemID == "story" }
    #expect(story?.answer == .text("Short and sweet."))
  }

  @Test func aReflectionCanBeSkippedAndANavigationLineKeepsTheLinesTyped() async throws {
    let store = try Fixture.store()
    let (_, out) = try await Self.run(
      ["4", "2", "First line.", "/h"], course: Self.beliefsFirst, store: store)
    #expect(out.contains("? Press Enter to continue"))
    #expect(try await Self.opened(store).bookmark?.position == .draft(item: "story", text: "First line."))
    let (_, again) = try await Self.run(["/skip"], course: Self.beliefsFirst, store: store)
    #expect(again.contains("First line."))
    #expect(again.contains("! Left out."))
    #expect(try await Self.opened(store).beliefs.last?.answer == .text(""))
  }

  @Test func aFullDiskSaysAnAnswerWasLostOnlyWhenOneWasBeingSaved() async throws {
    let early = FailingStore(failAt: .enrol)
    let (first, _) = try await Self.run(["4"], course: Self.beliefsFirst, store: early)
    guard case .failed(let message) = first else {
      Issue.record("a full disk at the start fails the session: \(first)")
      return
    }
    #expect(message.contains("the disk is full"))
    #expect(!message.contains("answer"), "no answer was given yet: \(message)")

    let late = FailingStore(failAt: .belief)
    let (second, _) = try await Self.run(["4"], course: Self.beliefsFirst, store: late)
    guard case .failed(let lost) = second else {
      Issue.record("a full disk at an answer fails the session: \(second)")
      return
    }
    #expect(lost.contains("your last answer was not saved; every answer before it is"))
  }
}

/// A store that is full from one kind of write on: everything else goes to memory.
final class FailingStore: ProgressStore {
  enum Point { case enrol, belief }
  let inner = InMemoryProgressStore()
  let point: Point

  init(failAt point: Point) {
    self.point = point
    try? inner.saveEmployee(Fixture.employee())
  }

  var full: ProgressStoreError { .diskFull(store: "/tmp/full.sqlite") }

  func saveEmployee(_ employee: Employee) async throws(ProgressStoreError) {
    try inner.saveEmployee(employee)
  }
  func importRoster(_ employees: [Employee], at date: Date) async throws(ProgressStoreError) -> RosterImport {
    try inner.importRoster(employees, at: date)
  }
  func employee(id: EmployeeID) async throws(ProgressStoreError) -> Employee? { inner.employee(id: id) }
  func allEmployees() async throws(ProgressStoreError) -> [Employee] { inner.allEmployees() }
  func enrol(_ employee: EmployeeID, in courseID: String, version: String?, at date: Date)
    async throws(ProgressStoreError) -> Enrolment
  {
    if point == .enrol { throw full }
    return try inner.enrol(employee, in: courseID, version: version, at: date)
  }
  func completeEnrolment(_ employee: EmployeeID, in courseID: String, passed: Bool, at date: Date)
    async throws(ProgressStoreError)
  {
    try inner.completeEnrolment(employee, in: courseID, passed: passed, at: date)
  }
  func recordAttempt(_ attempt: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError) -> DrillAttempt
  {
    try inner.recordAttempt(attempt, pass: pass, bookmark: bookmark)
  }
  func recordBelief(_ response: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    if point == .belief { throw full }
    try inner.recordBelief(response, bookmark: bookmark)
  }
  func recordSignature(_ signature: CreedSignature, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try inner.recordSignature(signature, bookmark: bookmark)
  }
  func recordPageRead(_ read: PageRead, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try inner.recordPageRead(read, bookmark: bookmark)
  }
  func saveBookmark(_ bookmark: Bookmark) async throws(ProgressStoreError) {
    try inner.saveBookmark(bookmark)
  }
  func history(of employee: EmployeeID, in courseID: String) async throws(ProgressStoreError) -> History {
    inner.history(of: employee, in: courseID)
  }
  func enrolments(of employee: EmployeeID) async throws(ProgressStoreError) -> [Enrolment] {
    try inner.enrolments(of: employee)
  }
  func wrappedKey(of employee: EmployeeID) async throws(ProgressStoreError) -> WrappedKey? {
    inner.wrappedKey(of: employee)
  }
  func saveWrappedKey(_ key: WrappedKey) async throws(ProgressStoreError) { try inner.saveWrappedKey(key) }
  func resetEmployee(_ employee: EmployeeID) async throws(ProgressStoreError) -> Bool {
    try inner.resetEmployee(employee)
  }
  func rewritePrivateText(of employee: EmployeeID, _ rewrite: PrivateTextRewrite)
    async throws(ProgressStoreError) -> Int
  {
    try inner.rewritePrivateText(of: employee, rewrite)
  }
  func claimSession(_ lease: SessionLease, takingOver holder: String?) async throws(ProgressStoreError)
    -> SessionClaim
  {
    try inner.claimSession(lease, takingOver: holder)
  }
  func renewSession(_ lease: SessionLease) async throws(ProgressStoreError) { try inner.renewSession(lease) }
  func releaseSession(_ lease: SessionLease) async throws(ProgressStoreError) { inner.releaseSession(lease) }
  /// The same failing store: these tests are about the disk, not the lease.
  func guarded(by lease: SessionLease) -> any ProgressStore { self }
}
