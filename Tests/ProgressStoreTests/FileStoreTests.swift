import Foundation
import GRDB
import Testing

@testable import ProgressStore

/// The store on disk: creation, modes, migration, durability, reopening.
@Suite struct FileStoreTests {
  private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }

  @Test func aNewStoreIsPrivate() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("home/.local/share/coach/progress.sqlite")
    let store = try SQLiteProgressStore(path: path)
    try store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    #expect(try mode(path) == 0o600)
    #expect(try mode(path + "-wal") == 0o600)
    #expect(try mode(path + "-shm") == 0o600)
    #expect(try mode(folder.path("home/.local/share/coach")) == 0o700)
    #expect(try mode(folder.path("home")) == 0o700)
  }

  @Test func anExistingFolderKeepsItsMode() throws {
    let folder = try TemporaryFolder()
    chmod(folder.url.path, 0o755)
    _ = try SQLiteProgressStore(path: folder.path("progress.sqlite"))
    #expect(try mode(folder.url.path) == 0o755)
    #expect(try mode(folder.path("progress.sqlite")) == 0o600)
  }

  @Test func anEmptyFileIsMigratedToTheFullSchema() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    _ = FileManager.default.createFile(atPath: path, contents: Data())
    let store = try SQLiteProgressStore(path: path)
    let applied = try store.fetchStrings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    #expect(applied == SQLiteProgressStore.migrator.migrations)
    #expect(applied.first == "v1-create-employee")
    let tables = Set(try store.fetchStrings("SELECT name FROM sqlite_master WHERE type = 'table'"))
    #expect(
      tables.isSuperset(of: [
        "employee", "enrolment", "drillAttempt", "beliefResponse", "creedSignature", "bookmark", "pageRead",
      ]))
    #expect(try store.fetchStrings("PRAGMA journal_mode") == ["wal"])
    #expect(try store.integrityCheck() == ["ok"])
  }

  @Test func aVersionOneStoreGainsTheVersionTwoTablesAndKeepsItsRecords() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let old = try DatabaseQueue(path: path)
    try SQLiteProgressStore.migrator.migrate(old, upTo: "v1-create-bookmark")
    try old.write { db in
      try db.execute(
        sql: "INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', '2026-01-02 03:04:05.006')")
      try db.execute(
        sql: """
          INSERT INTO bookmark (employeeId, courseId, moduleId, position, updated)
          VALUES ('ada', '\(Make.course)', 'm1', 'q:q1', '2026-01-02 03:04:05.006')
          """)
    }
    try old.close()
    let store = try SQLiteProgressStore(path: path)
    let applied = try store.fetchStrings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
    #expect(applied.suffix(2) == ["v2-create-pageRead", "v2-add-enrolment-source"])
    #expect(try store.employee(id: Make.id("ada"))?.name == "Ada")
    #expect(try store.history(of: Make.id("ada"), in: Make.course).bookmark?.position == "q:q1")
    #expect(try store.history(of: Make.id("ada"), in: Make.course).pagesRead.isEmpty)
  }

  @Test func migrationNamesFollowTheConvention() {
    for name in SQLiteProgressStore.migrator.migrations {
      #expect(name.wholeMatch(of: /v[0-9]+-[a-z]+(-[a-zA-Z]+)+/) != nil, "\(name)")
    }
  }

  @Test(arguments: SQLiteProgressStore.Durability.allCases)
  func durabilityIsTheChosenSynchronousLevel(durability: SQLiteProgressStore.Durability) throws {
    let folder = try TemporaryFolder()
    let store = try SQLiteProgressStore(path: folder.path("p.sqlite"), durability: durability)
    let level = try store.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
    #expect(level == (durability == .full ? 2 : 1))
    let timeout = try store.writer.writeWithoutTransaction {
      try Int.fetchOne($0, sql: "PRAGMA foreign_keys")
    }
    #expect(timeout == 1)
  }

  @Test func everythingReadsBackAfterReopening() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let attempt: DrillAttempt
    do {
      let store = try SQLiteProgressStore(path: path)
      try store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
      _ = try store.enrol(Make.id("ada"), in: Make.course, at: Make.time)
      attempt = try store.recordAttempt(
        Make.attempt("ada", "q1"), bookmark: Make.bookmark("ada", position: "q2"))
    }
    let store = try SQLiteProgressStore(path: path)
    let history = try store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts == [attempt])
    #expect(history.bookmark == Make.bookmark("ada", position: "q2"))
    #expect(history.enrolment?.started == Make.time)
    #expect(try store.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil).attempt == 2)
  }

  @Test func manyProcessesMayCreateTheSameStoreAtOnce() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("new/progress.sqlite")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for n in 0..<8 {
        group.addTask {
          let store = try SQLiteProgressStore(path: path)
          try store.saveEmployee(Employee(id: Make.id("e\(n)"), name: "E\(n)", created: Make.time))
        }
      }
      try await group.waitForAll()
    }
    #expect(try SQLiteProgressStore(path: path).allEmployees().count == 8)
  }
}

@Suite struct StoreLocationTests {
  @Test func theExplicitPathWins() {
    let env = ["COACH_STORE": "/env/p.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"]
    #expect(StoreLocation.resolve(explicit: "/flag/p.sqlite", environment: env) == "/flag/p.sqlite")
    #expect(StoreLocation.resolve(explicit: "~/p.sqlite", environment: env) == "/home/ada/p.sqlite")
  }

  @Test func thenCoachStore() {
    let env = ["COACH_STORE": "~/team.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"]
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == "/home/ada/team.sqlite")
    #expect(StoreLocation.resolve(explicit: "", environment: env) == "/home/ada/team.sqlite")
  }

  @Test func thenXDGDataHome() {
    let env = ["COACH_STORE": "", "XDG_DATA_HOME": "/xdg/data", "HOME": "/home/ada"]
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == "/xdg/data/coach/progress.sqlite")
  }

  @Test func thenTheHomeFolder() {
    let expected = "/home/ada/.local/share/coach/progress.sqlite"
    #expect(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/ada"]) == expected)
    // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
    let env = ["HOME": "/home/ada", "XDG_DATA_HOME": "relative/data"]
    #expect(StoreLocation.resolve(explicit: nil, environment: env) == expected)
  }
}
