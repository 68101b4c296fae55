import Foundation
import LearnerModel

extension Make {
  static func sealed(_ byte: UInt8, count: Int = 73) -> SealedText {
    SealedText(bytes: Data(repeating: byte, count: count))
  }

  static func wrappedKey(_ employee: String, id: String = "00112233aabbccdd") -> WrappedKey {
    WrappedKey(
      employee: Make.id(employee), keyID: id, method: "scrypt+chachapoly-v1", parameters: "ln=17,r=8,p=1",
      salt: Data((0..<16).map { UInt8($0) }), wrapped: Data((0..<60).map { UInt8(255 - $0) }), created: time)
  }

  static func lease(
    _ employee: String, _ session: String, host: String = "lab-1", minutes: Double = 0, lasting: Double = 2
  ) -> SessionLease {
    let now = time.addingTimeInterval(minutes * 60)
    return SessionLease(
      employee: id(employee), sessionID: session, host: host, process: 4242, started: time, renewed: now,
      expires: now.addingTimeInterval(lasting * 60))
  }

  static func reflection(_ employee: String, _ item: String, _ answer: BeliefAnswer, shared: Bool = false)
    -> BeliefResponse
  {
    BeliefResponse(
      employee: id(employee), item: Make.item(item), kind: .reflect, itemHash: "h", answer: answer,
      shared: shared, sessionID: "s", at: time)
  }
}

