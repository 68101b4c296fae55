import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine

/// Quitting or being killed at any moment loses nothing answered, and the next session
/// starts at the same item.
@Suite struct ResumeTests {
  /// The screens that wait for typed input, in order, of a session driven to its end.
  static func prompts(_ transcript: [(Screen, Event)]) -> [Screen] {
    transcript.map(\.0).filter {
      if case .line = $0.input { true } else if case .lines = $0.input { true } else { false }
    }
  }

  @Test(arguments: [false, true])
  func killedAfterAnyEventTheNextSessionResumesAtTheSameItem(quitFirst: Bool) async throws {
    let learner = Learner(misses: ["four-of-five": 1, "journey": 1])
    let fullStore = try Fixture.store()
    var full = Driver(session: Fixture.session(store: fullStore), store: fullStore)
    try await full.run(learner.answer)
    let fullHistory = fullStore.history(of: Fixture.employee().id, in: "service")
    let total = full.transcript.count
    #expect(total > 30)

    for cut in 0..<total {
      let store = try Fixture.store()
      var first = Driver(session: Fixture.session(store: store), store: store)
      try await first.run(limit: cut, learner.answer)
      // The screen that was showing when the session died.
      let showing = first.session.screen
      if quitFirst { try await first.send(.quit) }  // else: kill -9, nothing more is written

      var second = Driver(session: Fixture.session(store: store), store: store)
      let resumed = second.session.screen
      if case .line = showing.input, showing.kind != .home {
        #expect(
          resumed == showing,
          "cut \(cut): showing \(showing.kind) \(showing.progress ?? ""), resumed \(resumed.kind) \(resumed.progress ?? "")"
        )
      } else if case .lines = showing.input {
        #expect(resumed == showing, "cut \(cut)")
      }
      try await second.run(learner.answer)
      #expect(second.session.isFinished && !second.session.endedByQuit)

      let history = store.history(of: Fixture.employee().id, in: "service")
      #expect(history.attempts.map(\.item.itemID) == fullHistory.attempts.map(\.item.itemID), "cut \(cut)")
      #expect(history.attempts.map(\.score) == fullHistory.attempts.map(\.score), "cut \(cut)")
      #expect(history.beliefs.map(\.item) == fullHistory.beliefs.map(\.item), "cut \(cut)")
      #expect(history.beliefs.map(\.answer) == fullHistory.beliefs.map(\.answer), "cut \(cut)")
      #expect(history.signatures.count == 1, "cut \(cut)")
    }
  }

  @Test func aReflectionWaitingForTheShareQuestionSurvivesAKill() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run { session in
      if session.screen.kind == .share { return .quit }
      return Learner().answer(session)
    }
    let bookmark = store.history(of: Fixture.employee().id, in: "service").bookmark
    #expect(bookmark?.position == .share(item: "story", text: Learner().reflection))
    let resumed = Fixture.session(store: store)
    #expect(resumed.screen.kind == .share)
    #expect(
      resumed.state
        == .share(
          resumed.plan.steps.firstIndex { resumed.plan.belief($0)?.id == "story" }!,
          draft: Learner().reflection))
  }

  @Test func aReflectionBegunInTheTerminalKeepsEachLineAndGoesOnFromThem() async throws {
    let store = try Fixture.store()
    let lines = ["A waiter remembered my name.", "It made my day."]
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.run { session in
      guard case .lines = session.screen.input else { return Learner().answer(session) }
      switch session.reflectionDraft {
      case "": return .draft(lines[0])
      case lines[0]: return .draft(lines.joined(separator: "\n"))
      default: return .quit
      }
    }
    let bookmark = store.history(of: Fixture.employee().id, in: "service").bookmark
    #expect(bookmark?.position == .draft(item: "story", text: lines.joined(separator: "\n")))

    var again = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await again.send(.line(""))  // Continue
    #expect(again.session.screen.kind == .belief)
    #expect(again.session.screen.draft == lines)
    try await again.send(.line((lines + ["I still think of it."]).joined(separator: "\n")))
    try await again.send(.line("n"))
    let story = store.history(of: Fixture.employee().id, in: "service").beliefs.last
    #expect(story?.item.itemID == "story")
    #expect(story?.answer == .text((lines + ["I still think of it."]).joined(separator: "\n")))
    #expect(again.session.screen.draft.isEmpty)

    // Pipe mode keeps a draft too when it is given one (before a command such as /m).
    var pipe = Fixture.session(store: try Fixture.store())
    while pipe.screen.input != .lines(prompt: "reflection: end with an empty line") {
      _ = pipe.handle(Learner().answer(pipe), at: Date())
    }
    #expect(pipe.handle(.draft("one line"), at: Date()).count == 1)
    #expect(pipe.handle(.draft("one line"), at: Date()).isEmpty, "the same draft is not saved twice")
  }

  @Test func aLessonResumesAtThePageItWasLeftOn() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.openFirstLesson()
    #expect(driver.session.screen.kind == .page)
    try await driver.send(.page(PagePosition(block: 1, line: 2)))
    try await driver.send(.quit)
    var again = Fixture.session(store: store, interactive: true)
    _ = again.handle(.line(""), at: Date())
    #expect(again.screen.pageStart == PagePosition(block: 1, line: 2))
    #expect(again.screen.location.last == "Why it matters")
  }

  @Test func pagesReadStayReadWhenTheBookmarkGoesBack() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store, interactive: true), store: store)
    try await driver.openFirstLesson()
    let effects = try await driver.send(.next)  // the first question
    #expect(driver.session.screen.kind == .question)
    guard case .recordPageRead(let read, let bookmark?)? = effects.first else {
      Issue.record("leaving a lesson records its reading with the bookmark: \(effects)")
      return
    }
    #expect(read.moduleID == "basics" && read.sectionID == "why" && read.page == .lesson)
    #expect(bookmark.position == .question(item: "four-of-five", retry: false))
    // Back to the start, as the course home's first module does; a new session still
    // counts the pages read and nothing else.
    try await store.saveBookmark(
      Bookmark(
        employee: Fixture.employee().id, courseID: "service", moduleID: "basics", position: .introduction))
    let history = store.history(of: Fixture.employee().id, in: "service")
    #expect(history.pagesRead.map(\.page) == [.introduction, .overview, .lesson])
    let resumed = Fixture.session(store: store, interactive: true)
    let pages = resumed.plan.moduleSteps[0].filter { resumed.plan.steps[$0].isPage }
    #expect(pages.count == 3)
    #expect(pages.allSatisfy(resumed.standing.isDone))
    let basics = resumed.standing.module(0)
    #expect(basics.stepsDone == 3 && basics.status == .inProgress)
    #expect(resumed.standing.module(2).status == .notStarted)
  }

  @Test func aChangedCourseResumesAtTheFirstUnfinishedItem() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run(limit: 6, Learner().answer)
    try await store.saveBookmark(
      Bookmark(
        employee: Fixture.employee().id, courseID: "service", moduleID: "gone", sectionID: "x",
        position: .question(item: "nothing", retry: false)))
    let resumed = Fixture.session(store: store)
    let answered = store.history(of: Fixture.employee().id, in: "service").attempts.count
    #expect(resumed.screen.kind == .question)
    #expect(resumed.screen.progress == "question \(answered + 1) of 5")
  }

  @Test func bookmarkPlacesRoundTrip() {
    let plan = CoursePlan(course: Fixture.course(), role: "manager")
    for index in plan.steps.indices {
      var details: [StepDetail] = [.none]
      if plan.steps[index].kind == .lesson {
        details = [.page(PagePosition(block: 3, line: 4)), .page(.start)]
      }
      if case .question = plan.steps[index].kind { details.append(.retry) }
      if plan.belief(plan.steps[index])?.kind == .reflect { details.append(.share("two\nlines")) }
      for detail in details {
        let place = plan.place(index, detail)
        let found = plan.locate(place)
        #expect(found?.index == index)
        #expect(found?.detail == (detail == .page(.start) ? .page(.start) : detail))
      }
    }
  }
}
