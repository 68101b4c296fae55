import CoachTestSupport
import Foundation
import LearnerModel
import Testing

@testable import PrivateText

/// The store boundary: what the store beneath holds, and what the session above reads.
@Suite struct SealedStoreTests {
  let course = "service"
  let time = StoredTime.stored(Date(timeIntervalSince1970: 1_790_000_000))

  func item(_ id: String) -> ItemRef { ItemRef(courseID: course, moduleID: "m", sectionID: "s", itemID: id) }

  func response(_ employee: EmployeeID, _ id: String, _ answer: BeliefAnswer, shared: Bool = false)
    -> BeliefResponse
  {
    BeliefResponse(
      employee: employee, item: item(id), kind: id.hasPrefix("note") ? .statement : .reflect, itemHash: "h",
      answer: answer, shared: shared, sessionID: "s", at: time)
  }

  func bookmark(_ employee: EmployeeID, _ position: Bookmark.Position) -> Bookmark {
    Bookmark(
      employee: employee, courseID: course, moduleID: "m", sectionID: "s", position: position, updated: time)
  }

  func storeWithAda() throws -> (InMemoryProgressStore, EmployeeKey) {
    let base = InMemoryProgressStore()
    try base.saveEmployee(Employee(id: ada, name: "Ada", created: time))
    try base.saveEmployee(Employee(id: bob, name: "Bob", created: time))
    let (key, wrapped) = try EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: time)
    try base.saveWrappedKey(wrapped)
    return (base, key)
  }

  @Test func privateTextIsSealedBelowAndPlainAbove() async throws {
    let (base, key) = try storeWithAda()
    let sealed = SealedStore(base: base, key: key)
    let reflection = response(ada, "story", .text("My manager is bullying me"))
    let note = response(ada, "note-1", .text("I will listen first"))
    let shared = response(ada, "told", .text("I asked for help"), shared: true)
    let point = response(ada, "care", .point(4))
    try await sealed.recordBelief(
      reflection, bookmark: bookmark(ada, .draft(item: "next", text: "half a line")))
    for other in [note, shared, point] { try await sealed.recordBelief(other, bookmark: nil) }

    let below = base.history(of: ada, in: course)
    #expect(below.beliefs.map(\.answer.isSealed) == [true, true, false, false])
    #expect(below.beliefs[2].answer == .text("I asked for help"), "shared text stays readable, marked shared")
    #expect(below.beliefs[2].shared)
    guard case .sealedDraft(let item, _) = below.bookmark?.position else {
      Issue.record("the draft is not sealed: \(String(describing: below.bookmark?.position))")
      return
    }
    #expect(item == "next")

    let above = try await sealed.history(of: ada, in: course)
    #expect(above.beliefs == [reflection, note, shared, point])
    #expect(above.bookmark?.position == .draft(item: "next", text: "half a line"))
    #expect(above.unreadable.isEmpty)

    try await sealed.saveBookmark(bookmark(ada, .share(item: "next", text: "the whole thought")))
    guard case .sealedShare = base.history(of: ada, in: course).bookmark?.position else {
      Issue.record("the pending share is not sealed")
      return
    }
    #expect(
      try await sealed.history(of: ada, in: course).bookmark?.position
        == .share(item: "next", text: "the whole thought"))
  }

  @Test func anotherEmployeeIsRefusedEveryWay() async throws {
    let (base, key) = try storeWithAda()
    let sealed = SealedStore(base: base, key: key, name: "/srv/coach/progress.sqlite")
    await #expect(
      throws: ProgressStoreError.refused(
        store: "/srv/coach/progress.sqlite", detail: "this session is open for ada only, not for bob")
    ) {
      _ = try await sealed.history(of: bob, in: course)
    }
    await #expect(throws: ProgressStoreError.self) {
      try await sealed.recordBelief(response(bob, "story", .text("as bob")), bookmark: nil)
    }
    await #expect(throws: ProgressStoreError.self) { try await sealed.saveBookmark(bookmark(bob, .end)) }
    await #expect(throws: ProgressStoreError.self) {
      _ = try await sealed.recordAttempt(
        DrillAttempt(
          employee: bob, item: item("q"), itemHash: "h", response: "1", score: 1, correct: true,
          sessionID: "s", at: time), bookmark: nil)
    }
    #expect(base.history(of: bob, in: course) == History())
  }

  @Test func textWrittenBeforeSealingIsSealedWhenTheEmployeeFirstOpensIt() async throws {
    let base = InMemoryProgressStore()
    try base.saveEmployee(Employee(id: ada, name: "Ada", created: time))
    try base.saveEmployee(Employee(id: bob, name: "Bob", created: time))
    // As an older coach wrote them: plain text.
    let old = response(ada, "story", .text("written long ago"))
    let bobs = response(bob, "story", .text("bob's, not ada's"))
    try base.recordBelief(old, bookmark: bookmark(ada, .share(item: "other", text: "never sent")))
    try base.recordBelief(bobs, bookmark: nil)
    let (key, _) = try EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: time)

    let (sealed, count) = try await SealedStore.open(base, key: key)
    #expect(count == 2)
    let below = base.history(of: ada, in: course)
    #expect(below.beliefs.map(\.answer.isSealed) == [true])
    #expect(below.bookmark?.position?.holdsPlainText == false)
    #expect(base.history(of: bob, in: course).beliefs == [bobs], "another employee's text is left to them")
    let above = try await sealed.history(of: ada, in: course)
    #expect(above.beliefs == [old])
    #expect(above.bookmark?.position == .share(item: "other", text: "never sent"))
    #expect(try await SealedStore.open(base, key: key).sealedNow == 0)
  }

  @Test func afterAResetOldTextCountsAsAnsweredAndIsNeverShown() async throws {
    let (base, oldKey) = try storeWithAda()
    let before = SealedStore(base: base, key: oldKey)
    try await before.recordBelief(response(ada, "story", .text("sealed under the old key")), bookmark: nil)
    try await before.saveBookmark(bookmark(ada, .draft(item: "next", text: "a draft")))
    #expect(try base.resetEmployee(ada))
    let (newKey, wrapped) = try EmployeeKey.create(
      for: ada, passphrase: "a new start, please", kdf: testKDF, at: time)
    try base.saveWrappedKey(wrapped)
    let history = try await SealedStore(base: base, key: newKey).history(of: ada, in: course)
    #expect(history.beliefs.count == 1)
    #expect(history.beliefs[0].answer.isSealed, "still answered, not readable")
    #expect(history.bookmark?.position == .item("next"))
    #expect(history.unreadable.isEmpty, "text of an earlier key is not damage")
  }

  @Test func sealedTextChangedInTheStoreIsNamedNotShown() async throws {
    let (base, key) = try storeWithAda()
    // Text sealed for another item, then copied onto this one.
    let moved = key.seal("from elsewhere", for: SealContext(.answer, courseID: course, itemID: "elsewhere"))
    try base.recordBelief(response(ada, "story", .sealed(moved)), bookmark: nil)
    let history = try await SealedStore(base: base, key: key).history(of: ada, in: course)
    #expect(history.beliefs[0].answer == .sealed(moved))
    #expect(history.unreadable.count == 1)
    #expect(history.unreadable[0].contains("story"))
  }

  @Test func aGuardedSealedStoreStillSeals() async throws {
    let (base, key) = try storeWithAda()
    let lease = SessionLease(
      employee: ada, sessionID: "s1", host: "h", process: 1, started: time, renewed: time,
      expires: time.addingTimeInterval(90))
    #expect(try base.claimSession(lease, takingOver: nil) == .claimed)
    let guarded = SealedStore(base: base, key: key).guarded(by: lease)
    try await guarded.recordBelief(response(ada, "story", .text("guarded and sealed")), bookmark: nil)
    #expect(base.history(of: ada, in: course).beliefs[0].answer.isSealed)
  }
}

extension BeliefAnswer {
  var isSealed: Bool {
    if case .sealed = self { return true }
    return false
  }
}

/// The lock the learn loop is given: it makes and opens keys, and hands back the sealed view.
@Suite struct PassphraseLockTests {
  @Test func aNewKeyIsKeptWrappedAndOpensOnlyWithItsPassphrase() async throws {
    let base = InMemoryProgressStore()
    try base.saveEmployee(Employee(id: ada, name: "Ada", created: Date()))
    let lock = PassphraseLock(kdf: testKDF)
    #expect(lock.minimumLength == 10)
    #expect(lock.problem(withNewPassphrase: "short", for: ada) != nil)
    let view = try await lock.create(for: ada, passphrase: passphrase, in: base, name: "s", at: Date())
    #expect(view is SealedStore)
    let wrapped = try #require(base.wrappedKey(of: ada))
    #expect(try await lock.open(wrapped, passphrase: "not the one at all", in: base, name: "s") == nil)
    #expect(try await lock.open(wrapped, passphrase: passphrase, in: base, name: "s") is SealedStore)
  }
}
