import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine

extension Fixture {
  static func session(
    _ course: Course = course(), employee: Employee = employee(), store: InMemoryProgressStore,
    interactive: Bool = false,
    seed: UInt64 = 7
  ) -> Session {
    let history = store.history(of: employee.id, in: course.id)
    return Session(
      course: course, employee: employee, history: history,
      options: .init(seed: seed, sessionID: "s", interactive: interactive))
  }
}

/// Drives a session the way the runner does: every effect goes to the store before the
/// next event.
struct Driver {
  var session: Session
  let store: InMemoryProgressStore
  var clock = Date(timeIntervalSince1970: 1_000)
  /// Every screen that waited for input, with what was answered.
  var transcript: [(Screen, Event)] = []

  @discardableResult
  mutating func send(_ event: Event) async throws -> [Effect] {
    transcript.append((session.screen, event))
    clock += 1
    let effects = session.handle(event, at: clock)
    try await store.apply(effects, employee: session.employee.id, courseID: session.plan.course.id, at: clock)
    return effects
  }

  /// In a terminal session at the course home: Continue to the course introduction, then
  /// on to the first module's overview and its lesson.
  mutating func openFirstLesson() async throws {
    try await send(.line(""))
    try await send(.next)
    try await send(.next)
  }

  /// Answers with `policy` until the session ends or `limit` events were sent.
  mutating func run(limit: Int = 500, _ policy: (Session) -> Event) async throws {
    var count = 0
    while !session.isFinished && count < limit {
      try await send(policy(session))
      count += 1
    }
  }
}

/// A scripted learner: the right answer to everything, except the questions it is told
/// to miss on their first `misses[id]` attempts.
struct Learner {
  var misses: [String: Int] = [:]
  var agree = 4
  var reflection = "A waiter remembered my name.\nIt made my day."
  var share = "n"

  func answer(_ session: Session) -> Event {
    switch session.state {
    case .question(let index, _, _):
      let question = session.plan.question(session.plan.steps[index])!
      let tries = session.standing.ledger.scores[question.id]?.count ?? 0
      let wrong = tries < (misses[question.id] ?? 0)
      return .line(Self.answer(question, layout: session.layout(question), wrong: wrong))
    case .drillResult(let index):
      return session.standing.drill(near: index).passed ? .next : .line("y")
    case .belief(let index):
      switch session.plan.belief(session.plan.steps[index])!.body {
      case .agree: return .line("\(agree)")
      case .rate: return .line("3")
      case .reflect: return .line(reflection)
      case .rank: return .line("2 1 3")
      }
    case .share: return .line(share)
    case .statement: return .line("I listen before I answer.")
    case .signature: return .line("Jane Doe")
    case .home: return .line("")
    default:
      return .next
    }
  }

  /// The typed answer, right or wrong, for the question as shown.
  static func answer(_ question: Question, layout: [Int], wrong: Bool) -> String {
    func shown(_ original: Int) -> Int { layout.firstIndex(of: original)! + 1 }
    switch question.body {
    case .choice(let choices):
      let right = choices.indices.filter { choices[$0].isCorrect }
      let picked = wrong ? [choices.indices.first { !choices[$0].isCorrect }!] : right
      return picked.map { String(shown($0)) }.joined(separator: " ")
    case .short(let answers):
      return wrong ? "no idea" : "  " + answers[0].uppercased() + "!  "
    case .order(let items):
      let order = wrong ? Array(items.indices.reversed()) : Array(items.indices)
      return order.map { String(shown($0)) }.joined(separator: ",")
    case .match(let pairs):
      return pairs.indices.map { left in
        let right = wrong ? (left + 1) % pairs.count : left
        return "\(left + 1)\(MatchParser.letter(layout.firstIndex(of: right)!))"
      }.joined(separator: " ")
    }
  }
}
