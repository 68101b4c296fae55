import Foundation
import LearnerModel
import Testing

@testable import ProgressStoreSQLite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A store on a shared machine: every file and folder that others could use against it
/// is refused before a byte is read or written, with a message that says how to fix it.
@Suite struct FileSafetyTests {
  /// A store with one employee in `folder`, closed.
  func makeStore(_ folder: TemporaryFolder, _ name: String = "progress.sqlite") async throws -> String {
    let path = folder.path(name)
    let store = try SQLiteProgressStore(path: path)
    try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    return path
  }

  func refusal(_ body: () throws -> Void) -> (problem: String, fix: String)? {
    do {
      try body()
    } catch let ProgressStoreError.unsafeFile(_, problem, fix) {
      return (problem, fix)
    } catch {
      Issue.record("not refused as unsafe: \(error)")
    }
    return nil
  }

  /// A user who is not the one running the tests (root runs them here).
  static let otherUser: uid_t = getuid() == 0 ? 65534 : 0
  static var canChown: Bool { getuid() == 0 }

  @Test func aSymbolicLinkIsRefusedAndItsTargetUntouched() async throws {
    let folder = try TemporaryFolder()
    let real = try await makeStore(folder, "real.sqlite")
    let before = try Data(contentsOf: URL(fileURLWithPath: real))
    let link = folder.path("progress.sqlite")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
    let refused = refusal { _ = try SQLiteProgressStore(path: link) }
    #expect(refused?.problem.contains("is a symbolic link (to \(real))") == true)
    #expect(refused?.fix.contains("real file's path") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: real)) == before)
    // A link to /dev/null, as in the report: nothing is made beside the target.
    let null = folder.path("null.sqlite")
    try FileManager.default.createSymbolicLink(atPath: null, withDestinationPath: "/dev/null")
    _ = refusal { _ = try SQLiteProgressStore(path: null) }
    _ = refusal { _ = try SQLiteProgressStore(path: null, access: .readOnly) }
    #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
    #expect(!FileManager.default.fileExists(atPath: "/dev/null-wal"))
  }

  @Test(arguments: [0o644, 0o640, 0o660, 0o606, 0o666, 0o604])
  func aStoreOthersCanReadOrWriteIsRefusedWithTheChmodThatFixesIt(mode: Int) async throws {
    let folder = try TemporaryFolder()
    let path = try await makeStore(folder)
    chmod(path, mode_t(mode))
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let refused = refusal { _ = try SQLiteProgressStore(path: path) }
    #expect(refused?.problem.contains("mode 0\(String(mode, radix: 8))") == true, "\(refused?.problem ?? "")")
    #expect(refused?.fix.contains("chmod") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    // The fix the message gives works.
    chmod(path, 0o600)
    _ = try SQLiteProgressStore(path: path)
  }

  @Test func aWALFileOthersCanReadIsRefused() async throws {
    let folder = try TemporaryFolder()
    let path = try await makeStore(folder)
    try folder.write(Data(), to: "progress.sqlite-wal")
    chmod(path + "-wal", 0o644)
    let refused = refusal { _ = try SQLiteProgressStore(path: path) }
    #expect(refused?.problem.contains("its file \(path)-wal can be read by every user") == true)
  }

