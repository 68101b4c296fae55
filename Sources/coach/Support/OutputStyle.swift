import CourseModel
import Foundation

/// Whether a stream gets colour: only a terminal, `TERM` not `dumb`, and `NO_COLOR` unset or empty.
enum OutputStyle {
  static func usesColor(
    fileDescriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> Bool
  {
    // no-color.org: only a value that is not empty turns colour off.
    isatty(fileDescriptor) == 1 && environment["TERM"] != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
  }
}

/// Writes text to standard error, with any control character in it made visible (a
/// message may quote a course, a path or a name; see `ShownText`).
func printError(_ text: String) {
  printErrorStyled(ShownText.safe(text, keepingNewlines: true))
}

/// Writes text that coach styled itself (every foreign part already made safe).
func printErrorStyled(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Keeps a value alive until the process ends instead of freeing it.
///
/// `coach check` exits right after it reports; releasing a large course's values one by
/// one (a 10 MB course has hundreds of thousands) costs more than the operating system
/// takes to drop the whole heap at exit.
func keepUntilExit<T>(_ value: T) {
  _ = Unmanaged.passRetained(KeptValue(value))
}

private final class KeptValue<T> {
  let value: T
  init(_ value: T) { self.value = value }
}

/// Writes bytes to a file descriptor, all of them (a pipe may take them in parts).
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
  bytes.withUnsafeBytes { writeAll(descriptor, $0) }
}

/// Writes bytes to a file descriptor, all of them (a pipe may take them in parts).
func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) {
  guard let start = buffer.baseAddress else { return }
  var offset = 0
  while offset < buffer.count {
    let written = write(descriptor, start + offset, buffer.count - offset)
    if written < 0 {
      if errno == EINTR { continue }
      return
    }
    offset += written
  }
}
