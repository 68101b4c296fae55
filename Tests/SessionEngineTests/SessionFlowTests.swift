import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine

@Suite struct SessionFlowTests {
  @Test func aRightLearnerFinishesTheCourseAndPasses() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run(Learner().answer)
    #expect(driver.session.isFinished)
    #expect(!driver.session.endedByQuit)
    let history = store.history(of: Fixture.employee().id, in: "service")
    #expect(history.attempts.count == 5)
    #expect(history.attempts.allSatisfy { $0.correct })
    #expect(history.beliefs.filter { $0.kind != .statement }.count == 5)
    #expect(history.beliefs.filter { $0.kind == .statement }.count == 2)
    #expect(history.signatures.count == 1)
    guard case .creed(let creed) = Fixture.course().modules[2].sections[1].content else {
      Issue.record("the fixture's closing module has no creed")
      return
    }
    #expect(history.signatures[0].creedHash == creed.contentHash)
    #expect(history.enrolment?.completed != nil)
    #expect(history.enrolment?.passed == true)
    let standing = Standing(plan: CoursePlan(course: Fixture.course(), role: "frontline"), history: history)
    #expect(standing.modules().map(\.status) == [.passed, .notForRole, .completed])
    // Never "right" or a score on a belief screen.
    for (screen, _) in driver.transcript
    where [.belief, .share, .echo, .statement, .signature].contains(screen.kind) {
      let text = screen.parts.map { "\($0)" }.joined()
      #expect(!text.contains("Right") && !text.contains("Score") && !text.contains("%"))
    }
  }

  @Test func missedQuestionsAndOnlyThoseAreAskedAgainUntilPassed() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    // Miss three questions the first time, two of them a second time too.
    try await driver.run(Learner(misses: ["four-of-five": 2, "journey": 2, "raving-fans": 1]).answer)
    let history = store.history(of: Fixture.employee().id, in: "service")
    let tries = Dictionary(grouping: history.attempts, by: \.item.itemID).mapValues(\.count)
    #expect(tries == ["four-of-five": 3, "raving-fans": 2, "seven-cs": 1, "journey": 3, "pairs": 1])
    let asked = driver.transcript.compactMap { screen, _ -> String? in
      screen.kind == .question ? screen.progress : nil
    }
    #expect(
      asked == [
        "question 1 of 5", "question 2 of 5", "question 3 of 5", "question 4 of 5", "question 5 of 5",
        "question 1 of 5, another try", "question 2 of 5, another try", "question 4 of 5, another try",
        "question 1 of 5, another try", "question 4 of 5, another try",
      ])
    let results = driver.transcript.filter { $0.0.kind == .drillResult }.map {
      $0.0.parts.map { "\($0)" }.joined()
    }
    #expect(results.count == 3)
    #expect(results[0].contains("Score: 47% (2 of 5 right). Pass mark: 80%."))
    #expect(results[1].contains("Score: 67% (3 of 5 right)"))
    #expect(results[2].contains("Score: 100% (5 of 5 right)"))
    let basics = Standing(plan: CoursePlan(course: Fixture.course(), role: "frontline"), history: history)
      .module(0)
    #expect(basics.status == .passed)
    #expect(basics.drill?.rounds == 3)
    #expect(basics.drill?.best == 1)
    #expect(abs((basics.drill?.first ?? 0) - (0 + 0 + 1 + 1.0 / 3 + 1) / 5) < 1e-3)
  }

  @Test func decliningARetryLeavesTheModuleNeedingAnotherTry() async throws {
    let course = Fixture.course(pass: 100)
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    let learner = Learner(misses: ["pairs": 1])
    try await driver.run { session in
      if case .drillResult = session.state { return .line("n") }
      return learner.answer(session)
    }
    let history = store.history(of: Fixture.employee().id, in: "service")
    let standing = Standing(plan: CoursePlan(course: course, role: "frontline"), history: history)
    #expect(standing.module(0).status == .retry)
    #expect(history.enrolment?.completed != nil && history.enrolment?.passed == false)
    // Next time, Continue goes straight back to the drill's retry question.
    let again = Fixture.session(course, store: store)
    #expect(again.screen.kind == .drillResult)
    #expect(again.screen.input == .line(prompt: "Try the missed question again now? [Y/n]"))
    var second = Driver(session: again, store: store)
    try await second.run(learner.answer)
    let final = store.history(of: Fixture.employee().id, in: "service")
    #expect(
      Standing(plan: CoursePlan(course: course, role: "frontline"), history: final).module(0).status
        == .passed)
    #expect(final.enrolment?.passed == true)
  }

  @Test func aModuleWithTwoDrillsNamesTheOneBelowItsPassMark() async throws {
    func drill(_ id: String, _ title: String) -> Section {
      Section(
        id: id, title: title,
        content: .drill(
          intro: [],
          questions: [
            Question(
              id: "\(id)-q", prompt: "Pick A",
              body: .choice([.init(text: "A", isCorrect: true), .init(text: "B", isCorrect: false)]))
          ]))
    }
    let module = Module(
      id: "m", title: "Two drills", file: "01.md", pass: 50,
      sections: [drill("one", "One"), drill("two", "Two")])
    let course = Course(
      id: "service", title: "C", file: "course.md", pass: 50, introduction: [], modules: [module])
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    let learner = Learner(misses: ["two-q": 9])
    var shown: [String] = []
    try await driver.run { session in
      if case .drillResult = session.state { return .line("n") }
      if case .moduleDone = session.state {
        shown = session.screen.parts.compactMap { if case .text(let text, _) = $0 { text } else { nil } }
      }
      return learner.answer(session)
    }
    #expect(driver.session.standing.module(0).status == .retry)
    #expect(
      shown.contains(
        "Module 1, Two drills: the drill 'Two' needs another try (0%, pass mark 50%). "
          + "It comes back when you continue."), "\(shown)")
    #expect(!shown.contains { $0.contains("'One'") })
  }

  @Test func aRightShortAnswerThatReadsLikeACommandIsAnAnswer() async throws {
    let question = Question(
      id: "letter", prompt: "Which letter asks for a hint?", hints: ["It is in the footer."],
      body: .short(answers: ["h"]))
    let module = Module(
      id: "m", title: "M", file: "01.md", pass: 80,
      sections: [Section(id: "d", title: "D", content: .drill(intro: [], questions: [question]))])
    let course = Course(
      id: "service", title: "C", file: "course.md", pass: 80, introduction: [], modules: [module])
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(course, store: store), store: store)
    try await driver.run(limit: 5) { $0.screen.kind == .question ? .quit : .next }
    driver = Driver(session: Fixture.session(course, store: store), store: store)
    #expect(driver.session.screen.kind == .question)
    let effects = try await driver.send(.line(" H "))
    guard case .recordAttempt(let attempt, _, _)? = effects.first else {
      Issue.record("'h' is the right answer here, not a request for the hint: \(effects)")
      return
    }
    #expect(attempt.score == 1)
  }

  @Test func aRepeatedStatementShowsTheEarlierAnswerAfterTheNewOne() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    let learner = Learner(agree: 2)
    try await driver.run { session in
      if case .belief(let index) = session.state, session.plan.steps[index].module == 2 {
        var later = learner
        later.agree = 5
        return later.answer(session)
      }
      return learner.answer(session)
    }
    let echoes = driver.transcript.filter { $0.0.kind == .echo }.map(\.0)
    #expect(echoes.count == 1)
    let text = echoes[0].parts.map { "\($0)" }.joined()
    #expect(text.contains("Earlier (module 1, The basics): 2. Disagree"))
    #expect(text.contains("Now: 5. Strongly agree"))
  }

  @Test func modulesNotForTheRoleAreSkippedAndShownAsSuch() async throws {
    let frontline = CoursePlan(course: Fixture.course(), role: "frontline")
    #expect(frontline.moduleSteps[1].isEmpty)
    #expect(!frontline.steps.contains { $0.module == 1 })
    let manager = CoursePlan(course: Fixture.course(), role: "manager")
    #expect(!manager.moduleSteps[1].isEmpty)
    let nobody = CoursePlan(course: Fixture.course(), role: nil)
    #expect(nobody.moduleSteps[1].isEmpty)

    let store = try Fixture.store()
    var home = Fixture.session(store: store, interactive: true)
    #expect(home.screen.kind == .home)
    guard
      case .modules(let rows, let next)? = home.screen.parts.first(where: {
        if case .modules = $0 { true } else { false }
      })
    else { Issue.record("no module table"); return }
    #expect(rows.map(\.status) == [.notStarted, .notForRole, .notStarted])
    #expect(next == 0)
    _ = home.handle(.line("2"), at: Date())
    #expect(home.screen.kind == .home)
    #expect(home.screen.notice?.contains("not for your role") == true)
  }

  @Test func managersTakeTheirModule() async throws {
    let manager = Fixture.employee(role: "manager")
    let store = try Fixture.store(for: manager)
    var driver = Driver(session: Fixture.session(employee: manager, store: store), store: store)
    try await driver.run(Learner().answer)
    let history = store.history(of: manager.id, in: "service")
    #expect(history.attempts.map(\.item.itemID).contains("tone"))
    let standing = Standing(plan: CoursePlan(course: Fixture.course(), role: "manager"), history: history)
    #expect(standing.modules().map(\.status) == [.passed, .passed, .completed])
  }

  @Test func reflectionsArePrivateUnlessShared() async throws {
    for (typed, shared) in [("", false), ("n", false), ("y", true)] {
      let store = try Fixture.store()
      var driver = Driver(session: Fixture.session(store: store), store: store)
      try await driver.run(Learner(share: typed).answer)
      let reflection = store.history(of: Fixture.employee().id, in: "service").beliefs.first {
        $0.kind == .reflect
      }
      #expect(reflection?.shared == shared)
      #expect(reflection?.answer == .text("A waiter remembered my name.\nIt made my day."))
      let share = driver.transcript.first { $0.0.kind == .share }?.0
      #expect(share?.input == .line(prompt: "Share this reflection with your trainer? [y/N]"))
      #expect(share?.parts.map { "\($0)" }.joined().contains("private") == true)
    }
  }

  @Test func theCreedIsSignedWithTheTypedFullName() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run { session in
      if case .signature = session.state, session.screen.notice == nil { return .line("Someone Else") }
      if case .signature = session.state { return .line("  jane   DOE ") }
      return Learner().answer(session)
    }
    let notices = driver.transcript.compactMap { $0.0.kind == .signature ? $0.0.notice : nil }
    #expect(
      notices == ["To sign, type your full name as it is on record: Jane Doe (Enter leaves it unsigned)"])
    let history = store.history(of: Fixture.employee().id, in: "service")
    #expect(history.signatures.map(\.name) == ["jane DOE"])
    let notes = history.beliefs.filter { $0.kind == .statement }
    #expect(notes.map(\.item.itemID) == ["creed-1", "creed-2"])
  }

  @Test func badInputAtEveryPromptKeepsThePromptAndRecordsNothing() async throws {
    let junk = [
      String(repeating: "9", count: 1 << 20), String(decoding: [0xC3, 0x28, 0xFF], as: UTF8.self),
      "1\u{FFFD}",
    ]
    let numberJunk = ["0", "99", "-1", "abc", "1.5", "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"]
    let store = try Fixture.store()
    var clean = Driver(session: Fixture.session(store: store), store: store)
    try await clean.run(Learner().answer)

    let noisyStore = try Fixture.store()
    var noisy = Driver(session: Fixture.session(store: noisyStore), store: noisyStore)
    var tested = Set<Screen.Kind>()
    while !noisy.session.isFinished {
      let before = noisy.session.screen
      if case .line = before.input, before.kind != .statement {
        // An empty line is an answer only where a default exists.
        guard case .line(let prompt) = before.input else { continue }
        let typesText = prompt.hasPrefix("answer: type it")
        let typesNumbers = !typesText && !prompt.hasPrefix("sign") && !prompt.hasPrefix("answer: the numbers")
        // (At the signature an empty line leaves the creed unsigned: a choice, not junk.)
        var texts = junk + ([.share, .drillResult, .signature].contains(before.kind) ? [] : [""])
        if typesNumbers { texts += numberJunk.filter { !(prompt.hasPrefix("match") && $0 == "abc") } }
        if prompt.hasPrefix("answer: the numbers") { texts += ["0", "abc", "9 1"] }
        if before.kind == .signature { texts += ["Jane", "Doe Jane"] }
        for text in texts {
          let effects = noisy.session.handle(.line(text), at: Date())
          #expect(effects.isEmpty, "\(before.kind) took \(text.prefix(10))")
          let after = noisy.session.screen
          #expect(
            after.notice.map { !$0.isEmpty && !$0.contains("\n") } ?? false,
            "\(before.kind): \(text.prefix(10))")
          var same = after
          same.notice = nil
          #expect(same == before)
        }
        tested.insert(before.kind)
      }
      try await noisy.send(Learner().answer(noisy.session))
    }
    #expect(tested.isSuperset(of: [.question, .belief, .share, .signature]))
    let expected = store.history(of: Fixture.employee().id, in: "service")
    let got = try noisyStore.history(of: Fixture.employee().id, in: "service")
    #expect(expected.attempts.map(\.response) == got.attempts.map(\.response))
    #expect(expected.beliefs.map(\.answer) == got.beliefs.map(\.answer))
  }

  @Test func hintsAreShownBeforeAnswering() async throws {
    let store = try Fixture.store()
    var session = Fixture.session(store: store)
    while session.screen.kind != .question { _ = session.handle(.next, at: Date()) }
    #expect(session.screen.input == .line(prompt: "answer 1-3 (h: hint)"))
    _ = session.handle(.line("h"), at: Date())
    #expect(session.screen.parts.contains(.text("Hint: Think about who stays.", .warn)))
    #expect(session.screen.input == .line(prompt: "answer 1-3"))
    _ = session.handle(.line("h"), at: Date())
    #expect(session.screen.notice == "That was the last hint for this question.")
  }

  @Test func feedbackShowsRightOrNotTheChoiceFeedbackAndTheExplanation() async throws {
    let store = try Fixture.store()
    var session = Fixture.session(store: store)
    while session.screen.kind != .question { _ = session.handle(.next, at: Date()) }
    let question = session.plan.question(
      session.plan.steps.first { if case .question = $0.kind { true } else { false } }!)!
    let wrong = Learner.answer(question, layout: session.layout(question), wrong: true)
    let effects = session.handle(.line(wrong), at: Date())
    #expect(effects.count == 1)
    let parts = session.screen.parts
    #expect(parts.first == .text(question.prompt, .dim))
    #expect(parts.contains(.text("Not right.", .bad)))
    #expect(parts.contains(.text("Loyal customers give fives.", .plain)))
    #expect(parts.contains(.blocks([Fixture.paragraph("Satisfaction is not loyalty.")])))
  }

  @Test func theHomeScreenShowsProgressAndContinues() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run(limit: 12, Learner().answer)
    var home = Fixture.session(store: store, interactive: true)
    let rows = home.standing.modules()
    #expect(rows[0].status == .inProgress)
    #expect(rows[0].stepsDone > 0 && rows[0].stepsDone < rows[0].stepsTotal)
    #expect(rows[0].minutesLeft >= 1)
    #expect(rows[2].status == .notStarted)
    let text = home.screen.parts.map { "\($0)" }.joined()
    #expect(text.contains("Continue: Module 1 of 3: The basics"))
    _ = home.handle(.line(""), at: Date())
    #expect(home.screen.kind != .home)
    _ = home.handle(.home, at: Date())
    #expect(home.screen.kind == .home)
    // A module's number opens its outline; Enter there goes into the module.
    _ = home.handle(.line("3"), at: Date())
    #expect(home.screen.kind == .outline)
    #expect(home.screen.location.last == "Module 3 of 3: Closing")
    _ = home.handle(.line(""), at: Date())
    #expect(home.screen.kind == .page)
    #expect(home.screen.location.last == "Module 3 of 3: Closing")
  }

  @Test func theCreedsClosingWordsComeBeforeTheSignature() async throws {
    let store = try Fixture.store()
    var driver = Driver(session: Fixture.session(store: store), store: store)
    try await driver.run { session in
      session.screen.kind == .signature ? .quit : Learner().answer(session)
    }
    let signing = try #require(driver.transcript.last { $0.0.kind == .signature }?.0)
    let text = signing.parts.map { "\($0)" }.joined(separator: "\n")
    let closing = try #require(text.range(of: "Signing says you will try, not that you are perfect."))
    let instruction = try #require(text.range(of: "To sign the creed, type your full name"))
    #expect(closing.upperBound < instruction.lowerBound)
  }
}
