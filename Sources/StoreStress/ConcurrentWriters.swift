import Foundation
import LearnerModel
import ProgressStorePostgres
import ProgressStoreSQLite

/// Part (b): many processes start at once against one store that does not exist yet (a
/// PostgreSQL database with no tables yet),
/// each recording answers one transaction each. Two processes share each employee, so
/// attempt numbering is checked across processes too.
struct ConcurrentWriters {
  let options: StressOptions
  let scratch: Scratch

  func run(into tally: inout Tally) async {
    let output = scratch.folder("writers-out")
    var children: [(name: String, child: Child)] = []
    let storePath: String
    do {
      storePath = try await options.store.fresh("writers", scratch: scratch)
      for i in 0..<options.writers {
        let employee = "w\(i / 2)"
        let child = try Child(
          arguments: ChildWriter.arguments(
            store: storePath, employee: employee, answers: options.answers,
            durability: options.store.durability),
          outputIn: output, name: "writer-\(i)")
        children.append((employee, child))
      }
    } catch {
      tally.check(false, "starting writers: \(error)")
      return
    }
    let started = Date()
    for (_, child) in children {
      do { try child.start() } catch { tally.check(false, "starting a writer: \(error)") }
    }
    for (_, child) in children { child.wait() }
    let elapsed = Date().timeIntervalSince(started)

    var reported: [String: [ReportedAnswer]] = [:]
    var errors = 0
    for (i, (employee, child)) in children.enumerated() {
      let answers = ReportedAnswer.parse(child.output)
      reported[employee, default: []] += answers
      let ok =
        child.process.terminationStatus == 0 && child.errors.isEmpty && answers.count == options.answers
      if !ok { errors += 1 }
      tally.check(
        ok,
        "writer \(i): exit \(child.process.terminationStatus), \(answers.count)/\(options.answers) answers, "
          + "stderr: \(child.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    let outcome = await Verification.check(storePath: storePath, reported: reported, kind: options.store)
    let expected = options.writers * options.answers
    let rows = await Self.attemptRows(storePath, kind: options.store)
    tally.check(outcome.problems.isEmpty, "writers: \(outcome.problems.joined(separator: "; "))")
    tally.check(rows == expected, "writers: \(rows) attempt rows in the store, expected \(expected)")
    print(
      """
      concurrent writers: \(options.writers) processes x \(options.answers) answers in \
      \(String(format: "%.2f", elapsed)) s = \(String(format: "%.0f", Double(rows) / elapsed)) answers/s; \
      \(rows) rows (expected \(expected)); \(outcome.reportedFound) reported answers found; \(errors) errors
      """)
  }

  /// The attempt rows in the store, or -1 when it cannot be read.
  private static func attemptRows(_ path: String, kind: StressStore) async -> Int {
    guard let store = try? await kind.open(path) else { return -1 }
    let rows = (try? await store.rowCounts()["drillAttempt"]) ?? -1
    if let postgres = store as? PostgresProgressStore { await postgres.close() }
    return rows
  }
}
