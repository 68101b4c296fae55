import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Review

/// One employee's session in one course: a state machine with no I/O.
///
/// The front end shows ``screen``, turns what the employee does into an ``Event``, and
/// passes it to ``handle(_:at:)``. The engine answers with ``Effect``s (records and
/// bookmarks) that the front end writes to the store before it shows the next screen.
/// Where to resume is derived from the records and the bookmark, so a session killed at
/// any moment resumes at the first item whose answer was not committed.
public struct Session: Sendable {
  public struct Options: Sendable {
    /// Keys the shuffles of choices, order items and match sides.
    public var seed: UInt64
    /// Stored with every record.
    public var sessionID: String
    /// Terminal: start at the course home and wait on pages. Pipe: go straight to the
    /// next unfinished item.
    public var interactive: Bool
    /// The spaced-review scheduler (its desired retention), for what is due for review.
    public var scheduler: FSRS

    public init(seed: UInt64, sessionID: String, interactive: Bool, scheduler: FSRS = .default) {
      self.seed = seed
      self.sessionID = sessionID
      self.interactive = interactive
      self.scheduler = scheduler
    }
  }

  /// What a graded answer looked like, for the feedback screen.
  struct Feedback: Sendable, Hashable {
    var score: Double
    /// The answer, in terms of the question as written.
    var answer: DrillAnswer
    /// The display order the question was asked in (see ``Session/layout(_:)``).
    var layout: [Int]
    /// The answer as typed, tidied: `1 3`, `2 1 3`, `1b 2a`, or the text.
    var shown: String
  }

  enum State: Sendable, Hashable {
    case home
    /// A module's outline: its overview and sections with their state.
    case outline(module: Int)
    /// The employee's own answers in a module.
    case answers(module: Int)
    case page(Int, PagePosition)
    case question(Int, retry: Bool, hints: Int)
    case feedback(Int, retry: Bool, Feedback)
    case drillResult(Int)
    case belief(Int)
    case share(Int, draft: String)
    case echo(Int, earlier: BeliefResponse, now: BeliefAnswer)
    case statement(Int)
    case signature(Int)
    case signed(Int)
    /// The employee chose not to sign (now, or at all).
    case notSigned(Int)
    case moduleDone(module: Int, next: Int)
    case courseDone
    case finished
  }

  public let plan: CoursePlan
  public let employee: Employee
  public let options: Options
  /// When the employee enrolled in the course, and when it was completed (if it was).
  public internal(set) var started: Date?
  public internal(set) var completed: Date?
  /// What is done and what is left; kept up to date as records are made.
  public internal(set) var standing: Standing
  var state: State
  var notice: String?
  var showHelp = false
  /// Drill results whose retry the employee declined in this session.
  var declined: Set<Int> = []
  /// Where the stored bookmark points.
  var lastPlace: Place?
  /// How the enrolment was last marked complete (`nil`: not complete).
  var completedAs: Bool?
  /// The lines of the reflection on screen typed so far (terminal only).
  var reflectionDraft = ""
  /// The time of the latest event, else the time the session started: what the course
  /// home counts questions due for review from. `nil` when the session was not told.
  public internal(set) var clock: Date?

  /// Starts a session.
  /// - Parameters:
  ///   - course: The course to take.
  ///   - employee: Who takes it; their role decides which modules they take.
  ///   - history: Everything they recorded in this course so far.
  ///   - options: Seed, session id and front-end mode.
  ///   - now: When the session starts (the course home counts what is due for review
  ///     from it); later times come with each event.
  public init(course: Course, employee: Employee, history: History, options: Options, now: Date? = nil) {
    plan = CoursePlan(course: course, role: employee.role)
    self.employee = employee
    self.options = options
    standing = Standing(plan: plan, history: history)
    lastPlace = history.bookmark.flatMap(Place.init)
    completedAs = history.enrolment?.completed == nil ? nil : history.enrolment?.passed
    started = history.enrolment?.started
    completed = history.enrolment?.completed
    state = .home
    clock = now
    if !options.interactive {
      let (index, detail) = resumeTarget()
      _ = enter(index, detail, at: Date(timeIntervalSince1970: 0), saving: false)
    }
  }

