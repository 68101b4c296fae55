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
    _ = FileManager.default.createFile(atPath: path, contents: Data())
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
    #expect(applied.suffix(3) == ["v2-create-pageRead", "v2-add-enrolment-source", "v3-add-record-ids"])
    #expect(try await store.employee(id: Make.id("ada"))?.name == "Ada")
    #expect(
      try await store.history(of: Make.id("ada"), in: Make.course).bookmark?.position
        == .question(item: "q1", retry: false))
    #expect(try await store.history(of: Make.id("ada"), in: Make.course).pagesRead.isEmpty)
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
