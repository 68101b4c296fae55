import Foundation
import LearnerModel
import Testing

@testable import ProgressStoreSQLite

/// The store on disk: creation, modes, migration, durability, reopening.
@Suite struct FileStoreTests {
  private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }

  @Test func aNewStoreIsPrivate() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("home/.local/share/coach/progress.sqlite")
    let store = try SQLiteProgressStore(path: path)
    try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    #expect(try mode(path) == 0o600)
    #expect(try mode(path + "-wal") == 0o600)
    #expect(try mode(path + "-shm") == 0o600)
    #expect(try mode(folder.path("home/.local/share/coach")) == 0o700)
    #expect(try mode(folder.path("home")) == 0o700)
  }

  @Test func anExistingFolderKeepsItsMode() async throws {
    let folder = try TemporaryFolder()
    chmod(folder.url.path, 0o755)
    _ = try SQLiteProgressStore(path: folder.path("progress.sqlite"))
    #expect(try mode(folder.url.path) == 0o755)
    #expect(try mode(folder.path("progress.sqlite")) == 0o600)
  }

  @Test func anEmptyFileIsMigratedToTheFullSchema() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    try folder.write(Data(), to: "progress.sqlite")
    let store = try SQLiteProgressStore(path: path)
    let applied = try await store.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    #expect(applied == SQLiteProgressStore.migrator.migrations)
    #expect(applied.first == "v1-create-employee")
    let tables = Set(try await store.strings("SELECT name FROM sqlite_master WHERE type = 'table'"))
    #expect(
      tables.isSuperset(of: [
        "employee", "enrolment", "drillAttempt", "beliefResponse", "creedSignature", "bookmark", "pageRead",
      ]))
    #expect(try await store.strings("PRAGMA journal_mode") == ["wal"])
    #expect(try await store.integrityCheck() == ["ok"])
  }

  @Test func aVersionOneStoreGainsTheVersionTwoTablesAndKeepsItsRecords() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let old = try RawDatabase(path: path)
    try old.migrate(upTo: "v1-create-bookmark")
    try old.execute(
      "INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', '2026-01-02 03:04:05.006')")
    try old.execute(
      """
      INSERT INTO bookmark (employeeId, courseId, moduleId, position, updated)
      VALUES ('ada', '\(Make.course)', 'm1', 'q:q1', '2026-01-02 03:04:05.006')
      """)
    try old.close()
    let store = try SQLiteProgressStore(path: path)
    let applied = try await store.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    #expect(applied == SQLiteProgressStore.migrator.migrations)
    #expect(applied.contains("v2-create-pageRead") && applied.contains("v2-add-enrolment-source"))
    #expect(try await store.employee(id: Make.id("ada"))?.name == "Ada")
    #expect(
      try await store.history(of: Make.id("ada"), in: Make.course).bookmark?.position
        == .question(item: "q1", retry: false))
    #expect(try await store.history(of: Make.id("ada"), in: Make.course).pagesRead.isEmpty)
  }

  @Test func aVersionTwoStoreGainsAnswerKeysScalesVersionsAndPassesAndKeepsItsRecords() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    try SnapshotTests.versionTwoStore(at: path)
    let store = try SQLiteProgressStore(path: path)
    let applied = try await store.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    // Later migrations (other records) may follow these.
    #expect(
      Array(applied.drop { $0 != "v3-add-drillAttempt-keyHash" }.prefix(10)) == [
        "v3-add-drillAttempt-keyHash", "v3-add-beliefResponse-scaleHash", "v3-add-enrolment-courseVersion",
        "v3-create-drillPass", "v4-add-drillAttempt-context", "v5-add-beliefResponse-sealed",
        "v6-create-employeeKey", "v7-create-sessionLease", "v8-add-employee-roster",
        "v9-add-record-ids",
      ])
    let ada = Make.id("ada")
    let history = try await store.history(of: ada, in: Make.course)
    #expect(history.attempts.map(\.keyHash) == [nil] && history.attempts.map(\.itemHash) == ["h1"])
    // An answer stored before coach kept where answers were given was given in the drill.
    #expect(history.attempts.map(\.context) == [.drill])
    #expect(history.beliefs.map(\.scaleHash) == [nil])
    #expect(history.enrolment?.courseVersion == nil && history.passes.isEmpty)
    // The folder an earlier coach kept stays in its column, and nothing reads or writes it.
    _ = try await store.enrol(ada, in: Make.course, version: "abc", at: Make.time)
    #expect(try await store.enrolments(of: ada).first?.courseVersion == "abc")
    #expect(try await store.strings("SELECT source FROM enrolment") == ["/home/ada/courses/onboarding"])
    let next = try await store.recordAttempt(Make.attempt("ada", "q1", key: "k"), bookmark: nil)
    #expect(next.attempt == 2)
    #expect(try await store.integrityCheck() == ["ok"])
  }

  @Test func aVersionFourStoreGainsSealedAnswersKeysAndLeasesAndKeepsEveryBeliefAsItWas() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let old = try RawDatabase(path: path)
    try old.migrate(upTo: "v4-add-drillAttempt-context")
    try old.execute(
      "INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', '2026-01-02 03:04:05.006')")
    try old.execute(
      """
      INSERT INTO beliefResponse (id, employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash,
        scaleHash, point, text, ranking, shared, sessionId, at)
      VALUES (7, 'ada', '\(Make.course)', 'm1', 's1', 'b1', 'agree', 'h1', 'sc1', 4, NULL, NULL, 0, 's',
          '2026-01-02 03:04:05.006'),
        (9, 'ada', '\(Make.course)', 'm1', 's1', 'r1', 'reflect', 'h2', NULL, NULL, 'plain', NULL, 1, 's',
          '2026-01-02 03:04:06.006')
      """)
    try old.close()
    let store = try SQLiteProgressStore(path: path)
    // The table was rebuilt for its new CHECK: ids, scales, points, text and shares kept.
    #expect(
      try await store.strings("SELECT id || ':' || IFNULL(scaleHash, '-') FROM beliefResponse ORDER BY id")
        == ["7:sc1", "9:-"])
    let beliefs = try await store.history(of: Make.id("ada"), in: Make.course).beliefs
    #expect(beliefs.map(\.scaleHash) == ["sc1", nil])
    #expect(beliefs.map(\.answer) == [.point(4), .text("plain")] && beliefs.map(\.shared) == [false, true])
    await #expect(throws: (any Error).self, "a sealed answer is never marked shared") {
      try await store.execute(
        """
        INSERT INTO beliefResponse (employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash,
          sealed, shared, sessionId, at)
        VALUES ('ada', 'c', 'm', 's', 'r2', 'reflect', 'h', x'00', 1, 's', '2026-01-02 03:04:05.006')
        """)
    }
    #expect(try await store.integrityCheck() == ["ok"])
    #expect(try await store.strings("PRAGMA foreign_key_check").isEmpty)
  }

  @Test func aVersionThreeStoreGainsTheContextOfAnswersAndKeepsItsRecords() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let old = try RawDatabase(path: path)
    try old.migrate(upTo: "v3-create-drillPass")
    try old.execute(
      "INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', '2026-01-02 03:04:05.006')")
    try old.execute(
      """
      INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, keyHash,
        response, score, correct, attempt, sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 's1', 'q1', 'h1', 'k1', 'a', 1, 1, 1, 's',
        '2026-01-02 03:04:05.006')
      """)
    try old.close()
    let store = try SQLiteProgressStore(path: path)
    let applied = try await store.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    #expect(applied == SQLiteProgressStore.migrator.migrations)
    let review = try await store.recordAttempt(
      {
        var attempt = Make.attempt("ada", "q1", key: "k1")
        attempt.context = .review
        return attempt
      }(), bookmark: nil)
    let history = try await store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts.map(\.context) == [.drill, .review])
    #expect(history.attempts.map(\.attempt) == [1, 2] && review.attempt == 2)
    #expect(try await store.strings("SELECT context FROM drillAttempt ORDER BY id") == ["drill", "review"])
    // The column takes only the two contexts, even from raw SQL.
    await #expect(throws: (any Error).self) {
      try await store.execute(
        """
        INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, response,
          score, correct, attempt, sessionId, at, context)
        VALUES ('ada', 'c', 'm1', 's1', 'q1', 'h1', 'a', 1, 1, 3, 's', '2026-01-02 03:04:05.006', 'quiz')
        """)
    }
    #expect(try await store.integrityCheck() == ["ok"])
  }

  @Test func aVersionFourStoreGivesEveryOldRecordAnIDAndStaysAppendOnly() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let old = try RawDatabase(path: path)
    try old.migrate(upTo: "v4-add-drillAttempt-context")
    try old.execute(
      """
      INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', '2026-01-02 03:04:05.006');
      INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, response, score,
        correct, attempt, sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 's1', 'q1', 'h1', 'a', 1, 1, 1, 's', '2026-01-02 03:04:05.006'),
        ('ada', '\(Make.course)', 'm1', 's1', 'q1', 'h1', 'b', 1, 1, 2, 's', '2026-01-02 03:04:05.007');
      INSERT INTO drillPass (employeeId, courseId, moduleId, sectionId, drillHash, passMark, score, sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 's1', 'd1', 80, 1, 's', '2026-01-02 03:04:05.007');
      INSERT INTO beliefResponse (employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash, point,
        sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 's2', 'b1', 'agree', 'h', 3, 's', '2026-01-02 03:04:05.008');
      INSERT INTO creedSignature (employeeId, courseId, moduleId, sectionId, creedHash, name, sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 'c', 'x', 'Ada', 's', '2026-01-02 03:04:05.009')
      """)
    try old.close()
    let store = try SQLiteProgressStore(path: path)
    var ids: [String] = []
    for table in ["drillAttempt", "drillPass", "beliefResponse", "creedSignature"] {
      ids += try await store.strings("SELECT recordId FROM \(table) ORDER BY id")
    }
    #expect(ids.count == 5 && Set(ids).count == 5, "\(ids)")
    #expect(ids.allSatisfy { UUID(uuidString: $0)?.uuidString.lowercased() == $0 }, "\(ids)")
    let history = try await store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts.map(\.recordID.uuidString).map { $0.lowercased() } == Array(ids.prefix(2)))
    #expect(history.passes.map(\.recordID.uuidString.localizedLowercase) == [ids[2]])
    // The triggers lifted for the ids are back.
    for sql in ["UPDATE drillAttempt SET score = 0", "UPDATE drillPass SET passMark = 50"] {
      await #expect(throws: (any Error).self, "\(sql)") { try await store.execute(sql) }
    }
    // An old attempt sent again (by its id, now kept) is kept once.
    let again = try await store.recordAttempt(history.attempts[0], bookmark: nil)
    #expect(again.attempt == 1)
    #expect(try await store.strings("SELECT count(*) FROM drillAttempt") == ["2"])
    #expect(try await store.integrityCheck() == ["ok"])
  }

  @Test func aVersionFourStoreGainsTheRosterAndKeepsItsEmployees() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let old = try RawDatabase(path: path)
    try old.migrate(upTo: "v4-add-drillAttempt-context")
    try old.execute(
      "INSERT INTO employee (id, name, role, cohort, created) VALUES ('ada', 'Ada', 'manager', 'a', "
        + "'2026-01-02 03:04:05.006')")
    try old.close()
    let store = try SQLiteProgressStore(path: path)
    let applied = try await store.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    #expect(
      Array(applied.drop { $0 != "v4-add-drillAttempt-context" }.prefix(5)) == [
        "v4-add-drillAttempt-context", "v5-add-beliefResponse-sealed", "v6-create-employeeKey",
        "v7-create-sessionLease", "v8-add-employee-roster",
      ])
    let ada = try #require(try await store.employee(id: Make.id("ada")))
    #expect(ada.name == "Ada" && ada.role == "manager" && ada.cohort == "a")
    #expect(!ada.isOnRoster && ada.rosterFields.isEmpty, "an employee from before rosters is on none")
    #expect(
      try await store.strings("SELECT name FROM sqlite_master WHERE name = 'employee_on_cohort'") == [
        "employee_on_cohort"
      ])
    try await store.importRoster(
      [Employee(id: Make.id("ada"), name: "Ada L", role: "manager", cohort: "b")], at: Make.time)
    #expect(try await store.employee(id: Make.id("ada"))?.rosterImported == Make.time)
    #expect(try await store.integrityCheck() == ["ok"])
  }

  @Test func migrationNamesFollowTheConvention() {
    for name in SQLiteProgressStore.migrator.migrations {
      #expect(name.wholeMatch(of: /v[0-9]+-[a-z]+(-[a-zA-Z]+)+/) != nil, "\(name)")
    }
  }

  @Test(arguments: SQLiteProgressStore.Durability.allCases)
  func durabilityIsTheChosenSynchronousLevel(durability: SQLiteProgressStore.Durability) async throws {
    let folder = try TemporaryFolder()
    let store = try SQLiteProgressStore(path: folder.path("p.sqlite"), durability: durability)
    #expect(try await store.strings("PRAGMA synchronous") == [durability == .full ? "2" : "1"])
    #expect(try await store.strings("PRAGMA foreign_keys") == ["1"])
  }

  @Test func everythingReadsBackAfterReopening() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let attempt: DrillAttempt
    do {
      let store = try SQLiteProgressStore(path: path)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
      _ = try await store.enrol(Make.id("ada"), in: Make.course, at: Make.time)
      attempt = try await store.recordAttempt(
        Make.attempt("ada", "q1"),
        bookmark: Make.bookmark("ada", position: .question(item: "q2", retry: false)))
    }
    let store = try SQLiteProgressStore(path: path)
    let history = try await store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts == [attempt])
    #expect(history.bookmark == Make.bookmark("ada", position: .question(item: "q2", retry: false)))
    #expect(history.enrolment?.started == Make.time)
    #expect(try await store.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil).attempt == 2)
  }

  @Test func manyProcessesMayCreateTheSameStoreAtOnce() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("new/progress.sqlite")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for n in 0..<8 {
        group.addTask {
          let store = try SQLiteProgressStore(path: path)
          try await store.saveEmployee(Employee(id: Make.id("e\(n)"), name: "E\(n)", created: Make.time))
        }
      }
      try await group.waitForAll()
    }
    #expect(try await SQLiteProgressStore(path: path).allEmployees().count == 8)
  }
}
