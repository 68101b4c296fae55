import ArgumentParser
import Foundation
import LearnerModel
import ProgressStoreSQLite

/// `--store PATH`: where progress is kept. The only place that picks a store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The progress store file.",
      discussion: "Default: $COACH_STORE, else $XDG_DATA_HOME/coach/progress.sqlite, "
        + "else ~/.local/share/coach/progress.sqlite.",
      valueName: "path"))
  var path: String?

  /// The path the store lives at, after `$COACH_STORE` and the XDG rules.
  var resolvedPath: String {
    StoreLocation.resolve(explicit: path, environment: ProcessInfo.processInfo.environment)
  }

  /// Opens the store; a failure is printed on standard error and ends the command.
  func open() throws -> any ProgressStore {
    do {
      return try SQLiteProgressStore(path: resolvedPath)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }

  /// Opens the store to read it for a report: in place and read-only (a store written by
  /// an earlier coach is read from a copy brought up to date in memory), never written.
  /// A failure is printed on standard error and ends the command.
  func openToReport() throws -> any ProgressStore {
    do {
      return try SQLiteProgressStore.openToRead(resolvedPath)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }

  /// Opens the store at `path` to read only: nothing is ever written to it, and a store
  /// written by an earlier coach keeps its schema. A failure is printed on standard
  /// error and ends the command.
  static func openToRead(_ path: String) throws -> any ProgressStore {
    let resolved = StoreLocation.resolve(explicit: path, environment: ProcessInfo.processInfo.environment)
    do {
      return try SQLiteProgressStore.snapshot(of: resolved)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }
}
