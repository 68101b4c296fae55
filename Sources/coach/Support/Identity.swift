import ArgumentParser
import Foundation
import LearnerModel
import PrivateText
import ProgressStoreSQLite
import Terminal

/// Who may see an employee's records: in a learn or review session, whoever gives the
/// employee's passphrase (the runner asks it, with ``runnerOptions(storeName:)``); in the
/// commands that only read (`coach progress`, `coach review --history`), on a store that
/// other people use, only someone who knows it.
enum Identity {
  /// scrypt's cost for a new passphrase: ``PassphraseKDF/standard``.
  ///
  /// A debug build (the one the tests run, where scrypt's C code is not optimised and one
  /// derivation takes seconds) takes `COACH_DEBUG_FAST_KDF=1` to mean the cheapest cost
  /// coach accepts; release builds have no such switch.
  static var kdf: PassphraseKDF {
    #if DEBUG
      if ProcessInfo.processInfo.environment["COACH_DEBUG_FAST_KDF"] == "1" { return PassphraseKDF(logN: 10) }
    #endif
    return .standard
  }

  /// How a learn or review session opens the employee's records: their passphrase opens
  /// their key (``PassphraseLock``), and they hold the session lease while it runs.
  static func runnerOptions(storeName: String) -> Runner.Options {
    Runner.Options(lock: PassphraseLock(kdf: kdf), storeName: storeName)
  }

  /// Whether the employee must prove who they are: always on a store shared on purpose,
  /// and on a private file that holds more than one employee (one account used by several
  /// people, such as a training room's kiosk). A private store of one person skips it.
  static func isNeeded(sharing: SQLiteProgressStore.Sharing, employees: Int) -> Bool {
    sharing == .shared || employees > 1
  }

  /// Asks for the passphrase when ``isNeeded(sharing:employees:)`` says so.
  static func proveIfNeeded(
    _ employee: EmployeeID, in store: any ProgressStore, sharing: SQLiteProgressStore.Sharing,
    storeName: String
  ) async throws {
    let employees: Int
    do {
      employees = try await store.allEmployees().count
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
    if isNeeded(sharing: sharing, employees: employees) {
      try await prove(employee, in: store, sharing: sharing, storeName: storeName)
    }
  }

  /// Asks for the employee's passphrase and opens their key with it.
  ///
  /// A wrong one waits two seconds and ends the command; nothing is shown. An employee
  /// with no passphrase yet (their records come from an earlier coach) has nothing to
  /// prove who they are with: on a store shared on purpose they are refused until they
  /// choose one with `coach learn`; on a private file, which the same account can read
  /// anyway, their records are shown with a line that says to choose one.
  static func prove(
    _ employee: EmployeeID, in store: any ProgressStore, sharing: SQLiteProgressStore.Sharing,
    storeName: String
  ) async throws {
    let wrapped: WrappedKey?
    do {
      wrapped = try await store.wrappedKey(of: employee)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
    guard let wrapped else {
      if sharing == .shared {
        printError(
          "coach: \(employee) has no passphrase yet, and \(storeName) is shared: their records open only "
            + "with their passphrase. Run coach learn once to choose one; nothing was shown.")
        throw ExitCode.failure
      }
      printError(
        "coach: note: \(employee) has no passphrase yet, so anyone using this account can see these records; "
          + "coach learn asks them to choose one")
      return
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
