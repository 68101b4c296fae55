import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite

/// Reopens a store the way coach does and checks it against what children reported.
enum Verification {
  struct Outcome {
    var problems: [String] = []
    var attemptsInStore = 0
    var reportedFound = 0
  }

  /// Opens the store (running recovery), runs `PRAGMA integrity_check` (SQLite), and checks that
  /// every reported answer is stored and that each employee's attempt numbers at each
  /// item run 1, 2, 3… with no gap and no repeat.
  static func check(storePath: String, reported: [String: [ReportedAnswer]], kind: StressStore) async
    -> Outcome
  {
    var outcome = Outcome()
    do {
      let store = try await kind.open(storePath)
      let integrity = try await kind.integrity(store)
      if integrity != ["ok"] {
        outcome.problems.append("integrity_check: \(integrity.prefix(5).joined(separator: "; "))")
      }
      for (employee, answers) in reported {
        let history = try await store.history(of: try EmployeeID(employee), in: ChildWriter.courseID)
        outcome.attemptsInStore += history.attempts.count
        let stored = Set(
          history.attempts.map {
            ReportedAnswer(employee: employee, item: $0.item.itemID, attempt: $0.attempt)
          })
        let missing = answers.filter { !stored.contains($0) }
        outcome.reportedFound += answers.count - missing.count
        if let first = missing.first {
          outcome.problems.append(
            "\(missing.count) answer(s) reported saved are missing, first: \(employee) \(first.item) #\(first.attempt)"
          )
        }
        let byItem = Dictionary(grouping: history.attempts, by: \.item.itemID)
        for (item, attempts) in byItem where attempts.map(\.attempt).sorted() != Array(1...attempts.count) {
          outcome.problems.append(
            "\(employee) \(item): attempt numbers \(attempts.map(\.attempt).sorted()) are not 1...\(attempts.count)"
          )
        }
      }
      if let postgres = store as? PostgresProgressStore { await postgres.close() }
    } catch {
      outcome.problems.append("reopening the store failed: \(error)")
    }
    return outcome
  }
}
