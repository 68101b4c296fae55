import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite

/// Where the harness makes its stores: new SQLite files in the scratch folder, or new
/// databases on a PostgreSQL server (`--store URL`), dropped when every check passed.
enum StressStore {
  case sqlite(SQLiteProgressStore.Durability)
  /// The server, as a user who may create databases.
  case postgres(PostgresLocation)

  var label: String {
    switch self {
    case .sqlite(let durability): "SQLite, durability \(durability.rawValue)"
    case .postgres(let server): "PostgreSQL at \(server)"
    }
  }

  /// A new store that does not exist yet (a file in a folder not made yet), or a new, empty
  /// database; the path or URL to hand to children.
  func fresh(_ name: String, scratch: Scratch) async throws -> String {
    switch self {
    case .sqlite:
      return scratch.folder(name).appendingPathComponent("new/progress.sqlite").path
    case .postgres(let server):
      let database = "\(server.database)_stress_\(getpid())_\(name.replacingOccurrences(of: "-", with: "_"))"
      try await PostgresServer.dropDatabase(database, on: server)
      try await PostgresServer.createDatabase(database, on: server)
      Self.made.append(database)
      return server.database(database).url
    }
  }

  /// The databases made, to drop.
  nonisolated(unsafe) private static var made: [String] = []

  /// Opens a store the way coach does (running recovery or migrations).
  func open(_ pathOrURL: String) async throws(ProgressStoreError) -> any CopyableProgressStore {
    switch self {
    case .sqlite(let durability): try SQLiteProgressStore(path: pathOrURL, durability: durability)
    case .postgres: try await PostgresProgressStore(url: pathOrURL)
    }
  }

  /// Checks a reopened store's own consistency: SQLite's integrity check; for PostgreSQL
  /// the server keeps its pages, and the constraints are checked on every write.
  func integrity(_ store: any CopyableProgressStore) async throws -> [String] {
    if let sqlite = store as? SQLiteProgressStore { return try await sqlite.integrityCheck() }
    return ["ok"]
  }

  /// Drops the databases made (after a run whose checks all passed).
  func remove() async {
    guard case .postgres(let server) = self else { return }
    for database in Self.made { try? await PostgresServer.dropDatabase(database, on: server) }
    Self.made = []
  }

  /// The child's arguments: the store and how durable SQLite is (ignored for PostgreSQL).
  var durability: SQLiteProgressStore.Durability {
    if case .sqlite(let durability) = self { return durability }
    return .full
  }

  /// Reads a child's store argument: a PostgreSQL URL or an SQLite path.
  static func child(_ pathOrURL: String, durability: SQLiteProgressStore.Durability) -> StressStore {
    if PostgresLocation.isURL(pathOrURL),
      let location = try? PostgresLocation(url: pathOrURL, environment: [:])
    {
      return .postgres(location)
    }
    return .sqlite(durability)
  }
}
