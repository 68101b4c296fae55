import CoachTestSupport
import CourseModel
import Foundation
import LearnerModel
import PrivateText
import Testing

@testable import Terminal

/// The passphrase before anything is shown, and one session per employee.
@Suite struct RunnerSessionTests {
  /// The belief section of the first module only: agree, rate, reflect, rank.
  static let course: Course = {
    var course = Fixture.course()
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    return course
  }()

  let id = Fixture.employee().id

  /// A store where e1 has chosen `passphrase` and answered the first belief item.
  func storeWithKey() async throws -> InMemoryProgressStore {
    let store = try Fixture.store()
    let console = ScriptedConsole([passphrase, passphrase, "4"])
    _ = await runner(console, store).learn(courses: [Self.course], identity: .init(id: id), seed: 1)
    #expect(store.history(of: id, in: "service").beliefs.count == 1)
    return store
  }

  func lease(_ session: String, host: String, process: Int32, at date: Date = Date()) -> SessionLease {
    SessionLease(
      employee: id, sessionID: session, host: host, process: process, started: date, renewed: date,
      expires: date.addingTimeInterval(600))
  }

  @Test func aWrongPassphraseIsRefusedWithADelayAndNothingIsShown() async throws {
    let store = try await storeWithKey()
    let writes = store.writes
    let console = ScriptedConsole(["not the passphrase", "still not it", "nor this one"])
    let started = ContinuousClock.now
    let outcome = await runner(console, store).learn(courses: [Self.course], identity: .init(id: id), seed: 1)
    guard case .failed(let message) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(message.contains("wrong 3 times; nothing was opened"))
    #expect(message.contains("coach roster reset e1"))
    #expect(ContinuousClock.now - started >= .milliseconds(150), "a delay after each wrong passphrase")
    // Said after the first and the second; the third ends the session.
    #expect(console.output.components(separatedBy: "does not open these records").count == 3)
    #expect(!console.output.contains("Jane Doe"), "not even the name is shown")
    #expect(!console.output.contains("agree"), "no item is shown")
    #expect(store.writes == writes, "nothing was written")
  }

  @Test func aReviewReadsNothingBeforeThePassphraseAndHoldsTheLeaseWhileItRuns() async throws {
    let store = try await storeWithKey()
    let employee = try #require(store.employee(id: id))
    let writes = store.writes
    let wrong = ScriptedConsole(["not the passphrase", "still not it", "nor this one"])
    var read = false
    let refused = try await runner(wrong, store).review(employee, seed: 1, limit: nil) { _ in
      read = true
      return []
    }
    guard case .failed = refused else {
      Issue.record("expected a failure, got \(refused)")
      return
    }
    #expect(!read, "the records were not read")
    #expect(store.writes == writes, "nothing was written")

    let right = ScriptedConsole([passphrase])
    let holder = lease("other", host: "elsewhere", process: 1)
    let outcome = try await runner(right, store).review(employee, seed: 1, limit: nil) { records in
      // Opened: the records are the employee's sealed view, and this session holds the lease.
      #expect(try await records.claimSession(holder, takingOver: nil) != .claimed)
      return [(course: Self.course, history: try await records.history(of: self.id, in: "service"))]
    }
    #expect(outcome == .finished || outcome == .quit, "\(outcome)")
    #expect(try store.claimSession(holder, takingOver: nil) == .claimed, "the lease was released at the end")
  }

  @Test func aNewPassphraseMustBeLongEnoughAndTypedTwiceTheSame() async throws {
    let store = try Fixture.store()
    let console = ScriptedConsole(["short", passphrase, "a different one here", passphrase, passphrase, "4"])
    _ = await runner(console, store).learn(courses: [Self.course], identity: .init(id: id), seed: 1)
    #expect(console.output.contains("! A passphrase needs at least 10 characters"))
    #expect(console.output.contains("! The two passphrases were not the same; choose one again."))
    let wrapped = try #require(store.wrappedKey(of: id))
    _ = try EmployeeKey.unlock(wrapped, passphrase: passphrase)
    #expect(!console.output.contains(passphrase))
  }

