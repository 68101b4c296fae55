import Foundation

/// The independent xAPI readers of the tests (`Tests/xapi-tools`): ralph-malph 5.1.0's
/// statement model and its LRS, in a Python virtual environment that `venv.sh` creates
/// once under `.build/` (`make test` creates it first).
enum XAPITools {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The package root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let tools = root.appendingPathComponent("Tests/xapi-tools")

  /// The virtual environment's python, made on first use.
  static let python: Swift.Result<String, Failure> = {
    do {
      let run = try runProcess("/bin/bash", [tools.appendingPathComponent("venv.sh").path])
      let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      guard run.status == 0, !path.isEmpty else {
        return .failure(Failure(description: "venv.sh failed (\(run.status)): \(run.stderr)"))
      }
      return .success(path)
    } catch {
      return .failure(Failure(description: "cannot run venv.sh: \(error)"))
    }
  }()

  /// What `validate.py` says of a file of statements.
  struct Validation: Decodable {
    var statements: Int
    var invalid: Int
    var verbs: [String: Int]
    var interactionTypes: [String: Int]
    var ids: [String]
    var problems: [String]
  }

  /// Validates every statement of a JSON-lines file with ralph's model and the spec's rules.
  static func validate(_ file: String) throws -> Validation {
    let python = try python.get()
    let run = try runProcess(python, [tools.appendingPathComponent("validate.py").path, file])
    guard let validation = try? JSONDecoder().decode(Validation.self, from: Data(run.stdout.utf8)) else {
      throw Failure(
        description: "validate.py said nothing readable (\(run.status)): \(run.stdout) \(run.stderr)")
    }
    return validation
  }

  /// A server run by one of the tools (`lrs.py`, `fake_lrs.py`): started, read up to its
  /// `ready URL` line, stopped by closing its standard input.
  final class Server: @unchecked Sendable {
    let process = Process()
    let url: String
    private let input = Pipe()
    private let output = Pipe()
    private let errors: PipeText

    /// - Parameter environment: variables set for the server besides the test's own.
    init(_ script: String, _ arguments: [String], environment: [String: String] = [:]) throws {
      let python = try XAPITools.python.get()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = [tools.appendingPathComponent(script).path] + arguments
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      process.standardInput = input
      process.standardOutput = output
      let stderr = Pipe()
      process.standardError = stderr
      errors = PipeText(stderr.fileHandleForReading)
      try process.run()
      var line = Data()
      let handle = output.fileHandleForReading
      while true {
        let byte = handle.readData(ofLength: 1)
        if byte.isEmpty || byte == Data([0x0A]) { break }
        line.append(byte)
      }
      let text = String(decoding: line, as: UTF8.self)
      guard text.hasPrefix("ready ") else {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        throw Failure(description: "\(script) did not start: \(text) \(errors.finish())")
      }
      url = String(text.dropFirst("ready ".count))
    }

    /// Stops the server; returns what it printed after `ready` (the fake's JSON report).
    @discardableResult
    func stop() -> String {
      try? input.fileHandleForWriting.close()
      let rest = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: rest, as: UTF8.self)
    }
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func runProcess(_ executable: String, _ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let out = PipeText(stdout.fileHandleForReading)
    let err = PipeText(stderr.fileHandleForReading)
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: out.finish(), stderr: err.finish())
  }
}

/// A pipe read to its end on a thread of its own.
private final class PipeText: @unchecked Sendable {
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
