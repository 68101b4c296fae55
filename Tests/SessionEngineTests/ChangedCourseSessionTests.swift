import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine

/// A session on a course edited since the employee's last one asks again exactly what
/// changed in a way that matters, never rewrites a pass, and invites rather than forces a
/// new signature.
@Suite struct ChangedCourseSessionTests {
  /// A store where the employee took the whole fixture course (as `course` is), right
  /// except for `misses`.
  static func finished(_ course: Course = Fixture.course(), misses: [String: Int] = [:]) async throws
    -> InMemoryProgressStore
  {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    try await driver.run(Learner(misses: misses).answer)
    #expect(driver.session.isFinished && !driver.session.endedByQuit)
    return store
  }

  var history: (InMemoryProgressStore) -> History { { $0.history(of: Fixture.employee().id, in: "service") } }

  @Test func aFullRunRecordsOnePassWithTheMarkAndScoreOfTheMoment() async throws {
    // 47% in the first round; in the retry round, the second answer takes the drill to 87%.
    let store = try await Self.finished(misses: ["four-of-five": 1, "journey": 1, "raving-fans": 1])
    let passes = history(store).passes
    let attempts = history(store).attempts
    #expect(passes.count == 1, "one pass, however many answers follow it")
    #expect(passes.first?.passMark == 80 && passes.first?.sectionID == "check")
    let expected: Double = (4 + 1.0 / 3) / 5
    let score: Double = passes.first?.score ?? 0
    #expect(abs(score - expected) < 1e-9)
    #expect(attempts.count == 8 && attempts[6].item.itemID == "raving-fans")
    #expect(passes.first?.at == attempts[6].at, "made by the answer that passed")
    let passedFirstTime = try await Self.finished(misses: ["four-of-five": 1])
    #expect(history(passedFirstTime).passes.map(\.score) == [0.8], "no retry round: passed at 80%")
    #expect(passes.first?.drillHash == ContentHash.drill(Records.drill(Fixture.course())))
    #expect(history(store).attempts.allSatisfy { $0.keyHash != nil })
    #expect(history(store).beliefs.filter { $0.kind != .statement }.allSatisfy { $0.scaleHash != nil })
  }

  @Test func aRewordedQuestionIsNotAskedAgain() async throws {
    let store = try await Self.finished()
    let edited = Fixture.course().editing(question: "pairs") {
      $0.prompt = "Match each moment with what you do"
      $0.hints = ["Think of a visit."]
    }
    var driver = Driver(session: Fixture.session(edited, store: store), store: store)
    #expect(driver.session.screen.kind == .courseDone)
    try await driver.run(Learner().answer)
    #expect(!driver.transcript.contains { $0.0.kind == .question })
    #expect(history(store).attempts.count == 5, "nothing asked, nothing recorded")
  }

