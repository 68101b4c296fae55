import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  /// Runs raw SQL on one of the store's connections, around the protocol: for tests that
  /// break things on purpose (through `@testable import`) and for tools.
  func execute(_ sql: String) async throws {
    try await withConnection { c in try await c.query(PostgresQuery(unsafeSQL: sql), logger: Connector.logger)
    }
  }

  /// The first column of every row a query returns, as text (`NULL` as an empty string).
  func strings(_ sql: String) async throws -> [String] {
    try await withConnection { c in
      try await Self.rows(Statement("SELECT (q.*)::text FROM (\(sql)) AS q(value)"), on: c) { row in
        try row.decode(String?.self) ?? ""
      }
    }
  }
}
