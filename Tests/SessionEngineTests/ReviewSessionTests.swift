import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Review
import Testing

@testable import SessionEngine

/// Drives a review the way the runner does: every answer goes to the store before the
/// next event.
struct ReviewDriver {
  var session: ReviewSession
  let store: InMemoryProgressStore
  var clock: Date
  /// Every screen that waited for input, with what was answered.
  var transcript: [(Screen, Event)] = []
  /// Every effect, in order.
  var effects: [Effect] = []

  init(_ session: ReviewSession, store: InMemoryProgressStore) {
    self.session = session
    self.store = store
    clock = session.clock
  }

  @discardableResult
  mutating func send(_ event: Event) async throws -> [Effect] {
    transcript.append((session.screen, event))
    clock += 1
    let effects = session.handle(event, at: clock)
    for effect in effects {
      guard case .recordReview(let attempt) = effect else { continue }
      try await store.apply(
        [effect], employee: session.employee.id, courseID: attempt.item.courseID, at: clock)
    }
    self.effects += effects
    return effects
  }

  /// Answers right, except the questions in `wrong`, until the review ends.
  mutating func run(wrong: Set<String> = [], limit: Int = 200) async throws {
    var count = 0
    while !session.isFinished && count < limit {
      try await send(Self.answer(session, wrong: wrong))
      count += 1
    }
  }

  /// The question the review is asking now, if it is asking one.
  static func question(_ review: ReviewSession) -> Question? {
    guard let current = review.current, case .question(let index, _, _) = current.state else { return nil }
    return current.plan.question(current.plan.steps[index])
  }

  static func answer(_ review: ReviewSession, wrong: Set<String>) -> Event {
    guard let current = review.current, let question = question(review) else { return .next }
    return .line(
      Learner.answer(question, layout: current.layout(question), wrong: wrong.contains(question.id)))
  }
}

@Suite struct ReviewSessionTests {
  let day: TimeInterval = 86_400
  let employee = Fixture.employee()

  /// A store where the employee took the whole course, right except for `misses`; and
  /// when they finished.
  func finished(_ course: Course = Fixture.course(), misses: [String: Int] = [:]) async throws
    -> (InMemoryProgressStore, Date)
  {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    try await driver.run(Learner(misses: misses).answer)
    #expect(driver.session.isFinished && !driver.session.endedByQuit)
    return (store, driver.clock)
  }

  func review(
    _ store: InMemoryProgressStore, at date: Date, course: Course = Fixture.course(), limit: Int? = nil
  ) -> ReviewSession {
    ReviewSession(
      courses: [(course, store.history(of: employee.id, in: course.id))], employee: employee,
      options: .init(seed: 7, sessionID: "review", interactive: false), limit: limit, at: date)
  }

  /// Each question's due date, worked out independently: the question's answers in the
  /// store, replayed through the scheduler.
  func dues(_ store: InMemoryProgressStore) -> [String: Date] {
    let attempts = store.history(of: employee.id, in: "service").attempts
    return Dictionary(grouping: attempts, by: \.item.itemID).compactMapValues { answers in
      FSRS.default.replay(answers.map { (at: $0.at, rating: $0.correct ? .good : .again) }).last?.due
    }
  }

  @Test func dueQuestionsOfAFinishedModuleComeBackMostOverdueFirst() async throws {
    let (store, done) = try await finished(misses: ["journey": 1])
    let dues = dues(store)
    #expect(dues.count == 5)
    // Right after the course nothing is due; the missed question falls due first.
    #expect(review(store, at: done).items.isEmpty)
    let first = try #require(dues.values.min())
    #expect(dues.filter { $0.value == first }.map(\.key) == ["journey"])
    #expect(first.timeIntervalSince(done) < 1.5 * day, "a question missed comes back the next day")
    #expect(review(store, at: first - 1).items.isEmpty)
    let next = review(store, at: first)
    #expect(next.items.map(\.memory.question.id) == ["journey"])
    // Later, every question, most overdue first (equal dates in course order).
    let late = review(store, at: done + 30 * day)
    let order = ["four-of-five", "raving-fans", "seven-cs", "journey", "pairs"].enumerated()
      .sorted { (dues[$0.element]!, $0.offset) < (dues[$1.element]!, $1.offset) }.map(\.element)
    #expect(late.items.map(\.memory.question.id) == order)
    #expect(late.items.map(\.due) == order.map { dues[$0]! })
    #expect(late.dueCount == 5)
  }

