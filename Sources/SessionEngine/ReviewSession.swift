import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Review

/// A spaced review (`coach review`): the drill questions due for review across the
/// learner's finished modules, most overdue first, asked, graded and explained exactly as
/// in the drill. A state machine with no I/O, like ``Session``: the front end shows
/// ``screen``, passes each ``Event`` to ``handle(_:at:)`` and writes the ``Effect``s (one
/// ``Effect/recordReview(_:)`` per answer, one transaction each) before the next screen.
///
/// Which questions are due is worked out once, at the start, from the histories
/// (``ReviewSchedule``); a question missed in the review comes back on a later day, never
/// within the same review. A review never moves the learner's bookmark.
public struct ReviewSession: Sendable {
  /// One question to review.
  public struct Item: Sendable, Hashable {
    /// The course's index in the courses given.
    public var course: Int
    /// The question's memory at the start of the review.
    public var memory: QuestionMemory
    /// When it fell due.
    public var due: Date
  }

  enum State: Sendable {
    /// How many questions are due; a key starts.
    case start
    /// Nothing is due: when the next falls due.
    case nothingDue
    /// Item `n` asked (or its feedback shown) by `current`.
    case asking(Int)
    /// The review's result and the next due date.
    case done
    case finished
  }

  public let employee: Employee
  /// Seed, session id, front-end mode and the scheduler (its desired retention).
  public let options: Session.Options
  /// The courses reviewed, in the order given.
  public let courses: [Course]
  /// Each course's history, with the answers of this review added as they are made.
  public private(set) var histories: [History]
  /// The questions asked, most overdue first (at most the limit given).
  public let items: [Item]
  /// How many questions were due at the start (more than ``items`` under a limit).
  public let dueCount: Int
  /// Whether each question answered so far was right, in the order asked.
  public private(set) var results: [Bool] = []
  /// The time of the latest event (the start at first).
  public private(set) var clock: Date
  /// Whether the review ended because the learner quit before its end.
  public private(set) var endedByQuit = false
  var state: State
  /// The drill session that asks the current question (its screens and its grading).
  var current: Session?
  var showHelp = false
  /// Whether m or a was just pressed on a screen of the review's own.
  var outlineAsked = false

  /// What m, Esc and a say in a review.
  static let noOutline = "A review has no module outline: h ends the review (every answer is already saved)."

  /// Starts a review.
  /// - Parameters:
  ///   - courses: Each course to review with the learner's history in it.
  ///   - employee: Whose review it is; their role decides which modules they take.
  ///   - options: Seed, session id, front-end mode and scheduler.
  ///   - limit: Ask at most this many questions (the most overdue); `nil` for all.
  ///   - now: When the review starts: what is due is due at this time.
  public init(
    courses: [(course: Course, history: History)], employee: Employee, options: Session.Options,
    limit: Int? = nil, at now: Date
  ) {
    self.employee = employee
    self.options = options
    self.courses = courses.map(\.course)
    histories = courses.map(\.history)
    clock = now
    var due: [Item] = []
    for (c, entry) in courses.enumerated() {
      let standing = Standing(
        plan: CoursePlan(course: entry.course, role: employee.role), history: entry.history)
      due += ReviewSchedule(standing, scheduler: options.scheduler).due(at: now).compactMap { memory in
        memory.state.map { Item(course: c, memory: memory, due: $0.due) }
      }
    }
    // Most overdue first across courses; equal dates in course order.
    let ordered = due.enumerated().sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }
      .map(\.element)
    dueCount = ordered.count
    items = limit.map { Array(ordered.prefix(max($0, 0))) } ?? ordered
    state = items.isEmpty ? .nothingDue : .start
  }

  /// Whether the review has ended.
  public var isFinished: Bool {
    if case .finished = state { return true }
    return false
  }

  /// Handles one event.
  /// - Returns: The answers to record, in order, before the next screen.
  public mutating func handle(_ event: Event, at now: Date) -> [Effect] {
    clock = now
    // h (or /h) ends the review, as q does; a review has no module outline and no
    // answers screen, so m, Esc and a only say so.
    var event = event
    if case .line(let text) = event, case .asking = state,
      let command = AnswerParser.slashCommand(text.trimmed)
    {
      switch command {
      case .home: event = .home
      case .outline: event = .outline
      case .answers: event = .answers
      default: break
      }
    }
    if event == .outline || event == .answers {
      if case .asking = state {
        current?.notice = Self.noOutline
      } else {
        outlineAsked = true
      }
      return []
    }
    outlineAsked = false
    if event == .quit || event == .home {
      // Every answer is saved as it is given: leaving loses nothing.
      if case .asking = state { endedByQuit = true }
      if case .start = state { endedByQuit = true }
      state = .finished
      current = nil
      return []
    }
    switch state {
    case .start, .nothingDue, .done:
      if event == .help {
        showHelp.toggle()
        return []
      }
      if showHelp {
        showHelp = false
        return []
      }
      guard case .start = state else {
        state = .finished
        return []
      }
      ask(0)
      return []
    case .asking(let n):
      return handleQuestion(n, event, at: now)
    case .finished:
      return []
    }
  }

  /// Asks item `n`, or shows the result after the last.
  mutating func ask(_ n: Int) {
    guard n < items.count else {
      state = .done
      current = nil
      return
    }
    let item = items[n]
    let course = courses[item.course]
    // A new order of the choices at each review of a question, the same again if the
    // learner leaves and comes back before answering.
    let seed = options.seed ^ (UInt64(item.memory.entries.count) &* 0x9E37_79B9_7F4A_7C15)
    var session = Session(
      course: course, employee: employee, history: histories[item.course],
      options: .init(
        seed: seed, sessionID: options.sessionID, interactive: true, scheduler: options.scheduler),
      now: clock)
    guard let index = Self.step(of: item.memory, in: session.plan) else {
      // Not a question of the plan (cannot happen for a finished module): skip it.
      ask(n + 1)
      return
    }
    // Asked as in a drill's retry round: the question alone, without the drill's introduction.
    session.state = .question(index, retry: true, hints: 0)
    current = session
    state = .asking(n)
  }

  /// The step that asks a question in a plan.
  static func step(of memory: QuestionMemory, in plan: CoursePlan) -> Int? {
    plan.steps.indices.first { i in
      let step = plan.steps[i]
      return step.module == memory.module && plan.section(step)?.id == memory.sectionID
        && step.kind == .question(memory.index)
    }
  }

  mutating func handleQuestion(_ n: Int, _ event: Event, at now: Date) -> [Effect] {
    guard var session = current else { return [] }
    if case .feedback = session.state, event == .next, !session.showHelp {
      ask(n + 1)
      return []
    }
    if case .draft = event { return [] }
    let effects = session.handle(event, at: now)
    if session.isFinished {
      // q typed at the question: leave, as for the quit key.
      endedByQuit = true
      state = .finished
      current = nil
      return []
    }
    current = session
    // The drill session's answer, as a review answer: no bookmark, no drill pass.
    var recorded: [Effect] = []
    for case .recordAttempt(var attempt, _, _) in effects {
      attempt.context = .review
      attempt.at = StoredTime.stored(attempt.at)
      histories[items[n].course].attempts.append(attempt)
      results.append(attempt.correct)
      recorded.append(.recordReview(attempt))
    }
    return recorded
  }

  /// The review schedules of every course as the records stand now.
  public var schedules: [ReviewSchedule] {
    courses.indices.map { c in
      ReviewSchedule(
        Standing(plan: CoursePlan(course: courses[c], role: employee.role), history: histories[c]),
        scheduler: options.scheduler)
    }
  }
}
