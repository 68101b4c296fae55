import Foundation

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
