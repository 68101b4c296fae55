import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain connection to an SQLite file, without the store's migrations or checks: for
/// tests that build old stores or break stores on purpose (through `@testable import`),
/// so that no test needs GRDB itself.
final class RawDatabase {
  private let queue: DatabaseQueue

  /// Opens (or creates) the file. With `unsafeTransactions`, a `BEGIN` may stay open
  /// between calls (to hold the write lock).
  /// A new file is made with mode 0600, as coach makes its stores, so that the store
  /// opens it without refusing it as readable by others.
  init(path: String, unsafeTransactions: Bool = false) throws {
    if path != ":memory:" {
      let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
      if fd >= 0 { closeDescriptor(fd) }
    }
    var config = Configuration()
    config.allowsUnsafeTransactions = unsafeTransactions
    queue = try DatabaseQueue(path: path, configuration: config)
  }

  func execute(_ sql: String) throws {
    try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
  }

  func strings(_ sql: String) throws -> [String] {
    try queue.read { try String.fetchAll($0, sql: sql) }
  }

  /// Runs the store's migrations up to and including `last`, as an older coach did.
  func migrate(upTo last: String) throws {
    try SQLiteProgressStore.migrator.migrate(queue, upTo: last)
  }

  func close() throws { try queue.close() }
}

extension SQLiteProgressStore {
  /// Runs raw SQL on the store's writer connection, for tests that break things on purpose.
  func execute(_ sql: String) async throws {
    try await writer.writeWithoutTransaction { try $0.execute(sql: sql) }
  }

  /// The strings a query returns, read on the writer connection (where per-connection
  /// settings such as `PRAGMA synchronous` live).
  func strings(_ sql: String) async throws -> [String] {
    try await writer.writeWithoutTransaction { try String.fetchAll($0, sql: sql) }
  }
}

/// `close(2)`, out of reach of the class's own `close()`.
private func closeDescriptor(_ fd: Int32) {
  _ = close(fd)
}
