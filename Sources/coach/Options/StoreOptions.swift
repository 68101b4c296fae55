import ArgumentParser
import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite

/// `--store PATH|URL` and `--shared-store`: where progress is kept, and whether other
/// people use that store too. The only place that picks and opens a store.
///
/// A `postgres://` (or `postgresql://`) URL is a PostgreSQL database, which is shared by
/// nature (the file checks of an SQLite store do not apply to it); anything else is the
/// path of an SQLite file, which stays the default.
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

  @Flag(
    name: .customLong("shared-store"),
    help: ArgumentHelp(
      "The store is shared on purpose (a training room's host): it may belong to another user and be "
        + "read and written by its group. Also set by COACH_SHARED_STORE=1. See docs/security.md."))
  var sharedOnPurpose = false

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

  /// Whether the store is declared shared: `--shared-store` or `COACH_SHARED_STORE=1`. A
  /// PostgreSQL store is always shared: everyone's answers are in it.
  var sharing: SQLiteProgressStore.Sharing {
    Self.isURL(resolvedPath) || sharedOnPurpose || Self.sharedByEnvironment ? .shared : .privateFile
  }

  /// `COACH_SHARED_STORE=1`: the store is shared on purpose, for commands without the flag.
  static var sharedByEnvironment: Bool { ProcessInfo.processInfo.environment["COACH_SHARED_STORE"] == "1" }

  /// Opens the store; a failure is printed on standard error (one line that says why)
  /// and ends the command.
  ///
  /// Opened to read only, an SQLite store written by an earlier coach is read through a
  /// copy in memory brought up to date there (``SQLiteProgressStore/snapshot(of:sharing:)``):
  /// its file keeps its schema and every byte. A PostgreSQL store opened to read only is
  /// never migrated or written (one a migration short is refused, naming `coach store init`).
  func open(_ access: SQLiteProgressStore.Access = .readWrite) async throws -> any ProgressStore {
    let path = resolvedPath
    if let problem = StoreLocation.unsupported(path) {
      printError("coach: \(problem)")
      throw ExitCode.failure
    }
    do {
      if Self.isURL(path) {
        if access == .readOnly { return try await PostgresProgressStore(readingOnly: path) }
        return try await PostgresProgressStore(url: path)
      }
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

  /// Opens the store a path or URL names, to copy it: PostgreSQL for a `postgres://` URL,
  /// else SQLite.
  static func open(_ pathOrURL: String) async throws(ProgressStoreError) -> any CopyableProgressStore {
    if PostgresLocation.isURL(pathOrURL) { return try await PostgresProgressStore(url: pathOrURL) }
    return try SQLiteProgressStore(path: pathOrURL, sharing: sharedByEnvironment ? .shared : .privateFile)
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

  /// Opens the store to read it for a report: in place and read-only (an SQLite store
  /// written by an earlier coach is read from a copy brought up to date in memory), never
  /// written. A failure is printed on standard error and ends the command.
  func openToReport() async throws -> any ProgressStore {
    try await Self.openToRead(resolvedPath, sharing: sharing, inPlace: true)
  }

  /// Opens the store at `path` (a file or a PostgreSQL URL; empty: `$COACH_STORE` and the
  /// XDG rules) to read only (`coach check --store`, `coach export xapi`, `coach
  /// certificate`): nothing is ever written to it, a store written by an earlier coach
  /// keeps its schema (a PostgreSQL database whose schema is not this coach's is refused,
  /// naming `coach store init`), and a file is checked as every store is (shared on
  /// purpose when `sharing` says so, else by `COACH_SHARED_STORE=1`). Sealed text stays
  /// sealed: no key is opened. A failure is printed on standard error and ends the command.
  static func openToRead(
    _ path: String, sharing: SQLiteProgressStore.Sharing? = nil, inPlace: Bool = false
  ) async throws -> any ProgressStore {
    let resolved = resolve(path)
    if let problem = StoreLocation.unsupported(resolved) {
      printError("coach: \(problem)")
      throw ExitCode.failure
    }
    do {
      if PostgresLocation.isURL(resolved) { return try await PostgresProgressStore(readingOnly: resolved) }
      let sharing = sharing ?? (sharedByEnvironment ? .shared : .privateFile)
      if inPlace { return try SQLiteProgressStore.openToRead(resolved, sharing: sharing) }
      return try SQLiteProgressStore.snapshot(of: resolved, sharing: sharing)
    } catch {
      printError("coach: \(error.description)")
      throw ExitCode.failure
    }
  }
}