  @Test(arguments: [0o777, 0o1777, 0o770, 0o1770])
  func aFolderOthersCanWriteIsRefusedStickyOrNot(mode: Int) async throws {
    let folder = try TemporaryFolder()
    let shared = folder.url.appendingPathComponent("shared").path
    mkdir(shared, 0o700)
    let path = shared + "/progress.sqlite"
    do {
      let store = try SQLiteProgressStore(path: path)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    }
    chmod(shared, mode_t(mode))
    let refused = refusal { _ = try SQLiteProgressStore(path: path) }
    #expect(
      refused?.problem.contains("can create files in its folder \(shared)") == true,
      "\(refused?.problem ?? "")")
    // A store in /tmp itself, or in any sticky folder others can write, is refused the same way.
    _ = refusal { _ = try SQLiteProgressStore(path: path, access: .readOnly) }
  }

  @Test func aNewStoreMayBeMadeInAFolderOfYourOwnUnderTmp() async throws {
    // /tmp is sticky and world-writable: the store's own folder, made by coach, is not.
    let path = NSTemporaryDirectory() + "coach-safety-\(UUID().uuidString)/sub/progress.sqlite"
    _ = try SQLiteProgressStore(path: path)
    var info = stat()
    stat((path as NSString).deletingLastPathComponent, &info)
    #expect(info.st_mode & 0o777 == 0o700)
    try? FileManager.default.removeItem(
      atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
  }

  @Test func aFolderThatOthersCanRenameIsRefused() async throws {
    let folder = try TemporaryFolder()
    let open = folder.url.appendingPathComponent("open").path
    let inner = open + "/inner"
    mkdir(open, 0o700)
    mkdir(inner, 0o700)
    let path = inner + "/progress.sqlite"
    _ = try SQLiteProgressStore(path: path)
    chmod(open, 0o777)  // anyone may rename `inner` and put their own folder there
    let refused = refusal { _ = try SQLiteProgressStore(path: path) }
    #expect(
      refused?.problem.contains("can rename \(inner) inside \(open)") == true, "\(refused?.problem ?? "")")
    chmod(open, 0o1777)  // sticky: only the owner of `inner` (us) may rename it
    _ = try SQLiteProgressStore(path: path)
  }

  @Test(.enabled(if: canChown, "needs root to give a file to another user"))
  func aStoreOfAnotherUserIsRefusedUnlessSharedOnPurpose() async throws {
    let folder = try TemporaryFolder()
    let path = try await makeStore(folder)
    chown(path, Self.otherUser, gid_t(getgid()))
    let refused = refusal { _ = try SQLiteProgressStore(path: path) }
    #expect(refused?.problem.contains("belongs to another user (nobody, uid 65534)") == true)
    #expect(refused?.fix.contains("--shared-store") == true)
    // Shared on purpose, with its group: opened; every user: still refused.
    chmod(path, 0o660)
    let shared = try SQLiteProgressStore(path: path, sharing: .shared)
    #expect(try await shared.employee(id: Make.id("ada"))?.name == "Ada")
    chmod(path, 0o664)
    _ = refusal { _ = try SQLiteProgressStore(path: path, sharing: .shared) }
  }

  @Test func aSharedStoreMayBeInAGroupFolderButNeverAWorldOne() async throws {
    let folder = try TemporaryFolder()
    let room = folder.url.appendingPathComponent("room").path
    mkdir(room, 0o770)
    chmod(room, 0o2770)
    let path = room + "/progress.sqlite"
    let made = try SQLiteProgressStore(path: path, sharing: .shared)
    try await made.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
    var info = stat()
    stat(path, &info)
    #expect(info.st_mode & 0o777 == 0o660, "a shared store is made for its group")
    _ = refusal { _ = try SQLiteProgressStore(path: path) }  // not declared shared: refused
    chmod(room, 0o2777)
    _ = refusal { _ = try SQLiteProgressStore(path: path, sharing: .shared) }
    // A shared store's folder is the trainer's to make.
    #expect {
      _ = try SQLiteProgressStore(path: folder.path("missing/progress.sqlite"), sharing: .shared)
    } throws: { "\($0)".contains("a shared store's folder is made by its trainer") }
  }

  @Test func aRelativePathInAFolderThatDoesNotExistGetsOneLine() async throws {
    let folder = try TemporaryFolder()
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(folder.url.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    #expect(throws: ProgressStoreError.missing(store: "nonexist/a.sqlite")) {
      _ = try SQLiteProgressStore(path: "nonexist/a.sqlite", access: .readOnly)
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path("nonexist")))
    // Written to, the folder is made (0700) in the current folder.
    _ = try SQLiteProgressStore(path: "nonexist/a.sqlite")
    #expect(FileManager.default.fileExists(atPath: folder.path("nonexist/a.sqlite")))
    #expect(throws: ProgressStoreError.self) { _ = try SQLiteProgressStore(path: "", access: .readOnly) }
  }
}

