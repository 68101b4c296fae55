import Foundation
import LearnerModel
import Testing

@testable import ProgressStoreSQLite

/// A dozen learners finish a course at the same time into one store file, each through
/// its own store value (its own connections, as separate coach processes would have).
@Suite struct ConcurrencyTests {
  static let learners = 12
  static let items = 25

  @Test func aDozenLearnersFinishingAtOnceAllEndWithTheRightProgress() async throws {
    let folder = try TemporaryFolder()
    let path = folder.path("team/progress.sqlite")
    _ = try SQLiteProgressStore(path: path)

    try await withThrowingTaskGroup(of: Void.self) { group in
      for n in 0..<Self.learners {
        group.addTask { try await Self.takeCourse(learner: n, storePath: path) }
      }
      try await group.waitForAll()
    }

    let store = try SQLiteProgressStore(path: path)
    #expect(try await store.integrityCheck() == ["ok"])
    let scope = ReportScope(
      courseID: Make.course,
      questions: (0..<Self.items).map {
        ScopeQuestion(itemID: "q\($0)", moduleID: "m1", sectionID: "s1", keyHash: "k", contentHash: "h1")
      })
    let summary = try await store.summary(of: scope)
    #expect(summary.count == Self.learners)
    for (n, row) in summary.enumerated() {
      #expect(row.employee.rawValue == String(format: "learner-%02d", n))
      #expect(row.itemsAnswered == Self.items)
      #expect(row.itemsCorrect == Self.items)
      // Learner n got the first n % 4 items wrong once before getting them right.
      #expect(row.attempts == Self.items + n % 4)
      #expect(row.enrolment?.completed != nil)
      #expect(row.enrolment?.passed == true)
      let history = try await store.history(of: row.employee, in: Make.course)
      #expect(history.beliefs.count == 2)
      #expect(history.signatures.count == 1)
      #expect(history.bookmark?.position == .end)
      let retried = history.attempts.filter { $0.attempt == 2 }
      #expect(retried.count == n % 4)
      #expect(retried.allSatisfy { $0.correct })
    }
  }

  /// One learner's course: enrol, every drill (some retried), two beliefs, the creed, done.
  private static func takeCourse(learner n: Int, storePath: String) async throws {
    let store = try SQLiteProgressStore(path: storePath)
    let id = String(format: "learner-%02d", n)
    try await store.saveEmployee(Employee(id: Make.id(id), name: "Learner \(n)", cohort: "march"))
    _ = try await store.enrol(Make.id(id), in: Make.course, at: Date())
    for item in 0..<items {
      let next = Make.bookmark(id, position: .question(item: "q\(item + 1)", retry: false))
      if item < n % 4 {
        try await store.recordAttempt(
          Make.attempt(id, "q\(item)", score: 0.5, correct: false), bookmark: next)
      }
      try await store.recordAttempt(Make.attempt(id, "q\(item)"), bookmark: next)
    }
    try await store.recordBelief(
      BeliefResponse(
        employee: Make.id(id), item: Make.item("agree-1"), kind: .agree, itemHash: "a", answer: .point(4),
        sessionID: "s"), bookmark: Make.bookmark(id, position: .item("reflect-1")))
    try await store.recordBelief(
      BeliefResponse(
        employee: Make.id(id), item: Make.item("reflect-1"), kind: .reflect, itemHash: "r",
        answer: .text("thoughts of \(id)"), shared: n % 2 == 0, sessionID: "s"),
      bookmark: Make.bookmark(id, position: .signature))
    try await store.recordSignature(
      CreedSignature(
        employee: Make.id(id), courseID: Make.course, moduleID: "m9", sectionID: "creed", creedHash: "c",
        name: "Learner \(n)", sessionID: "s"), bookmark: Make.bookmark(id, position: .end))
    try await store.completeEnrolment(Make.id(id), in: Make.course, passed: true, at: Date())
  }
}

/// Many coach processes opening one new store at the same moment, as a room of learners
/// does on the first morning: every one opens it, and the schema is made once.
@Suite struct NewStoreRaceTests {
  static let openers = 12
  static let rounds = 40

  @Test func aDozenOpenersOfOneNewFileAllSucceedAndTheSchemaIsMadeOnce() async throws {
    let folder = try TemporaryFolder()
    for round in 0..<Self.rounds {
      let path = folder.path("round-\(round)/progress.sqlite")
      let failures = await withTaskGroup(of: String?.self) { group in
        for _ in 0..<Self.openers {
          group.addTask {
            do {
              let store = try SQLiteProgressStore(path: path)
              _ = try await store.integrityCheck()
              return nil
            } catch {
              return String(describing: error)
            }
          }
        }
        var failures: [String] = []
        for await failure in group { if let failure { failures.append(failure) } }
        return failures
      }
      #expect(
        failures.isEmpty,
        "round \(round): \(failures.count) of \(Self.openers) failed: \(failures.first ?? "")")
      let raw = try RawDatabase(path: path)
      #expect(
        try raw.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
          == SQLiteProgressStore.migrator.migrations)
      try raw.close()
    }
  }
}
