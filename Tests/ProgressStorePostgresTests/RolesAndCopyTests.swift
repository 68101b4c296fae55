import Foundation
import LearnerModel
import Testing

@testable import ProgressStorePostgres
@testable import ProgressStoreSQLite

/// `coach store init`'s roles, and copying stores both ways.
@Suite(
  .enabled(if: TestServer.isSet, "COACH_TEST_POSTGRES is not set (make test starts a server and sets it)"))
struct RolesAndCopyTests {
  func attempt(_ who: String, _ item: String, context: DrillAttempt.Context = .drill) -> DrillAttempt {
    DrillAttempt(
      employee: id(who), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: item),
      itemHash: "h", keyHash: "k-\(item)", response: "r", score: 1, correct: true, sessionID: "s", at: time,
      context: context)
  }

  func pass(_ who: String) -> DrillPass {
    DrillPass(
      employee: id(who), courseID: "c", moduleID: "m", sectionID: "s", drillHash: "d", passMark: 80,
      score: 0.9,
      sessionID: "s", at: time)
  }

  /// The course's one question as it is now: answers to it in a drill count.
  let scope = ReportScope(
    courseID: "c",
    questions: [ScopeQuestion(itemID: "q1", moduleID: "m", sectionID: "s", keyHash: "k-q1", contentHash: "h")]
  )

  func belief(_ who: String, shared: Bool) -> BeliefResponse {
    BeliefResponse(
      employee: id(who), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "r1"),
      kind: .reflect,
      itemHash: "h", answer: .text("\(who) wrote this"), shared: shared, sessionID: "s", at: time)
  }

  @Test func aLearnerReadsAndWritesOnlyTheirOwnRowsAndATrainerReadsAllButPrivateBeliefs() async throws {
    let suffix = TestServer.uniqueName("r")
    let roles = PostgresProgressStore.Roles(trainer: "\(suffix)_trainer", learner: "\(suffix)_learner")
    let ada = "\(suffix)-ada"
    let bob = "\(suffix)-bob"
    let trainer = "\(suffix)-trainer"
    let location = try TestServer.admin.database(suffix)
    let (owner, created) = try await PostgresProgressStore.initialise(
      location, roles: roles, environment: [:])
    #expect(created)
    // Running it again is safe.
    _ = try await PostgresProgressStore.initialise(location, roles: roles, environment: [:]).store.close()
    try await owner.execute(
      """
      CREATE ROLE "\(ada)" LOGIN IN ROLE \(roles.learner);
      CREATE ROLE "\(bob)" LOGIN IN ROLE \(roles.learner);
      CREATE ROLE "\(trainer)" LOGIN IN ROLE \(roles.trainer)
      """)
    func signIn(_ user: String) async throws -> PostgresProgressStore {
      var as_ = location
      as_.user = user
      return try await PostgresProgressStore(location: as_, environment: [:])
    }
    let adaStore = try await signIn(ada)
    let bobStore = try await signIn(bob)
    for (store, who) in [(adaStore, ada), (bobStore, bob)] {
      try await store.saveEmployee(Employee(id: id(who), name: who, created: time))
      _ = try await store.enrol(id(who), in: "c", at: time)
      try await store.recordAttempt(
        attempt(who, "q1"), pass: pass(who),
        bookmark: Bookmark(employee: id(who), courseID: "c", moduleID: "m"))
      try await store.recordAttempt(attempt(who, "q1", context: .review), bookmark: nil)
      try await store.recordBelief(belief(who, shared: who == ada), bookmark: nil)
      try await store.saveWrappedKey(key(who))
      #expect(try await store.claimSession(lease(who), takingOver: nil) == .claimed)
    }
    // Keys and leases: each learner's own only.
    #expect(try await bobStore.wrappedKey(of: id(ada)) == nil)
    #expect(try await bobStore.wrappedKey(of: id(bob)) == key(bob))
    #expect(try await bobStore.strings("SELECT employeeId FROM employeeKey") == [bob])
    #expect(try await bobStore.strings("SELECT employeeId FROM sessionLease") == [bob])
    let stolenKey = await message { try await bobStore.saveWrappedKey(key(ada)) }
    #expect(stolenKey.contains("row-level security"), "\(stolenKey)")
    let stolenLease = await message { _ = try await bobStore.claimSession(lease(ada), takingOver: nil) }
    #expect(stolenLease.contains("unknown employee"), "\(stolenLease)")
    try await bobStore.execute("DELETE FROM sessionLease")
    #expect(try await adaStore.strings("SELECT sessionId FROM sessionLease") == ["session-\(ada)"])
    // A learner's coach never writes the roster columns.
    let roster = await message { try await bobStore.execute("UPDATE employee SET rosterFields = '[]'") }
    #expect(roster.contains("permission denied"), "\(roster)")
    #expect(try await bobStore.history(of: id(bob), in: "c").passes.count == 1)
    #expect(try await bobStore.strings("SELECT employeeId FROM drillPass") == [bob])
    #expect(try await bobStore.allEmployees().map(\.id.rawValue) == [bob])
    #expect(try await bobStore.history(of: id(ada), in: "c") == History())
    #expect(try await bobStore.summary(of: scope).map(\.employee.rawValue) == [bob])
    let refused = await message { try await bobStore.recordAttempt(attempt(ada, "q2"), bookmark: nil) }
    #expect(refused.contains("may record only the progress of the employee with the same id"), "\(refused)")
    let renamed = await message {
      try await bobStore.saveEmployee(Employee(id: id(ada), name: "Hacked", created: time))
    }
    #expect(renamed.contains("row-level security"), "\(renamed)")
    #expect(try await bobStore.strings("SELECT count(*) FROM drillAttempt") == ["2"])
    // A learner's answers stand as given: a rating cannot be changed, only private text
    // kept plain may be sealed.
    try await bobStore.recordBelief(
      BeliefResponse(
        employee: id(bob), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "a1"),
        kind: .agree,
        itemHash: "h", answer: .point(2), sessionID: "s", at: time), bookmark: nil)
    let rerated = await message { try await bobStore.execute("UPDATE beliefResponse SET point = 5") }
    #expect(rerated.contains("permission denied"), "\(rerated)")
    let sharedEdit = await message {
      try await adaStore.execute("UPDATE beliefResponse SET text = 'changed' WHERE shared")
    }
    #expect(
      try await adaStore.strings("SELECT text FROM beliefResponse") == ["\(ada) wrote this"], "\(sharedEdit)")
    try await bobStore.execute(
      "UPDATE beliefResponse SET text = NULL, sealed = '\\x0102'::bytea WHERE text IS NOT NULL")
    #expect(
      try await bobStore.strings("SELECT encode(sealed, 'hex') FROM beliefResponse WHERE sealed IS NOT NULL")
        == ["0102"])

    let trainerStore = try await signIn(trainer)
    #expect(try await trainerStore.allEmployees().count == 2)
    // The review answers are activity, not drill scores: one answer each counts.
    #expect(try await trainerStore.summary(of: scope).map(\.attempts) == [1, 1])
    #expect(try await trainerStore.strings("SELECT count(*) FROM drillPass") == ["2"])
    // Trainers read every answer but private plain text: ratings and sealed bytes for the
    // reports' aggregates, and the reflection ada shared.
    #expect(
      try await trainerStore.strings("SELECT text FROM beliefResponse WHERE text IS NOT NULL") == [
        "\(ada) wrote this"
      ])
    #expect(
      try await trainerStore.strings("SELECT point FROM beliefResponse WHERE point IS NOT NULL") == ["2"])
    #expect(
      try await trainerStore.strings("SELECT count(*) FROM beliefResponse WHERE sealed IS NOT NULL") == ["1"])
    #expect(try await trainerStore.strings("SELECT count(*) FROM employeeKey") == ["2"])
    let write = await message { try await trainerStore.saveEmployee(Employee(id: id(trainer), name: "T")) }
    #expect(write.contains("permission denied"), "\(write)")

    // A learner's coach finding the schema out of date stops, writing nothing.
    try await owner.execute("DELETE FROM coachMigrations WHERE name = 'v9-add-record-ids'")
    let outOfDate = await message { _ = try await signIn(ada) }
    #expect(outOfDate.contains("lacks the right") && outOfDate.contains("coach store init"), "\(outOfDate)")
    #expect(
      try await owner.strings("SELECT count(*) FROM coachMigrations")
        == ["\(PostgresProgressStore.migrations.count - 1)"])
    try await owner.execute("INSERT INTO coachMigrations (name) VALUES ('v9-add-record-ids')")

    for store in [adaStore, bobStore, trainerStore, owner] { await store.close() }
    try await TestServer.drop(location)
    try await TestServer.exec(
      """
      DROP ROLE "\(ada)";
      DROP ROLE "\(bob)";
      DROP ROLE "\(trainer)";
      DROP ROLE \(roles.learner);
      DROP ROLE \(roles.trainer)
      """, in: try TestServer.admin)
  }

  func key(_ who: String) -> WrappedKey {
    WrappedKey(
      employee: id(who), keyID: "0123456789abcdef", method: "scrypt+chachapoly", parameters: "N=1024,r=8,p=1",
      salt: Data([0, 1, 2, 0xFF]), wrapped: Data((0..<60).map { UInt8($0) }), created: time)
  }

  func lease(_ who: String) -> SessionLease {
    SessionLease(
      employee: id(who), sessionID: "session-\(who)", host: "lab-1", process: 42, started: time,
      renewed: time,
      expires: time.addingTimeInterval(600))
  }

  /// A store with every kind of record, built through the protocol.
  func fill(_ store: any ProgressStore, _ who: [String]) async throws {
    for name in who {
      try await store.saveEmployee(Employee(id: id(name), name: name, role: "r", cohort: nil, created: time))
      _ = try await store.enrol(id(name), in: "c", version: "v-\(name)", at: time)
      _ = try await store.enrol(id(name), in: "other", at: time)
      for n in 0..<5 {
        try await store.recordAttempt(
          attempt(name, "q\(n % 2)", context: n == 4 ? .review : .drill), pass: n == 2 ? pass(name) : nil,
          bookmark: Bookmark(employee: id(name), courseID: "c", moduleID: "m", position: .end))
      }
      try await store.recordAttempt(
        DrillAttempt(
          employee: id(name), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "old"),
          itemHash: "h", response: "from before key hashes", score: 0.5, correct: false, sessionID: "s",
          at: time), bookmark: nil)
      try await store.recordBelief(belief(name, shared: false), bookmark: nil)
      try await store.recordBelief(
        BeliefResponse(
          employee: id(name), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "a1"),
          kind: .agree, itemHash: "h", scaleHash: "scale-5", answer: .point(4), shared: true, sessionID: "s",
          at: time), bookmark: nil)
      try await store.recordBelief(
        BeliefResponse(
          employee: id(name), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "k"),
          kind: .rank,
          itemHash: "h", answer: .order(["b", "a \"quoted\""]), sessionID: "s", at: time), bookmark: nil)
      try await store.recordSignature(
        CreedSignature(
          employee: id(name), courseID: "c", moduleID: "m", sectionID: "creed", creedHash: "x", name: name,
          sessionID: "s", at: time), bookmark: nil)
      try await store.recordPageRead(
        PageRead(employee: id(name), courseID: "c", moduleID: "m", page: .overview, sessionID: "s", at: time),
        bookmark: nil)
      try await store.completeEnrolment(id(name), in: "c", passed: true, at: time)
      try await store.recordBelief(
        BeliefResponse(
          employee: id(name), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "r2"),
          kind: .reflect, itemHash: "h", answer: .sealed(SealedText(bytes: Data([0, 0xFE, 7, 0]))),
          sessionID: "s", at: time),
        bookmark: Bookmark(
          employee: id(name), courseID: "c", moduleID: "m",
          position: .sealedDraft(item: "r3", SealedText(bytes: Data([9, 0, 0xAB])))))
      try await store.saveWrappedKey(key(name))
      _ = try await store.claimSession(lease(name), takingOver: nil)
    }
    _ = try await store.importRoster(
      [
        Employee(
          id: id(who[0]), name: who[0], role: "r", cohort: "2026-spring",
          rosterFields: [
            RosterField(name: "site", value: "Leeds"), RosterField(name: "manager", value: "Kim, \"K\""),
          ])
      ], at: time)
  }

  /// `sqlite3 FILE .dump`: the schema and every row as SQL text, with SQLite's own
  /// bookkeeping of the last id per table (`sqlite_sequence`, in the order tables were
  /// first written to) sorted.
  func sqlite3Dump(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, ".dump"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let sequence = "INSERT INTO sqlite_sequence"
    return (lines.filter { !$0.hasPrefix(sequence) } + lines.filter { $0.hasPrefix(sequence) }.sorted())
      .joined(separator: "\n")
  }

  @Test func aCopyToPostgreSQLAndBackHoldsEveryRecordAsItWas() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = folder.appendingPathComponent("a.sqlite").path
    let sqlite = try SQLiteProgressStore(path: a)
    try await fill(sqlite, ["ada", "bob"])
    // A folder an earlier coach kept with an enrolment: no longer read, but copied.
    try await sqlite.execute(
      "UPDATE enrolment SET source = '/srv/courses' WHERE employeeId = 'ada' AND courseId = 'c'")
    let original = try await sqlite.contents()
    #expect(original.enrolmentSources.count == 1)
    #expect(original.counts.values.allSatisfy { $0 > 0 }, "\(original.counts)")
    let location = try await TestServer.database("copy")
    let postgres = try await PostgresProgressStore(location: location, environment: [:])
    let (before, after) = try await postgres.load(original, merge: false)
    #expect(before.values.allSatisfy { $0 == 0 })
    #expect(after == original.counts)
    #expect(try await postgres.contents() == original)
    // Every column arrived, read with PostgreSQL's own SQL.
    #expect(
      try await postgres.strings(
        """
        SELECT count(*) FILTER (WHERE context = 'review') || ' ' || count(keyHash) || ' ' || count(*)
        FROM drillAttempt
        """) == ["2 10 12"])
    #expect(
      try await postgres.strings("SELECT string_agg(DISTINCT scaleHash, ',') FROM beliefResponse") == [
        "scale-5"
      ])
    #expect(
      try await postgres.strings("SELECT courseVersion || source FROM enrolment WHERE source IS NOT NULL")
        == ["v-ada/srv/courses"])
    #expect(try await postgres.strings("SELECT count(DISTINCT recordId) FROM drillPass") == ["2"])
    #expect(
      try await postgres.strings("SELECT encode(sealed, 'hex') FROM beliefResponse WHERE sealed IS NOT NULL")
        == ["00fe0700", "00fe0700"])
    #expect(
      try await postgres.strings("SELECT rosterFields FROM employee WHERE rosterImported IS NOT NULL") == [
        #"[["site","Leeds"],["manager","Kim, \"K\""]]"#
      ])
    #expect(
      try await postgres.strings("SELECT encode(salt, 'hex') || ' ' || length(wrappedKey) FROM employeeKey")
        == ["000102ff 60", "000102ff 60"])
    // Leases are not copied.
    #expect(try await postgres.strings("SELECT count(*) FROM sessionLease") == ["0"])
    let refused = await message { _ = try await postgres.load(original, merge: false) }
    #expect(refused.contains("not empty"), "\(refused)")

    // Back into a new SQLite file: the sqlite3 command dumps both files alike, every
    // table, row and column (ids, record ids, times and the old folder included).
    let b = folder.appendingPathComponent("b.sqlite").path
    let back = try SQLiteProgressStore(path: b)
    _ = try await back.load(try await postgres.contents(), merge: false)
    // Leases are left behind: the copy has none, and otherwise every line is the same.
    let lease = "INSERT INTO sessionLease"
    let dumpB = try sqlite3Dump(b)
    #expect(try sqlite3Dump(a).contains(lease) && !dumpB.contains(lease))
    let dumpA = try sqlite3Dump(a).split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix(lease) }.joined(separator: "\n")
    #expect(
      dumpA.contains("'/srv/courses'") && dumpA.contains("'review'")
        && dumpA.contains("INSERT INTO drillPass"))
    let differences = zip(dumpA.split(separator: "\n"), dumpB.split(separator: "\n")).filter { $0 != $1 }
    #expect(
      dumpA == dumpB, "first difference: \(differences.first.map { "\($0.0)\n  vs \($0.1)" } ?? "length")")

    // Merging the same store again adds nothing; merging one with new answers numbers them after.
    _ = try await postgres.load(original, merge: true)
    #expect(try await postgres.rowCounts() == original.counts)
    try await sqlite.recordAttempt(attempt("ada", "q0"), bookmark: nil)
    let (_, merged) = try await postgres.load(try await sqlite.contents(), merge: true)
    #expect(merged["drillAttempt"] == original.counts["drillAttempt"]! + 1)
    #expect(
      try await postgres.history(of: id("ada"), in: "c").attempts.filter { $0.item.itemID == "q0" }.map(
        \.attempt) == [1, 2, 3, 4])
    let merges = try SQLiteProgressStore(path: folder.appendingPathComponent("c.sqlite").path)
    _ = try await merges.load(try await postgres.contents(), merge: false)
    #expect(try await merges.contents() == (try await postgres.contents()))

    // An employee who set up private text in both stores, under two keys: a merge would
    // copy reflections that no passphrase opens there, so it is refused whole, both ways.
    let branch = try SQLiteProgressStore(path: folder.appendingPathComponent("branch.sqlite").path)
    var otherKey = key("ada")
    otherKey.keyID = "fedcba9876543210"
    try await branch.saveEmployee(Employee(id: id("ada"), name: "ada", created: time))
    try await branch.saveWrappedKey(otherKey)
    try await branch.recordBelief(
      BeliefResponse(
        employee: id("ada"), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "r9"),
        kind: .reflect, itemHash: "h", answer: .sealed(SealedText(bytes: Data([1, 2, 3]))), sessionID: "s",
        at: time), bookmark: nil)
    let targets: [any CopyableProgressStore] = [postgres, merges]
    for target in targets {
      let before = try await target.rowCounts()
      let refusal = await message { _ = try await target.load(try await branch.contents(), merge: true) }
      #expect(refusal.contains("the employee ada set up private text in both stores"), "\(refusal)")
      #expect(try await target.rowCounts() == before)
    }
    // The same key on both sides merges.
    let agreeing = try SQLiteProgressStore(path: folder.appendingPathComponent("agreeing.sqlite").path)
    try await agreeing.saveEmployee(Employee(id: id("ada"), name: "ada", created: time))
    try await agreeing.saveWrappedKey(key("ada"))
    try await agreeing.recordBelief(
      BeliefResponse(
        employee: id("ada"), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "r9"),
        kind: .reflect, itemHash: "h", answer: .sealed(SealedText(bytes: Data([1, 2, 3]))), sessionID: "s",
        at: time), bookmark: nil)
    let (beforeAgreeing, afterAgreeing) = try await merges.load(try await agreeing.contents(), merge: true)
    #expect(afterAgreeing["beliefResponse"] == beforeAgreeing["beliefResponse"]! + 1)
    await postgres.close()
    try await TestServer.drop(location)
  }
}