  @Test func aReviewAnswerIsRecordedAsAReviewAndMovesNothingElse() async throws {
    let (store, done) = try await finished()
    let before = store.history(of: employee.id, in: "service")
    let at = done + 3 * day
    var driver = ReviewDriver(review(store, at: at), store: store)
    #expect(driver.session.screen.kind == .moduleDone)
    #expect(
      driver.session.screen.parts.contains(
        .text(
          "5 questions are due for review, from the modules you have finished.", .plain)))
    try await driver.run(wrong: ["seven-cs"])
    #expect(driver.session.isFinished && !driver.session.endedByQuit)
    let after = store.history(of: employee.id, in: "service")
    let added = Array(after.attempts.dropFirst(before.attempts.count))
    #expect(added.count == 5 && added.allSatisfy { $0.context == .review })
    #expect(added.map(\.correct) == added.map { $0.item.itemID != "seven-cs" })
    #expect(added.allSatisfy { $0.keyHash != nil && $0.sessionID == "review" })
    #expect(driver.effects.count == 5, "one record, one transaction, per answer")
    #expect(after.bookmark == before.bookmark, "a review never moves the bookmark")
    #expect(after.passes == before.passes)
    let plan = CoursePlan(course: Fixture.course(), role: "frontline")
    let drillBefore = Standing(plan: plan, history: before).module(0).drill
    let drillAfter = Standing(plan: plan, history: after).module(0).drill
    #expect(drillAfter == drillBefore, "the drill's score and rounds are the drill's")
    // Each feedback says when the question comes back, as the store's answers say.
    let dues = dues(store)
    let feedback = driver.transcript.map(\.0).filter { $0.kind == .feedback }
    #expect(feedback.count == 5)
    #expect(feedback.allSatisfy { $0.progress?.hasPrefix("review ") == true })
    let missed = try #require(feedback.first { $0.parts.contains(.text("Not right.", .bad)) })
    #expect(
      missed.parts.contains(
        .text("This question comes back for review in 1 day, on \(StoredTime.day(dues["seven-cs"]!)).", .dim))
    )
    // Nothing is due right after; the missed question is the next.
    var again = ReviewDriver(review(store, at: driver.clock), store: store)
    #expect(again.session.items.isEmpty)
    let text = again.session.screen.parts.map { "\($0)" }.joined()
    #expect(text.contains("Nothing is due for review now."))
    #expect(text.contains("Next review: \(StoredTime.day(dues["seven-cs"]!)) (1 question)."))
    try await again.run()
    #expect(store.history(of: employee.id, in: "service").attempts.count == after.attempts.count)
  }

  @Test func anAnswerKeyChangeStartsTheQuestionAfresh() async throws {
    let (store, done) = try await finished()
    let edited = Fixture.course().editing(question: "four-of-five") { question in
      guard case .choice(var choices) = question.body else { return }
      choices[0].isCorrect = true
      question.body = .choice(choices)
    }
    // Until it is answered as it is now, the question has no schedule: it is not reviewed.
    let asked = review(store, at: done + 30 * day, course: edited).items.map(\.memory.question.id)
    #expect(asked == ["raving-fans", "seven-cs", "journey", "pairs"])
    // The next learning session asks it again; its schedule starts from that answer.
    var driver = Driver(session: Fixture.session(edited, store: store), store: store)
    driver.clock = done + 30 * day
    try await driver.run(Learner().answer)
    let answer = try #require(store.history(of: employee.id, in: "service").attempts.last)
    #expect(answer.item.itemID == "four-of-five" && answer.context == .drill)
    let memory = try #require(
      review(store, at: answer.at, course: edited).schedules[0].memory(of: "four-of-five"))
    #expect(memory.state == FSRS.default.review(nil, rating: .good, at: answer.at))
    #expect(memory.entries.map(\.counts) == [false, true])
  }

  @Test func beliefsAreNeverReviewed() async throws {
    let (store, done) = try await finished()
    var driver = ReviewDriver(review(store, at: done + 400 * day), store: store)
    #expect(
      driver.session.items.map(\.memory.question.id) == [
        "four-of-five", "raving-fans", "seven-cs", "journey", "pairs",
      ])
    try await driver.run()
    let kinds = Set(driver.transcript.map(\.0.kind))
    #expect(kinds == [.moduleDone, .question, .feedback, .courseDone])
    #expect(driver.effects.allSatisfy { if case .recordReview = $0 { true } else { false } })
    // The closing module (beliefs and a creed) is finished but has nothing to review.
    let schedule = driver.session.schedules[0]
    #expect(Set(schedule.listed.map(\.moduleID)) == ["basics"])
    for (screen, _) in driver.transcript where screen.kind == .question {
      let text = screen.parts.map { "\($0)" }.joined()
      #expect(!text.contains("No answer here is right or wrong"))
    }
  }

  @Test func aReviewAcrossCoursesTakesTheMostOverdueFirstWhicheverCourse() async throws {
    // The same learner took a second course a day later, missing a question there.
    var second = Fixture.course()
    second.id = "service-2"
    second.title = "Service again"
    let store = try Fixture.store()
    var first = Driver(session: Fixture.session(store: store), store: store)
    try await first.run(Learner().answer)
    var later = Driver(session: Fixture.session(second, store: store), store: store)
    later.clock = first.clock + day
    try await later.run(Learner(misses: ["seven-cs": 1]).answer)
    let courses = [Fixture.course(), second]
    func session(at date: Date) -> ReviewSession {
      ReviewSession(
        courses: courses.map { ($0, store.history(of: employee.id, in: $0.id)) }, employee: employee,
        options: .init(seed: 7, sessionID: "review", interactive: false), at: date)
    }
    let review = session(at: later.clock + 30 * day)
    #expect(review.items.count == 10)
    #expect(zip(review.items, review.items.dropFirst()).allSatisfy { $0.due <= $1.due })
    // The first course's questions (due two days after it) come before the second's,
    // except the question missed in the second, due the day after it.
    #expect(review.items.prefix(5).allSatisfy { $0.course == 0 })
    #expect(review.items[5].course == 1 && review.items[5].memory.question.id == "seven-cs")
    #expect(review.screen.location == ["Review"])
    var driver = ReviewDriver(review, store: store)
    try await driver.run()
    let recorded = driver.effects.compactMap { effect -> String? in
      if case .recordReview(let attempt) = effect { attempt.item.courseID } else { nil }
    }
    #expect(recorded == review.items.map { courses[$0.course].id })
  }

  @Test func aLimitAsksTheMostOverdueAndSaysHowManyWait() async throws {
    let (store, done) = try await finished(misses: ["pairs": 1])
    var driver = ReviewDriver(review(store, at: done + 30 * day, limit: 2), store: store)
    #expect(driver.session.dueCount == 5 && driver.session.items.count == 2)
    #expect(
      driver.session.items.first?.memory.question.id == "pairs", "the missed question is the most overdue")
    try await driver.run()
    let last = try #require(driver.transcript.last?.0)
    #expect(last.kind == .courseDone)
    #expect(last.parts.contains(.text("Review finished: 2 of 2 right.", .good)))
    #expect(
      last.parts.contains(.text("3 questions are still due: run coach review again to answer them.", .accent))
    )
    #expect(review(store, at: driver.clock).items.count == 3)
  }

  @Test func quittingAtAQuestionEndsTheReviewAndKeepsEveryAnswer() async throws {
    let (store, done) = try await finished()
    let count = store.history(of: employee.id, in: "service").attempts.count
    var driver = ReviewDriver(review(store, at: done + 30 * day), store: store)
    try await driver.send(.next)
    try await driver.send(ReviewDriver.answer(driver.session, wrong: []))
    try await driver.send(.next)
    #expect(driver.session.screen.kind == .question)
    // q at the prompt: nothing more is written, nothing is lost.
    #expect(try await driver.send(.line("q")).isEmpty)
    #expect(driver.session.isFinished && driver.session.endedByQuit)
    #expect(store.history(of: employee.id, in: "service").attempts.count == count + 1)
    #expect(review(store, at: driver.clock).items.count == 4)
  }

  @Test func theHintsAndTheHelpOfTheDrillWorkInAReview() async throws {
    let (store, done) = try await finished(misses: ["four-of-five": 1])
    var driver = ReviewDriver(review(store, at: done + 30 * day), store: store)
    try await driver.send(.next)
    #expect(ReviewDriver.question(driver.session)?.id == "four-of-five")
    #expect(driver.session.screen.input == .line(prompt: "answer 1-3 (h: hint)"))
    try await driver.send(.line("h"))
    #expect(driver.session.screen.parts.contains(.text("Hint: Think about who stays.", .warn)))
    try await driver.send(.line("?"))
    #expect(driver.session.screen.help?.isEmpty == false)
    try await driver.send(.line("9"))
    #expect(driver.session.screen.notice != nil, "a bad answer gets the drill's hint line")
    try await driver.send(ReviewDriver.answer(driver.session, wrong: []))
    let feedback = driver.session.screen
    #expect(feedback.kind == .feedback && feedback.parts.contains(.text("Right.", .good)))
    try await driver.send(.help)
    let help = try #require(driver.session.screen.help)
    #expect(help.contains("h: end the review (every answer is already saved)"))
    #expect(!help.contains { $0.hasPrefix("m:") }, "a review has no module outline")
  }

  @Test func theWayAroundKeysOfAReviewEndItOrSayThereIsNoOutline() async throws {
    let (store, done) = try await finished(misses: ["four-of-five": 1])
    var driver = ReviewDriver(review(store, at: done + 30 * day), store: store)
    #expect(driver.session.screen.navigation == .review)
    // m on the start screen neither starts the review nor leaves it.
    try await driver.send(.outline)
    #expect(driver.session.screen.kind == .moduleDone)
    #expect(driver.session.screen.notice?.contains("h ends the review") == true)
    try await driver.send(.next)
    let asked = try #require(ReviewDriver.question(driver.session))
    for event: Event in [.outline, .answers, .line("/m"), .line("/a")] {
      #expect(try await driver.send(event).isEmpty)
      let screen = driver.session.screen
      #expect(screen.kind == .question && screen.navigation == .review, "\(event)")
      #expect(ReviewDriver.question(driver.session)?.id == asked.id)
      #expect(screen.notice?.contains("A review has no module outline") == true, "\(event)")
    }
    #expect(driver.session.screen.help == nil)
    try await driver.send(.line("/?"))
    #expect(driver.session.screen.help?.contains(Help.reviewCommands) == true)
    // /h at the prompt ends the review, as h does on a key screen; nothing is recorded.
    #expect(try await driver.send(.line("/h")).isEmpty)
    #expect(driver.session.isFinished && driver.session.endedByQuit)
    #expect(store.history(of: employee.id, in: "service").attempts.allSatisfy { $0.context == .drill })
  }

  @Test func theCourseHomeSaysHowManyQuestionsAreDueAndWhenTheNextIs() async throws {
    let store = try Fixture.store()
    func home(at date: Date) -> Screen {
      Session(
        course: Fixture.course(), employee: employee, history: store.history(of: employee.id, in: "service"),
        options: .init(seed: 7, sessionID: "s", interactive: true), now: date
      ).screen
    }
    func reviewLines(_ screen: Screen) -> [String] {
      screen.parts.compactMap { part in
        if case .text(let text, _) = part, text.contains("for review") { text } else { nil }
      }
    }
    #expect(reviewLines(home(at: Date(timeIntervalSince1970: 1_000))).isEmpty, "nothing on the list yet")
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run(Learner(misses: ["journey": 1]).answer)
    let dues = dues(store)
    let first = dues.values.min()!
    let second = dues.values.filter { $0 > first }.min()!
    #expect(
      reviewLines(home(at: driver.clock)) == [
        "No questions due for review; the next on \(StoredTime.day(first))."
      ])
    #expect(
      reviewLines(home(at: first))
        == ["1 question due for review (coach review); next due \(StoredTime.day(second))."])
    #expect(reviewLines(home(at: driver.clock + 60 * day)) == ["5 questions due for review (coach review)."])
    // Without a time the session cannot say, and says nothing.
    let untimed = Session(
      course: Fixture.course(), employee: employee, history: store.history(of: employee.id, in: "service"),
      options: .init(seed: 7, sessionID: "s", interactive: true))
    #expect(untimed.reviewDue == nil && reviewLines(untimed.screen).isEmpty)
    #expect(
      home(at: first).parts.contains(
        .text(
          "1 question due for review (coach review); next due \(StoredTime.day(second)).", .accent)))
  }
}