  @Test func exactlyTheQuestionsWhoseKeyChangedAreAskedAgain() async throws {
    let store = try await Self.finished()
    let edited = Fixture.course()
      .editing(question: "seven-cs") { $0.body = .short(answers: ["visit once"]) }
      .editing(question: "journey") { $0.body = .order(["Arrive", "Pay", "Order"]) }
      .editing(question: "four-of-five") { $0.prompt = "Four out of five: what does it tell you?" }
    var driver = Driver(session: Fixture.session(edited, store: store), store: store)
    try await driver.run(Learner().answer)
    let asked = driver.transcript.filter { $0.0.kind == .question }.map { $0.0.progress }
    #expect(asked == ["question 3 of 5", "question 4 of 5"])
    let attempts = history(store).attempts
    #expect(attempts.count == 7, "the earlier answers stay")
    #expect(attempts.suffix(2).map(\.item.itemID) == ["seven-cs", "journey"])
    #expect(
      attempts.suffix(2).map(\.keyHash)
        == ["seven-cs", "journey"].map { id in
          Records.question(edited, id).answerKeyHash
        })
    let passes = history(store).passes
    #expect(passes.count == 2, "a pass of the new version, beside the first")
    #expect(passes.last?.drillHash == ContentHash.drill(Records.drill(edited)))
    #expect(
      Standing(plan: CoursePlan(course: edited, role: "frontline"), history: history(store)).module(0).status
        == .passed)
  }

  @Test func aQuestionAddedToAPassedDrillIsAskedAndThePassStands() async throws {
    let store = try await Self.finished()
    let added = Question(
      id: "thanks", prompt: "What do you say when they leave?",
      body: .choice([.init(text: "Thank you", isCorrect: true), .init(text: "Next", isCorrect: false)]))
    let edited = Fixture.course().editingDrills { if $0.count == 5 { $0.append(added) } }
    let before = Fixture.session(edited, store: store)
    #expect(before.standing.module(0).status == .passed)
    #expect(before.screen.kind == .question && before.screen.progress == "question 6 of 6")
    var driver = Driver(session: before, store: store)
    // Wrong, so the drill is below the mark as it is now (5 of 6 is 83%: still passed).
    try await driver.run(Learner(misses: ["thanks": 1]).answer)
    let results = driver.transcript.filter { $0.0.kind == .drillResult }
    #expect(results.count == 1)
    #expect(results.first.map { "\($0.0.parts)".contains("Passed.") } == true)
    #expect(history(store).passes.count == 2)
  }

  @Test func belowTheMarkNowWithAPassRecordedTheRetryIsOfferedNotPressed() async throws {
    let store = try await Self.finished()
    let added = ["a", "b", "c"].map { id in
      Question(id: "new-\(id)", prompt: "New \(id)?", body: .short(answers: [id]))
    }
    let edited = Fixture.course().editingDrills { if $0.count == 5 { $0 += added } }
    var driver = Driver(session: Fixture.session(edited, store: store), store: store)
    let learner = Learner(misses: ["new-a": 9, "new-b": 9, "new-c": 9])
    var offered: Screen?
    try await driver.run { session in
      if case .drillResult = session.state {
        offered = session.screen
        return .line("")
      }
      return learner.answer(session)
    }
    let screen = try #require(offered)
    #expect(screen.input == .line(prompt: "Try the 3 missed questions again now? [y/N]"))
    let text = "\(screen.parts)"
    #expect(
      text.contains("You passed this drill at 80% on \(StoredTime.day(Date(timeIntervalSince1970: 1_000)))"))
    #expect(text.contains("Score: 63% (5 of 8 right). Pass mark: 80%."))
    #expect(driver.session.isFinished && !driver.session.endedByQuit, "Enter declined the retry")
    let standing = Standing(plan: CoursePlan(course: edited, role: "frontline"), history: history(store))
    #expect(standing.module(0).status == .passed)
    #expect(standing.drills(0)[0].standing.passedNow == false)
    #expect(history(store).passes.count == 1)
  }

  @Test func aRaisedPassMarkAsksNothingAgain() async throws {
    let store = try await Self.finished(Fixture.course(pass: 80), misses: ["pairs": 1])
    #expect(history(store).passes.map(\.score) == [0.8])
    var driver = Driver(session: Fixture.session(Fixture.course(pass: 100), store: store), store: store)
    #expect(driver.session.screen.kind == .courseDone)
    try await driver.run(Learner().answer)
    #expect(!driver.transcript.contains { $0.0.kind == .question || $0.0.kind == .drillResult })
  }

  @Test func aChangedCreedInvitesANewSignatureAndEnterKeepsTheEarlierOne() async throws {
    let store = try await Self.finished()
    let edited = Fixture.course().editingCreed { $0[1].text = "We keep our word, every time." }
    let session = Fixture.session(edited, store: store)
    #expect(session.screen.kind == .signature)
    #expect(
      session.screen.input == .line(prompt: "sign: your full name, or Enter to keep your earlier signature"))
    #expect("\(session.screen.parts)".contains("You signed an earlier version of this creed on"))
    var driver = Driver(session: session, store: store)
    try await driver.send(.line(""))
    try await driver.run(Learner().answer)
    #expect(driver.session.isFinished && !driver.session.endedByQuit)
    #expect(history(store).signatures.count == 1, "not forced to sign")
    #expect(driver.transcript.filter { $0.0.kind == .signature }.count == 1, "invited once a session")

    var again = Driver(session: Fixture.session(edited, store: store), store: store)
    #expect(again.session.screen.kind == .signature, "invited again next time")
    try await again.run(Learner().answer)
    let signatures = history(store).signatures
    #expect(signatures.count == 2)
    #expect(signatures.last?.creedHash == edited.modules[2].creed?.contentHash)
    #expect(Fixture.session(edited, store: store).screen.kind == .courseDone, "signed: no more invitations")
  }

  @Test func beforeAndAfterAreShownTogetherOnlyOnTheSameScale() async throws {
    func course(closingLabels: [String]) -> Course {
      var course = Fixture.course()
      let repeated = BeliefItem(
        id: "often", prompt: "How often do you thank a customer?", body: .rate(labels: closingLabels))
      if case .beliefs(let intro, let items) = course.modules[2].sections[0].content {
        course.modules[2].sections[0].content = .beliefs(intro: intro, items: items + [repeated])
      }
      return course
    }
    for (labels, echoes) in [(BeliefItem.defaultRateLabels, 2), (["Never", "Sometimes", "Always"], 1)] {
      let store = try Fixture.store()
      var driver = Driver(session: Fixture.session(course(closingLabels: labels), store: store), store: store)
      try await driver.run(Learner().answer)
      #expect(driver.transcript.filter { $0.0.kind == .echo }.count == echoes, "\(labels)")
    }
  }
}

/// Looking things up in a course by id.
enum Records {
  static func drill(_ course: Course) -> [Question] {
    for section in course.modules.flatMap(\.sections) where section.id == "check" {
      if case .drill(_, let questions) = section.content { return questions }
    }
    return []
  }

  static func question(_ course: Course, _ id: String) -> Question {
    drill(course).first { $0.id == id }!
  }
}

extension Module {
  var creed: Creed? {
    for section in sections { if case .creed(let creed) = section.content { return creed } }
    return nil
  }
}
