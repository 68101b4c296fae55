import Foundation
import LearnerModel

/// Builders for records with readable defaults.
enum Make {
  static let course = "onboarding"
  /// A fixed time, as stores read it back (to the millisecond).
  static let time = StoredTime.stored(Date(timeIntervalSince1970: 1_767_225_600.25))

  static func id(_ raw: String) -> EmployeeID { try! EmployeeID(raw) }

  static func item(_ item: String, module: String = "m1", section: String = "s1", course: String = course)
    -> ItemRef
  {
    ItemRef(courseID: course, moduleID: module, sectionID: section, itemID: item)
  }

  static func attempt(
    _ employee: String, _ item: String, hash: String = "h1", key: String? = nil, response: String = "a",
    score: Double = 1, correct: Bool = true, course: String = course, at: Date = time,
    context: DrillAttempt.Context = .drill
  ) -> DrillAttempt {
    DrillAttempt(
      employee: id(employee), item: Make.item(item, course: course), itemHash: hash, keyHash: key,
      response: response, score: score, correct: correct, sessionID: "session-1", at: at, context: context)
  }

  static func pass(
    _ employee: String, section: String = "s1", drill: String = "d1", mark: Int = 80, score: Double = 0.9,
    at: Date = time
  ) -> DrillPass {
    DrillPass(
      employee: id(employee), courseID: course, moduleID: "m1", sectionID: section, drillHash: drill,
      passMark: mark, score: score, sessionID: "session-1", at: at)
  }

  static func bookmark(_ employee: String, _ position: Bookmark.Position, course: String = course) -> Bookmark
  {
    Bookmark(
      employee: id(employee), courseID: course, moduleID: "m1", sectionID: "s1", position: position,
      updated: time)
  }

  static func employees(_ names: String..., in store: any ProgressStore) async throws {
    for name in names {
      try await store.saveEmployee(Employee(id: id(name), name: name.capitalized, created: time))
    }
  }
}

extension StoreConformance {
  public static let all: [ConformanceCheck] = records + promises + reports + privateText + sessions