  /// Whether the session has ended (the employee quit or finished).
  public var isFinished: Bool { state == .finished }

  /// Whether the session ended because the employee quit (rather than finishing).
  public private(set) var endedByQuit = false

  /// Handles one event.
  /// - Returns: The records and bookmarks to write, in order, before the next screen.
  public mutating func handle(_ event: Event, at now: Date) -> [Effect] {
    notice = nil
    clock = now
    if case .draft(let text) = event { return keepDraft(text, at: now) }
    if case .tooLong(let kept, let over) = event { return tooLong(kept: kept, over: over, at: now) }
    if event == .help {
      showHelp.toggle()
      return []
    }
    if showHelp && event == .next {
      showHelp = false
      return []
    }
    showHelp = false
    switch event {
    case .quit: return quit(at: now)
    case .home: return goHome()
    case .outline: return goOutline()
    case .answers: return goAnswers()
    default: break
    }
    switch state {
    case .home: return handleHome(event, at: now)
    case .outline(let module): return handleOutline(module, event, at: now)
    case .answers(let module):
      guard event == .next || event == .back else { return [] }
      state = .outline(module: module)
      return []
    case .page(let index, _): return handlePage(index, event, at: now)
    case .question(let index, let retry, let hints):
      guard case .line(let text) = event else { return [] }
      return answerQuestion(index, retry: retry, hints: hints, text, at: now)
    case .feedback(let index, let retry, _):
      guard event == .next else { return [] }
      return afterFeedback(index, retry: retry, at: now)
    case .drillResult(let index): return handleResult(index, event, at: now)
    case .belief(let index):
      guard case .line(let text) = event else { return [] }
      return answerBelief(index, text, at: now)
    case .share(let index, let draft):
      guard case .line(let text) = event else { return [] }
      return answerShare(index, draft: draft, text, at: now)
    case .statement(let index):
      guard case .line(let text) = event else { return [] }
      return answerStatement(index, text, at: now)
    case .signature(let index):
      guard case .line(let text) = event else { return [] }
      return answerSignature(index, text, at: now)
    case .echo(let index, _, _), .signed(let index), .notSigned(let index):
      guard event == .next else { return [] }
      return advance(after: index, at: now)
    case .moduleDone(_, let next):
      guard event == .next else { return [] }
      return enter(next, at: now)
    case .courseDone:
      guard event == .next else { return [] }
      if options.interactive {
        state = .home
        return []
      }
      if let remaining = standing.firstUnfinished(where: { !declined.contains($0) }) {
        return enter(remaining, at: now)
      }
      // A session that began at the end (its last one stopped on the way out) still
      // marks the enrolment complete.
      state = .finished
      return completion(at: now)
    case .finished:
      return []
    }
  }

  /// Saves the position and ends the session.
  mutating func quit(at now: Date) -> [Effect] {
    var effects: [Effect] = []
    switch state {
    case .page(let index, let at): effects = moveBookmark(index, .page(at == .end ? .start : at), at: now)
    case .question(let index, let retry, _): effects = moveBookmark(index, retry ? .retry : .none, at: now)
    case .share(let index, let draft): effects = moveBookmark(index, .share(draft), at: now)
    case .belief(let index) where !reflectionDraft.isEmpty:
      effects = moveBookmark(index, .draft(reflectionDraft), at: now)
    case .drillResult(let index), .belief(let index), .statement(let index), .signature(let index):
      effects = moveBookmark(index, .none, at: now)
    case .outline, .answers, .home:
      // Where the employee was is in the bookmark already: the next session goes on there.
      break
    default: break
    }
    state = .finished
    endedByQuit = true
    return effects
  }
}
