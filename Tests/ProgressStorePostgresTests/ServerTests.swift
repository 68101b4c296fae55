import Foundation
import LearnerModel
import Testing

@testable import ProgressStorePostgres

let time = StoredTime.stored(Date(timeIntervalSince1970: 1_767_225_600.25))
func id(_ raw: String) -> EmployeeID { try! EmployeeID(raw) }

/// The store against a real server: migrations, sign-in, TLS and what goes wrong.
@Suite(
  .enabled(if: TestServer.isSet, "COACH_TEST_POSTGRES is not set (make test starts a server and sets it)"))
struct ServerTests {
  @Test func aNewDatabaseGetsTheNamedMigrationsOnceEvenWhenTenCoachesStartAtOnce() async throws {
    let location = try await TestServer.database("migrate")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<10 {
        group.addTask {
          let store = try await PostgresProgressStore(location: location, environment: [:])
          try await store.saveEmployee(Employee(id: id("ada"), name: "Ada", created: time))
          await store.close()
        }
      }
      try await group.waitForAll()
    }
    let applied = try await TestServer.sql(
      "SELECT name FROM coachMigrations ORDER BY applied, name", in: location)
    #expect(applied.sorted() == PostgresProgressStore.migrations.map(\.name).sorted())
    #expect(applied.count == 18)
    let tables = try await TestServer.sql(
      "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", in: location)
    #expect(
      tables == [
        "beliefresponse", "bookmark", "coachmigrations", "creedsignature", "drillattempt", "drillpass",
        "employee", "employeekey", "enrolment", "pageread", "sessionlease",
      ])
    try await TestServer.drop(location)
  }

  @Test func aStoreWithMigrationsThisCoachDoesNotKnowIsRefusedUntouched() async throws {
    let location = try await TestServer.database("newer")
    let store = try await PostgresProgressStore(location: location, environment: [:])
    await store.close()
    try await TestServer.exec(
      "INSERT INTO coachMigrations (name) VALUES ('v99-create-something')", in: location)
    let text = await message { _ = try await PostgresProgressStore(location: location, environment: [:]) }
    #expect(text.contains("newer version of coach") && text.contains("v99-create-something"), "\(text)")
    #expect(text.contains(location.description))
    try await TestServer.drop(location)
  }

  @Test func aVersionFourDatabaseGivesEveryOldRecordAnIDAndStaysAppendOnly() async throws {
    let location = try await TestServer.database("v4")
    let old = try await PostgresProgressStore(location: location, environment: [:], migrate: false)
    try await old.migrate(upTo: "v4-add-drillAttempt-context")
    #expect(try await old.appliedMigrations()?.contains("v9-add-record-ids") == false)
    try await old.execute(
      """
      INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', now());
      INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, response, score,
        correct, attempt, sessionId, at)
      VALUES ('ada', 'c', 'm1', 's1', 'q1', 'h1', 'a', 1, true, 1, 's', now()),
        ('ada', 'c', 'm1', 's1', 'q1', 'h1', 'b', 1, true, 2, 's', now());
      INSERT INTO drillPass (employeeId, courseId, moduleId, sectionId, drillHash, passMark, score, sessionId, at)
      VALUES ('ada', 'c', 'm1', 's1', 'd1', 80, 1, 's', now());
      INSERT INTO beliefResponse (employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash, point,
        sessionId, at)
      VALUES ('ada', 'c', 'm1', 's2', 'b1', 'agree', 'h', 3, 's', now());
      INSERT INTO creedSignature (employeeId, courseId, moduleId, sectionId, creedHash, name, sessionId, at)
      VALUES ('ada', 'c', 'm1', 'c', 'x', 'Ada', 's', now())
      """)
    await old.close()
    let store = try await PostgresProgressStore(location: location, environment: [:])
    var ids: [String] = []
    for table in ["drillAttempt", "drillPass", "beliefResponse", "creedSignature"] {
      ids += try await TestServer.sql("SELECT recordId::text FROM \(table) ORDER BY id", in: location)
    }
    #expect(ids.count == 5 && Set(ids).count == 5 && ids.allSatisfy { UUID(uuidString: $0) != nil }, "\(ids)")
    for sql in ["UPDATE drillAttempt SET score = 0", "UPDATE drillPass SET passMark = 50"] {
      #expect(await message { try await store.execute(sql) }.contains("append-only"), "\(sql)")
    }
    let history = try await store.history(of: id("ada"), in: "c")
    #expect(history.passes.count == 1 && history.attempts.map(\.context) == [.drill, .drill])
    #expect(try await store.recordAttempt(history.attempts[0], bookmark: nil).attempt == 1)
    #expect(try await TestServer.sql("SELECT count(*) FROM drillAttempt", in: location) == ["2"])
    await store.close()
    try await TestServer.drop(location)
  }

  @Test func aDatabaseOfAnotherProgramIsLeftAlone() async throws {
    let location = try await TestServer.database("foreign")
    try await TestServer.exec("CREATE TABLE employee (badge int)", in: location)
    let text = await message { _ = try await PostgresProgressStore(location: location, environment: [:]) }
    #expect(text.contains("not a coach progress store") && text.contains("employee"), "\(text)")
    #expect(
      try await TestServer.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", in: location)
        == ["1"])
    try await TestServer.drop(location)
  }

  @Test func timesAreTimestampsThatReadBackToTheMillisecond() async throws {
    let location = try await TestServer.database("times")
    let store = try await PostgresProgressStore(location: location, environment: [:])
    try await store.saveEmployee(Employee(id: id("ada"), name: "Ada", created: time))
    let odd = Date(timeIntervalSince1970: 1_790_000_000.123_999)
    let stored = try await store.recordAttempt(
      DrillAttempt(
        employee: id("ada"), item: ItemRef(courseID: "c", moduleID: "m", sectionID: "s", itemID: "q"),
        itemHash: "h",
        response: "r", score: 1, correct: true, sessionID: "s", at: odd), bookmark: nil)
    #expect(stored.at == StoredTime.stored(odd))
    #expect(try await store.history(of: id("ada"), in: "c").attempts.first?.at == StoredTime.stored(odd))
    // psql reads the same instant: UTC 2026-09-21 14:13:20.123
    let shown = try await store.strings(
      "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') FROM drillAttempt")
    #expect(shown == ["2026-09-21 14:13:20.123"])
    await store.close()
    try await TestServer.drop(location)
  }

  @Test func anUnreachableServerAndAMissingDatabaseSayWhatAndWhere() async throws {
    let closed = await message {
      _ = try await PostgresProgressStore(
        url: "postgres://ada@127.0.0.1:1/coach?sslmode=disable", environment: [:])
    }
    #expect(
      closed.contains("postgres://ada@127.0.0.1:1/coach") && closed.contains("cannot be reached"), "\(closed)"
    )
    #expect(closed.contains("refused"), "\(closed)")
    #expect(!closed.contains("NIO") && !closed.contains("PSQL"), "\(closed)")
    let missing = await message {
      _ = try await PostgresProgressStore(
        location: try TestServer.admin.database("no_such_db"), environment: [:])
    }
    #expect(missing.contains("no database 'no_such_db'") && missing.contains("3D000"), "\(missing)")
  }

  @Test func passwordsComeFromPGPASSWORDOrThePasswordFileAndAreNeverShown() async throws {
    let user = TestServer.uniqueName("pw")
    let admin = try TestServer.admin
    try await TestServer.exec(
      "CREATE ROLE \(user) LOGIN PASSWORD 'pw-right-9' IN ROLE coach_password_users", in: admin)
    let location = PostgresLocation(
      user: user, host: admin.host, port: admin.port, database: "postgres", sslMode: .disable)
    let none = await message {
      _ = try await PostgresProgressStore(
        location: location, environment: ["HOME": "/nonexistent"], migrate: false)
    }
    #expect(none.contains("asks for a password") && none.contains("~/.pgpass"), "\(none)")
    let wrong = await message {
      _ = try await PostgresProgressStore(
        location: location, environment: ["PGPASSWORD": "pw-wrong-7"], migrate: false)
    }
    #expect(wrong.contains("28P01") && !wrong.contains("pw-wrong-7"), "\(wrong)")
    let store = try await PostgresProgressStore(
      location: location, environment: ["PGPASSWORD": "pw-right-9"], migrate: false)
    #expect(try await store.strings("SELECT current_user") == [user])
    await store.close()

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(".pgpass").path
    let line = "\(admin.host):\(admin.port):*:\(user):pw-right-9\n"
    FileManager.default.createFile(
      atPath: file, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600])
    let fromFile = try await PostgresProgressStore(
      location: location, environment: ["HOME": folder.path], migrate: false)
    #expect(try await fromFile.strings("SELECT current_user") == [user])
    await fromFile.close()
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
    let open = await message {
      _ = try await PostgresProgressStore(
        location: location, environment: ["HOME": folder.path], migrate: false)
    }
    #expect(open.contains("can be read by others") && !open.contains("pw-right-9"), "\(open)")
    try await TestServer.exec("DROP ROLE \(user)", in: admin)
  }

  @Test(arguments: [
    (PostgresLocation.SSLMode.disable, false), (.prefer, true), (.require, true),
  ])
  func sslmodeDecidesWhetherTheConnectionIsEncrypted(mode: PostgresLocation.SSLMode, encrypted: Bool)
    async throws
  {
    try #require(TestServer.certificate != nil, "the test server has no certificate (is openssl installed?)")
    var location = try TestServer.admin
    location.sslMode = mode
    let store = try await PostgresProgressStore(location: location, environment: [:], migrate: false)
    #expect(
      try await store.strings("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        == [encrypted ? "true" : "false"])
    await store.close()
  }

  @Test func verifyFullChecksTheCertificateAndTheHostName() async throws {
    let certificate = try #require(TestServer.certificate, "the test server has no certificate")
    let admin = try TestServer.admin
    var location = PostgresLocation(
      user: admin.user, host: "localhost", port: admin.port, database: "postgres", sslMode: .verifyFull,
      sslRootCert: certificate)
    let store = try await PostgresProgressStore(
      location: location, environment: ["HOME": "/nonexistent"], migrate: false)
    #expect(
      try await store.strings("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == ["true"])
    await store.close()
    location.sslRootCert = nil
    let untrusted = await message {
      _ = try await PostgresProgressStore(
        location: location, environment: ["HOME": "/nonexistent"], migrate: false)
    }
    #expect(untrusted.contains("certificate was not accepted"), "\(untrusted)")
  }
}
