import Foundation
import LearnerModel
import Testing

@testable import ProgressStoreSQLite

/// A store opened to read only (`coach check --store`): it reads what the file holds and
/// never changes a byte of it, nor its schema.
@Suite struct SnapshotTests {
  /// A store as coach wrote it before version three: one employee, an enrolment with the
  /// folder it was taken from, an answer and a rating.
  static func versionTwoStore(at path: String) throws {
    let old = try RawDatabase(path: path)
    try old.migrate(upTo: "v2-add-enrolment-source")
    try old.execute(
      """
      INSERT INTO employee (id, name, created) VALUES ('ada', 'Ada', '2026-01-02 03:04:05.006');
      INSERT INTO enrolment (employeeId, courseId, started, passed, source)
      VALUES ('ada', '\(Make.course)', '2026-01-02 03:04:05.006', 0, '/home/ada/courses/onboarding');
      INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, response,
        score, correct, attempt, sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 's1', 'q1', 'h1', 'A', 1, 1, 1, 's', '2026-01-02 03:04:06.000');
      INSERT INTO beliefResponse (employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash, point,
        sessionId, at)
      VALUES ('ada', '\(Make.course)', 'm1', 's2', 'b1', 'rate', 'bh', 3, 's', '2026-01-02 03:04:07.000');
      """)
    try old.close()
  }

  @Test func aVersionTwoStoreReadsAsANewOneAndKeepsEveryByteAndItsSchema() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    try Self.versionTwoStore(at: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let snapshot = try SQLiteProgressStore.snapshot(of: path)
    let history = try await snapshot.history(of: Make.id("ada"), in: Make.course)
    #expect(history.attempts.map(\.itemHash) == ["h1"])
    #expect(history.attempts.map(\.keyHash) == [nil])
    #expect(history.beliefs.map(\.scaleHash) == [nil])
    #expect(history.enrolment?.courseVersion == nil)
    #expect(history.passes.isEmpty)
    #expect(try await snapshot.allEmployees().map(\.name) == ["Ada"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "not a byte changed")
    let file = try RawDatabase(path: path)
    defer { try? file.close() }
    #expect(try file.strings("SELECT identifier FROM grdb_migrations").last == "v2-add-enrolment-source")
    #expect(
      try file.strings("SELECT name FROM pragma_table_info('drillAttempt')").contains("keyHash") == false)
  }

  @Test func aSnapshotRefusesEveryRecord() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    try Self.versionTwoStore(at: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let snapshot = try SQLiteProgressStore.snapshot(of: path)
    await #expect {
      try await snapshot.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
    } throws: { error in
      guard case .cannotWrite(let store, let detail) = error as? ProgressStoreError else { return false }
      return store == path && detail.contains("read only")
    }
    await #expect(throws: ProgressStoreError.self) {
      try await snapshot.saveEmployee(Employee(id: Make.id("bob"), name: "Bob", created: Make.time))
    }
    #expect(try await snapshot.history(of: Make.id("ada"), in: Make.course).attempts.count == 1)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func aSnapshotSeesAnswersStillInTheWriteAheadLog() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let live = try SQLiteProgressStore(path: path)
    try await live.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    let attempt = try await live.recordAttempt(Make.attempt("ada", "q1", key: "k1"), bookmark: nil)
    #expect(try await live.strings("PRAGMA journal_mode") == ["wal"])
    let snapshot = try SQLiteProgressStore.snapshot(of: path)
    #expect(try await snapshot.history(of: Make.id("ada"), in: Make.course).attempts == [attempt])
  }

  @Test func noFileAFolderAndANewerStoreAreRefusedByName() async throws {
    let folder = try TemporaryFolder()
    let missing = folder.path("nothing.sqlite")
    #expect(throws: ProgressStoreError.notAStore(store: missing, detail: "there is no file there")) {
      _ = try SQLiteProgressStore.snapshot(of: missing)
    }
    #expect(!FileManager.default.fileExists(atPath: missing), "nothing was created")
    #expect(throws: ProgressStoreError.notAStore(store: folder.url.path, detail: "it is a folder")) {
      _ = try SQLiteProgressStore.snapshot(of: folder.url.path)
    }
    let newer = folder.path("newer.sqlite")
    do {
      let store = try SQLiteProgressStore(path: newer)
      try await store.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9-create-something-new')")
    }
    #expect(
      throws: ProgressStoreError.newerStore(store: newer, unknownMigrations: ["v9-create-something-new"])
    ) {
      _ = try SQLiteProgressStore.snapshot(of: newer)
    }
  }
}