/// Reading only: nothing is created or written, and a damaged store is refused untouched.
@Suite struct ReadOnlyStoreTests {
  @Test(.enabled(if: ReadOnlyFolder.isSupported, "this machine cannot make a file read-only"))
  func aStoreThatCannotBeWrittenIsReadAndNoByteChanges() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let store = try SQLiteProgressStore(path: path)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
      try await store.recordAttempt(Make.attempt("ada", "q1"), bookmark: nil)
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(ReadOnlyFile.make(path))
    defer { ReadOnlyFile.undo(path) }
    let store = try SQLiteProgressStore(path: path, access: .readOnly)
    #expect(try await store.history(of: Make.id("ada"), in: Make.course).attempts.count == 1)
    await #expect(throws: ProgressStoreError.self) {
      try await store.saveEmployee(Employee(id: Make.id("bob"), name: "Bob"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func aStoreOfAnOlderCoachIsNotUpgradedByReading() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let old = try RawDatabase(path: path)
      try old.migrate(upTo: "v4-add-drillAttempt-context")
      try old.close()
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect {
      _ = try SQLiteProgressStore(path: path, access: .readOnly)
    } throws: { error in
      guard case .olderStore(_, let missing) = error as? ProgressStoreError else { return false }
      return missing.first == "v5-add-beliefResponse-sealed" && "\(error)".contains("run coach learn once")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func damageDeepInTheFileIsFoundAtOpeningAndTheFileLeftUntouched() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("progress.sqlite")
    do {
      let store = try SQLiteProgressStore(path: path)
      try await store.saveEmployee(Employee(id: Make.id("ada"), name: "Ada", created: Make.time))
      for n in 0..<400 {
        try await store.recordAttempt(
          Make.attempt("ada", "q\(n)", response: String(repeating: "r", count: 200)), bookmark: nil)
      }
      try await store.checkpoint()
    }
    // Scribble over the header and cell pointers of a page in the middle of the file: a
    // leaf of the attempts table or its index, which reading the schema never touches.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let pageSize = 4096
    let middle = (bytes.count / pageSize / 2) * pageSize
    for i in middle..<(middle + 64) { bytes[i] = 0xA5 }
    try bytes.write(to: URL(fileURLWithPath: path))
    for access in [SQLiteProgressStore.Access.readWrite, .readOnly] {
      #expect {
        _ = try SQLiteProgressStore(path: path, access: access)
      } throws: { error in
        guard case .notAStore(_, let detail) = error as? ProgressStoreError else { return false }
        return detail.contains("damaged") && "\(error)".contains("left untouched")
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
  }

  @Test func oneMalformedRankingIsNamedAndTheRestIsRead() async throws {
    let store = try await Make.store(employees: "ada")
    for (n, answer) in [BeliefAnswer.point(3), .order(["A", "B"]), .point(5)].enumerated() {
      try await store.recordBelief(
        BeliefResponse(
          employee: Make.id("ada"), item: Make.item("b\(n)"), kind: n == 1 ? .rank : .agree, itemHash: "h",
          answer: answer, sessionID: "s", at: Make.time), bookmark: nil)
    }
    try await store.execute("UPDATE beliefResponse SET ranking = '[\"A\", 7' WHERE ranking IS NOT NULL")
    let history = try await store.history(of: Make.id("ada"), in: Make.course)
    #expect(history.beliefs.map(\.item.itemID) == ["b0", "b2"])
    #expect(history.unreadable.count == 1)
    #expect(
      history.unreadable.first?.contains("belief response 2 of ada (item b1): its ranking is not a list")
        == true)
  }
}

/// Makes one file impossible to write, root included (`chattr +i`; mode 0400 otherwise).
enum ReadOnlyFile {
  static func make(_ path: String) -> Bool {
    if getuid() == 0 { run("/usr/bin/chattr", "+i", path) } else { chmod(path, 0o400) }
    let fd = open(path, O_WRONLY)
    if fd >= 0 {
      close(fd)
      undo(path)
      return false
    }
    return true
  }

  static func undo(_ path: String) {
    if getuid() == 0 { run("/usr/bin/chattr", "-i", path) } else { chmod(path, 0o600) }
  }

  private static func run(_ tool: String, _ arguments: String...) {
    guard FileManager.default.isExecutableFile(atPath: tool) else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
  }
}
