import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine

/// After an answer: what was right. At a retry: a new order. At the creed: the choice
/// to sign. At the end: the summary.
@Suite struct ReviewAndEndTests {
  /// A terminal session at the first question of the fixture.
  static func atFirstQuestion(_ store: InMemoryProgressStore, seed: UInt64 = 7) -> Session {
    var session = Fixture.session(store: store, interactive: true, seed: seed)
    _ = session.handle(.line(""), at: Date())
    while session.screen.kind != .question { _ = session.handle(.next, at: Date()) }
    return session
  }

  /// Answers the question on screen with `typed` (display numbers) and returns the
  /// feedback screen's reviewed lines.
  static func reviewed(_ session: Session) -> [Screen.Review] {
    session.screen.parts.compactMap { if case .reviewed(let r) = $0 { r } else { nil } }.flatMap { $0 }
  }

  static func question(_ session: Session) -> Question {
    guard case .question(let index, _, _) = session.state else { fatalError("not at a question") }
    return session.plan.question(session.plan.steps[index])!
  }

  @Test func aMissedSingleChoiceShowsEveryChoiceAndTheRightOne() throws {
    var session = Self.atFirstQuestion(try Fixture.store())
    let question = Self.question(session)
    let layout = session.layout(question)
    // "They are loyal" is wrong.
    let wrong = layout.firstIndex(of: 0)! + 1
    _ = session.handle(.line("\(wrong)"), at: Date())
    let review = Self.reviewed(session)
    #expect(
      review.map(\.text) == layout.map { ["They are loyal", "They may still leave", "Nothing at all"][$0] })
    #expect(review[wrong - 1].mark == .chosenWrong)
    #expect(review[layout.firstIndex(of: 1)!].mark == .theRightAnswer)
    #expect(review[layout.firstIndex(of: 1)!].words == "the right answer")
    #expect(session.screen.parts.contains(.text("Not right.", .bad)))
    #expect(session.screen.parts.contains(.blocks([Fixture.paragraph("Satisfaction is not loyalty.")])))
  }

  @Test func aPartlyRightSelectAllShowsTheMissingAndTheExtraChoices() throws {
    var session = Self.atFirstQuestion(try Fixture.store())
    _ = session.handle(
      .line(
        Learner.answer(Self.question(session), layout: session.layout(Self.question(session)), wrong: false)),
      at: Date())
    _ = session.handle(.next, at: Date())
    let question = Self.question(session)
    #expect(question.id == "raving-fans")
    let layout = session.layout(question)
    // Consistency (right) and Discounts (wrong); Recovery (right) missed.
    let typed = [0, 1].map { String(layout.firstIndex(of: $0)! + 1) }.joined(separator: " ")
    _ = session.handle(.line(typed), at: Date())
    // One right and one wrong pick cancel out: 0, and the verdict says how many were right.
    #expect(
      session.screen.parts.contains(.text("Not right (1 of 2 right choices picked, 1 wrong one too).", .bad)),
      "\(session.screen.parts)")
    let marks = Dictionary(uniqueKeysWithValues: Self.reviewed(session).map { ($0.text, $0.mark) })
    #expect(marks["Consistency"] == .chosenRight)
    #expect(marks["Discounts"] == .chosenWrong)
    #expect(marks["Recovery"] == .missed)
    #expect(marks["Slogans"] == Screen.Review.Mark.none)
  }

  @Test func aPartlyRightAnswerSaysHowManyPartsWereRight() throws {
    let store = try Fixture.store()
    func verdict(_ picks: [Int]) throws -> Screen.Part? {
      var session = Self.atFirstQuestion(store)
      _ = session.handle(
        .line(
          Learner.answer(Self.question(session), layout: session.layout(Self.question(session)), wrong: false)
        ),
        at: Date())
      _ = session.handle(.next, at: Date())
      let layout = session.layout(Self.question(session))
      _ = session.handle(
        .line(picks.map { String(layout.firstIndex(of: $0)! + 1) }.joined(separator: " ")), at: Date())
      return session.screen.parts.dropFirst(2).first
    }
    // Raving fans: Consistency (0) and Recovery (2) are right; Discounts (1) and Slogans (3) not.
    #expect(try verdict([0]) == .text("Partly right: 50% (1 of 2 right choices picked).", .warn))
    #expect(
      try verdict([0, 2, 1])
        == .text("Partly right: 50% (2 of 2 right choices picked, 1 wrong one too).", .warn))
    #expect(try verdict([1, 3]) == .text("Not right (0 of 2 right choices picked, 2 wrong ones too).", .bad))
    #expect(try verdict([0, 2]) == .text("Right.", .good))
    let order = Question(id: "o", prompt: "Order", body: .order(["A", "B", "C", "D", "E"]))
    #expect(ScreenBuilder.partsRight(order, .order([0, 1, 2, 4, 3])) == "3 of 5 in the right place")
    let match = Question(
      id: "m", prompt: "Match", body: .match([.init(left: "a", right: "1"), .init(left: "b", right: "2")]))
    #expect(ScreenBuilder.partsRight(match, .match([0: 0, 1: 0])) == "1 of 2 pairs right")
    let single = Question(id: "s", prompt: "One", body: .choice([.init(text: "x", isCorrect: true)]))
    #expect(ScreenBuilder.partsRight(single, .choices([0])) == nil, "one part: the percentage says it all")
  }

  @Test func aMissedOrderShowsTheRightOrderAndAMissedMatchTheRightPairs() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Self.atFirstQuestion(store), store: store)
    var orderReview: [Screen.Review] = []
    var matchReview: [Screen.Review] = []
    var shortParts: [Screen.Part] = []
    var verdicts: [Screen.Part] = []
    try await driver.run(limit: 40) { session in
      if case .feedback = session.state {
        let title = session.screen.parts.first
        if title == .text("Order the journey", .dim) {
          orderReview = Self.reviewed(session)
          verdicts.append(session.screen.parts[2])
        }
        if title == .text("Match the moment", .dim) {
          matchReview = Self.reviewed(session)
          verdicts.append(session.screen.parts[2])
        }
        if title == .text("Which C means the customer calls only once?", .dim) {
          shortParts = session.screen.parts
        }
      }
      if case .drillResult = session.state { return .quit }
      return Learner(misses: ["journey": 1, "pairs": 1, "seven-cs": 1]).answer(session)
    }
    #expect(orderReview.map(\.text) == ["Arrive", "Order", "Pay"])
    #expect(orderReview.map(\.words) == ["you had it 3rd", "you had it right", "you had it 1st"])
    #expect(
      verdicts == [
        .text("Partly right: 33% (1 of 3 in the right place).", .warn),
        .text("Not right (0 of 3 pairs right).", .bad),
      ])
    #expect(matchReview.map(\.text) == ["Greeting → Smile", "Complaint → Listen", "Goodbye → Thank"])
    #expect(matchReview.allSatisfy { $0.isMiss })
    #expect(matchReview[0].words == "you had \"Listen\"")
    #expect(shortParts.contains(.text("The answer: call once (also accepted: call/visit once)", .accent)))
  }

  @Test func aChoiceFeedbackThatSaysRightIsNotSaidTwice() {
    #expect(
      ScreenBuilder.withoutVerdict("Right. A satisfied guest has no reason to stay.", verdict: "Right.")
        == "A satisfied guest has no reason to stay.")
    #expect(
      ScreenBuilder.withoutVerdict("Right: the first person did not own it.", verdict: "Right.")
        == "The first person did not own it.")
    #expect(
      ScreenBuilder.withoutVerdict("Rightly so, they left.", verdict: "Right.") == "Rightly so, they left.")
    #expect(ScreenBuilder.withoutVerdict("Right. Yes.", verdict: "Not right.") == "Right. Yes.")
  }

  @Test func aRetryIsReshuffledSoItCannotBePassedByElimination() throws {
    // Over many seeds: the round after a miss never shows the choices in the order of
    // the round before, and a single choice's right answer never under the same number.
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SplitMix64(seed: seed)
    let course = Fixture.course()
    let questions = course.modules[0].sections.flatMap { section -> [Question] in
      if case .drill(_, let q) = section.content { return q }
      return []
    }
    for _ in 0..<200 {
      let session = Session(
        course: course, employee: Fixture.employee(), history: History(),
        options: .init(seed: rng.next(), sessionID: "s", interactive: false))
      for question in questions {
        if case .short = question.body { continue }
        var previous = session.layout(question, round: 0)
        for round in 1...4 {
          let now = session.layout(question, round: round)
          #expect(Set(now) == Set(previous.indices), "a permutation (seed \(seed))")
          if now.count > 2 { #expect(now != previous, "\(question.id) round \(round) (seed \(seed))") }
          if question.kind == .single, case .choice(let choices) = question.body,
            let right = choices.firstIndex(where: \.isCorrect)
          {
            #expect(now.firstIndex(of: right) != previous.firstIndex(of: right), "seed \(seed)")
          }
          previous = now
        }
      }
    }
  }

  @Test func aRetryKeepsItsOrderWhenTheSessionResumes() async throws {
    let store = try Fixture.store()
    let course = Fixture.course(pass: 100)
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    try await driver.run(limit: 200) { session in
      if case .question(_, let retry, _) = session.state, retry { return .quit }
      return Learner(misses: ["four-of-five": 1]).answer(session)
    }
    let asked = try #require(driver.transcript.last { $0.0.kind == .question }?.0)
    let resumed = Fixture.session(course, store: store)
    #expect(resumed.screen.progress == "question 1 of 5, another try")
    #expect(resumed.screen.parts == asked.parts)
    let first = try #require(driver.transcript.first { $0.0.kind == .question }?.0)
    #expect(first.parts != asked.parts, "the retry is shown in a new order")
  }

  @Test func theCreedMayBeLeftUnsignedAndTheCourseStillCompletes() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run { session in
      if case .signature = session.state { return .line("") }
      return Learner().answer(session)
    }
    #expect(driver.transcript.contains { $0.0.kind == .notSigned })
    let history = store.history(of: Fixture.employee().id, in: "service")
    #expect(history.signatures.isEmpty)
    #expect(history.enrolment?.completed != nil)
    #expect(history.enrolment?.passed == true)
    let standing = Standing(plan: CoursePlan(course: Fixture.course(), role: "frontline"), history: history)
    #expect(standing.module(2).status == .completed)
    #expect(standing.module(2).creedSigned == false)
    // The outline says so and opens the signature again; signing later works.
    var later = Fixture.session(store: store, interactive: true)
    _ = later.handle(.line("3"), at: Date())
    #expect(NavigationTests.text(later.screen).contains("not signed"))
    _ = later.handle(.line("3"), at: Date())
    #expect(later.screen.kind == .signature)
    let effects = later.handle(.line("Jane Doe"), at: Date())
    #expect(effects.contains { if case .recordSignature = $0 { true } else { false } })
  }

  @Test func aReflectionCanBeLeftOutAndWrittenLater() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run { session in
      if case .belief(let index) = session.state,
        session.plan.belief(session.plan.steps[index])?.kind == .reflect
      {
        return .line("/skip")
      }
      return Learner().answer(session)
    }
    let history = store.history(of: Fixture.employee().id, in: "service")
    #expect(history.beliefs.first { $0.kind == .reflect }?.answer == .text(""))
    #expect(history.enrolment?.completed != nil)
    var later = Fixture.session(store: store, interactive: true)
    _ = later.handle(.line("1"), at: Date())
    _ = later.handle(.line("4"), at: Date())
    #expect(later.screen.kind == .belief)
    #expect(later.screen.input == .lines(prompt: "reflection: end with an empty line"))
    _ = later.handle(.answers, at: Date())
    #expect(NavigationTests.text(later.screen).contains("left out"))
  }

  @Test func aReflectionOverTheLimitKeepsWhatFitsAndSaysHowMuchIsOver() {
    let line = String(repeating: "x", count: 99)
    let text = Array(repeating: line, count: 250).joined(separator: "\n")
    let (kept, over) = Session.fitting(text, limit: 20_000)
    #expect(kept.count <= 20_000)
    #expect(kept.count == 200 * 100 - 1)
    #expect(kept.count + over == text.count)
    #expect(Session.fitting("short", limit: 20_000) == ("short", 0))

    var session = Fixture.session(store: InMemoryProgressStore(), interactive: true)
    _ = session.handle(.line(""), at: Date())
    while session.screen.input != .lines(prompt: "reflection: end with an empty line") {
      _ = session.handle(Learner().answer(session), at: Date())
    }
    let effects = session.handle(.tooLong(kept: kept, over: 5_000), at: Date())
    #expect(session.screen.notice?.hasPrefix("That is 5,000 characters over the limit of 20,000.") == true)
    #expect(session.screen.draft.count == 200)
    guard case .saveBookmark(let bookmark)? = effects.first, case .draft(_, let draft)? = bookmark.position
    else {
      Issue.record("the part that fits is kept as the draft")
      return
    }
    #expect(draft == kept)
    // A draft longer than the limit (kept by an earlier coach) is cut when it is loaded.
    let long = Array(repeating: line, count: 400).joined(separator: "\n")
    _ = session.handle(.draft(long), at: Date())
    #expect(session.screen.draft.joined(separator: "\n").count <= 20_000)
  }

  @Test func theEndOfTheCourseSummarisesDrillsTheCreedAndTheTime() async throws {
    let store = try Fixture.store()
    var driver = Driver(
      session: Fixture.session(Fixture.course(pass: 100), store: store, interactive: true), store: store)
    try await driver.run(limit: 400) { session in
      if case .courseDone = session.state { return .quit }
      return Learner(misses: ["journey": 1]).answer(session)
    }
    let done = try #require(driver.transcript.last { $0.0.kind == .courseDone }?.0)
    #expect(done.parts.first == .text("You have finished Service. Well done!", .good))
    let summary = try #require(
      done.parts.compactMap { if case .summary(let s) = $0 { s } else { nil } }.first)
    #expect(summary.isComplete && summary.allDrillsPassed)
    #expect(summary.employeeName == "Jane Doe")
    let drill = try #require(summary.modules[0].drills.first)
    #expect(drill.title == "Check yourself")
    #expect(abs((drill.first ?? 0) - (4 + 1.0 / 3) / 5) < 1e-9)
    #expect(drill.best == 1)
    #expect(summary.modules[1].status == .notForRole && summary.modules[1].drills.isEmpty)
    #expect(summary.creeds.count == 1 && summary.creeds[0].signed)
    #expect(summary.drillsPassed.map(\.title) == ["Check yourself"])
    #expect(summary.completed != nil)
    // The driver's clock moves one second an event: every gap counts, all in one session.
    #expect(summary.sessions == 1)
    #expect(summary.timeSpent > 10 && summary.timeSpent < 400)
  }

  @Test func timeSpentCountsGapsWithinASessionAndNotBreaks() {
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    let activity = [
      Ledger.Activity(session: "a", at: t0), Ledger.Activity(session: "a", at: t0 + 60),
      Ledger.Activity(session: "a", at: t0 + 60 + 3_600),  // after lunch: a break
      Ledger.Activity(session: "a", at: t0 + 60 + 3_600 + 120),
      Ledger.Activity(session: "b", at: t0 + 90_000), Ledger.Activity(session: "b", at: t0 + 90_300),
    ]
    let (time, sessions) = CourseSummary.activeTime(activity)
    #expect(time == 60 + 120 + 300)
    #expect(sessions == 2)
  }

  @Test func estimatesAgreeBetweenHomeOverviewAndOutlineAndReadAsWords() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    let home = driver.session.standing.module(0).minutesLeft
    try await driver.openFirstLesson()
    // The overview as it was first shown (before it was read), and the outline then.
    let shown = try #require(driver.transcript.first { $0.0.kind == .page && $0.0.location.count == 2 }?.0)
    let minutes = max(home, 1)
    #expect(NavigationTests.text(shown).contains("About \(ScreenBuilder.minutes(minutes)) left."))
    var outline = Fixture.session(store: try Fixture.store(), interactive: true)
    _ = outline.handle(.line("1"), at: Date())
    #expect(
      NavigationTests.text(outline.screen).contains(
        "About \(ScreenBuilder.minutes(minutes)) left in this module."))
    #expect(ScreenBuilder.minutes(1) == "1 minute")
    #expect(ScreenBuilder.minutes(2) == "2 minutes")
    #expect(
      ScreenBuilder.sentence("Module 7 passed: Can these be taught?")
        == "Module 7 passed: Can these be taught?")
    #expect(ScreenBuilder.sentence("Next: Module 2") == "Next: Module 2.")
  }

  @Test func aTitleEndingInAQuestionMarkIsNeverFollowedByAFullStop() throws {
    var course = Fixture.course()
    course.modules[0].sections[2].title = "Where do you stand?"
    var session = Fixture.session(course, store: try Fixture.store(), interactive: true)
    _ = session.handle(.line(""), at: Date())
    _ = session.handle(.next, at: Date())
    let overview = NavigationTests.text(session.screen)
    #expect(overview.contains("Beliefs: Where do you stand? About"))
    #expect(!overview.contains("?."))
  }

  @Test func declinedThenQuitTheNextSessionDoesNotAskToSignAgain() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run { session in
      if case .signature = session.state { return .line("not now") }
      if case .notSigned = session.state { return .quit }
      return Learner().answer(session)
    }
    var again = Driver(session: Fixture.session(store: store), store: store)
    #expect(again.session.screen.kind != .signature)
    try await again.run(Learner().answer)
    let history = store.history(of: Fixture.employee().id, in: "service")
    #expect(history.enrolment?.completed != nil, "the course completes in the next session")
    #expect(history.signatures.isEmpty)
  }

  @Test func theNoRightAnswerLineIsSaidOnceAndNotWhenTheIntroductionSaysIt() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run(Learner().answer)
    let line = Screen.Part.text("No answer here is right or wrong, and nothing is scored.", .dim)
    let beliefs = driver.transcript.filter { $0.0.kind == .belief }.map(\.0)
    #expect(beliefs.filter { $0.parts.contains(line) }.map(\.progress) == ["1 of 4", "1 of 1"])
    #expect(ScreenBuilder.saysNothingIsScored([Fixture.paragraph("There are no right answers here.")]))
    #expect(ScreenBuilder.saysNothingIsScored([Fixture.paragraph("No answer here is right or wrong.")]))
    #expect(!ScreenBuilder.saysNothingIsScored([Fixture.paragraph("Say what you think.")]))
  }
}
