import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  /// Runs raw SQL statements (separated by `;` at the ends of lines) on one of the store's
  /// connections, around the protocol: for tests that break things on purpose (through
  /// `@testable import`) and for tools.
  func execute(_ sql: String) async throws {
    try await withConnection { c in
      for statement in sql.components(separatedBy: ";\n")
      where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        try await c.query(PostgresQuery(unsafeSQL: statement), logger: Connector.logger)
      }
    }
  }

  /// The first column of every row a query returns, as text (`NULL` as an empty string).
  func strings(_ sql: String) async throws -> [String] {
    try await withConnection { c in
      try await Self.rows(Statement("SELECT q.value::text FROM (\(sql)) AS q(value)"), on: c) { row in
        try row.decode(String?.self) ?? ""
      }
    }
  }
}
