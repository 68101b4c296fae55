import CourseModel
import Foundation
import ProgressStore
import Testing

@testable import Session

/// A console that reads from a script and keeps what was written.
final class ScriptedConsole: Console {
  /// What the script says for Ctrl-C.
  static let ctrlC = "^C"
  var script: [String]
  var output = ""
  /// Called before each line is read (to look at the store at that moment).
  var beforeRead: () -> Void = {}
  /// A terminal (80x24) rather than a pipe.
  let isInteractive: Bool

  init(_ script: [String], interactive: Bool = false) {
    self.script = script
    isInteractive = interactive
  }

  var size: (width: Int, height: Int) { isInteractive ? (80, 24) : (Int.max, Int.max) }
  var usesColor: Bool { false }
  var controlsScreen: Bool { false }
  func write(_ text: String) { output += text }
  func clearScreen() {}
  func readLine() -> LineInput {
    beforeRead()
    guard !script.isEmpty else { return .endOfInput }
    let line = script.removeFirst()
    return line == Self.ctrlC ? .interrupt : .text(line)
  }
  func readKey() -> Key { .enter }
  func deferringSignals<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T { try body() }
  func restore() {}
}

@Suite struct RunnerTests {
  @Test func asksWhoTheEmployeeIsAndWhichCourse() throws {
    var other = Fixture.course()
    other.id = "other"
    other.title = "Other course"
    let store = try SQLiteProgressStore.inMemory()
    let console = ScriptedConsole(["bad id!", "pat", "", "Pat Kim", "3", "2", "2"])
    let outcome = Runner(console: console, store: store).learn(
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

  @Test func aNameGivenBeforeQuittingAtTheRoleQuestionIsKept() throws {
    let store = try SQLiteProgressStore.inMemory()
    let first = ScriptedConsole(["n1", "Ann Lee"])
    #expect(
      Runner(console: first, store: store).learn(courses: [Fixture.course()], identity: .init(), seed: 1)
        == .quit)
    #expect(try store.employee(id: EmployeeID("n1"))?.name == "Ann Lee")
    let second = ScriptedConsole([])
    _ = Runner(console: second, store: store).learn(
      courses: [Fixture.course()], identity: .init(id: try EmployeeID("n1")), seed: 1)
    #expect(!second.output.contains("? your full name"))
    #expect(second.output.contains("? role 1-2"))
  }

  @Test func everyAnswerIsStoredBeforeTheNextPromptIsRead() throws {
    let store = try Fixture.store()
    let console = ScriptedConsole(["4", "x", "2"])
    var seen: [Int] = []
    console.beforeRead = {
      let history = try? store.history(of: Fixture.employee().id, in: "service")
      seen.append((history?.attempts.count ?? 0) + (history?.beliefs.count ?? 0))
    }
    var course = Fixture.course()
    // Start with the belief section of the first module.
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    let outcome = Runner(console: console, store: store).learn(
      courses: [course], identity: .init(id: Fixture.employee().id), seed: 1)
    #expect(outcome == .quit)
    #expect(seen == [0, 1, 1, 2])
    #expect(
      console.output.contains("? rate 1-5\n! \"x\" is not a number: type a number from 1 to 5.\n? rate 1-5\n")
    )
    #expect(console.output.hasSuffix("? reflection: end with an empty line\n"))
  }

  @Test func ctrlCInTheMiddleOfAReflectionKeepsTheLinesTyped() throws {
    let store = try Fixture.store()
    var course = Fixture.course()
    // The belief section of the first module only; its reflection is the third item.
    course.modules[0].sections = [course.modules[0].sections[2]]
    course.introduction = []
    let identity = Runner.Identity(id: Fixture.employee().id)
    let first = ScriptedConsole(
      ["", "4", "2", "A waiter knew my name.", "It made my day.", ScriptedConsole.ctrlC], interactive: true)
    #expect(
      Runner(console: first, store: store).learn(courses: [course], identity: identity, seed: 1)
        == .interrupted)
    let bookmark = try store.history(of: Fixture.employee().id, in: "service").bookmark
    #expect(bookmark?.position == "draft:story\nA waiter knew my name.\nIt made my day.")

    // The next run shows the lines kept and goes on from them.
    let second = ScriptedConsole(
      ["", "I still remember it.", "", "n", ScriptedConsole.ctrlC], interactive: true)
    #expect(
      Runner(console: second, store: store).learn(courses: [course], identity: identity, seed: 1)
        == .interrupted)
    #expect(second.output.contains("Your lines from before are kept below"))
    #expect(second.output.contains("  A waiter knew my name.\n  It made my day.\n"))
    let story = try store.history(of: Fixture.employee().id, in: "service").beliefs.last {
      $0.item.itemID == "story"
    }
    #expect(story?.answer == .text("A waiter knew my name.\nIt made my day.\nI still remember it."))
    #expect(story?.shared == false)
  }

  @Test func pipeModePrintsLessonsWithoutWaitingAndNoEscapes() throws {
    let store = try Fixture.store()
    let console = ScriptedConsole([])
    _ = Runner(console: console, store: store).learn(
      courses: [Fixture.course()], identity: .init(id: Fixture.employee().id), seed: 1)
    let out = console.output
    #expect(out.contains("Welcome to the course."))
    #expect(out.contains("== Service > Module 1 of 3: The basics > Why it matters =="))
    #expect(out.contains("Customers stay when they are cared for.\n\nSecond paragraph."))
    #expect(!out.contains("\u{1B}"))
  }
}
