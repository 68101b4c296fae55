import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a command, feeding it a file as standard input, and says how it ended.
public enum Shell {
  public struct Outcome {
    public var status: Int32
    public var errors: String
    public var seconds: Double
  }

  /// The `sqlite3` command, if installed.
  public static let sqlite3: String? = [
    "/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3",
  ]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Starts a process; `wait(_:)` finishes it.
  public static func start(_ tool: String, _ arguments: [String], stdin: String? = nil) throws -> (
    Process, URL
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    if let stdin { process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdin)) }
    process.standardOutput = FileHandle.nullDevice
    let errors = BenchFiles.folder.appendingPathComponent("stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    return (process, errors)
  }

  public static func wait(_ started: (Process, URL)) -> (status: Int32, errors: String) {
    started.0.waitUntilExit()
    let errors = (try? String(contentsOf: started.1, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: started.1)
    return (started.0.terminationStatus, errors)
  }

  /// Runs to the end and times it.
  public static func run(_ tool: String, _ arguments: [String], stdin: String? = nil) throws -> Outcome {
    let clock = ContinuousClock()
    let start = clock.now
    let outcome = wait(try self.start(tool, arguments, stdin: stdin))
    let elapsed = clock.now - start
    return Outcome(status: outcome.status, errors: outcome.errors, seconds: elapsed.seconds)
  }

  /// Runs to the end with standard input, output and error on `/dev/null`, and says how it
  /// ended, its wall time and its peak resident memory in kilobytes (the child's own,
  /// from `wait4`).
  public static func peak(_ tool: String, _ arguments: [String]) throws -> (
    status: Int32, seconds: Double, kilobytes: Int
  ) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([tool] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
    guard spawned == 0 else { throw ShellError("cannot start \(tool): errno \(spawned)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let exited = status & 0x7F == 0
    return (
      exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), (clock.now - start).seconds, Int(usage.ru_maxrss)
    )
  }

  public struct ShellError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// A script of `count` single-row INSERTs, each its own transaction, for `sqlite3`.
  public static func insertScript(count: Int, synchronous: String, name: String, busyTimeoutMS: Int = 60_000)
    throws -> String
  {
    var script =
      ".timeout \(busyTimeoutMS)\nPRAGMA journal_mode = WAL;\nPRAGMA synchronous = \(synchronous);\n"
    script += BareSQLite.createTable + ";\n"
    for n in 0..<count {
      script += """
        INSERT INTO answer VALUES (NULL, 'bench', 'bench-course', 'm1', 's1', 'q\(n % 50)', 'hash', \
        'answer \(n)', 1.0, 1, 1, 'session', '2026-01-01 00:00:00.000');

        """
    }
    let path = BenchFiles.folder.appendingPathComponent(name).path
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}

extension Duration {
  public var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
