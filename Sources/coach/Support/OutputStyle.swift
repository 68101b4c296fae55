import Foundation

/// Whether a stream gets colour: only a terminal, `TERM` not `dumb`, and `NO_COLOR` unset.
enum OutputStyle {
  static func usesColor(
    fileDescriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> Bool
  {
    isatty(fileDescriptor) == 1 && environment["TERM"] != "dumb" && environment["NO_COLOR"] == nil
  }
}

/// Writes text to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
