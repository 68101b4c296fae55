import ArgumentParser
import Foundation
import LearnerModel
import ProgressStoreSQLite

/// `--store PATH` and `--shared-store`: where progress is kept, and whether other people
/// use that store too. The only place that picks and opens a store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The progress store file.",
      discussion: "Default: $COACH_STORE, else $XDG_DATA_HOME/coach/progress.sqlite, "
        + "else ~/.local/share/coach/progress.sqlite.",
      valueName: "path"))
  var path: String?

  @Flag(
    name: .customLong("shared-store"),
    help: ArgumentHelp(
      "The store is shared on purpose (a training room's host): it may belong to another user and be "
        + "read and written by its group. Also set by COACH_SHARED_STORE=1. See docs/security.md."))
  var sharedOnPurpose = false

  /// The path the store lives at, after `$COACH_STORE` and the XDG rules.
  var resolvedPath: String {
    StoreLocation.resolve(explicit: path, environment: ProcessInfo.processInfo.environment)
  }

  /// Whether the store is declared shared: `--shared-store` or `COACH_SHARED_STORE=1`.
  var sharing: SQLiteProgressStore.Sharing {
    sharedOnPurpose || Self.sharedByEnvironment ? .shared : .privateFile
  }

  /// `COACH_SHARED_STORE=1`: the store is shared on purpose, for commands without the flag.
  static var sharedByEnvironment: Bool { ProcessInfo.processInfo.environment["COACH_SHARED_STORE"] == "1" }

  /// Opens the store; a failure is printed on standard error (one line that says why)
  /// and ends the command.
  ///
  /// Opened to read only, a store written by an earlier coach is read through a copy in
  /// memory brought up to date there (``SQLiteProgressStore/snapshot(of:sharing:)``): its
  /// file keeps its schema and every byte.
  func open(_ access: SQLiteProgressStore.Access = .readWrite) throws -> SQLiteProgressStore {
    let path = resolvedPath
    if let problem = StoreLocation.unsupported(path) {
      printError("coach: \(problem)")
      throw ExitCode.failure
    }
    do {
      do {
        return try SQLiteProgressStore(path: path, access: access, sharing: sharing)
      } catch .olderStore where access == .readOnly {
        return try SQLiteProgressStore.snapshot(of: path, sharing: sharing)
      }
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }

  /// Opens the store to read it for a report: in place and read-only (a store written by
  /// an earlier coach is read from a copy brought up to date in memory), never written.
  /// A failure is printed on standard error and ends the command.
  func openToReport() throws -> any ProgressStore {
    if let problem = StoreLocation.unsupported(resolvedPath) {
      printError("coach: \(problem)")
      throw ExitCode.failure
    }
    do {
      return try SQLiteProgressStore.openToRead(resolvedPath, sharing: sharing)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }

  /// Opens the store at `path` to read only (`coach check --store`, `coach export xapi`,
  /// `coach certificate`): nothing is ever written to it, a store written by an earlier
  /// coach keeps its schema, and its file is checked as every store is (shared on purpose
  /// when `sharing` says so, else by `COACH_SHARED_STORE=1`). Sealed text stays sealed: no
  /// key is opened. A failure is printed on standard error and ends the command.
  static func openToRead(_ path: String, sharing: SQLiteProgressStore.Sharing? = nil) throws
    -> any ProgressStore
  {
    let resolved = StoreLocation.resolve(explicit: path, environment: ProcessInfo.processInfo.environment)
    if let problem = StoreLocation.unsupported(resolved) {
      printError("coach: \(problem)")
      throw ExitCode.failure
    }
    do {
      return try SQLiteProgressStore.snapshot(
        of: resolved, sharing: sharing ?? (sharedByEnvironment ? .shared : .privateFile))
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }
}