  /// Each record type is stored and reads back as it was given.
  static let records: [ConformanceCheck] = [
    ConformanceCheck("an employee round-trips, and an update keeps the created time") { _, store in
      let ada = Employee(
        id: Make.id("ada.l@example"), name: "Ada L.", role: "engineer", cohort: "2026-spring",
        created: Make.time)
      try await store.saveEmployee(ada)
      try expectEqual(try await store.employee(id: ada.id), ada, "the employee read back")
      var renamed = ada
      renamed.name = "Ada Lovelace"
      renamed.role = nil
      renamed.created = Make.time.addingTimeInterval(3600)
      try await store.saveEmployee(renamed)
      var expected = renamed
      expected.created = ada.created
      try expectEqual(try await store.employee(id: ada.id), expected, "the updated employee")
      try await store.saveEmployee(Employee(id: Make.id("123-b_c"), name: "B", created: Make.time))
      try expectEqual(
        try await store.allEmployees().map(\.id.rawValue), ["123-b_c", "ada.l@example"],
        "every employee, by id")
      try expectEqual(try await store.employee(id: Make.id("nobody")), nil, "an unknown employee")
    },
    ConformanceCheck("an enrolment starts once, completes, and lists by course") { _, store in
      try await Make.employees("ada", in: store)
      let ada = Make.id("ada")
      let started = try await store.enrol(ada, in: Make.course, at: Make.time)
      try expectEqual(
        started, Enrolment(employee: ada, courseID: Make.course, started: Make.time), "the enrolment")
      let again = try await store.enrol(ada, in: Make.course, at: Make.time.addingTimeInterval(60))
      try expectEqual(again, started, "enrolling again")
      let done = Make.time.addingTimeInterval(7200)
      try await store.completeEnrolment(ada, in: Make.course, passed: true, at: done)
      _ = try await store.enrol(ada, in: "another-course", at: Make.time)
      let enrolments = try await store.enrolments(of: ada)
      try expectEqual(enrolments.map(\.courseID), ["another-course", Make.course], "courses, by id")
      let onboarding = enrolments[1]
      try expectEqual(onboarding.completed, done, "completed")
      try expect(onboarding.passed, "passed")
      try expectEqual(onboarding.started, Make.time, "started")
      try expectEqual(
        try await store.history(of: ada, in: Make.course).enrolment, onboarding, "in the history")
    },
    ConformanceCheck("completing an enrolment that was never started starts it too") { _, store in
      try await Make.employees("ada", in: store)
      try await store.completeEnrolment(Make.id("ada"), in: Make.course, passed: false, at: Make.time)
      let enrolment = try await store.enrolments(of: Make.id("ada")).first
      try expectEqual(enrolment?.started, Make.time, "started")
      try expectEqual(enrolment?.completed, Make.time, "completed")
      try expectEqual(enrolment?.passed, false, "passed")
    },
    ConformanceCheck("an enrolment keeps the version of the course last taken") { _, store in
      try await Make.employees("ada", in: store)
      let ada = Make.id("ada")
      _ = try await store.enrol(ada, in: Make.course, at: Make.time)
      try expectEqual(try await store.enrolments(of: ada).first?.courseVersion, nil, "no version yet")
      _ = try await store.enrol(ada, in: Make.course, version: "0123456789abcdef", at: Make.time)
      _ = try await store.enrol(ada, in: Make.course, at: Make.time)
      try expectEqual(try await store.enrolments(of: ada).first?.courseVersion, "0123456789abcdef", "kept")
      let edited = try await store.enrol(ada, in: Make.course, version: "fedcba9876543210", at: Make.time)
      try expectEqual(edited.courseVersion, "fedcba9876543210", "replaced")
      try expectEqual(edited.started, Make.time, "started stays")
      try await store.completeEnrolment(ada, in: Make.course, passed: true, at: Make.time)
      try expectEqual(
        try await store.history(of: ada, in: Make.course).enrolment?.courseVersion, "fedcba9876543210",
        "completing keeps it")
    },
    ConformanceCheck("drill attempts are numbered per employee, course and item, and keep partial scores") {
      _, store in
      try await Make.employees("ada", "bob", in: store)
      let a1 = try await store.recordAttempt(
        Make.attempt("ada", "q1", response: "B,C", score: 0.5, correct: false), bookmark: nil)
      let a2 = try await store.recordAttempt(Make.attempt("ada", "q1", response: "A,B,C"), bookmark: nil)
      let b1 = try await store.recordAttempt(
        Make.attempt("ada", "q2", response: "2,1,3", score: 2.0 / 3), bookmark: nil)
      let other = try await store.recordAttempt(Make.attempt("bob", "q1"), bookmark: nil)
      let elsewhere = try await store.recordAttempt(Make.attempt("ada", "q1", course: "other"), bookmark: nil)
      try expectEqual(
        [a1.attempt, a2.attempt, b1.attempt, other.attempt, elsewhere.attempt], [1, 2, 1, 1, 1], "numbers")
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.attempts, [a1, a2, b1], "the history, oldest first")
      try expectEqual(history.attempts[0].score, 0.5, "a partial score")
      try expectEqual(history.attempts[0].response, "B,C", "the response")
      try expectEqual(history.attempts[2].score, 2.0 / 3, "a score of two thirds")
      try expectEqual(history.attempts[0].item, Make.item("q1"), "the item's place")
    },
    ConformanceCheck("answer-key and scale hashes round-trip; records without them read back without") {
      _, store in
      try await Make.employees("ada", in: store)
      let keyed = try await store.recordAttempt(Make.attempt("ada", "q1", key: "key-1"), bookmark: nil)
      let older = try await store.recordAttempt(Make.attempt("ada", "q2"), bookmark: nil)
      let scaled = BeliefResponse(
        employee: Make.id("ada"), item: Make.item("b1"), kind: .rate, itemHash: "bh", scaleHash: "scale-1",
        answer: .point(3), sessionID: "s", at: Make.time)
      let note = BeliefResponse(
        employee: Make.id("ada"), item: Make.item("creed-1"), kind: .statement, itemHash: "sh",
        answer: .text("a note"), sessionID: "s", at: Make.time)
      try await store.recordBelief(scaled, bookmark: nil)
      try await store.recordBelief(note, bookmark: nil)
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.attempts.map(\.keyHash), ["key-1", nil], "answer-key hashes")
      try expectEqual(history.attempts, [keyed, older], "the attempts")
      try expectEqual(history.beliefs.map(\.scaleHash), ["scale-1", nil], "scale hashes")
    },
    ConformanceCheck("a review answer keeps its context; drill answers read back as drill answers") {
      _, store in
      try await Make.employees("ada", in: store)
      let drill = try await store.recordAttempt(
        Make.attempt("ada", "q1", key: "k", score: 0, correct: false), bookmark: nil)
      let later = Make.time.addingTimeInterval(86_400)
      let review = try await store.recordAttempt(
        Make.attempt("ada", "q1", key: "k", at: later, context: .review), bookmark: nil)
      let other = try await store.recordAttempt(
        Make.attempt("ada", "q2", key: "k", at: later, context: .review), bookmark: nil)
      try expectEqual(
        [drill.context, review.context, other.context], [.drill, .review, .review], "returned")
      try expectEqual(
        [drill.attempt, review.attempt, other.attempt], [1, 2, 1], "numbered with drill answers")
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.attempts, [drill, review, other], "the history, oldest first")
      try expectEqual(history.attempts.map(\.context), [.drill, .review, .review], "contexts read back")
      try expectEqual(history.bookmark, nil, "a review answer with no bookmark leaves none")
    },
    ConformanceCheck("drill passes are kept with the attempt that made them, in the order written") {
      _, store in
      try await Make.employees("ada", "bob", in: store)
      let first = Make.pass("ada", drill: "d1", mark: 80, score: 0.8)
      let later = Make.pass("ada", drill: "d2", mark: 90, score: 1, at: Make.time.addingTimeInterval(86_400))
      let elsewhere = Make.pass("ada", section: "s2", drill: "d9", score: 2.0 / 3)
      let attempt = try await store.recordAttempt(
        Make.attempt("ada", "q1", key: "k"), pass: first, bookmark: Make.bookmark("ada", .drillResult))
      try await store.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "q2"), pass: later, bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "q3"), pass: elsewhere, bookmark: nil)
      try await store.recordAttempt(Make.attempt("bob", "q1"), pass: Make.pass("bob"), bookmark: nil)
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.passes, [first, later, elsewhere], "ada's passes, in the order written")
      try expectEqual(history.attempts.first, attempt, "the attempt that made the first")
      try expectEqual(history.attempts.count, 4, "every attempt")
      try expectEqual(history.bookmark?.position, .drillResult, "the bookmark moved with the first")
      try expectEqual(
        try await store.history(of: Make.id("bob"), in: Make.course).passes.map(\.employee.rawValue), ["bob"],
        "bob's")
      try expectEqual(try await store.history(of: Make.id("ada"), in: "other").passes, [], "another course")
    },
    ConformanceCheck("times are kept to the millisecond, rounded down") { _, store in
      try await Make.employees("ada", in: store)
      let now = Date(timeIntervalSince1970: 1_790_000_000.123_9)
      let stored = try await store.recordAttempt(Make.attempt("ada", "q1", at: now), bookmark: nil)
      try expectEqual(stored.at, StoredTime.stored(now), "the time returned")
      try expect(abs(stored.at.timeIntervalSince(now)) < 0.001, "within a millisecond")
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: Make.course).attempts, [stored], "read back")
    },
    ConformanceCheck("every kind of belief response round-trips, with no score") { _, store in
      try await Make.employees("ada", in: store)
      let answers: [(BeliefResponse.Kind, BeliefAnswer, Bool)] = [
        (.agree, .point(4), false), (.rate, .point(9), false),
        (.reflect, .text("I ask for help sooner now.\nSecond line."), true), (.reflect, .text(""), false),
        (.rank, .order(["Safety", "Customers", "Speed"]), false),
        (.statement, .text("I'd add: and we say so."), false),
      ]
      var expected: [BeliefResponse] = []
      for (n, (kind, answer, shared)) in answers.enumerated() {
        let response = BeliefResponse(
          employee: Make.id("ada"), item: Make.item("b\(n)"), kind: kind, itemHash: "bh", answer: answer,
          shared: shared, sessionID: "session-1", at: Make.time)
        try await store.recordBelief(response, bookmark: Make.bookmark("ada", .item("b\(n)")))
        expected.append(response)
      }
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.beliefs, expected, "the responses, oldest first")
      try expectEqual(history.bookmark?.position, .item("b5"), "the bookmark moved with each")
      try expect(history.attempts.isEmpty, "no drill attempt was made")
    },
    ConformanceCheck("a creed signature round-trips with its bookmark") { _, store in
      try await Make.employees("ada", in: store)
      let signature = CreedSignature(
        employee: Make.id("ada"), courseID: Make.course, moduleID: "m9", sectionID: "our-creed",
        creedHash: "c0ffee", name: "Ada Lovelace", sessionID: "session-2", at: Make.time)
      try await store.recordSignature(signature, bookmark: Make.bookmark("ada", .signature))
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.signatures, [signature], "the signature")
      try expectEqual(history.bookmark?.position, .signature, "the bookmark")
    },
    ConformanceCheck("only the first reading of a page is kept, oldest first") { _, store in
      try await Make.employees("ada", in: store)
      func read(_ module: String, _ section: String, _ page: PageRead.Page, minutes: Double) -> PageRead {
        PageRead(
          employee: Make.id("ada"), courseID: Make.course, moduleID: module, sectionID: section, page: page,
          sessionID: "session-1", at: Make.time.addingTimeInterval(minutes * 60))
      }
      let first = read("m1", "why-it-matters", .lesson, minutes: 1)
      try await store.recordPageRead(
        first, bookmark: Make.bookmark("ada", .question(item: "q1", retry: false)))
      try await store.recordPageRead(read("m1", "why-it-matters", .lesson, minutes: 9), bookmark: nil)
      let intro = read("", "", .introduction, minutes: 0)
      try await store.recordPageRead(intro, bookmark: nil)
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.pagesRead, [intro, first], "the readings")
      try expectEqual(history.bookmark?.position, .question(item: "q1", retry: false), "the bookmark")
    },
    ConformanceCheck("the bookmark moves with each record and is kept per course") { _, store in
      try await Make.employees("ada", in: store)
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: Make.course).bookmark, nil, "no bookmark yet")
      try await store.saveBookmark(Make.bookmark("ada", .lesson(PagePosition(block: 3, line: 2))))
      try await store.recordAttempt(Make.attempt("ada", "q1"), bookmark: Make.bookmark("ada", .drillResult))
      let expected = Bookmark(
        employee: Make.id("ada"), courseID: Make.course, moduleID: "m2", sectionID: nil, position: nil,
        updated: Make.time)
      try await store.saveBookmark(expected)
      try await store.saveBookmark(Make.bookmark("ada", .end, course: "other"))
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: Make.course).bookmark, expected, "this course")
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: "other").bookmark?.position, .end, "the other")
    },
    ConformanceCheck("every bookmark position, private text included, reads back as written") { _, store in
      try await Make.employees("ada", in: store)
      let positions: [Bookmark.Position] = [
        .introduction, .overview, .lesson(.start), .lesson(PagePosition(block: 12, line: 40)),
        .question(item: "q-1", retry: false), .question(item: "q-1", retry: true), .drillResult, .item("b1"),
        .draft(item: "r1", text: "first line\nsecond: with a colon\n"), .share(item: "r1", text: ""),
        .signature, .end,
      ]
      for position in positions {
        try await store.saveBookmark(Make.bookmark("ada", position))
        try expectEqual(
          try await store.history(of: Make.id("ada"), in: Make.course).bookmark?.position, position,
          "\(position)")
      }
    },
    ConformanceCheck("reworded or removed items keep their records and hashes") { _, store in
      try await Make.employees("ada", in: store)
      let old = try await store.recordAttempt(
        Make.attempt("ada", "q1", hash: "wording-1", score: 0, correct: false), bookmark: nil)
      let new = try await store.recordAttempt(Make.attempt("ada", "q1", hash: "wording-2"), bookmark: nil)
      let gone = try await store.recordAttempt(
        Make.attempt("ada", "removed-item", hash: "h-gone"), bookmark: nil)
      let belief = BeliefResponse(
        employee: Make.id("ada"), item: Make.item("removed-belief"), kind: .agree, itemHash: "old",
        answer: .point(2), sessionID: "s", at: Make.time)
      try await store.recordBelief(belief, bookmark: nil)
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.attempts, [old, new, gone], "attempts")
      try expectEqual(history.attempts.map(\.itemHash), ["wording-1", "wording-2", "h-gone"], "hashes")
      try expectEqual(new.attempt, 2, "the second attempt's number")
      try expectEqual(history.beliefs, [belief], "beliefs")
    },
    ConformanceCheck(
      "the summary says who has done what, counting only drill answers to the questions as they are now,"
        + " as the default built from histories does"
    ) {
      _, store in
      try await Make.employees("ada", "bob", "cy", "dan", in: store)
      _ = try await store.enrol(Make.id("ada"), in: Make.course, version: "v-1", at: Make.time)
      _ = try await store.enrol(Make.id("bob"), in: Make.course, at: Make.time)
      let earlier = Make.time.addingTimeInterval(-60)
      try await store.recordAttempt(Make.attempt("ada", "q1", hash: "h-old", at: earlier), bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "q1", score: 0.5, correct: false), bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "q2", score: 0, correct: false), bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "q2", at: earlier, context: .review), bookmark: nil)
      try await store.recordAttempt(Make.attempt("ada", "gone", at: earlier), bookmark: nil)
      try await store.completeEnrolment(Make.id("ada"), in: Make.course, passed: false, at: Make.time)
      try await store.recordAttempt(Make.attempt("cy", "q1", course: "other"), bookmark: nil)
      // dan answered only an earlier version: listed, with nothing that counts.
      try await store.recordAttempt(Make.attempt("dan", "q2", key: "k-old", at: earlier), bookmark: nil)
      let scope = ReportScope(
        courseID: Make.course,
        questions: ["q1", "q2"].map {
          ScopeQuestion(itemID: $0, moduleID: "m1", sectionID: "s1", keyHash: "k", contentHash: "h1")
        })
      let rows = try await store.summary(of: scope)
      try expectEqual(rows.map(\.employee.rawValue), ["ada", "bob", "dan"], "who")
      try expectEqual(rows[0].attempts, 3, "attempts")
      try expectEqual(rows[0].itemsAnswered, 2, "items answered")
      try expectEqual(rows[0].itemsCorrect, 1, "items right")
      try expectEqual(rows[0].meanBestScore, 0.5, "mean best score")
      try expectEqual(rows[0].lastAnswer, Make.time, "last answer")
      try expectEqual(rows[0].enrolment?.completed, Make.time, "completed")
      try expectEqual(rows[0].enrolment?.courseVersion, "v-1", "the version of the course taken")
      try expectEqual(rows[1].attempts, 0, "bob's attempts")
      try expectEqual(rows[1].enrolment?.completed, nil, "bob has not completed")
      try expectEqual(rows[2].attempts, 0, "dan's answer to an earlier answer key does not count")
      try expectEqual(rows[2].itemsAnswered, 0, "dan has no question answered as it is now")
      try expectEqual(rows[2].lastAnswer, earlier, "dan's last answer")
      try expectEqual(try await DefaultSummary(base: store).summary(of: scope), rows, "the default summary")
    },
  ]
}

