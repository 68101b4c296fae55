import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine

/// The way around a course: the home, a module's outline, the employee's answers, and
/// what is marked read (only what was read).
@Suite struct NavigationTests {
  /// The text of a screen's parts, for looking things up in it.
  static func text(_ screen: Screen) -> String { screen.parts.map { "\($0)" }.joined(separator: "\n") }

  /// The parts an outline lists.
  static func described(_ screen: Screen) -> [Screen.Described] {
    screen.parts.compactMap { if case .described(let d) = $0 { d } else { nil } }.flatMap { $0 }
  }

  @Test func openingALaterModuleMarksNothingEarlierAsRead() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    // From the home, the third module's outline, then into it: its first screen is its
    // overview, which is read to its end.
    try await driver.send(.line("3"))
    #expect(driver.session.screen.kind == .outline)
    try await driver.send(.line(""))
    #expect(driver.session.screen.kind == .page)
    #expect(driver.session.screen.location.last == "Module 3 of 3: Closing")
    try await driver.send(.next)
    try await driver.send(.home)
    let modules = driver.session.standing.modules()
    #expect(modules[0].status == .notStarted, "the first module was never opened")
    #expect(modules[2].status == .inProgress)
    #expect(driver.session.plan.moduleSteps[0].allSatisfy { !driver.session.standing.isDone($0) })
    // The first module opens at its first page, not at its drill; and a new session
    // (from the store) says the same.
    try await driver.send(.line("1"))
    try await driver.send(.line(""))
    #expect(driver.session.screen.kind == .page)
    #expect(driver.session.screen.location == ["Service"], "the course introduction comes first")
    let again = Fixture.session(store: store, interactive: true)
    #expect(again.standing.modules()[0].status == .notStarted, "opened now, and nothing in it read yet")
    #expect(again.plan.moduleSteps[0].allSatisfy { !again.standing.isDone($0) })
    let read = store.history(of: Fixture.employee().id, in: "service").pagesRead
    #expect(read.map(\.moduleID) == ["closing"])
  }

  @Test func statusesDoNotFlipAsTheBookmarkMovesAround() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.send(.line("3"))
    try await driver.send(.line(""))
    var seen: [[ModuleProgress.Status]] = []
    // Into the first module's lesson and back to the third module, by the outlines.
    for event in [Event.home, .line("1"), .line("2"), .outline, .home, .line("3"), .line(""), .home] {
      try await driver.send(event)
      seen.append(driver.session.standing.modules().map(\.status))
    }
    // Nothing was read or answered: where the bookmark went changes no status.
    #expect(seen.allSatisfy { $0 == [.notStarted, .notForRole, .notStarted] }, "\(seen)")
    let again = Fixture.session(store: store, interactive: true)
    #expect(again.standing.modules().map(\.status) == [.notStarted, .notForRole, .notStarted])
  }

  @Test func anOutlineListsEveryPartWithItsStateAndOpensAnyOne() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.openFirstLesson()
    try await driver.send(.outline)
    var outline = driver.session.screen
    #expect(outline.kind == .outline)
    let parts = Self.described(outline)
    #expect(
      parts.map(\.text) == [
        "Overview", "Lesson: Why it matters", "Drill: Check yourself", "Beliefs: Where you start",
      ])
    #expect(parts.map(\.state) == ["read", "not read", "not started", "not started"])
    #expect(outline.list?.count == 4)
    #expect(outline.menuKeys.isSuperset(of: ["h", "a", "q"]))
    // Enter continues where the employee was: the lesson.
    try await driver.send(.line(""))
    #expect(driver.session.screen.location.last == "Why it matters")
    // Straight to the drill from the outline.
    try await driver.send(.outline)
    try await driver.send(.line("3"))
    #expect(driver.session.screen.kind == .question)
    #expect(driver.session.screen.progress == "question 1 of 5")
    try await driver.send(Learner().answer(driver.session))
    try await driver.send(.outline)
    outline = driver.session.screen
    // The lesson skipped is still "not read": reading is never assumed.
    #expect(Self.described(outline).map(\.state) == ["read", "not read", "1 of 5 answered", "not started"])
  }

  @Test func everyScreenLeadsToTheOutlineAndHomeAndBackWithoutRecordingAnything() async throws {
    // At each screen of a whole course: /m, /h (or m, h) and back (Enter on the outline
    // continues there; on the home too) lands on the same screen, and writes no record.
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    var checked = Set<Screen.Kind>()
    var count = 0
    while !driver.session.isFinished && count < 300 {
      count += 1
      let before = driver.session.screen
      let kind = before.kind
      if ![.home, .outline, .answers, .courseDone, .finished].contains(kind) {
        let records = store.writes
        var probe = driver.session
        let isLine = {
          if case .line = before.input { true } else if case .lines = before.input { true } else { false }
        }()
        _ = probe.handle(isLine ? .line("/m") : .outline, at: Date())
        #expect(probe.screen.kind == .outline, "\(kind): m")
        _ = probe.handle(isLine ? .line("/h") : .home, at: Date())
        #expect(probe.screen.kind == .home, "\(kind): h")
        _ = probe.handle(isLine ? .line("/a") : .answers, at: Date())
        #expect(probe.screen.kind == .answers, "\(kind): a")
        #expect(store.writes == records, "\(kind): navigating wrote nothing")
        checked.insert(kind)
      }
      try await driver.send(Learner().answer(driver.session))
    }
    #expect(
      checked.isSuperset(of: [
        .page, .question, .feedback, .drillResult, .belief, .share, .echo, .statement, .signature, .signed,
        .moduleDone,
      ]))
  }

  @Test func leavingAQuestionAndContinuingComesBackToIt() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.openFirstLesson()
    try await driver.send(.next)
    let question = driver.session.screen
    #expect(question.kind == .question)
    try await driver.send(.line("/m"))
    try await driver.send(.line(""))
    #expect(driver.session.screen == question)
    try await driver.send(.line("/h"))
    try await driver.send(.line(""))
    #expect(driver.session.screen == question)
    // A new session (the bookmark) resumes there too.
    try await driver.send(.line("/h"))
    try await driver.send(.quit)
    var again = Fixture.session(store: store, interactive: true)
    _ = again.handle(.line(""), at: Date())
    #expect(again.screen == question)
  }

  @Test func myAnswersShowRatingsAgreementsRankingsReflectionsAndTheCreed() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.run(Learner(share: "y").answer)
    var session = Fixture.session(store: store, interactive: true)
    _ = session.handle(.line("1"), at: Date())
    _ = session.handle(.line("a"), at: Date())
    let basics = Self.text(session.screen)
    #expect(session.screen.kind == .answers)
    #expect(basics.contains("4. Agree"))
    #expect(basics.contains("3. Sometimes"))
    #expect(basics.contains("1. Warmth  2. Speed  3. Accuracy"))
    #expect(
      session.screen.parts.contains(.indented("A waiter remembered my name.\nIt made my day.", .accent)))
    #expect(basics.contains("shared with your trainer"))
    // The closing module: the statement asked again, beside the first answer; the creed.
    _ = session.handle(.home, at: Date())
    _ = session.handle(.line("3"), at: Date())
    _ = session.handle(.answers, at: Date())
    let closing = Self.text(session.screen)
    #expect(
      session.screen.parts.contains(
        .compared([
          Screen.Comparison(statement: "", beforeLabel: "module 1", before: "4. Agree", now: "4. Agree")
        ])))
    #expect(closing.contains("Your note: I listen before I answer."))
    #expect(closing.contains("as Jane Doe."))
    // Enter goes back to the outline.
    _ = session.handle(.next, at: Date())
    #expect(session.screen.kind == .outline)
  }

  @Test func theClosingReflectionShowsEveryStatementBeforeAndAfter() async throws {
    var course = Fixture.course()
    guard case .beliefs(let intro, var items) = course.modules[2].sections[0].content else {
      Issue.record("the fixture's closing section is no belief section")
      return
    }
    items.append(BeliefItem(id: "changed", prompt: "What has changed for you?", body: .reflect))
    course.modules[2].sections[0].content = .beliefs(intro: intro, items: items)
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    var learner = Learner()
    learner.agree = 4
    try await driver.run { session in
      if case .belief(let index) = session.state, session.plan.steps[index].module == 2,
        session.plan.belief(session.plan.steps[index])?.kind == .agree
      {
        return .line("2")
      }
      return learner.answer(session)
    }
    let screen = try #require(
      driver.transcript.first { $0.0.kind == .belief && $0.0.progress == "2 of 2" }?.0)
    #expect(screen.parts.contains(.text("Where you started, and where you are now:", .plain)))
    #expect(
      screen.parts.contains(
        .compared([
          Screen.Comparison(
            statement: "Looking after customers is part of my job.", beforeLabel: "module 1",
            before: "4. Agree",
            now: "2. Disagree")
        ])))
    // The comparison comes before the question.
    let compared = screen.parts.firstIndex { if case .compared = $0 { true } else { false } }
    let prompt = screen.parts.firstIndex(of: .text("What has changed for you?", .prompt))
    #expect(compared! < prompt!)
  }
}
