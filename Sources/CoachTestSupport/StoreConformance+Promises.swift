import Foundation
import LearnerModel

extension StoreConformance {
  /// Durability, ordering, refusals and the shape of what is kept.
  static let promises: [ConformanceCheck] = [
    ConformanceCheck("every record has reached the store when its method returns", needs: [.reopen]) {
      subject, store in
      try await Make.employees("ada", in: store)
      let ada = Make.id("ada")
      _ = try await store.enrol(ada, in: Make.course, version: "v-1", at: Make.time)
      let pass = Make.pass("ada")
      let attempt = try await store.recordAttempt(
        Make.attempt("ada", "q1", key: "k1"), pass: pass,
        bookmark: Make.bookmark("ada", .question(item: "q2", retry: false)))
      let belief = BeliefResponse(
        employee: ada, item: Make.item("b1"), kind: .reflect, itemHash: "h", answer: .text("kept"),
        shared: true, sessionID: "s", at: Make.time)
      try await store.recordBelief(belief, bookmark: nil)
      let signature = CreedSignature(
        employee: ada, courseID: Make.course, moduleID: "m", sectionID: "creed", creedHash: "c", name: "Ada",
        sessionID: "s", at: Make.time)
      try await store.recordSignature(signature, bookmark: nil)
      let page = PageRead(
        employee: ada, courseID: Make.course, moduleID: "m", page: .overview, sessionID: "s", at: Make.time)
      try await store.recordPageRead(page, bookmark: Make.bookmark("ada", .drillResult))
      try await store.completeEnrolment(ada, in: Make.course, passed: true, at: Make.time)
      guard let second = try await subject.reopen(store) else {
        throw ConformanceFailure(message: "\(subject.name) offers reopen but gave no store", line: #line)
      }
      let history = try await second.history(of: ada, in: Make.course)
      try expectEqual(history.attempts, [attempt], "attempts seen by a second opening")
      try expectEqual(history.passes, [pass], "passes seen by a second opening")
      try expectEqual(history.enrolment?.courseVersion, "v-1", "the course version seen by a second opening")
      try expectEqual(history.beliefs, [belief], "beliefs seen by a second opening")
      try expectEqual(history.signatures, [signature], "signatures seen by a second opening")
      try expectEqual(history.pagesRead, [page], "pages seen by a second opening")
      try expectEqual(history.bookmark?.position, .drillResult, "the bookmark seen by a second opening")
      try expectEqual(history.enrolment?.passed, true, "the enrolment seen by a second opening")
      try expectEqual(
        try await second.employee(id: ada)?.name, "Ada", "the employee seen by a second opening")
    },
    ConformanceCheck("records written in the same millisecond keep the order they were written in") {
      _, store in
      try await Make.employees("ada", in: store)
      var attempts: [DrillAttempt] = []
      var beliefs: [BeliefResponse] = []
      for n in 0..<20 {
        attempts.append(
          try await store.recordAttempt(Make.attempt("ada", "q\(n % 3)", response: "\(n)"), bookmark: nil))
        let belief = BeliefResponse(
          employee: Make.id("ada"), item: Make.item("b\(n % 4)"), kind: .agree, itemHash: "h",
          answer: .point(n % 5 + 1), sessionID: "s", at: Make.time)
        try await store.recordBelief(belief, bookmark: nil)
        beliefs.append(belief)
      }
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.attempts.map(\.response), attempts.map(\.response), "attempts in writing order")
      try expectEqual(history.beliefs, beliefs, "beliefs in writing order")
    },
    ConformanceCheck("a record sent again (a retry after a lost connection) is kept once, with its number") {
      _, store in
      try await Make.employees("ada", in: store)
      let ada = Make.id("ada")
      let sent = Make.attempt("ada", "q1", response: "first")
      let pass = Make.pass("ada")
      let first = try await store.recordAttempt(sent, pass: pass, bookmark: nil)
      let next = try await store.recordAttempt(Make.attempt("ada", "q1", response: "second"), bookmark: nil)
      let retried = try await store.recordAttempt(
        sent, pass: pass, bookmark: Make.bookmark("ada", .drillResult))
      try expectEqual(retried, first, "the attempt sent again, as returned")
      // A pass made afresh for the attempt sent again (a new record id) is not kept either.
      try await store.recordAttempt(sent, pass: Make.pass("ada"), bookmark: nil)
      try expectEqual([first.attempt, next.attempt], [1, 2], "the numbers")
      let belief = BeliefResponse(
        employee: ada, item: Make.item("b1"), kind: .reflect, itemHash: "h", answer: .text("once"),
        sessionID: "s", at: Make.time)
      try await store.recordBelief(belief, bookmark: nil)
      try await store.recordBelief(belief, bookmark: nil)
      let signature = CreedSignature(
        employee: ada, courseID: Make.course, moduleID: "m", sectionID: "creed", creedHash: "c", name: "Ada",
        sessionID: "s", at: Make.time)
      try await store.recordSignature(signature, bookmark: nil)
      try await store.recordSignature(signature, bookmark: Make.bookmark("ada", .signature))
      let history = try await store.history(of: ada, in: Make.course)
      try expectEqual(history.attempts, [first, next], "attempts")
      try expectEqual(history.passes, [pass], "the pass, kept once with its attempt")
      try expectEqual(history.beliefs, [belief], "beliefs")
      try expectEqual(history.signatures, [signature], "signatures")
      try expectEqual(history.bookmark?.position, .signature, "the bookmark moved by the retry")
    },
    ConformanceCheck("a record for an unknown employee is refused and moves no bookmark") { _, store in
      try await Make.employees("ada", in: store)
      let ghost = Make.attempt("ghost", "q1")
      do {
        try await store.recordAttempt(ghost, bookmark: Make.bookmark("ghost", .drillResult))
        throw ConformanceFailure(message: "an attempt of an unknown employee was accepted", line: #line)
      } catch let error as ProgressStoreError {
        guard case .refused = error else {
          throw ConformanceFailure(message: "expected refused, got \(error)", line: #line)
        }
      }
      do {
        try await store.saveBookmark(Make.bookmark("ghost", .end))
        throw ConformanceFailure(message: "a bookmark of an unknown employee was accepted", line: #line)
      } catch is ProgressStoreError {}
      try expectEqual(
        try await store.history(of: Make.id("ghost"), in: Make.course), History(), "ghost's history")
    },
    ConformanceCheck("a score outside 0...1 is refused and nothing of it is written") { _, store in
      try await Make.employees("ada", in: store)
      try await store.saveBookmark(Make.bookmark("ada", .overview))
      for score in [-0.1, 1.5, Double.nan, Double.infinity] {
        do {
          try await store.recordAttempt(
            Make.attempt("ada", "q1", score: score), bookmark: Make.bookmark("ada", .drillResult))
          throw ConformanceFailure(message: "the score \(score) was accepted", line: #line)
        } catch let error as ProgressStoreError {
          guard case .refused = error else {
            throw ConformanceFailure(message: "expected refused for \(score), got \(error)", line: #line)
          }
        }
      }
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expect(history.attempts.isEmpty, "no attempt was kept")
      try expectEqual(history.bookmark?.position, .overview, "the bookmark did not move")
    },
    ConformanceCheck("answers recorded at once from many tasks are all kept and numbered 1...n") { _, store in
      try await Make.employees("ada", "bob", in: store)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for n in 0..<40 {
          group.addTask {
            try await store.recordAttempt(
              Make.attempt(n % 2 == 0 ? "ada" : "bob", "q\(n % 4)", response: "\(n)"),
              bookmark: Make.bookmark(n % 2 == 0 ? "ada" : "bob", .question(item: "q\(n % 4)", retry: false)))
          }
        }
        try await group.waitForAll()
      }
      for who in ["ada", "bob"] {
        let attempts = try await store.history(of: Make.id(who), in: Make.course).attempts
        try expectEqual(attempts.count, 20, "\(who)'s attempts")
        for (item, rows) in Dictionary(grouping: attempts, by: \.item.itemID) {
          try expectEqual(rows.map(\.attempt).sorted(), Array(1...rows.count), "\(who) \(item) numbers")
        }
      }
    },
    ConformanceCheck(
      "drill attempts cannot be changed or deleted, even around the protocol", needs: [.rawStatements]
    ) {
      subject, store in
      try await Make.employees("ada", in: store)
      try await store.recordAttempt(Make.attempt("ada", "q1", score: 0, correct: false), bookmark: nil)
      guard let refused = try await subject.tryToAlterAttempts(in: store) else {
        throw ConformanceFailure(message: "\(subject.name) offers raw statements but ran none", line: #line)
      }
      try expect(refused.updateRefused, "an UPDATE of a drill attempt was allowed")
      try expect(refused.deleteRefused, "a DELETE of a drill attempt was allowed")
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: Make.course).attempts.first?.correct, false,
        "unchanged")
    },
    ConformanceCheck("a refused drill pass writes nothing of its attempt and moves no bookmark") { _, store in
      try await Make.employees("ada", in: store)
      try await store.saveBookmark(Make.bookmark("ada", .overview))
      var badScore = Make.pass("ada")
      badScore.score = 1.25
      var badMark = Make.pass("ada")
      badMark.passMark = 0
      for pass in [badScore, badMark] {
        do {
          try await store.recordAttempt(
            Make.attempt("ada", "q1"), pass: pass, bookmark: Make.bookmark("ada", .drillResult))
          throw ConformanceFailure(
            message: "a pass with \(pass.score), \(pass.passMark) was accepted", line: #line)
        } catch let error as ProgressStoreError {
          guard case .refused = error else {
            throw ConformanceFailure(message: "expected refused, got \(error)", line: #line)
          }
        }
      }
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expect(history.attempts.isEmpty && history.passes.isEmpty, "nothing was kept")
      try expectEqual(history.bookmark?.position, .overview, "the bookmark did not move")
    },
    ConformanceCheck(
      "drill passes cannot be changed or deleted, even around the protocol", needs: [.rawStatements]
    ) {
      subject, store in
      try await Make.employees("ada", in: store)
      let pass = Make.pass("ada")
      try await store.recordAttempt(Make.attempt("ada", "q1"), pass: pass, bookmark: nil)
      guard let refused = try await subject.tryToAlterPasses(in: store) else {
        throw ConformanceFailure(message: "\(subject.name) offers raw statements but ran none", line: #line)
      }
      try expect(refused.updateRefused, "an UPDATE of a drill pass was allowed")
      try expect(refused.deleteRefused, "a DELETE of a drill pass was allowed")
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: Make.course).passes, [pass], "unchanged")
    },
    ConformanceCheck("belief responses are kept with no score and no correctness", needs: [.tables]) {
      subject, store in
      guard let columns = try await subject.beliefColumns(in: store) else {
        throw ConformanceFailure(message: "\(subject.name) offers tables but listed none", line: #line)
      }
      try expect(!columns.isEmpty, "the belief table has no columns")
      let scored = columns.filter {
        let name = $0.lowercased()
        return name.contains("score") || name.contains("correct") || name.contains("pass")
      }
      try expect(scored.isEmpty, "the belief table has scoring columns: \(scored)")
    },
  ]
}
