import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built `coach` binary, run as the employee's shell would run it.
enum CoachBinary {
  /// `coach` next to the test bundle in the build products folder, else `.build/debug`.
  static let url: URL = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    var candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ]
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    candidates.append(root.appendingPathComponent(".build/debug"))
    for folder in candidates {
      let url = folder.appendingPathComponent("coach")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        return url
      }
    }
    return root.appendingPathComponent(".build/debug/coach")
  }()

  /// The package root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The fixture courses folder.
  static var fixtures: String {
    if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) {
      return url.appendingPathComponent("courses").path
    }
    return root.appendingPathComponent("Tests/CoachTests/Fixtures/courses").path
  }

  /// Another folder of fixture courses: `journeys`, `hostile`.
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: fixtures).deletingLastPathComponent().appendingPathComponent(name).path
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs coach to the end with `input` on standard input (a pipe: pipe mode), in the
  /// test's working folder or in `directory`.
  static func run(
    _ arguments: [String], input: String = "", environment: [String: String] = [:], directory: String? = nil
  ) throws -> Result {
    try run(arguments, inputData: Data(input.utf8), environment: environment, directory: directory)
  }

  static func run(
    _ arguments: [String], inputData: Data, environment: [String: String] = [:], directory: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = Self.environment.merging(environment) { $1 }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    _ = Self.brokenPipesIgnored
    try process.run()
    let writer = Thread {
      // coach may end without reading its input (a passphrase it did not need to ask):
      // the write then fails with EPIPE, which is no failure of the test.
      try? stdin.fileHandleForWriting.write(contentsOf: inputData)
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let out = Reader(stdout.fileHandleForReading)
    let err = Reader(stderr.fileHandleForReading)
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: out.finish(), stderr: err.finish())
  }

  /// SIGPIPE ignored in the test process, so that input written to a coach that has
  /// already ended is an error of that write, not the end of every test.
  static let brokenPipesIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

  /// The environment coach runs in: this process's, with the cheapest scrypt cost for new
  /// passphrases (`COACH_DEBUG_FAST_KDF`, which only a debug build reads): the debug
  /// build's unoptimised scrypt takes seconds at the real cost.
  static var environment: [String: String] {
    ProcessInfo.processInfo.environment.merging(["COACH_DEBUG_FAST_KDF": "1"]) { $1 }
  }

  /// The passphrase the tests' employees choose.
  static let passphrase = "correct horse battery staple"

  /// A fresh folder for a store.
  static func temporaryStore() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("progress.sqlite").path
  }
}

/// Reads a pipe to its end on a thread of its own.
final class Reader: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread {
      self.data = handle.readDataToEndOfFile()
      self.done.signal()
    }.start()
  }

  func finish() -> String {
    done.wait()
    return String(decoding: data, as: UTF8.self)
  }
}
