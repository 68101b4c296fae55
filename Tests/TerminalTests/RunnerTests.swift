import CoachTestSupport
import CourseModel
import Foundation
import LearnerModel
import PrivateText
import Testing

@testable import Terminal

/// The passphrase the scripted employees choose, and a runner that makes keys cheaply.
let passphrase = "a long enough passphrase"
let testLock = PassphraseLock(kdf: PassphraseKDF(logN: 10))

func runner(_ console: any Console, _ store: any ProgressStore) -> Runner {
  Runner(
    console: console, store: store,
    options: Runner.Options(lock: testLock, wrongPassphraseDelay: .milliseconds(50)))
}

@Suite struct RunnerTests {
  @Test func asksWhoTheEmployeeIsAndWhichCourse() async throws {
    var other = Fixture.course()
    other.id = "other"
    other.title = "Other course"
    let store = InMemoryProgressStore()
    let console = ScriptedConsole(["bad id!", "pat", passphrase, passphrase, "", "Pat Kim", "3", "2", "2"])
    let outcome = await runner(console, store).learn(
      courses: [Fixture.course(), other], identity: .init(), seed: 1)
    #expect(outcome == .quit)
    let out = console.output
    #expect(out.contains("? your employee number or login\n! Not a valid id: a space is not allowed"))
    #expect(out.contains("? your full name\n! Type your answer, then press Enter.\n? your full name"))
    #expect(out.contains("1. frontline\n2. manager\n? role 1-2\n! 3 is not on the list"))
    #expect(out.contains("1. Service\n2. Other course\n? course 1-2"))
    let pat = try #require(try store.employee(id: EmployeeID("pat")))
    #expect(pat.name == "Pat Kim")
    #expect(pat.role == "manager")
    #expect(try store.enrolments(of: pat.id).map(\.courseID) == ["other"])
  }

  @Test func aNameGivenBeforeQuittingAtTheRoleQuestionIsKept() async throws {
    let store = InMemoryProgressStore()
    let first = ScriptedConsole(["n1", passphrase, passphrase, "Ann Lee"])
    #expect(
      await runner(first, store).learn(
        courses: [Fixture.course()], identity: .init(), seed: 1)
        == .quit)
    #expect(try store.employee(id: EmployeeID("n1"))?.name == "Ann Lee")
    let second = ScriptedConsole([passphrase])
    _ = await runner(second, store).learn(
      courses: [Fixture.course()], identity: .init(id: try EmployeeID("n1")), seed: 1)
    #expect(!second.output.contains("? your full name"))
    #expect(second.output.contains("? role 1-2"))
  }

  @Test func everyAnswerIsStoredBeforeTheNextPromptIsRead() async throws {
    let store = try Fixture.store()
    let console = ScriptedConsole([passphrase, passphrase, "4", "x", "2"])
    var seen: [Int] = []
    console.beforeRead = {
      guard console.script.count <= 3 else { return }  // from the first answer on
      let history = Optional(store.history(of: Fixture.employee().id, in: "service"))
      seen.append((history?.attempts.count ?? 0) + (history?.beliefs.count ?? 0))
    }
    var course = Fixture.course()
    // Start with the belief section of the first module.
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    let outcome = await runner(console, store).learn(
      courses: [course], identity: .init(id: Fixture.employee().id), seed: 1)
    #expect(outcome == .quit)
    #expect(seen == [0, 1, 1, 2])
    #expect(
      console.output.contains("? rate 1-5\n! \"x\" is not a number: type a number from 1 to 5.\n? rate 1-5\n")
    )
    #expect(console.output.hasSuffix("? reflection: end with an empty line\n"))
  }

  @Test func ctrlCInTheMiddleOfAReflectionKeepsTheLinesTyped() async throws {
    let store = try Fixture.store()
    var course = Fixture.course()
    // The belief section of the first module only; its reflection is the third item.
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    let identity = Runner.Identity(id: Fixture.employee().id)
    let first = ScriptedConsole(
      [
        passphrase, passphrase, "", "4", "2", "A waiter knew my name.", "It made my day.",
        ScriptedConsole.ctrlC,
      ],
      interactive: true)
    #expect(
      await runner(first, store).learn(courses: [course], identity: identity, seed: 1)
        == .interrupted)
    // The store holds the draft sealed: the text only opens with the employee's key.
    let key = try EmployeeKey.unlock(
      try #require(store.wrappedKey(of: Fixture.employee().id)), passphrase: passphrase)
    let bookmark = try store.history(of: Fixture.employee().id, in: "service").bookmark
    guard case .sealedDraft(let item, let sealed) = bookmark?.position else {
      Issue.record("the draft is not sealed: \(String(describing: bookmark?.position))")
      return
    }
    #expect(item == "story")
    #expect(
      try key.open(sealed, for: SealContext(.bookmark, courseID: "service", itemID: "story"))
        == "A waiter knew my name.\nIt made my day.")

    // The next run shows the lines kept and goes on from them.
    let second = ScriptedConsole(
      [passphrase, "", "I still remember it.", "", "n", ScriptedConsole.ctrlC], interactive: true)
    #expect(
      await runner(second, store).learn(courses: [course], identity: identity, seed: 1)
        == .interrupted)
    #expect(second.output.contains("Your lines from before are kept below"))
    #expect(second.output.contains("  A waiter knew my name.\n  It made my day.\n"))
    let story = try store.history(of: Fixture.employee().id, in: "service").beliefs.last {
      $0.item.itemID == "story"
    }
    guard case .sealed(let answer) = story?.answer else {
      Issue.record("the reflection is not sealed: \(String(describing: story?.answer))")
      return
    }
    #expect(
      try key.open(answer, for: SealContext(.answer, courseID: "service", itemID: "story"))
        == "A waiter knew my name.\nIt made my day.\nI still remember it.")
    #expect(story?.shared == false)
  }

  @Test func pipeModePrintsLessonsWithoutWaitingAndNoEscapes() async throws {
    let store = try Fixture.store()
    let console = ScriptedConsole([passphrase, passphrase])
    _ = await runner(console, store).learn(
      courses: [Fixture.course()], identity: .init(id: Fixture.employee().id), seed: 1)
    let out = console.output
    #expect(out.contains("Welcome to the course."))
    #expect(out.contains("== Service > Module 1 of 3: The basics > Why it matters =="))
    #expect(out.contains("Customers stay when they are cared for.\n\nSecond paragraph."))
    #expect(!out.contains("\u{1B}"))
  }
}
