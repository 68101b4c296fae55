import CourseModel
import Foundation
import ProgressStore
import Testing

@testable import Session

/// Courses built in code, and a learner that answers them by script.
enum Fixture {
  static func paragraph(_ text: String) -> Block { Block(.paragraph([.text(text)])) }

  /// Three modules: "basics" for everyone (lesson, a five-question drill of every kind,
  /// beliefs of every kind), "managing" for managers only, and "closing" for everyone
  /// (the "care" statement again, and a creed).
  static func course(pass: Int = 80) -> Course {
    let drill = Section(
      id: "check", title: "Check yourself",
      content: .drill(
        intro: [paragraph("Five questions.")],
        questions: [
          Question(
            id: "four-of-five", prompt: "A customer gives you four out of five. What does that tell you?",
            hints: ["Think about who stays."], explanation: [paragraph("Satisfaction is not loyalty.")],
            body: .choice([
              .init(text: "They are loyal", isCorrect: false, feedback: "Loyal customers give fives."),
              .init(text: "They may still leave", isCorrect: true),
              .init(text: "Nothing at all", isCorrect: false),
            ])),
          Question(
            id: "raving-fans", prompt: "Which make raving fans?",
            body: .choice([
              .init(text: "Consistency", isCorrect: true),
              .init(text: "Discounts", isCorrect: false),
              .init(text: "Recovery", isCorrect: true),
              .init(text: "Slogans", isCorrect: false),
            ])),
          Question(
            id: "seven-cs", prompt: "Which C means the customer calls only once?",
            body: .short(answers: ["call once", "call/visit once"])),
          Question(id: "journey", prompt: "Order the journey", body: .order(["Arrive", "Order", "Pay"])),
          Question(
            id: "pairs", prompt: "Match the moment",
            body: .match([
              .init(left: "Greeting", right: "Smile"), .init(left: "Complaint", right: "Listen"),
              .init(left: "Goodbye", right: "Thank"),
            ])),
        ]))
    let beliefs = Section(
      id: "start", title: "Where you start",
      content: .beliefs(
        intro: [paragraph("Say what you think.")],
        items: [
          BeliefItem(id: "care", prompt: "Looking after customers is part of my job.", body: .agree),
          BeliefItem(
            id: "often", prompt: "How often do you thank a customer?",
            body: .rate(labels: BeliefItem.defaultRateLabels)),
          BeliefItem(
            id: "story", prompt: "Write about a time you were served well.",
            guidance: [paragraph("Take a minute.")], body: .reflect),
          BeliefItem(
            id: "values", prompt: "Rank what matters", body: .rank(["Speed", "Warmth", "Accuracy"])),
        ]))
    let basics = Module(
      id: "basics", title: "The basics", file: "01.md", pass: pass,
      overview: [paragraph("Welcome to the basics.")],
      sections: [
        Section(
          id: "why", title: "Why it matters",
          content: .lesson([
            paragraph("Customers stay when they are cared for."), paragraph("Second paragraph."),
          ])),
        drill, beliefs,
      ])
    let managing = Module(
      id: "managing", title: "Managing", file: "02.md", pass: pass, audience: ["manager"],
      sections: [
        Section(id: "lead", title: "Lead", content: .lesson([paragraph("Managers set the tone.")])),
        Section(
          id: "lead-drill", title: "Lead drill",
          content: .drill(
            intro: [],
            questions: [
              Question(
                id: "tone", prompt: "Who sets the tone?",
                body: .choice([
                  .init(text: "The manager", isCorrect: true), .init(text: "Nobody", isCorrect: false),
                ]))
            ])),
      ])
    let closing = Module(
      id: "closing", title: "Closing", file: "03.md", pass: pass,
      sections: [
        Section(
          id: "end", title: "Where you are now",
          content: .beliefs(
            intro: [],
            items: [
              BeliefItem(id: "care", prompt: "Looking after customers is part of my job.", body: .agree)
            ])),
        Section(
          id: "creed", title: "Our creed",
          content: .creed(
            Creed(
              intro: [paragraph("Read and sign.")],
              statements: [
                .init(id: "creed-1", text: "We listen first."),
                .init(id: "creed-2", text: "We keep our word."),
              ]))),
      ])
    return Course(
      id: "service", title: "Service", file: "course.md", pass: pass, roles: ["frontline", "manager"],
      introduction: [paragraph("Welcome to the course.")], modules: [basics, managing, closing])
  }

  static func employee(role: String? = "frontline") -> Employee {
    Employee(id: try! EmployeeID("e1"), name: "Jane Doe", role: role, created: Date(timeIntervalSince1970: 0))
  }

  static func store(for employee: Employee = employee()) throws -> SQLiteProgressStore {
    let store = try SQLiteProgressStore.inMemory()
    try store.saveEmployee(employee)
    return store
  }

  static func session(
    _ course: Course = course(), employee: Employee = employee(), store: SQLiteProgressStore,
    interactive: Bool = false,
    seed: UInt64 = 7
  ) throws -> Session {
    let history = try store.history(of: employee.id, in: course.id)
    return Session(
      course: course, employee: employee, history: history,
      options: .init(seed: seed, sessionID: "s", interactive: interactive))
  }
}

/// Drives a session the way the runner does: every effect goes to the store before the
/// next event.
struct Driver {
  var session: Session
  let store: SQLiteProgressStore
  var clock = Date(timeIntervalSince1970: 1_000)
  /// Every screen that waited for input, with what was answered.
  var transcript: [(Screen, Event)] = []

  @discardableResult
  mutating func send(_ event: Event) throws -> [Effect] {
    transcript.append((session.screen, event))
    clock += 1
    let effects = session.handle(event, at: clock)
    for effect in effects {
      switch effect {
      case .recordAttempt(let a, let b): try store.recordAttempt(a, bookmark: b)
      case .recordBelief(let r, let b): try store.recordBelief(r, bookmark: b)
      case .recordSignature(let s, let b): try store.recordSignature(s, bookmark: b)
      case .recordPageRead(let r, let b): try store.recordPageRead(r, bookmark: b)
      case .saveBookmark(let b): try store.saveBookmark(b)
      case .completeEnrolment(let passed):
        try store.completeEnrolment(
          session.employee.id, in: session.plan.course.id, passed: passed, at: clock)
      }
    }
    return effects
  }

  /// In a terminal session at the course home: Continue to the course introduction, then
  /// on to the first module's overview and its lesson.
  mutating func openFirstLesson() throws {
    try send(.line(""))
    try send(.next)
    try send(.next)
  }

  /// Answers with `policy` until the session ends or `limit` events were sent.
  mutating func run(limit: Int = 500, _ policy: (Session) -> Event) throws {
    var count = 0
    while !session.isFinished && count < limit {
      try send(policy(session))
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
