import Foundation

/// The system's python3, for checks against Python's own uuid and datetime modules.
enum Python {
  /// Runs `script` with `input` on standard input; returns standard output.
  static func run(_ script: String, input: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// A seeded generator (SplitMix64): a failing random test prints its seed.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The seed of a run: `XAPI_TEST_SEED` when set, else the time.
  static func seed() -> UInt64 {
    if let text = ProcessInfo.processInfo.environment["XAPI_TEST_SEED"], let seed = UInt64(text) {
      return seed
    }
    return UInt64(Date().timeIntervalSince1970 * 1000)
  }
}
