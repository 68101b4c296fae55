import Foundation

/// A child process of this executable whose standard output and error go to files.
///
/// Files, not pipes: a child never blocks on a full pipe, and what it wrote before a
/// kill -9 is in the file (the kernel has it once `write` returns).
final class Child {
  let process = Process()
  let stdoutURL: URL
  let stderrURL: URL

  init(arguments: [String], outputIn folder: URL, name: String) throws {
    stdoutURL = folder.appendingPathComponent("\(name).out")
    stderrURL = folder.appendingPathComponent("\(name).err")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    process.executableURL = URL(fileURLWithPath: Child.executablePath)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
    process.standardError = try FileHandle(forWritingTo: stderrURL)
    process.standardInput = FileHandle.nullDevice
  }

  static let executablePath: String = {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }()

  func start() throws { try process.run() }

  func kill9() { kill(process.processIdentifier, SIGKILL) }

  func wait() { process.waitUntilExit() }

  var output: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
  var errors: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

  var outputSize: Int {
    ((try? FileManager.default.attributesOfItem(atPath: stdoutURL.path)[.size]) as? Int) ?? 0
  }

  var wasKilled: Bool {
    process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
  }
}
