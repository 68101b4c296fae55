import CourseModel
import Foundation
import LearnerModel
import Review
import SessionEngine

/// Connects a ``Session`` to a ``Console`` and a ``ProgressStore``: shows each screen,
/// reads what the employee does, and writes every record (with its bookmark, in one
/// transaction) before the next prompt is shown.
public final class Runner {
  /// How a run ended.
  public enum Outcome: Sendable, Equatable {
    /// The course (or the pipe's work) came to its end.
    case finished
    /// The employee quit: q, Ctrl-D or end of input.
    case quit
    /// Ctrl-C.
    case interrupted
    /// The store failed; the message says what happened (earlier answers are safe).
    case failed(String)
  }

  /// How the runner opens an employee's records: the cost of new passphrases, how long a
  /// wrong one waits, and how the session lease is named and kept alive.
  public struct Options: Sendable {
    /// How the employee's passphrase opens their private text (coach gives
    /// `PrivateText`'s `PassphraseLock`).
    public var lock: any PrivateTextLock
    /// The wait after a wrong passphrase, before anything else is shown.
    public var wrongPassphraseDelay: Duration
    /// Wrong passphrases before the session gives up.
    public var passphraseTries: Int
    /// The store's name in messages (its path).
    public var storeName: String
    /// This machine and process, as the session lease names them.
    public var host: String
    public var process: Int32
    /// How long a lease lasts without a heartbeat, and how often the heartbeat comes.
    public var leaseLength: Duration
    public var heartbeat: Duration
    /// How often a session waiting for another one to end looks again.
    public var waitStep: Duration

    public init(
      lock: any PrivateTextLock, wrongPassphraseDelay: Duration = .seconds(2), passphraseTries: Int = 3,
      storeName: String = "progress store", host: String = ProcessInfo.processInfo.hostName,
      process: Int32 = ProcessInfo.processInfo.processIdentifier, leaseLength: Duration = .seconds(90),
      heartbeat: Duration = .seconds(20), waitStep: Duration = .seconds(1)
    ) {
      self.lock = lock
      self.wrongPassphraseDelay = wrongPassphraseDelay
      self.passphraseTries = passphraseTries
      self.storeName = storeName
      self.host = host
      self.process = process
      self.leaseLength = leaseLength
      self.heartbeat = heartbeat
      self.waitStep = waitStep
    }
  }

  let console: any Console
  /// The store as given; then, once the employee has given their passphrase and holds
  /// the session lease, their sealed and guarded view of it.
  private(set) var store: any ProgressStore
  let options: Options
  let now: @Sendable () -> Date
  /// The spaced-review scheduler: what the course home counts as due, what a review asks.
  let scheduler: FSRS
  /// What pipe mode printed last, so a re-prompt prints only the hint and the prompt.
  var lastShown: Screen?
  var lastHeader: [String] = []
  /// The pages of the long lesson on screen, if one is.
  var lazy: (key: LazyKey, pages: LazyPages)?

  /// - Parameters:
  ///   - options: How the employee's records are opened and their session kept.
  ///   - now: The clock every record and screen is timed by (the real clock unless a test
  ///     or `--now` sets another).
  ///   - scheduler: The spaced-review scheduler, with its desired retention.
  public init(
    console: any Console, store: any ProgressStore, options: Options,
    now: @escaping @Sendable () -> Date = { Date() }, scheduler: FSRS = .default
  ) {
    self.console = console
    self.store = store
    self.options = options
    self.now = now
    self.scheduler = scheduler
  }

  /// From now on, records go through `store` (the employee's sealed, guarded view).
  func use(_ store: any ProgressStore) { self.store = store }

  /// Runs a session until the employee quits or, in pipe mode, the course is done.
  ///
  /// Every effect of an event is written before the next screen is shown. A signal that
  /// asks to stop is acted on at the next read, never in the middle of a write.
  public func run(_ session: inout Session) async -> Outcome {
    while !session.isFinished {
      let screen = session.screen
      var failure: String?
      let keep: (String) async -> Void = { text in
        if failure == nil {
          failure = await self.apply(
            session.handle(.draft(text), at: self.now()), employee: session.employee.id,
            courseID: session.plan.course.id)
        }
      }
      let read: Event? =
        console.isInteractive ? await terminalEvent(screen, keep: keep) : await pipeEvent(screen, keep: keep)
      if let failure { return .failed(failure) }
      let event = read ?? .quit
      let effects = session.handle(event, at: now())
      if let failure = await apply(effects, employee: session.employee.id, courseID: session.plan.course.id) {
        return .failed(failure)
      }
      if read == nil { return .interrupted }
    }
    return session.endedByQuit ? .quit : .finished
  }

