import Foundation
import LearnerModel

/// A store implementation under test: how to make an empty one, and what it offers
/// beyond the protocol for the checks that need it.
public protocol StoreSubject: Sendable {
  /// A name for test output: "SQLite file", "in memory".
  var name: String { get }
  /// A new, empty store (each check gets its own).
  func makeStore() async throws -> any ProgressStore
  /// The same store opened again from where it lives, as another process would open it;
  /// `nil` for a store that lives only in this process.
  func reopen(_ store: any ProgressStore) async throws -> (any ProgressStore)?
  /// Tries to change, then to delete, the stored drill attempts with the database's own
  /// statements, around the protocol; returns whether each attempt was refused. `nil` for
  /// a store that has no statements to try (in memory).
  func tryToAlterAttempts(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )?
  /// As ``tryToAlterAttempts(in:)``, for the stored drill passes.
  func tryToAlterPasses(in store: any ProgressStore) async throws -> (
    updateRefused: Bool, deleteRefused: Bool
  )?
  /// The columns of the table that keeps belief responses; `nil` for a store without tables.
  func beliefColumns(in store: any ProgressStore) async throws -> [String]?
}

/// What a check needs of a subject beyond the protocol.
public enum SubjectFeature: Sendable, Hashable {
  case reopen, rawStatements, tables
}

/// One check of the conformance suite.
public struct ConformanceCheck: Sendable, CustomStringConvertible {
  public let name: String
  /// What the subject must offer for the check to apply.
  public let needs: Set<SubjectFeature>
  let body: @Sendable (any StoreSubject, any ProgressStore) async throws -> Void

  init(
    _ name: String, needs: Set<SubjectFeature> = [],
    _ body: @escaping @Sendable (any StoreSubject, any ProgressStore) async throws -> Void
  ) {
    self.name = name
    self.needs = needs
    self.body = body
  }

  public var description: String { name }

  /// Runs the check on a new store of `subject`.
  /// - Throws: ``ConformanceFailure`` naming what did not hold, or the store's error.
  public func run(on subject: any StoreSubject) async throws {
    try await body(subject, try await subject.makeStore())
  }
}

/// A promise of the protocol that a store did not keep.
public struct ConformanceFailure: Error, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var description: String {
    "conformance check failed (StoreConformance.swift line \(line)): \(message)"
  }
}

/// The store conformance suite: what every ``ProgressStore`` promises, checked the same
/// way for each implementation. A store's test target runs it as a parameterised test:
///
///     @Test(arguments: StoreConformance.checks(for: MySubject()))
///     func conformance(check: ConformanceCheck) async throws {
///       try await check.run(on: MySubject())
///     }
public enum StoreConformance {
  /// The checks that apply to a subject with `features`.
  public static func checks(offering features: Set<SubjectFeature>) -> [ConformanceCheck] {
    all.filter { $0.needs.isSubset(of: features) }
  }

  static func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
    if !condition { throw ConformanceFailure(message: message(), line: line) }
  }

  static func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ what: String, line: Int = #line) throws
  {
    if actual != expected {
      throw ConformanceFailure(message: "\(what): got \(actual), expected \(expected)", line: line)
    }
  }
}
