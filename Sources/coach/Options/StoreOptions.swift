import ArgumentParser
import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite

/// `--store PATH|URL`: where progress is kept. The only place that picks a store.
///
/// A `postgres://` (or `postgresql://`) URL is a PostgreSQL database; anything else is
/// the path of an SQLite file, which stays the default.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The progress store: an SQLite file, or a PostgreSQL URL postgres://user@host:port/dbname?sslmode=require.",
      discussion: "Default: $COACH_STORE, else $XDG_DATA_HOME/coach/progress.sqlite, "
        + "else ~/.local/share/coach/progress.sqlite. A PostgreSQL password comes from $PGPASSWORD or "
        + "~/.pgpass, never from the URL.",
      valueName: "path|url"))
  var path: String?

  /// The path or URL the store lives at, after `$COACH_STORE` and the XDG rules.
  var resolvedPath: String { Self.resolve(path) }

  /// The path or URL a `--store` value names, after `$COACH_STORE` and the XDG rules.
  static func resolve(_ path: String?) -> String {
    let environment = ProcessInfo.processInfo.environment
    let given = path.flatMap { $0.isEmpty ? nil : $0 } ?? environment["COACH_STORE"]
    if let given, PostgresLocation.isURL(given) { return given }
    return StoreLocation.resolve(explicit: path, environment: environment)
  }

  /// How messages name the store: the file's path, or the URL without any password.
  var shownName: String { Self.shownName(resolvedPath) }

  /// Opens the store; a failure is printed on standard error and ends the command.
  func open() async throws -> any ProgressStore {
    do {
      return try await Self.open(resolvedPath)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }

  /// Opens the store a path or URL names: PostgreSQL for a `postgres://` URL, else SQLite.
  static func open(_ pathOrURL: String) async throws(ProgressStoreError) -> any CopyableProgressStore {
    if PostgresLocation.isURL(pathOrURL) { return try await PostgresProgressStore(url: pathOrURL) }
    return try SQLiteProgressStore(path: pathOrURL)
  }

  /// Whether a store's name is a PostgreSQL URL rather than a file's path.
  static func isURL(_ pathOrURL: String) -> Bool { PostgresLocation.isURL(pathOrURL) }

  /// A path or URL as messages show it (a URL without its password or parameters).
  static func shownName(_ pathOrURL: String) -> String {
    guard PostgresLocation.isURL(pathOrURL) else { return pathOrURL }
    return (try? PostgresLocation(url: pathOrURL, environment: ProcessInfo.processInfo.environment))?
      .description
      ?? "the PostgreSQL store"
  }

  /// Makes a PostgreSQL database ready for coach: `coach store init`.
  static func initialise(_ url: String, trainerRole: String, learnerRole: String)
    async throws(ProgressStoreError)
    -> (name: String, created: Bool, roles: (String, String))
  {
    let environment = ProcessInfo.processInfo.environment
    let location = try PostgresLocation(url: url, environment: environment)
    let roles = PostgresProgressStore.Roles(trainer: trainerRole, learner: learnerRole)
    let (store, created) = try await PostgresProgressStore.initialise(
      location, roles: roles, environment: environment)
    await store.close()
    return (store.name, created, (roles.trainer, roles.learner))
  }

  /// Opens the store at `path` (a file or a PostgreSQL URL; empty: `$COACH_STORE` and the
  /// XDG rules) to read only: nothing is ever written to it, and a store written by an
  /// earlier coach keeps its schema (a PostgreSQL database whose schema is not this
  /// coach's is refused, naming `coach store init`). A failure is printed on standard
  /// error and ends the command.
  static func openToRead(_ path: String) async throws -> any ProgressStore {
    let resolved = resolve(path)
    do {
      if PostgresLocation.isURL(resolved) { return try await PostgresProgressStore(readingOnly: resolved) }
      return try SQLiteProgressStore.snapshot(of: resolved)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }
}
