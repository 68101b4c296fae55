import Foundation
import GRDB
import Testing

@testable import ProgressStore

/// Each refusal gives a clear message naming the file, and never changes a byte of a
/// file it refuses.
@Suite struct RefusalTests {
  @Test(arguments: [
    ("ada lovelace", "U+20 is not allowed"),
    ("ada/../../etc", "'/' is not allowed"),
    ("ada;DROP", "';' is not allowed"),
    ("tab\there", "U+9 is not allowed"),
    ("", "cannot be empty"),
    (String(repeating: "a", count: 129), "at most 128"),
    ("émile", "'é' is not allowed"),
  ])
  func badEmployeeIDsAreRefused(raw: String, reason: String) {
    #expect {
      _ = try EmployeeID(raw)
    } throws: { error in
      guard case .invalidEmployeeID(let id, let why) = error as? ProgressStoreError else { return false }
      return id == raw && why.contains(reason) && "\(error)".contains("invalid employee id")
    }
  }

  @Test func goodEmployeeIDsAreAccepted() throws {
    for raw in ["E12345", "ada.lovelace", "a_b-c", "ada@example.com", String(repeating: "9", count: 128)] {
      #expect(try EmployeeID(raw).rawValue == raw)
    }
  }

  @Test func recordingForAnUnknownEmployeeIsRefused() throws {
    let store = try SQLiteProgressStore.inMemory()
    #expect {
      try store.recordAttempt(Make.attempt("ghost", "q1"), bookmark: nil)
    } throws: { error in
      "\(error)".contains("unknown employee") && "\(error)".contains(":memory:")
    }
  }

  @Test(arguments: [-0.1, 1.5, Double.nan])
  func scoresOutsideZeroToOneAreRefused(score: Double) throws {
    let store = try Make.store(employees: "ada")
    #expect(throws: ProgressStoreError.self) {
      try store.recordAttempt(Make.attempt("ada", "q1", score: score), bookmark: nil)
    }
    #expect(try store.history(of: Make.id("ada"), in: Make.course).attempts.isEmpty)
  }

  @Test func aStoreFromANewerCoachIsRefusedUntouched() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let store = try SQLiteProgressStore(path: path)
      try store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
      try store.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9-create-something-new')")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: ProgressStoreError.newerStore(path: path, unknownMigrations: ["v9-create-something-new"]))
    {
      _ = try SQLiteProgressStore(path: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let message = ProgressStoreError.newerStore(path: path, unknownMigrations: ["v9-x"]).description
    #expect(message.contains(path) && message.contains("newer version of coach"))
  }

  @Test(arguments: [
    Data("name,score\nada,1\n".utf8),
    Data(repeating: 0xAB, count: 8192),
    Data("SQLite format 2\0".utf8) + Data(repeating: 0, count: 4096),
    Data("SQLite format 3\0".utf8),  // a header cut short
  ])
  func aFileThatIsNotSQLiteIsRefusedByteIdentical(contents: Data) throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    try contents.write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try SQLiteProgressStore(path: path)
    } throws: { error in
      guard case .notAStore(let where_, let detail) = error as? ProgressStoreError else { return false }
      return where_ == path && detail.contains("not a SQLite database")
        && "\(error)".contains("left untouched")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == contents)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func anotherProgramsSQLiteDatabaseIsRefusedUntouched() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("other.sqlite")
    do {
      let queue = try DatabaseQueue(path: path)
      try queue.write { try $0.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)") }
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(
      throws: ProgressStoreError.notAStore(path: path, detail: "it is a SQLite database of another program")
    ) {
      _ = try SQLiteProgressStore(path: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func aCorruptStoreIsRefusedUntouched() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let store = try SQLiteProgressStore(path: path)
      try store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    }
    // Scribble over the schema's b-tree page (page 1 after the 100-byte file header).
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for i in 100..<1024 { bytes[i] = 0x5A }
    try bytes.write(to: URL(fileURLWithPath: path))

    #expect {
      _ = try SQLiteProgressStore(path: path)
    } throws: { error in
      guard case .notAStore(let where_, let detail) = error as? ProgressStoreError else { return false }
      return where_ == path && detail.contains("damaged")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
  }

  @Test(.enabled(if: ReadOnlyFolder.isSupported, "this machine cannot make a folder read-only"))
  func aReadOnlyFolderIsRefused() throws {
    let folder = try TemporaryFolder()
    let readOnly = folder.url.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false)
    // One store made before the folder was locked, one that would be new.
    let existing = readOnly.appendingPathComponent("made-before.sqlite").path
    do {
      let store = try SQLiteProgressStore(path: existing)
      try store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: existing))
    #expect(ReadOnlyFolder.make(readOnly))
    defer { ReadOnlyFolder.undo(readOnly) }

    for path in [readOnly.appendingPathComponent("new.sqlite").path, existing] {
      #expect {
        let store = try SQLiteProgressStore(path: path)
        try store.saveEmployee(Employee(id: Make.id("bob"), name: "Bob"))
      } throws: { error in
        guard case .cannotWrite(let where_, _) = error as? ProgressStoreError else { return false }
        return where_ == path && "\(error)".contains("cannot write")
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == before)
  }

  @Test func aFolderThatCannotBeCreatedIsRefused() throws {
    let folder = try TemporaryFolder()
    let file = folder.path("a-file")
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    let path = file + "/coach/progress.sqlite"
    #expect {
      _ = try SQLiteProgressStore(path: path)
    } throws: { error in
      guard case .cannotWrite(let where_, let detail) = error as? ProgressStoreError else { return false }
      return where_ == path && detail.contains("not a folder")
    }
  }

  @Test func aFullDiskIsReportedAndLosesNothingEarlier() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let store = try SQLiteProgressStore(path: path)
    try store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    // Let the file grow by no more than a few pages: SQLite then fails as on a full disk.
    let pages = try store.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_count")! }
    try store.execute("PRAGMA max_page_count = \(pages + 2)")

    var saved: [DrillAttempt] = []
    var failure: ProgressStoreError?
    for n in 0..<2000 {
      do {
        saved.append(
          try store.recordAttempt(
            Make.attempt("ada", "q\(n)", response: String(repeating: "x", count: 500)), bookmark: nil))
      } catch {
        failure = error
        break
      }
    }
    #expect(failure == .diskFull(path: path))
    #expect(failure?.description.contains("disk is full") == true)
    #expect(!saved.isEmpty)
    #expect(try store.history(of: Make.id("ada"), in: Make.course).attempts == saved)
    #expect(try store.integrityCheck() == ["ok"])
  }

  @Test func aStoreHeldTooLongByAnotherWriterIsBusy() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let holder = try SQLiteProgressStore(path: path)
    try holder.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    let waiter = try SQLiteProgressStore(path: path, busyTimeout: .milliseconds(200))

    var config = Configuration()
    config.allowsUnsafeTransactions = true
    let lock = try DatabaseQueue(path: path, configuration: config)
    try lock.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
    let started = Date()
    #expect(throws: ProgressStoreError.busy(path: path)) {
      try waiter.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
    }
    let waited = Date().timeIntervalSince(started)
    #expect(waited > 0.1 && waited < 2)
    try lock.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
    try waiter.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
  }
}
