import Foundation
import LearnerModel

@testable import ProgressStoreSQLite

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("coach-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes a file with mode 0600, as a store of one person is kept.
  @discardableResult
  func write(_ contents: Data, to name: String) throws -> String {
    let file = path(name)
    try contents.write(to: URL(fileURLWithPath: file))
    chmod(file, 0o600)
    return file
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Builders for records with readable defaults.
enum Make {
  static let course = "onboarding"
  /// A fixed time, as the store reads it back (to the millisecond).
  static let time = SQLiteProgressStore.stored(Date(timeIntervalSince1970: 1_767_225_600.25))

  static func id(_ raw: String) -> EmployeeID { try! EmployeeID(raw) }

  static func item(_ item: String, module: String = "m1", section: String = "s1", course: String = course)
    -> ItemRef
  {
    ItemRef(courseID: course, moduleID: module, sectionID: section, itemID: item)
  }

  static func attempt(
    _ employee: String, _ item: String, hash: String = "h1", key: String? = nil, response: String = "a",
    score: Double = 1, correct: Bool = true, course: String = course, at: Date = time
  ) -> DrillAttempt {
    DrillAttempt(
      employee: id(employee), item: Make.item(item, course: course), itemHash: hash, keyHash: key,
      response: response, score: score, correct: correct, sessionID: "session-1", at: at)
  }

  static func bookmark(_ employee: String, position: Bookmark.Position, course: String = course) -> Bookmark {
    Bookmark(
      employee: id(employee), courseID: course, moduleID: "m1", sectionID: "s1", position: position,
      updated: time)
  }

  /// A store holding the employees given, in memory.
  static func store(employees: String...) async throws -> SQLiteProgressStore {
    let store = try SQLiteProgressStore.inMemory()
    for employee in employees {
      try await store.saveEmployee(Employee(id: id(employee), name: employee.capitalized, created: time))
    }
    return store
  }
}

/// Makes a folder read-only in a way that also stops root, who ignores mode bits.
///
/// As an ordinary user, mode 0500 is enough. As root (tests run as root here), the
/// folder is made immutable with `chattr +i` (ext4 and most Linux file systems). Either
/// way the result is checked by trying to create a file in it.
enum ReadOnlyFolder {
  static func make(_ url: URL) -> Bool {
    if getuid() != 0 {
      chmod(url.path, 0o500)
    } else {
      run("/usr/bin/chattr", "+i", url.path)
    }
    let probe = url.appendingPathComponent("probe-\(UUID().uuidString)").path
    let fd = open(probe, O_CREAT | O_WRONLY, 0o600)
    if fd >= 0 {
      close(fd)
      unlink(probe)
      undo(url)
      return false
    }
    return true
  }

  static func undo(_ url: URL) {
    if getuid() != 0 {
      chmod(url.path, 0o700)
    } else {
      run("/usr/bin/chattr", "-i", url.path)
    }
  }

  /// Whether this machine lets a test make a read-only folder at all.
  static let isSupported: Bool = {
    guard let folder = try? TemporaryFolder() else { return false }
    let url = folder.url.appendingPathComponent("ro")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { undo(url) }
    return make(url)
  }()

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

/// A task executor with a thread of its own, for tests that time an `await`: on the
/// shared cooperative pool (a thread per core), a continuation waits for a free thread
/// while other tests compute, and the wait would be timed with it.
final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
  private let queue = DispatchQueue(label: "coach.tests.dedicated-executor")

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
