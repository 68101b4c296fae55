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

  /// Identifies the employee, opens their records with their passphrase, claims their
  /// session lease, picks the course and runs the session. The lease is released at the
  /// end, however the session ends.
  /// - Parameters:
  ///   - courses: The courses to offer (at least one).
  ///   - identity: What `--employee`, `--name`, `--role` and `--cohort` said.
  ///   - seed: `--seed`; by default a seed derived from the employee id.
  public func learn(courses: [Course], identity: Identity, seed: UInt64?) async -> Outcome {
    switch await askForID(identity) {
    case .answer(let id):
      do {
        return try await withRecords(of: id, given: identity) { sessionID in
          try await self.begin(id, identity: identity, courses: courses, seed: seed, session: sessionID)
        }
      } catch {
        return .failed("\(error)")
      }
    case .quit: return .quit
    case .interrupted: return .interrupted
    }
  }

  /// Opens the employee's records and runs `body` on them: first the passphrase (nothing
  /// of the employee's is read before it has opened their key), then their session lease,
  /// kept alive by a heartbeat and released when `body` ends, however it ends. While
  /// `body` runs, ``store`` is the employee's sealed view, guarded by the lease.
  ///
  /// `body` is given the session's id. A quit, Ctrl-C or a store failure while opening
  /// (or in `body`) is an ``Outcome``; any other error `body` throws is thrown on, after
  /// the lease is released.
  /// - Parameter given: What the command line said, for an employee not saved yet.
  func withRecords(
    of id: EmployeeID, given: Identity, _ body: (String) async throws -> Outcome
  ) async throws -> Outcome {
    var held: SessionLease?
    var heartbeat: Task<Void, Never>?
    let outcome: Outcome
    do {
      let sealed = try await unlock(id, known: try await store.employee(id: id), given: given)
      let sessionID = UUID().uuidString
      let lease = lease(id, session: sessionID)
      use(sealed)
      try await claim(lease)
      held = lease
      heartbeat = startHeartbeat(lease)
      use(sealed.guarded(by: lease))
      outcome = try await body(sessionID)
    } catch let stop as SetupStop {
      switch stop {
      case .quit: outcome = .quit
      case .interrupted: outcome = .interrupted
      case .failed(let message): outcome = .failed(message)
      }
    } catch let error as ProgressStoreError {
      outcome = .failed(error.description)
    } catch {
      heartbeat?.cancel()
      if let held { try? await store.releaseSession(held) }
      throw error
    }
    heartbeat?.cancel()
    // A failure here only means that the next session waits for the lease to lapse, or
    // takes it over.
    if let held { try? await store.releaseSession(held) }
    return outcome
  }

  /// The rest of onboarding, the course, and the session, with the store opened.
  private func begin(
    _ id: EmployeeID, identity: Identity, courses: [Course], seed: UInt64?, session sessionID: String
  ) async throws -> Outcome {
    let employee: Employee
    switch try await identify(id, identity, roles: Self.roles(of: courses)) {
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
      seed: seed ?? Shuffle.seed(from: employee.id.rawValue), sessionID: sessionID,
      interactive: console.isInteractive, scheduler: scheduler)
    var session = Session(course: course, employee: employee, history: history, options: options, now: now())
    return await run(&session)
  }

  /// Every role the courses declare, in order of first mention.
  static func roles(of courses: [Course]) -> [String] {
    var seen = Set<String>()
    return courses.flatMap(\.roles).filter { seen.insert($0).inserted }
  }

  /// The employee id: `--employee`, or asked.
  func askForID(_ given: Identity) async -> Asked<EmployeeID> {
    if let id = given.id { return .answer(id) }
    let welcome: [Screen.Part] = [
      .text("Welcome to coach.", .title),
      .blank,
      .text(
        "Type your answer and press Enter. Every answer is saved the moment you give it, so you can stop "
          + "at any time with q and carry on later from the same place.", .plain),
    ]
    let screen = Screen(
      kind: .setup, location: ["coach"], parts: welcome, input: .line(prompt: "your employee number or login")
    )
    return await ask(
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
  }

  /// Finds or completes the employee, asking only for what is not known.
  func identify(_ id: EmployeeID, _ given: Identity, roles: [String]) async throws(ProgressStoreError)
    -> Asked<Employee>
  {
    let known = try await store.employee(id: id)
    var employee =
      known
      ?? Employee(id: id, name: given.name ?? "", role: given.role, cohort: given.cohort, created: now())
    if let name = given.name { employee.name = name }
    // An employee on the roster takes the roster's role and cohort, whatever was given.
    let rostered = known?.isOnRoster ?? false
    if rostered {
      var ignored: [String] = []
      if let role = given.role, role != known?.role {
        ignored.append("role \(known?.role.map { "is \($0)" } ?? "is not set") (not \(role))")
      }
      if let cohort = given.cohort, cohort != known?.cohort {
        ignored.append("cohort \(known?.cohort.map { "is \($0)" } ?? "is not set") (not \(cohort))")
      }
      if !ignored.isEmpty {
        console.writeLine(
          "You are on the roster: your \(ignored.joined(separator: " and your ")). "
            + "Your trainer keeps the roster; ask them to change it.")
      }
    } else {
      if let role = given.role { employee.role = role }
      if let cohort = given.cohort { employee.cohort = cohort }
    }
    if employee.name.isEmpty {
      let screen = Screen(
        kind: .setup, location: ["coach"],
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
    if !rostered && known?.role == nil && given.role == nil && !roles.isEmpty {
      let screen = Screen(
        kind: .setup, location: ["coach"],
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
      kind: .setup, location: ["coach"],
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
      case .success(.help): screen.help = Help.lines(for: screen.input, screen: .setup)
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
