import Foundation
import LearnerModel
import PostgresNIO

/// The store's connections to its server: up to `limit` open at once, reused one after
/// another, each used by one operation at a time.
///
/// Why not the driver's `PostgresClient`? Its pool, in postgres-nio 1.33.2, holds a
/// request for up to 15 seconds while the server cannot be reached, then refuses every
/// request until a retry it spaces out to as much as a minute succeeds, and neither time
/// can be set. A learner would wait in silence and, after the server is back, wait again.
/// This pool makes a new connection when there is none to reuse, so a server that
/// cannot be reached is known within the connect timeout, and one that is back is used at
/// once. Connections the server closed (a restart) are dropped when next taken.
actor ConnectionPool {
  private let connector: Connector
  private let limit: Int
  private var idle: [PostgresConnection] = []
  private var open = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []
  private var closed = false

  init(connector: Connector, limit: Int = 10) {
    self.connector = connector
    self.limit = limit
  }

  /// A connection for one operation; give it back with ``release(_:reusable:)``.
  /// - Parameter fresh: a new connection, not one kept from before.
  func lease(fresh: Bool = false) async throws(ProgressStoreError) -> PostgresConnection {
    while true {
      if closed { throw .cannotWrite(store: connector.location.description, detail: "the store was closed") }
      while !fresh, let connection = idle.popLast() {
        if !connection.isClosed { return connection }
        open -= 1
      }
      if fresh, let spare = idle.popLast() {  // make room for the new one
        open -= 1
        Self.close(spare)
      }
      if open < limit {
        open += 1
        do {
          return try await connector.connect()
        } catch {
          open -= 1
          wakeOne()
          throw error
        }
      }
      await withCheckedContinuation { waiting.append($0) }
    }
  }

  /// Takes a connection back: kept for the next operation when `reusable` (it is outside
  /// any transaction and answered its last statement), closed otherwise.
  func release(_ connection: PostgresConnection, reusable: Bool) {
    if reusable && !closed && !connection.isClosed {
      idle.append(connection)
    } else {
      open -= 1
      Self.close(connection)
    }
    wakeOne()
  }

  /// Closes every connection; operations after this fail.
  func close() async {
    closed = true
    let connections = idle
    idle = []
    open -= connections.count
    for connection in connections { try? await connection.close() }
    for waiter in waiting { waiter.resume() }
    waiting = []
  }

  private func wakeOne() {
    if !waiting.isEmpty { waiting.removeFirst().resume() }
  }

  /// Closes a connection without waiting; the closure keeps it alive until it has closed
  /// (the driver insists a connection is closed before it is freed).
  private static func close(_ connection: PostgresConnection) {
    connection.close().whenComplete { _ in _ = connection }
  }

  deinit {
    for connection in idle { Self.close(connection) }
  }
}