/// A store that answers ``ProgressStore/summary(of:)`` and the report queries with the
/// protocol's defaults.
struct DefaultSummary: ProgressStore {
  let base: any ProgressStore
  func saveEmployee(_ e: Employee) async throws(ProgressStoreError) { try await base.saveEmployee(e) }
  func importRoster(_ e: [Employee], at d: Date) async throws(ProgressStoreError) -> RosterImport {
    try await base.importRoster(e, at: d)
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
  { try await base.completeEnrolment(e, in: c, passed: passed, at: d) }
  func recordAttempt(_ a: DrillAttempt, pass: DrillPass?, bookmark: Bookmark?)
    async throws(ProgressStoreError)
    -> DrillAttempt
  {
    try await base.recordAttempt(a, pass: pass, bookmark: bookmark)
  }
  func recordBelief(_ r: BeliefResponse, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await base.recordBelief(r, bookmark: bookmark)
  }
  func recordSignature(_ s: CreedSignature, bookmark: Bookmark?) async throws(ProgressStoreError) {
    try await base.recordSignature(s, bookmark: bookmark)
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
  func wrappedKey(of e: EmployeeID) async throws(ProgressStoreError) -> WrappedKey? {
    try await base.wrappedKey(of: e)
  }
  func saveWrappedKey(_ k: WrappedKey) async throws(ProgressStoreError) { try await base.saveWrappedKey(k) }
  func resetEmployee(_ e: EmployeeID) async throws(ProgressStoreError) -> Bool {
    try await base.resetEmployee(e)
  }
  func rewritePrivateText(of e: EmployeeID, _ r: PrivateTextRewrite) async throws(ProgressStoreError) -> Int {
    try await base.rewritePrivateText(of: e, r)
  }
  func claimSession(_ l: SessionLease, takingOver h: String?) async throws(ProgressStoreError) -> SessionClaim
  {
    try await base.claimSession(l, takingOver: h)
  }
  func renewSession(_ l: SessionLease) async throws(ProgressStoreError) { try await base.renewSession(l) }
  func releaseSession(_ l: SessionLease) async throws(ProgressStoreError) { try await base.releaseSession(l) }
  func guarded(by l: SessionLease) -> any ProgressStore { DefaultSummary(base: base.guarded(by: l)) }
}
