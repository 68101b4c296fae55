import Foundation
import Testing

@testable import ProgressStore

/// Each record type is stored and reads back as it was given.
@Suite struct RecordTests {
  @Test func employeeRoundTripAndUpdateKeepsCreated() throws {
    let store = try SQLiteProgressStore.inMemory()
    let ada = Employee(
      id: Make.id("ada.l@example"), name: "Ada L.", role: "engineer", cohort: "2026-spring",
      created: Make.time)
    try store.saveEmployee(ada)
    #expect(try store.employee(id: ada.id) == ada)

    var renamed = ada
    renamed.name = "Ada Lovelace"
    renamed.role = nil
    renamed.created = Make.time.addingTimeInterval(3600)
    try store.saveEmployee(renamed)
    var expected = renamed
    expected.created = ada.created
    #expect(try store.employee(id: ada.id) == expected)

    try store.saveEmployee(Employee(id: Make.id("123-b_c"), name: "B", created: Make.time))
    #expect(try store.allEmployees().map(\.id.rawValue) == ["123-b_c", "ada.l@example"])
    #expect(try store.employee(id: Make.id("nobody")) == nil)
  }

  @Test func enrolmentStartsOnceAndCompletes() throws {
    let store = try Make.store(employees: "ada")
    let started = try store.enrol(Make.id("ada"), in: Make.course, at: Make.time)
    #expect(started == Enrolment(employee: Make.id("ada"), courseID: Make.course, started: Make.time))
    let again = try store.enrol(Make.id("ada"), in: Make.course, at: Make.time.addingTimeInterval(60))
    #expect(again == started)

    let done = Make.time.addingTimeInterval(7200)
    try store.completeEnrolment(Make.id("ada"), in: Make.course, passed: true, at: done)
    _ = try store.enrol(Make.id("ada"), in: "other-course", at: Make.time)
    let enrolments = try store.enrolments(of: Make.id("ada"))
    #expect(enrolments.map(\.courseID) == [Make.course, "other-course"])
    #expect(enrolments[0].completed == done)
    #expect(enrolments[0].passed)
    #expect(enrolments[0].started == Make.time)
    #expect(try store.history(of: Make.id("ada"), in: Make.course).enrolment == enrolments[0])
  }

  @Test func anEnrolmentKeepsTheFolderTheCourseWasLastTakenFrom() throws {
    let store = try Make.store(employees: "ada")
    _ = try store.enrol(Make.id("ada"), in: Make.course, at: Make.time)
    #expect(try store.enrolments(of: Make.id("ada")).first?.source == nil)
    _ = try store.enrol(Make.id("ada"), in: Make.course, from: "/srv/courses/service", at: Make.time)
    _ = try store.enrol(Make.id("ada"), in: Make.course, at: Make.time)
    #expect(try store.enrolments(of: Make.id("ada")).first?.source == "/srv/courses/service")
    let moved = try store.enrol(Make.id("ada"), in: Make.course, from: "/home/t/service", at: Make.time)
    #expect(moved.source == "/home/t/service")
    #expect(moved.started == Make.time)
  }