  /// Writes effects to the store, in order; returns an error message on failure, which
  /// says whether an answer was lost (it never says so when none was being saved).
  ///
  /// When the store cannot be reached (a server restarting, a network gone), the runner
  /// says so, keeps what the employee typed (the effects) and writes them again after a
  /// pause, until they are written or the employee stops with Ctrl-C. Writing an effect
  /// twice is safe: stores keep a record sent twice once.
  func apply(_ effects: [Effect], employee: EmployeeID, courseID: String) async -> String? {
    guard !effects.isEmpty else { return nil }
    let date = now()
    var waited = false
    for effect in effects {
      let answering: Bool
      switch effect {
      case .recordAttempt, .recordBelief, .recordSignature, .recordReview: answering = true
      default: answering = false
      }
      let lost = answering ? " (your last answer was not saved; every answer before it is)" : ""
      var tries = 0
      while true {
        do {
          try await store.apply([effect], employee: employee, courseID: courseID, at: date)
          break
        } catch {
          guard case .unreachable = error else { return error.description + lost }
          if !waited {
            waited = true
            notify(
              "The progress store cannot be reached (\(error.description)). Your answer is kept and coach "
                + "tries again every few seconds; Ctrl-C stops, and the answer is then not saved.")
          }
          if await !pause(Self.retryDelays[min(tries, Self.retryDelays.count - 1)]) {
            return error.description + lost
          }
          tries += 1
        }
      }
    }
    if waited { notify("The progress store is back: your answer is saved.") }
    return nil
  }

  /// How long to wait before each new try while the store cannot be reached.
  static let retryDelays: [Duration] = [
    .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(3),
  ]

  /// Waits, looking for a signal to stop every tenth of a second.
  /// - Returns: `false` when a signal asked the session to stop.
  func pause(_ delay: Duration) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + delay
    while clock.now < end {
      if console.stopSignal != nil { return false }
      try? await Task.sleep(for: min(.milliseconds(100), end - clock.now))
    }
    return console.stopSignal == nil
  }

  /// A line about the store, between screens: `! ` first in pipe mode, as notices are.
  func notify(_ text: String) {
    console.writeLine(console.isInteractive ? "\n" + text : "! " + text)
  }

  // MARK: - Pipe mode

  /// Prints the screen (or only the hint, when the same prompt is asked again) and reads.
  /// - Returns: The event, or `nil` for Ctrl-C.
  func pipeEvent(_ screen: Screen, keep: (String) async -> Void = { _ in }) async -> Event? {
    show(screen)
    switch screen.input {
    case .keys, .none:
      return .next
    case .line(let prompt):
      console.writeLine("? " + prompt)
      switch console.readLine() {
      case .text(let text): return .line(text)
      case .endOfInput: return .quit
      case .interrupt: return nil
      }
    case .lines(let prompt):
      console.writeLine("? " + prompt)
      return await pipeLines(screen, keep: keep)
    }
  }

  /// Reads a reflection's lines until an empty line (after some text) or end of input.
  /// The lines kept from before are printed first and gone on from; the length limit is
  /// kept while reading (in one pass, whatever the size); `/cut` and `/clear` edit what
  /// was typed; any other command line (`/m`, `/h`, `/skip` ...) keeps the lines as a
  /// draft and goes where it says. End of input with nothing typed ends the session,
  /// so a run with no input always exits.
  func pipeLines(_ screen: Screen, keep: (String) async -> Void) async -> Event? {
    var text = ReflectionText(limit: screen.lengthLimit, draft: screen.draft)
    for line in screen.draft { console.writeLine(PipeText.escaped(ShownText.safe(line))) }
    var typed = false
    while true {
      switch console.readLine() {
      case .text(let line):
        let trimmed = line.trimmed
        if trimmed.isEmpty {
          if text.isEmpty { return .line("") }
          return text.finished
        }
        switch trimmed.lowercased() {
        case "/cut":
          text.cut()
          console.writeLine("! Removed the last line.")
        case "/clear":
          text.clear()
          console.writeLine("! Cleared: start again.")
        default:
          if AnswerParser.slashCommand(trimmed) != nil {
            if !text.isEmpty { await keep(text.text) }
            return .line(trimmed)
          }
          text.add(line)
          typed = true
        }
      case .endOfInput:
        return typed && !text.isEmpty ? text.finished : .quit
      case .interrupt:
        if !text.isEmpty { await keep(text.text) }
        return nil
      }
    }
  }

  /// Pipe mode output: a new screen in full, a repeated one as its hint or help only.
  /// Lines are written as they are rendered, one block at a time, so a lesson of any
  /// size is never held whole as lines.
  func show(_ screen: Screen) {
    let renderer = ScreenRenderer.plain
    var bare = screen
    bare.notice = nil
    bare.help = nil
    var previous = lastShown
    previous?.notice = nil
    previous?.help = nil
    if previous != bare {
      console.writeLine()
      let header = screen.location + [screen.progress ?? ""]
      if header != lastHeader && !screen.location.isEmpty {
        lastHeader = header
        for line in renderer.header(screen) { console.writeLine("== " + line.plain + " ==") }
      }
      renderer.forEachBodyLine(bare) { console.writeLine(PipeText.escaped($0.plain)) }
    }
    if let help = screen.help { for line in help { console.writeLine(line) } }
    if let notice = screen.notice { console.writeLine("! " + StyledLine(notice).plain) }
    lastShown = screen
  }
}