extension StoreConformance {
  /// Sealed text, wrapped keys, resetting an employee, and rewriting old private text.
  static let privateText: [ConformanceCheck] = [
    ConformanceCheck("sealed answers and sealed drafts are kept byte for byte") { _, store in
      try await Make.employees("ada", in: store)
      let answer = Make.reflection("ada", "r1", .sealed(Make.sealed(0x01)))
      try await store.recordBelief(
        answer, bookmark: Make.bookmark("ada", .sealedDraft(item: "r2", Make.sealed(0xFE, count: 137))))
      var history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.beliefs, [answer], "the sealed answer")
      try expectEqual(
        history.bookmark?.position, .sealedDraft(item: "r2", Make.sealed(0xFE, count: 137)),
        "the sealed draft")
      try await store.saveBookmark(
        Make.bookmark("ada", .sealedShare(item: "r2", Make.sealed(0x00, count: 9))))
      history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(
        history.bookmark?.position, .sealedShare(item: "r2", Make.sealed(0x00, count: 9)), "the sealed share")
      try expectEqual(history.unreadable, [], "nothing unreadable")
    },
    ConformanceCheck("a wrapped key is kept as given, once per employee") { _, store in
      try await Make.employees("ada", "bob", in: store)
      try expectEqual(try await store.wrappedKey(of: Make.id("ada")), nil, "no key yet")
      let key = Make.wrappedKey("ada")
      try await store.saveWrappedKey(key)
      try expectEqual(try await store.wrappedKey(of: Make.id("ada")), key, "the key read back")
      try expectEqual(try await store.wrappedKey(of: Make.id("bob")), nil, "bob has none")
      do {
        try await store.saveWrappedKey(Make.wrappedKey("ada", id: "ffffffffffffffff"))
        throw ConformanceFailure(message: "a second key was accepted", line: #line)
      } catch let error as ProgressStoreError {
        guard case .refused = error else { throw error }
      }
      try expectEqual(try await store.wrappedKey(of: Make.id("ada")), key, "the first key stays")
      do {
        try await store.saveWrappedKey(Make.wrappedKey("ghost"))
        throw ConformanceFailure(message: "a key of an unknown employee was accepted", line: #line)
      } catch let error as ProgressStoreError {
        guard case .refused = error else { throw error }
      }
    },
    ConformanceCheck("resetting an employee forgets their key and drafts and keeps every other record") {
      _, store in
      try await Make.employees("ada", "bob", in: store)
      try await store.saveWrappedKey(Make.wrappedKey("ada"))
      try await store.saveWrappedKey(Make.wrappedKey("bob"))
      let attempt = try await store.recordAttempt(
        Make.attempt("ada", "q1"), pass: Make.pass("ada"), bookmark: nil)
      let review = try await store.recordAttempt(Make.attempt("ada", "q1", context: .review), bookmark: nil)
      let point = BeliefResponse(
        employee: Make.id("ada"), item: Make.item("b1"), kind: .agree, itemHash: "h", answer: .point(4),
        sessionID: "s", at: Make.time)
      let sealed = Make.reflection("ada", "r1", .sealed(Make.sealed(7)))
      try await store.recordBelief(point, bookmark: nil)
      try await store.recordBelief(sealed, bookmark: nil)
      let signature = CreedSignature(
        employee: Make.id("ada"), courseID: Make.course, moduleID: "m", sectionID: "creed", creedHash: "c",
        name: "Ada", sessionID: "s", at: Make.time)
      try await store.recordSignature(
        signature, bookmark: Make.bookmark("ada", .sealedDraft(item: "r2", Make.sealed(3))))
      try await store.saveBookmark(
        Make.bookmark("ada", .share(item: "r3", text: "old plain"), course: "other"))
      try await store.saveBookmark(Make.bookmark("bob", .sealedDraft(item: "r2", Make.sealed(4))))
      _ = try await store.claimSession(Make.lease("ada", "s1"), takingOver: nil)

      try expect(try await store.resetEmployee(Make.id("ada")), "ada had a key")
      try expectEqual(try await store.wrappedKey(of: Make.id("ada")), nil, "ada's key is gone")
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(history.attempts, [attempt, review], "attempts, review answers and scores stay")
      try expectEqual(history.passes.map(\.drillHash), ["d1"], "drill passes stay")
      try expectEqual(history.beliefs, [point, sealed], "points and sealed answers stay")
      try expectEqual(history.signatures, [signature], "signatures stay")
      try expectEqual(history.bookmark?.position, .item("r2"), "the draft is the item again")
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: "other").bookmark?.position, .item("r3"),
        "a plain pending share too")
      try expectEqual(
        try await store.claimSession(Make.lease("ada", "s2"), takingOver: nil), .claimed, "the lease ended")
      try expect(try await store.wrappedKey(of: Make.id("bob")) != nil, "bob keeps his key")
      try expectEqual(
        try await store.history(of: Make.id("bob"), in: Make.course).bookmark?.position,
        .sealedDraft(item: "r2", Make.sealed(4)), "bob keeps his draft")
      try expect(!(try await store.resetEmployee(Make.id("ada"))), "no key the second time")
    },
    ConformanceCheck("old private text is rewritten once, and nothing else") { _, store in
      try await Make.employees("ada", "bob", in: store)
      let plain = Make.reflection("ada", "r1", .text("my manager is unkind"))
      let shared = Make.reflection("ada", "r2", .text("shared with the trainer"), shared: true)
      let point = BeliefResponse(
        employee: Make.id("ada"), item: Make.item("b1"), kind: .agree, itemHash: "h", answer: .point(2),
        sessionID: "s", at: Make.time)
      let already = Make.reflection("ada", "r3", .sealed(Make.sealed(9)))
      let bobs = Make.reflection("bob", "r1", .text("bob's own words"))
      for response in [plain, shared, point, already, bobs] {
        try await store.recordBelief(response, bookmark: nil)
      }
      try await store.saveBookmark(Make.bookmark("ada", .draft(item: "r4", text: "half a thought")))
      try await store.saveBookmark(Make.bookmark("ada", .lesson(PagePosition(block: 2)), course: "other"))
      let rewrite = PrivateTextRewrite(
        belief: { response in
          guard case .text(let text) = response.answer else { return nil }
          return .sealed(SealedText(bytes: Data(text.utf8.reversed())))
        },
        bookmark: { bookmark in
          guard case .draft(let item, _) = bookmark.position else { return nil }
          return .sealedDraft(item: item, Make.sealed(1))
        })
      try expectEqual(try await store.rewritePrivateText(of: Make.id("ada"), rewrite), 2, "records changed")
      let history = try await store.history(of: Make.id("ada"), in: Make.course)
      var expected = plain
      expected.answer = .sealed(SealedText(bytes: Data("my manager is unkind".utf8.reversed())))
      try expectEqual(history.beliefs, [expected, shared, point, already], "only the private text changed")
      try expectEqual(history.bookmark?.position, .sealedDraft(item: "r4", Make.sealed(1)), "the draft")
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: "other").bookmark?.position,
        .lesson(PagePosition(block: 2)), "a bookmark without text")
      try expectEqual(
        try await store.history(of: Make.id("bob"), in: Make.course).beliefs, [bobs], "bob's text is his")
      try expectEqual(
        try await store.rewritePrivateText(of: Make.id("ada"), rewrite), 0, "nothing the second time")
    },
  ]

  /// One session per employee: claiming, renewing, releasing, and guarded writes.
  static let sessions: [ConformanceCheck] = [
    ConformanceCheck("a session lease is claimed by one session at a time, per employee") { _, store in
      try await Make.employees("ada", "bob", in: store)
      let first = Make.lease("ada", "s1")
      try expectEqual(try await store.claimSession(first, takingOver: nil), .claimed, "the first claim")
      try expectEqual(
        try await store.claimSession(first, takingOver: nil), .claimed, "claimed again by itself")
      try expectEqual(
        try await store.claimSession(Make.lease("ada", "s2", host: "lab-2", minutes: 1), takingOver: nil),
        .heldBy(first), "a second session is told who holds it")
      try expectEqual(
        try await store.claimSession(Make.lease("bob", "s3"), takingOver: nil), .claimed, "bob's own lease")
      let second = Make.lease("ada", "s2", host: "lab-2", minutes: 1)
      try expectEqual(try await store.claimSession(second, takingOver: "s1"), .claimed, "taking over")
      try expectEqual(
        try await store.claimSession(first, takingOver: nil), .heldBy(second),
        "the first is told the second has it")
      let late = Make.lease("ada", "s4", minutes: 4)
      try expectEqual(try await store.claimSession(late, takingOver: nil), .claimed, "a lapsed lease")
      do {
        _ = try await store.claimSession(Make.lease("ghost", "s5"), takingOver: nil)
        throw ConformanceFailure(message: "a lease of an unknown employee was claimed", line: #line)
      } catch let error as ProgressStoreError {
        guard case .refused = error else { throw error }
      }
    },
    ConformanceCheck("a lease is renewed by its session only, and released by it only") { _, store in
      try await Make.employees("ada", in: store)
      let first = Make.lease("ada", "s1")
      _ = try await store.claimSession(first, takingOver: nil)
      let renewed = Make.lease("ada", "s1", minutes: 1.5)
      try await store.renewSession(renewed)
      try expectEqual(
        try await store.claimSession(Make.lease("ada", "s2", minutes: 3), takingOver: nil), .heldBy(renewed),
        "the renewal kept it from lapsing")
      try await store.releaseSession(Make.lease("ada", "s2"))
      try expectEqual(
        try await store.claimSession(Make.lease("ada", "s2", minutes: 3), takingOver: nil), .heldBy(renewed),
        "another session cannot release it")
      try await store.releaseSession(first)
      let second = Make.lease("ada", "s2", minutes: 3)
      try expectEqual(try await store.claimSession(second, takingOver: nil), .claimed, "released")
      do {
        try await store.renewSession(renewed)
        throw ConformanceFailure(message: "a lease held by another session was renewed", line: #line)
      } catch ProgressStoreError.sessionTaken(_, let holder) {
        try expectEqual(holder, second, "the session that holds it")
      }
    },
    ConformanceCheck("once taken over, a session's every write is refused and records nothing") { _, store in
      try await Make.employees("ada", in: store)
      let first = Make.lease("ada", "s1")
      _ = try await store.claimSession(first, takingOver: nil)
      let old = store.guarded(by: first)
      let kept = try await old.recordAttempt(
        Make.attempt("ada", "q1"), bookmark: Make.bookmark("ada", .drillResult))
      let second = Make.lease("ada", "s2", minutes: 1)
      try expectEqual(try await store.claimSession(second, takingOver: "s1"), .claimed, "taken over")
      let before = try await store.history(of: Make.id("ada"), in: Make.course)
      let belief = Make.reflection("ada", "r1", .point(3))
      let writes: [(String, () async throws -> Void)] = [
        ("an attempt", { _ = try await old.recordAttempt(Make.attempt("ada", "q2"), bookmark: nil) }),
        (
          "an attempt with its drill pass",
          {
            _ = try await old.recordAttempt(Make.attempt("ada", "q3"), pass: Make.pass("ada"), bookmark: nil)
          }
        ),
        (
          "a review answer",
          { _ = try await old.recordAttempt(Make.attempt("ada", "q1", context: .review), bookmark: nil) }
        ),
        ("a belief", { try await old.recordBelief(belief, bookmark: nil) }),
        ("a bookmark", { try await old.saveBookmark(Make.bookmark("ada", .end)) }),
        (
          "a page read",
          {
            try await old.recordPageRead(
              PageRead(
                employee: Make.id("ada"), courseID: Make.course, moduleID: "m", page: .overview,
                sessionID: "s1", at: Make.time), bookmark: nil)
          }
        ),
        ("an enrolment", { _ = try await old.enrol(Make.id("ada"), in: "another", at: Make.time) }),
        (
          "a completion",
          { try await old.completeEnrolment(Make.id("ada"), in: Make.course, passed: true, at: Make.time) }
        ),
        (
          "the employee",
          { try await old.saveEmployee(Employee(id: Make.id("ada"), name: "Not Ada", created: Make.time)) }
        ),
      ]
      for (what, write) in writes {
        do {
          try await write()
          throw ConformanceFailure(
            message: "\(what) was recorded by a session that was taken over", line: #line)
        } catch ProgressStoreError.sessionTaken(_, let holder) {
          try expectEqual(holder, second, "\(what): the session named")
        }
      }
      let after = try await store.history(of: Make.id("ada"), in: Make.course)
      try expectEqual(after, before, "nothing was recorded")
      try expectEqual(after.attempts, [kept], "the answer before the take-over stays")
      try expectEqual(try await store.enrolments(of: Make.id("ada")).count, 0, "no enrolment")
      try expectEqual(try await store.employee(id: Make.id("ada"))?.name, "Ada", "the employee unchanged")
      try expectEqual(
        try await old.history(of: Make.id("ada"), in: Make.course), after, "reading still works")
      _ = try await store.guarded(by: second).recordAttempt(Make.attempt("ada", "q2"), bookmark: nil)
      try expectEqual(
        try await store.history(of: Make.id("ada"), in: Make.course).attempts.count, 2,
        "the new session records")
    },
  ]
}
