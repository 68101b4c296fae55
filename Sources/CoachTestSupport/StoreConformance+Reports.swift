import Foundation
import LearnerModel

extension StoreConformance {
  /// Rosters and the trainer's reports.
  static let reports: [ConformanceCheck] = [
    ConformanceCheck(
      "a roster import adds and updates employees, keeps extra columns, and learn's saves keep them"
    ) { _, store in
      try await Make.employees("ada", in: store)
      let fields = [
        RosterField(name: "email", value: "b@example.com"), RosterField(name: "manager", value: "Ada"),
      ]
      let roster = [
        Employee(id: Make.id("ada"), name: "Ada Lovelace", role: "manager", cohort: "spring"),
        Employee(id: Make.id("bob"), name: "Bob", role: "frontline", cohort: "spring", rosterFields: fields),
      ]
      let result = try await store.importRoster(roster, at: Make.time)
      try expectEqual(result, RosterImport(added: 1, updated: 1, unchanged: 0), "the first import")
      let bob = try await store.employee(id: Make.id("bob"))
      try expectEqual(bob?.rosterFields, fields, "extra columns, in order")
      try expectEqual(bob?.rosterImported, Make.time, "on the roster")
      try expectEqual(bob?.created, Make.time, "created at the import")
      let ada = try await store.employee(id: Make.id("ada"))
      try expectEqual(ada?.name, "Ada Lovelace", "a known employee's name")
      try expectEqual(ada?.role, "manager", "a known employee's role")
      try expectEqual(ada?.created, Make.time, "a known employee keeps the time they were created")
      var renamed = bob!
      renamed.name = "Bob B."
      renamed.rosterFields = []
      renamed.rosterImported = nil
      try await store.saveEmployee(renamed)
      let saved = try await store.employee(id: Make.id("bob"))
      try expectEqual(saved?.name, "Bob B.", "saveEmployee changes the name")
      try expectEqual(saved?.rosterFields, fields, "saveEmployee keeps the roster's columns")
      try expectEqual(saved?.rosterImported, Make.time, "saveEmployee keeps the employee on the roster")
      let again = try await store.importRoster(
        [Employee(id: Make.id("ada"), name: "Ada Lovelace", role: "manager", cohort: "spring")],
        at: Make.time.addingTimeInterval(60))
      try expectEqual(again, RosterImport(added: 0, updated: 0, unchanged: 1), "importing the same again")
    },
    ConformanceCheck("a roster the store refuses writes nothing at all") { _, store in
      try await Make.employees("ada", in: store)
      let roster = [
        Employee(id: Make.id("new1"), name: "New One"), Employee(id: Make.id("ada"), name: "Ada Renamed"),
        Employee(id: Make.id("new1"), name: "New One Again"),
      ]
      do {
        try await store.importRoster(roster, at: Make.time)
        throw ConformanceFailure(message: "a roster with an id twice was accepted", line: #line)
      } catch let error as ProgressStoreError {
        guard case .refused = error else {
          throw ConformanceFailure(message: "expected refused, got \(error)", line: #line)
        }
      }
      try expectEqual(try await store.allEmployees().map(\.id.rawValue), ["ada"], "nobody was added")
      try expectEqual(try await store.employee(id: Make.id("ada"))?.name, "Ada", "nobody was changed")
    },
    ConformanceCheck("employees come in pages by id, by cohort and by roster") { _, store in
      for n in 0..<7 {
        try await store.saveEmployee(
          Employee(
            id: Make.id("e\(n)"), name: "E\(n)", cohort: n % 2 == 0 ? "even" : "odd", created: Make.time))
      }
      try await store.importRoster([Employee(id: Make.id("e3"), name: "E3", cohort: "odd")], at: Make.time)
      let first = try await store.employees(EmployeeQuery(limit: 3))
      try expectEqual(first.map(\.id.rawValue), ["e0", "e1", "e2"], "the first page")
      let second = try await store.employees(EmployeeQuery(after: first.last?.id, limit: 3))
      try expectEqual(second.map(\.id.rawValue), ["e3", "e4", "e5"], "the next page")
      try expectEqual(
        try await store.employees(EmployeeQuery(cohort: "odd", limit: 10)).map(\.id.rawValue),
        ["e1", "e3", "e5"],
        "one cohort")
      try expectEqual(
        try await store.employees(EmployeeQuery(onRosterOnly: true, limit: 10)).map(\.id.rawValue), ["e3"],
        "on the roster")
    },
    ConformanceCheck("the cohort report's digests count answers to the current version, as the default does")
    {
      _, store in
      try await ReportRecords.fill(store)
      let scope = ReportRecords.scope
      let page = try await store.courseDigests(scope, DigestQuery(limit: 2))
      try expectEqual(page.map(\.employee.id.rawValue), ["ada", "bob"], "the first page")
      let rest = try await store.courseDigests(scope, DigestQuery(after: page.last?.employee.id, limit: 10))
      try expectEqual(rest.map(\.employee.id.rawValue), ["cy", "dee"], "the rest (eve has no enrolment)")
      let ada = page[0]
      try expectEqual(
        ada.drills,
        [DrillDigest(moduleID: "m1", sectionID: "d1", answered: 2, firstSum: 0.5, bestSum: 2)],
        "ada's drill: q2's old-key answer does not count, q1 first 0.5 then 1, q2 0 then 1")
      try expectEqual(ada.passes.count, 1, "ada's pass")
      try expectEqual(ada.answered.count, 3, "where ada answered beliefs: b1 before and after, r1")
      try expectEqual(ada.lastActive, Make.time.addingTimeInterval(500), "ada's last record")
      try expectEqual(
        page[1].drills, [DrillDigest(moduleID: "m1", sectionID: "d1", answered: 1, firstSum: 0, bestSum: 0)],
        "bob's q1 (stored before answer keys, same content) counts, his q2 answered an earlier version")
      try expectEqual(
        rest[0].drills,
        [DrillDigest(moduleID: "m1", sectionID: "d1", answered: 2, firstSum: 2, bestSum: 2)],
        "cy's drill: the review answer is not a drill score")
      try expectEqual(rest[0].lastActive, Make.time.addingTimeInterval(900), "cy's review is activity")
      try expectEqual(rest[1].employee.isOnRoster, true, "dee is on the roster")
      try expectEqual(rest[1].enrolment, nil, "dee has not started")
      let cohort = try await store.courseDigests(scope, DigestQuery(cohort: "b", limit: 10))
      try expectEqual(cohort.map(\.employee.id.rawValue), ["cy", "dee"], "cohort b")
      let since = try await store.courseDigests(
        scope, DigestQuery(startedSince: Make.time.addingTimeInterval(1), limit: 10))
      try expectEqual(since.map(\.employee.id.rawValue), ["cy"], "started since")
      let defaults = try await DefaultSummary(base: store).courseDigests(scope, DigestQuery(limit: 10))
      try expectEqual(page + rest, defaults, "the default built from histories")
    },
    ConformanceCheck(
      "item analysis counts learners, first tries, wrong answers and rest sums, as the default does"
    ) { _, store in
      try await ReportRecords.fill(store)
      let stats = try await store.questionStatistics(ReportRecords.scope)
      try expectEqual(stats.map(\.itemID), ["q1", "q2"], "every question, in order")
      try expectEqual(stats[0].learners, 3, "q1's learners")
      try expectEqual(stats[0].firstRight, 1, "q1 right at the first try (cy)")
      try expectEqual(stats[0].answers, 4, "q1's answers that count")
      try expectEqual(
        stats[0].wrongAnswers, [AnswerCount(response: "B", count: 2)],
        "q1's wrong answers, case ignored (cy's review answer C is not one)")
      try expectEqual(stats[1].learners, 2, "q2's learners (bob's answer is to an earlier version)")
      try expectEqual(stats[0].rest.n, 2, "learners who answered the whole drill")
      let defaults = try await DefaultSummary(base: store).questionStatistics(ReportRecords.scope)
      try expectEqual(stats, defaults, "the default built from histories")
    },
    ConformanceCheck("the summary of the report records counts drill answers to the current versions only") {
      _, store in
      try await ReportRecords.fill(store)
      let rows = try await store.summary(of: ReportRecords.scope)
      try expectEqual(rows.map(\.employee.rawValue), ["ada", "bob", "cy"], "enrolled or answered")
      try expectEqual(
        rows.map(\.attempts), [5, 1, 2], "answers that count (no old key, earlier version, review)")
      try expectEqual(rows.map(\.itemsAnswered), [2, 1, 2], "questions answered as they are now")
      try expectEqual(rows.map(\.itemsCorrect), [2, 0, 2], "questions answered right")
      try expectEqual(rows.map(\.meanBestScore), [1, 0, 1], "mean best scores")
      try expectEqual(rows[2].lastAnswer, Make.time.addingTimeInterval(900), "cy's review is her last answer")
      let defaults = try await DefaultSummary(base: store).summary(of: ReportRecords.scope)
      try expectEqual(rows, defaults, "the default built from histories")
    },
    ConformanceCheck(
      "belief figures count each employee once, per cohort, on the current scale, as the default does"
    ) { _, store in
      try await ReportRecords.fill(store)
      let stats = try await store.beliefStatistics(ReportRecords.scope)
      let agree = stats.filter { $0.itemID == "b1" }
      try expectEqual(agree.map(\.cohort), ["a", "b"], "b1's cohorts")
      try expectEqual(agree[0].respondents, 2, "b1 in cohort a")
      try expectEqual(
        agree[0].changes,
        [PointChange(before: 2, after: 4, count: 1), PointChange(before: 3, after: 3, count: 1)],
        "b1's before and after in cohort a")
      try expectEqual(
        agree[0].points, [PointCount(point: 3, count: 1), PointCount(point: 4, count: 1)], "latest")
      let reflect = stats.filter { $0.itemID == "r1" }
      try expectEqual(reflect.map(\.written), [1, 1], "reflections written, per cohort (a blank one is not)")
      try expectEqual(reflect.flatMap(\.shared), ["I listen first."], "only the shared one")
      let rank = stats.first { $0.itemID == "k1" }
      try expectEqual(rank?.positions.filter { $0.position == 1 }.map(\.option), ["Speed"], "ranked first")
      let rate = stats.first { $0.itemID == "t1" }
      try expectEqual(rate?.respondents, 1, "an answer on an earlier scale does not count")
      let defaults = try await DefaultSummary(base: store).beliefStatistics(ReportRecords.scope)
      try expectEqual(stats, defaults, "the default built from histories")
    },
  ]
}

/// Records of five employees in one course, for the report checks.
enum ReportRecords {
  static let scope = ReportScope(
    courseID: Make.course,
    questions: [
      ScopeQuestion(itemID: "q1", moduleID: "m1", sectionID: "d1", keyHash: "k1", contentHash: "c1"),
      ScopeQuestion(itemID: "q2", moduleID: "m1", sectionID: "d1", keyHash: "k2", contentHash: "c2"),
    ],
    beliefs: [
      ScopeBelief(
        itemID: "b1", kind: .agree, repeated: true, scaleHash: "agree", legacyCountsAll: true,
        legacyItemHashes: []),
      ScopeBelief(
        itemID: "t1", kind: .rate, repeated: false, scaleHash: "rate-2", legacyCountsAll: false,
        legacyItemHashes: ["t1-now"]),
      ScopeBelief(
        itemID: "k1", kind: .rank, repeated: false, scaleHash: "rank", legacyCountsAll: false,
        legacyItemHashes: []),
      ScopeBelief(
        itemID: "r1", kind: .reflect, repeated: false, scaleHash: "reflect", legacyCountsAll: false,
        legacyItemHashes: []),
    ])

  static func fill(_ store: any ProgressStore) async throws {
    for (id, cohort) in [("ada", "a"), ("bob", "a"), ("cy", "b"), ("eve", "b")] {
      try await store.saveEmployee(Employee(id: Make.id(id), name: id, cohort: cohort, created: Make.time))
    }
    try await store.importRoster([Employee(id: Make.id("dee"), name: "Dee", cohort: "b")], at: Make.time)
    let t = Make.time
    _ = try await store.enrol(Make.id("ada"), in: Make.course, at: t)
    _ = try await store.enrol(Make.id("bob"), in: Make.course, at: t)
    _ = try await store.enrol(Make.id("cy"), in: Make.course, at: t.addingTimeInterval(60))
    func attempt(
      _ who: String, _ item: String, key: String?, hash: String = "c", _ score: Double, _ response: String,
      at seconds: Double
    ) async throws {
      try await store.recordAttempt(
        Make.attempt(
          who, item, hash: hash, key: key, response: response, score: score, correct: score == 1,
          at: t.addingTimeInterval(seconds)), bookmark: nil)
    }
    // ada: q1 half right then right; q2 an old key (does not count), then wrong, then right.
    try await attempt("ada", "q1", key: "k1", 0.5, "B", at: 10)
    try await attempt("ada", "q1", key: "k1", 1, "A", at: 20)
    try await attempt("ada", "q2", key: "old", 1, "X", at: 30)
    try await attempt("ada", "q2", key: "k2", 0, "Y", at: 40)
    try await attempt("ada", "q2", key: "k2", 1, "X", at: 50)
    try await store.recordAttempt(
      Make.attempt("ada", "q2", key: "k2", at: t.addingTimeInterval(50)),
      pass: Make.pass("ada", section: "d1", score: 1, at: t.addingTimeInterval(50)), bookmark: nil)
    // bob: q1 wrong (stored before answer keys: matched by content hash), q2 an earlier version.
    try await attempt("bob", "q1", key: nil, hash: "c1", 0, " b ", at: 15)
    try await attempt("bob", "q2", key: nil, hash: "c2-old", 1, "X", at: 16)
    // cy: both right at once; later, q1 wrong in a spaced review (never a drill score).
    try await attempt("cy", "q1", key: "k1", 1, "A", at: 70)
    try await attempt("cy", "q2", key: "k2", 1, "X", at: 80)
    try await store.recordAttempt(
      Make.attempt(
        "cy", "q1", hash: "c", key: "k1", response: "C", score: 0, correct: false,
        at: t.addingTimeInterval(900), context: .review), bookmark: nil)
    func belief(
      _ who: String, _ item: String, _ kind: BeliefResponse.Kind, section: String, scale: String?,
      hash: String = "h", _ answer: BeliefAnswer, shared: Bool = false, at seconds: Double
    ) async throws {
      let response = BeliefResponse(
        employee: Make.id(who), item: Make.item(item, section: section), kind: kind, itemHash: hash,
        scaleHash: scale,
        answer: answer, shared: shared, sessionID: "s", at: t.addingTimeInterval(seconds))
      try await store.recordBelief(response, bookmark: nil)
    }
    try await belief("ada", "b1", .agree, section: "pre", scale: "agree", .point(2), at: 100)
    try await belief("ada", "b1", .agree, section: "post", scale: "agree", .point(4), at: 500)
    try await belief("bob", "b1", .agree, section: "pre", scale: nil, .point(3), at: 110)
    try await belief("bob", "b1", .agree, section: "post", scale: "agree", .point(3), at: 200)
    try await belief("cy", "b1", .agree, section: "pre", scale: "agree", .point(5), at: 120)
    try await belief("bob", "t1", .rate, section: "pre", scale: "rate-1", .point(2), at: 130)
    try await belief("cy", "t1", .rate, section: "pre", scale: nil, hash: "t1-now", .point(4), at: 140)
    try await belief("bob", "k1", .rank, section: "pre", scale: "rank", .order(["Speed", "Warmth"]), at: 150)
    try await belief("cy", "k1", .rank, section: "pre", scale: "rank", .order(["Warmth", "Speed"]), at: 150)
    try await belief("cy", "k1", .rank, section: "pre", scale: "rank", .order(["Speed", "Warmth"]), at: 160)
    try await belief(
      "bob", "r1", .reflect, section: "pre", scale: "reflect", .text("I listen first."), shared: true, at: 170
    )
    try await belief("cy", "r1", .reflect, section: "pre", scale: "reflect", .text("Private."), at: 180)
    try await belief(
      "ada", "r1", .reflect, section: "pre", scale: "reflect", .text("  \n"), shared: true, at: 190)
  }
}