  @Test func drillAttemptsAreNumberedPerItemAndKeepPartialScores() throws {
    let store = try Make.store(employees: "ada", "bob")
    let a1 = try store.recordAttempt(
      Make.attempt("ada", "q1", response: "B,C", score: 0.5, correct: false), bookmark: nil)
    let a2 = try store.recordAttempt(Make.attempt("ada", "q1", response: "A,B,C"), bookmark: nil)
    let b1 = try store.recordAttempt(
      Make.attempt("ada", "q2", response: "2,1,3", score: 2.0 / 3), bookmark: nil)
    let other = try store.recordAttempt(Make.attempt("bob", "q1"), bookmark: nil)
    let elsewhere = try store.recordAttempt(Make.attempt("ada", "q1", course: "other"), bookmark: nil)
    let numbers: [Int] = [a1.attempt, a2.attempt, b1.attempt, other.attempt, elsewhere.attempt]
    #expect(numbers == [1, 2, 1, 1, 1])

    let history = try store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts == [a1, a2, b1])
    #expect(history.attempts[0].score == 0.5)
    #expect(history.attempts[0].response == "B,C")
    #expect(history.attempts[2].score == 2.0 / 3)
    #expect(history.attempts[0].item == Make.item("q1"))
  }

  @Test func attemptTimesAreKeptToTheMillisecond() throws {
    let store = try Make.store(employees: "ada")
    let now = Date()
    let stored = try store.recordAttempt(Make.attempt("ada", "q1", at: now), bookmark: nil)
    #expect(abs(stored.at.timeIntervalSince(now)) < 0.001)
    #expect(try store.history(of: Make.id("ada"), in: Make.course).attempts == [stored])
  }

  @Test(arguments: [
    (BeliefResponse.Kind.agree, BeliefAnswer.point(4), false),
    (.rate, .point(9), false),
    (.reflect, .text("I ask for help sooner now.\nSecond line."), true),
    (.reflect, .text(""), false),
    (.rank, .order(["Safety", "Customers", "Speed"]), false),
    (.statement, .text("I'd add: and we say so."), false),
  ])
  func beliefResponseRoundTrip(kind: BeliefResponse.Kind, answer: BeliefAnswer, shared: Bool) throws {
    let store = try Make.store(employees: "ada")
    let response = BeliefResponse(
      employee: Make.id("ada"), item: Make.item("b1"), kind: kind, itemHash: "bh", answer: answer,
      shared: shared, sessionID: "session-1", at: Make.time)
    try store.recordBelief(response, bookmark: Make.bookmark("ada", position: "b1"))
    let history = try store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.beliefs == [response])
    #expect(history.bookmark?.position == "b1")
    #expect(history.attempts.isEmpty)
  }

  @Test func beliefTableHasNoScoreOrCorrectness() throws {
    let store = try SQLiteProgressStore.inMemory()
    let columns = try store.fetchStrings("SELECT name FROM pragma_table_info('beliefResponse')")
    #expect(!columns.isEmpty)
    #expect(!columns.contains { $0.lowercased().contains("score") || $0.lowercased().contains("correct") })
  }

  @Test func creedSignatureRoundTrip() throws {
    let store = try Make.store(employees: "ada")
    let signature = CreedSignature(
      employee: Make.id("ada"), courseID: Make.course, moduleID: "m9", sectionID: "our-creed",
      creedHash: "c0ffee", name: "Ada Lovelace", sessionID: "session-2", at: Make.time)
    try store.recordSignature(signature, bookmark: Make.bookmark("ada", position: "signed"))
    let history = try store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.signatures == [signature])
    #expect(history.bookmark?.position == "signed")
  }

  @Test func onlyTheFirstReadingOfAPageIsKept() throws {
    let store = try Make.store(employees: "ada")
    func read(_ module: String, _ section: String, _ page: PageRead.Page, minutes: Double) -> PageRead {
      PageRead(
        employee: Make.id("ada"), courseID: Make.course, moduleID: module, sectionID: section, page: page,
        sessionID: "session-1", at: Make.time.addingTimeInterval(minutes * 60))
    }
    let first = read("m1", "why-it-matters", .lesson, minutes: 1)
    try store.recordPageRead(first, bookmark: Make.bookmark("ada", position: "q:q1"))
    try store.recordPageRead(read("m1", "why-it-matters", .lesson, minutes: 9), bookmark: nil)
    let intro = read("", "", .introduction, minutes: 0)
    try store.recordPageRead(intro, bookmark: nil)
    let history = try store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.pagesRead == [intro, first])
    #expect(history.bookmark?.position == "q:q1")
    #expect(try store.rowCounts()["pageRead"] == 2)
  }

  @Test func bookmarkMovesWithEachAnswerForExactResume() throws {
    let store = try Make.store(employees: "ada")
    #expect(try store.history(of: Make.id("ada"), in: Make.course).bookmark == nil)
    try store.saveBookmark(Make.bookmark("ada", position: "lesson-1"))
    try store.recordAttempt(Make.attempt("ada", "q1"), bookmark: Make.bookmark("ada", position: "q2"))
    let expected = Bookmark(
      employee: Make.id("ada"), courseID: Make.course, moduleID: "m2", sectionID: nil, position: nil,
      updated: Make.time)
    try store.saveBookmark(expected)
    try store.saveBookmark(Make.bookmark("ada", position: "elsewhere", course: "other"))
    #expect(try store.history(of: Make.id("ada"), in: Make.course).bookmark == expected)
  }

  @Test func rewordedOrRemovedItemsKeepTheirRecords() throws {
    let store = try Make.store(employees: "ada")
    // Answered under the first wording, then the item was reworded (new hash)...
    let old = try store.recordAttempt(
      Make.attempt("ada", "q1", hash: "wording-1", score: 0, correct: false), bookmark: nil)
    let new = try store.recordAttempt(Make.attempt("ada", "q1", hash: "wording-2"), bookmark: nil)
    // ...and an item that was later removed from the course altogether.
    let gone = try store.recordAttempt(Make.attempt("ada", "removed-item", hash: "h-gone"), bookmark: nil)
    let belief = BeliefResponse(
      employee: Make.id("ada"), item: Make.item("removed-belief"), kind: .agree, itemHash: "old",
      answer: .point(2), sessionID: "s", at: Make.time)
    try store.recordBelief(belief, bookmark: nil)

    let history = try store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts == [old, new, gone])
    #expect(history.attempts.map(\.itemHash) == ["wording-1", "wording-2", "h-gone"])
    #expect(new.attempt == 2)
    #expect(history.beliefs == [belief])
  }

  @Test func drillAttemptsAreAppendOnly() throws {
    let store = try Make.store(employees: "ada")
    try store.recordAttempt(Make.attempt("ada", "q1", score: 0, correct: false), bookmark: nil)
    #expect(throws: (any Error).self) { try store.execute("UPDATE drillAttempt SET correct = 1") }
    #expect(throws: (any Error).self) { try store.execute("DELETE FROM drillAttempt") }
    #expect(try store.history(of: Make.id("ada"), in: Make.course).attempts.first?.correct == false)
  }

  @Test func summaryAnswersWhoHasDoneWhat() throws {
    let store = try Make.store(employees: "ada", "bob", "cy")
    _ = try store.enrol(Make.id("ada"), in: Make.course, at: Make.time)
    _ = try store.enrol(Make.id("bob"), in: Make.course, at: Make.time)
    try store.recordAttempt(Make.attempt("ada", "q1", score: 0.5, correct: false), bookmark: nil)
    try store.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
    try store.recordAttempt(Make.attempt("ada", "q2", score: 0, correct: false), bookmark: nil)
    try store.completeEnrolment(Make.id("ada"), in: Make.course, passed: false, at: Make.time)
    try store.recordAttempt(Make.attempt("cy", "q1", course: "other"), bookmark: nil)

    let rows = try store.summary(of: Make.course)
    #expect(rows.map(\.employee.rawValue) == ["ada", "bob"])
    #expect(rows[0].attempts == 3)
    #expect(rows[0].itemsAnswered == 2)
    #expect(rows[0].itemsCorrect == 1)
    #expect(rows[0].meanBestScore == 0.5)
    #expect(rows[0].lastAnswer == Make.time)
    #expect(rows[0].enrolment?.completed == Make.time)
    #expect(rows[1].attempts == 0)
    #expect(rows[1].enrolment?.completed == nil)

    // The one-query summary agrees with the protocol's default, built from histories.
    struct Plain: ProgressStore {
      let base: SQLiteProgressStore
      func saveEmployee(_ e: Employee) throws(ProgressStoreError) { try base.saveEmployee(e) }
      func employee(id: EmployeeID) throws(ProgressStoreError) -> Employee? { try base.employee(id: id) }
      func allEmployees() throws(ProgressStoreError) -> [Employee] { try base.allEmployees() }
      func enrol(_ e: EmployeeID, in c: String, from s: String?, at d: Date) throws(ProgressStoreError)
        -> Enrolment
      {
        try base.enrol(e, in: c, from: s, at: d)
      }
      func completeEnrolment(_ e: EmployeeID, in c: String, passed: Bool, at d: Date)
        throws(ProgressStoreError)
      {
        try base.completeEnrolment(e, in: c, passed: passed, at: d)
      }
      func recordAttempt(_ a: DrillAttempt, bookmark: Bookmark?) throws(ProgressStoreError) -> DrillAttempt {
        try base.recordAttempt(a, bookmark: bookmark)
      }
      func recordBelief(_ r: BeliefResponse, bookmark: Bookmark?) throws(ProgressStoreError) {
        try base.recordBelief(r, bookmark: bookmark)
      }
      func recordSignature(_ s: CreedSignature, bookmark: Bookmark?) throws(ProgressStoreError) {
        try base.recordSignature(s, bookmark: bookmark)
      }
      func recordPageRead(_ r: PageRead, bookmark: Bookmark?) throws(ProgressStoreError) {
        try base.recordPageRead(r, bookmark: bookmark)
      }
      func saveBookmark(_ b: Bookmark) throws(ProgressStoreError) { try base.saveBookmark(b) }
      func history(of e: EmployeeID, in c: String) throws(ProgressStoreError) -> History {
        try base.history(of: e, in: c)
      }
      func enrolments(of e: EmployeeID) throws(ProgressStoreError) -> [Enrolment] {
        try base.enrolments(of: e)
      }
    }
    #expect(try Plain(base: store).summary(of: Make.course) == rows)
  }
}
