import Foundation
import LearnerModel
import Testing

@testable import ProgressStoreSQLite

/// Each refusal gives a clear message naming the file, and never changes a byte of a
/// file it refuses.
@Suite struct RefusalTests {
  @Test func aStoreFromANewerCoachIsRefusedUntouched() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let store = try SQLiteProgressStore(path: path)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
      try await store.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9-create-something-new')")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(
      throws: ProgressStoreError.newerStore(store: path, unknownMigrations: ["v9-create-something-new"])
    ) {
      _ = try SQLiteProgressStore(path: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let message = ProgressStoreError.newerStore(store: path, unknownMigrations: ["v9-x"]).description
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
    try folder.write(contents, to: "progress.sqlite")
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

  @Test func anotherProgramsSQLiteDatabaseIsRefusedUntouched() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("other.sqlite")
    do {
      let other = try RawDatabase(path: path)
      try other.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
      try other.close()
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(
      throws: ProgressStoreError.notAStore(store: path, detail: "it is a SQLite database of another program")
    ) {
      _ = try SQLiteProgressStore(path: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func aCorruptStoreIsRefusedUntouched() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let store = try SQLiteProgressStore(path: path)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    }
    // Scribble over the schema's b-tree page (page 1 after the 100-byte file header).
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for i in 100..<1024 { bytes[i] = 0x5A }
    try folder.write(bytes, to: "progress.sqlite")

    #expect {
      _ = try SQLiteProgressStore(path: path)
    } throws: { error in
      guard case .notAStore(let where_, let detail) = error as? ProgressStoreError else { return false }
      return where_ == path && detail.contains("damaged")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
  }

  @Test(.enabled(if: ReadOnlyFolder.isSupported, "this machine cannot make a folder read-only"))
  func aReadOnlyFolderIsRefused() async throws {
    let folder = try TemporaryFolder()
    let readOnly = folder.url.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false)
    // One store made before the folder was locked, one that would be new.
    let existing = readOnly.appendingPathComponent("made-before.sqlite").path
    do {
      let store = try SQLiteProgressStore(path: existing)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: existing))
    #expect(ReadOnlyFolder.make(readOnly))
    defer { ReadOnlyFolder.undo(readOnly) }

    for path in [readOnly.appendingPathComponent("new.sqlite").path, existing] {
      await #expect {
        let store = try SQLiteProgressStore(path: path)
        try await store.saveEmployee(Employee(id: Make.id("bob"), name: "Bob"))
      } throws: { error in
        guard case .cannotWrite(let where_, _) = error as? ProgressStoreError else { return false }
        return where_ == path && "\(error)".contains("cannot write")
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == before)
  }

  @Test func aFolderThatCannotBeCreatedIsRefused() async throws {
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

  @Test func aFullDiskIsReportedAndLosesNothingEarlier() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let store = try SQLiteProgressStore(path: path)
    try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    // Let the file grow by no more than a few pages: SQLite then fails as on a full disk.
    let pages = Int(try await store.strings("PRAGMA page_count")[0])!
    try await store.execute("PRAGMA max_page_count = \(pages + 2)")

    var saved: [DrillAttempt] = []
    var failure: ProgressStoreError?
    for n in 0..<2000 {
      do {
        saved.append(
          try await store.recordAttempt(
            Make.attempt("ada", "q\(n)", response: String(repeating: "x", count: 500)), bookmark: nil))
      } catch {
        failure = error
        break
      }
    }
    #expect(failure == .diskFull(store: path))
    #expect(failure?.description.contains("disk is full") == true)
    #expect(!saved.isEmpty)
    #expect(try await store.history(of: Make.id("ada"), in: Make.course).attempts == saved)
    #expect(try await store.integrityCheck() == ["ok"])
  }

  @Test func aStoreHeldTooLongByAnotherWriterIsBusy() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    let holder = try SQLiteProgressStore(path: path)
    try await holder.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    let waiter = try SQLiteProgressStore(path: path, busyTimeout: .milliseconds(200))

    let lock = try RawDatabase(path: path, unsafeTransactions: true)
    try lock.execute("BEGIN IMMEDIATE")
    // The store waits its own 200 ms, not the 5 s default. Timed on a thread of its own,
    // so that other tests busy on the shared pool do not count as waiting; and each try
    // also counts the time the answer waits to be taken up, which the end-to-end tests
    // running beside this one can delay: the shortest of three tries is the wait.
    var waits: [Double] = []
    for _ in 0..<3 {
      let waited = await withTaskExecutorPreference(DedicatedExecutor()) {
        let started = Date()
        await #expect(throws: ProgressStoreError.busy(store: path)) {
          try await waiter.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
        }
        return Date().timeIntervalSince(started)
      }
      waits.append(waited)
    }
    let waited = waits.min() ?? 0
    // Generous: on a loaded CI machine (a server and the tests on 2 cores) the waiter starves.
    #expect(waited > 0.1 && waited < 5, "waited \(waits) s")
    try lock.execute("ROLLBACK")
    try await waiter.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
  }

  @Test(arguments: [Duration.milliseconds(50), .milliseconds(200)])
  func theBusyHandlerGivesUpWhenItsTimeoutHasPassed(timeout: Duration) {
    let callback = BusyWait(timeout: timeout).callback
    let clock = ContinuousClock()
    let started = clock.now
    var tries = 0
    while callback(tries) { tries += 1 }
    let waited = clock.now - started
    // Wall-clock time: at least the timeout, and at most one more step (10 ms, +50%
    // jitter) and a margin for a loaded machine.
    #expect(waited >= timeout, "gave up after \(waited)")
    #expect(waited < timeout + .milliseconds(250), "gave up after \(waited), \(tries) tries")
    #expect(tries > 3, "it retried in short steps")
  }
}