  @Test func aSessionHeldOnAnotherMachineIsNamedAndCanBeTakenOver() async throws {
    let store = try await storeWithKey()
    let other = lease("other-session", host: "lab-7", process: 4321)
    #expect(try store.claimSession(other, takingOver: nil) == .claimed)
    let otherView = store.guarded(by: other)

    let console = ScriptedConsole([passphrase, "5", "2", "3"])
    let outcome = await runner(console, store).learn(courses: [Self.course], identity: .init(id: id), seed: 1)
    #expect(outcome == .quit)
    #expect(console.output.contains("e1 already has coach open on lab-7 (process 4321), since"))
    #expect(console.output.contains("! 5 is not on the list"))
    // Taken over: the other session can record nothing more.
    await #expect(throws: ProgressStoreError.self) {
      try await otherView.saveBookmark(
        Bookmark(employee: id, courseID: "service", moduleID: "basics", position: .end))
    }
    #expect(store.history(of: id, in: "service").beliefs.map(\.item.itemID) == ["care", "often"])
    // The lease was given back at the end.
    #expect(try store.claimSession(lease("third", host: "lab-8", process: 1), takingOver: nil) == .claimed)
  }

  @Test func quittingAtTheQuestionRecordsNothing() async throws {
    let store = try await storeWithKey()
    let other = lease("other", host: "lab-7", process: 4321, at: StoredTime.stored(Date()))
    #expect(try store.claimSession(other, takingOver: nil) == .claimed)
    let before = store.history(of: id, in: "service")
    let console = ScriptedConsole([passphrase, "3"])
    #expect(
      await runner(console, store).learn(courses: [Self.course], identity: .init(id: id), seed: 1) == .quit)
    #expect(store.history(of: id, in: "service") == before)
    #expect(
      try store.claimSession(lease("another", host: "lab-8", process: 1), takingOver: nil) == .heldBy(other),
      "the other session keeps the lease")
  }

  @Test func waitingGoesOnWhenTheOtherSessionEnds() async throws {
    let store = try await storeWithKey()
    let other = lease("other", host: "lab-7", process: 4321)
    #expect(try store.claimSession(other, takingOver: nil) == .claimed)
    let console = ScriptedConsole([passphrase, "1", "3"])
    var options = Runner.Options(lock: testLock, waitStep: .milliseconds(20))
    options.host = "lab-1"
    let id = self.id
    // The other session ends a moment after this one started waiting.
    let ending = Task {
      try await Task.sleep(for: .milliseconds(300))
      #expect(store.history(of: id, in: "service").beliefs.count == 1, "nothing recorded while waiting")
      try store.releaseSession(other)
    }
    let outcome = await Runner(console: console, store: store, options: options).learn(
      courses: [Self.course], identity: .init(id: id), seed: 1)
    try await ending.value
    #expect(outcome == .quit)
    #expect(console.output.contains("Waiting for the session on lab-7 to end"))
    #expect(store.history(of: id, in: "service").beliefs.count == 2, "then the session went on")
  }

  @Test func aSessionOfThisMachineWhoseProcessEndedIsTakenOverWithoutAsking() async throws {
    let store = try await storeWithKey()
    // A process id that is not running: the largest pid is far below Int32.max.
    let crashed = lease("crashed", host: "this-host", process: Int32.max - 1)
    #expect(try store.claimSession(crashed, takingOver: nil) == .claimed)
    var options = Runner.Options(lock: testLock)
    options.host = "this-host"
    let console = ScriptedConsole([passphrase, "3"])
    _ = await Runner(console: console, store: store, options: options).learn(
      courses: [Self.course], identity: .init(id: id), seed: 1)
    #expect(!console.output.contains("already has coach open"))
    #expect(store.history(of: id, in: "service").beliefs.map(\.point) == [4, 3])
  }

  @Test func aSessionTakenOverStopsAtItsNextAnswerAndSaysWhy() async throws {
    let store = try await storeWithKey()
    let console = ScriptedConsole([passphrase])
    var takenOver = false
    console.beforeRead = {
      // At the rate question, another session takes over.
      guard console.script.isEmpty, !takenOver else { return }
      takenOver = true
      let thief = SessionLease(
        employee: Fixture.employee().id, sessionID: "thief", host: "lab-9", process: 9, started: Date(),
        renewed: Date(), expires: Date().addingTimeInterval(600))
      let current = try? store.claimSession(thief, takingOver: nil)
      if case .heldBy(let holder) = current {
        _ = try? store.claimSession(thief, takingOver: holder.sessionID)
      }
      console.script.append("3")
    }
    let outcome = await runner(console, store).learn(courses: [Self.course], identity: .init(id: id), seed: 1)
    guard case .failed(let message) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(message.contains("another coach session took over (on lab-9, process 9)"))
    #expect(
      store.history(of: id, in: "service").beliefs.count == 1, "the answer after the take-over was not kept")
  }
}

extension BeliefResponse {
  fileprivate var point: Int? {
    if case .point(let value) = answer { return value }
    return nil
  }
}
