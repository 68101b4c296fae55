import ArgumentParser
import Foundation
import LearnerModel
import PrivateText
import ProgressStoreSQLite

/// Who may see an employee's records outside a learn session (`coach progress`): on a
/// store that other people use, only someone who knows the employee's passphrase.
enum Identity {
  /// Whether the employee must prove who they are: always on a store shared on purpose,
  /// and on a private file that holds more than one employee (one account used by several
  /// people, such as a training room's kiosk). A private store of one person skips it.
  static func isNeeded(sharing: SQLiteProgressStore.Sharing, employees: Int) -> Bool {
    sharing == .shared || employees > 1
  }

  /// Asks for the employee's passphrase and opens their key with it.
  ///
  /// A wrong one waits two seconds and ends the command; nothing is shown.
  static func prove(_ employee: EmployeeID, in store: any ProgressStore, storeName: String) async throws {
    guard let wrapped = try await store.wrappedKey(of: employee) else {
      printError(
        "coach: \(employee) has no passphrase yet, and \(storeName) is used by more than one person: "
          + "progress opens only with the employee's passphrase. Run coach learn once to choose one.")
      throw ExitCode.failure
    }
    guard let typed = readSecret(prompt: "passphrase for \(employee): ") else {
      printError("coach: no passphrase given; nothing was shown")
      throw ExitCode.failure
    }
    do {
      _ = try EmployeeKey.unlock(wrapped, passphrase: typed)
    } catch .wrongPassphrase {
      try? await Task.sleep(for: .seconds(2))
      printError("coach: that passphrase does not open the records of \(employee); nothing was shown")
      throw ExitCode.failure
    } catch {
      printError("coach: \(storeName): \(error.description)")
      throw ExitCode.failure
    }
  }

  /// One line from standard input, not echoed when it is a terminal; the prompt goes to
  /// standard error so that standard output stays the report. `nil` at end of input.
  static func readSecret(prompt: String) -> String? {
    let terminal = isatty(0) == 1
    var saved = termios()
    if terminal {
      FileHandle.standardError.write(Data(prompt.utf8))
      tcgetattr(0, &saved)
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(0, TCSANOW, &quiet)
    }
    defer {
      if terminal {
        tcsetattr(0, TCSANOW, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
      }
    }
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while line.count < 4096 {
      let n = read(0, &byte, 1)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
      if byte == 0x0A { break }
      line.append(byte)
    }
    if line.last == 0x0D { line.removeLast() }
    return String(decoding: line, as: UTF8.self)
  }
}
