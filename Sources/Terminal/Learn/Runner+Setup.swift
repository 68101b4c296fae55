import CourseModel
import Foundation
import LearnerModel
import SessionEngine

/// Before the course: who the employee is, and which course.
extension Runner {
  /// The result of asking something.
  public enum Asked<Value> {
    case answer(Value)
    /// q, Ctrl-D or end of input.
    case quit
    /// Ctrl-C.
    case interrupted
  }

  /// What the command line said about the employee.
  public struct Identity: Sendable {
    public var id: EmployeeID?
    public var name: String?
    public var role: String?
    public var cohort: String?

    public init(id: EmployeeID? = nil, name: String? = nil, role: String? = nil, cohort: String? = nil) {
      self.id = id
      self.name = name
      self.role = role
      self.cohort = cohort
    }
  }

  /// Identifies the employee, picks the course and runs the session.
  /// - Parameters:
  ///   - courses: The courses to offer (at least one).
  ///   - identity: What `--employee`, `--name`, `--role` and `--cohort` said.
  ///   - seed: `--seed`; by default a seed derived from the employee id.
  public func learn(courses: [Course], identity: Identity, seed: UInt64?) async -> Outcome {
    do {
      let employee: Employee
      switch try await identify(identity, roles: Self.roles(of: courses)) {
      case .answer(let value): employee = value
      case .quit: return .quit
      case .interrupted: return .interrupted
      }
      let course: Course
      switch await chooseCourse(courses) {
      case .answer(let value): course = value
      case .quit: return .quit
      case .interrupted: return .interrupted
      }
      _ = try await store.enrol(employee.id, in: course.id, version: course.contentHash, at: now())
      let history = try await store.history(of: employee.id, in: course.id)
      let options = Session.Options(
        seed: seed ?? Shuffle.seed(from: employee.id.rawValue), sessionID: UUID().uuidString,
        interactive: console.isInteractive, scheduler: scheduler)
      var session = Session(
        course: course, employee: employee, history: history, options: options, now: now())
      return await run(&session)
    } catch {
      return .failed(error.description)
    }
  }

  /// Every role the courses declare, in order of first mention.
  static func roles(of courses: [Course]) -> [String] {
    var seen = Set<String>()
    return courses.flatMap(\.roles).filter { seen.insert($0).inserted }
  }

  /// Finds or registers the employee, asking only for what is not known.
  func identify(_ given: Identity, roles: [String]) async throws(ProgressStoreError) -> Asked<Employee> {
    let welcome: [Screen.Part] = [
      .text("Welcome to coach.", .title),
      .blank,
      .text(
        "Type your answer and press Enter. Every answer is saved the moment you give it, so you can stop "
          + "at any time with q and carry on later from the same place.", .plain),
    ]
    var id = given.id
    if id == nil {
      let screen = Screen(
        kind: .home, location: ["coach"], parts: welcome,
        input: .line(prompt: "your employee number or login"))
      switch await ask(
        screen, as: .text(limit: 128, optional: false),
        { parsed -> Result<EmployeeID, InputProblem> in
          guard case .text(let text) = parsed else {
            return .failure(InputProblem("Type your employee number or login."))
          }
          do throws(EmployeeID.Invalid) {
            return .success(try EmployeeID(text))
          } catch {
            return .failure(InputProblem("Not a valid id: \(error.reason) (e.g. jdoe or 10234)."))
          }
        })
      {
      case .answer(let value): id = value
      case .quit: return .quit
      case .interrupted: return .interrupted
      }
    }
    guard let id else { return .quit }
    let known = try await store.employee(id: id)
    var employee =
      known
      ?? Employee(id: id, name: given.name ?? "", role: given.role, cohort: given.cohort, created: now())
    if let name = given.name { employee.name = name }
    if let role = given.role { employee.role = role }
    if let cohort = given.cohort { employee.cohort = cohort }
    if employee.name.isEmpty {
      let screen = Screen(
        kind: .home, location: ["coach"],
        parts: [.text("We have not met before. What is your full name?", .plain)],
        input: .line(prompt: "your full name"))
      switch await ask(
        screen, as: .text(limit: 200, optional: false),
        { parsed -> Result<String, InputProblem> in
          if case .text(let name) = parsed { return .success(name) }
          return .failure(InputProblem("Type your full name, then press Enter."))
        })
      {
      case .answer(let name):
        // Kept at once, like every answer: quitting at the role question keeps the name.
        employee.name = name
        try await store.saveEmployee(employee)
      case .quit: return .quit
      case .interrupted: return .interrupted
      }
    }
    if known?.role == nil && given.role == nil && !roles.isEmpty {
      let screen = Screen(
        kind: .home, location: ["coach"],
        parts: [
          .text("Which of these best describes your job, \(employee.name)?", .plain), .numbered(roles),
        ],
        input: .line(prompt: "role 1-\(roles.count)"))
      switch await ask(
        screen, as: .single(count: roles.count),
        { parsed -> Result<String, InputProblem> in
          if case .numbers(let list) = parsed { return .success(roles[list[0]]) }
          return .failure(InputProblem(AnswerParser.expectation(.single(count: roles.count))))
        })
      {
      case .answer(let role): employee.role = role
      case .quit: return .quit
      case .interrupted: return .interrupted
      }
    }
    if employee != known { try await store.saveEmployee(employee) }
    return .answer(employee)
  }

  /// The only course, or the one the employee picks.
  func chooseCourse(_ courses: [Course]) async -> Asked<Course> {
    if courses.count == 1 { return .answer(courses[0]) }
    let screen = Screen(
      kind: .home, location: ["coach"],
      parts: [.text("Which course would you like to take?", .plain), .numbered(courses.map(\.title))],
      input: .line(prompt: "course 1-\(courses.count)"))
    return await ask(screen, as: .single(count: courses.count)) { parsed in
      if case .numbers(let list) = parsed { return .success(courses[list[0]]) }
      return .failure(InputProblem(AnswerParser.expectation(.single(count: courses.count))))
    }
  }

  /// Asks until the answer is accepted, with a one-line hint after each bad one.
  func ask<Value>(
    _ base: Screen, as kind: AnswerKind, _ accept: (ParsedAnswer) -> Result<Value, InputProblem>
  ) async -> Asked<Value> {
    var screen = base
    while true {
      guard let event = console.isInteractive ? await terminalEvent(screen) : await pipeEvent(screen) else {
        return .interrupted
      }
      guard case .line(let text) = event else { return .quit }
      screen.notice = nil
      screen.help = nil
      switch AnswerParser.parse(text, as: kind) {
      case .failure(let problem): screen.notice = problem.hint
      case .success(.quit): return .quit
      case .success(.help): screen.help = Help.lines(for: screen.input, screen: .question)
      case .success(.hint): screen.notice = "There is no hint here. " + AnswerParser.expectation(kind)
      case .success(let parsed):
        switch accept(parsed) {
        case .success(let value): return .answer(value)
        case .failure(let problem): screen.notice = problem.hint
        }
      }
    }
  }
}
