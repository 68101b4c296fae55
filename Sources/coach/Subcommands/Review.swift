import ArgumentParser
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Reports
import Review
import Terminal

extension Coach {
  struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract: "Review the drill questions that are due, so what you learned stays.",
      discussion: """
        Once you finish a module, its drill questions join your review list. coach review asks the \
        ones that are due, most overdue first, across every course you take (or only --course), and \
        grades and explains them as the drill does. A right answer brings the question back later \
        each time; a wrong or partly right one brings it back soon. Belief exercises are never \
        reviewed. Every answer is saved the moment it is given. With --history ITEM, coach shows one \
        question's answers with the schedule after each instead of asking anything.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @OptionGroup var employee: EmployeeOptions

    @Option(help: ArgumentHelp("Review only the course with this id.", valueName: "id"))
    var course: String?

    @Option(help: ArgumentHelp("Ask at most this many questions (the most overdue).", valueName: "n"))
    var limit: Int?

    @Option(
      help: ArgumentHelp(
        "Show one drill question's answers, with the stability, difficulty and due date after each.",
        valueName: "item"))
    var history: String?

    @Option(help: "Output format of --history: table or json.")
    var format: Format?

    @OptionGroup var courses: CourseFolderOptions

    @OptionGroup var store: StoreOptions

    @Option(
      help: ArgumentHelp("Shuffle seed: the same seed gives the same order of choices.", valueName: "n"))
    var seed: UInt64?

    @OptionGroup var schedule: ScheduleOptions

    func validate() throws {
      if let limit, limit < 1 { throw ValidationError("--limit \(limit): give at least 1 question") }
      if format != nil && history == nil {
        throw ValidationError("--format applies to --history ITEM only")
      }
      if history != nil && limit != nil { throw ValidationError("--limit does not apply to --history") }
    }

    func run() async throws {
      let clock = try schedule.clock()
      let scheduler = try schedule.scheduler()
      if let history {
        // Only reads: opened read-only, and on a store others use, only with the passphrase.
        let opened = try await store.open(.readOnly)
        let person = try await Enrolled.employee(employee.id, in: opened, storePath: store.shownName)
        try await Identity.proveIfNeeded(
          person.id, in: opened, sharing: store.sharing, storeName: store.shownName)
        let enrolled = try await chosen(
          try await Enrolled.courses(opened, of: person, folder: courses, storeName: store.shownName), person)
        let found = enrolled.compactMap { entry in entry.course.map { (course: $0, history: entry.history) } }
        try showHistory(of: history, in: found, employee: person, scheduler: scheduler, at: clock())
        if enrolled.contains(where: { $0.course == nil }) { throw ExitCode.failure }
        return
      }
      // Records answers: the passphrase and the session lease first, as for coach learn.
      let opened = try await store.open()
      let person = try await Enrolled.employee(employee.id, in: opened, storePath: store.shownName)
      try await ask(person, store: opened, storeName: store.shownName, clock: clock, scheduler: scheduler)
    }
  }
}

extension Coach.Review {
  /// Why a review asked nothing, said once the console is put back.
  private enum NothingAsked: Error {
    /// The employee has not started any course.
    case notEnrolled
    /// `--course` names a course they have not started.
    case notStarted(String)
    /// No course they started was found in the courses folder (each was named).
    case coursesMissing
  }

  /// Only the course `--course` names, when given.
  private func chosen(
    _ enrolled: [(id: String, course: Course?, history: History)], _ person: Employee
  ) async throws -> [(id: String, course: Course?, history: History)] {
    guard let course else { return enrolled }
    let kept = enrolled.filter { $0.id == course }
    guard !kept.isEmpty else {
      throw CourseArgument.usageError("\(person.id) has not started a course with id '\(course)'")
    }
    return kept
  }

  /// Asks the due questions on the terminal, or in pipe mode when standard input or output
  /// is not a terminal, once the employee's passphrase has opened their records and this
  /// session holds their lease.
  private func ask(
    _ employee: Employee, store: any ProgressStore, storeName: String, clock: @escaping @Sendable () -> Date,
    scheduler: FSRS
  ) async throws {
    let folder = courses
    let console: any Console =
      isatty(0) == 1 && isatty(1) == 1
      ? TerminalConsole(
        usesColor: OutputStyle.usesColor(fileDescriptor: 1),
        controlsScreen: !["dumb", nil].contains(ProcessInfo.processInfo.environment["TERM"]))
      : PipeConsole()
    let runner = Runner(
      console: console, store: store, options: Identity.runnerOptions(storeName: storeName), now: clock,
      scheduler: scheduler)
    // Said once the console has given the screen back.
    let notes = Enrolled.Notes()
    var missing = false
    let outcome: Runner.Outcome
    do {
      outcome = try await runner.review(employee, seed: seed, limit: limit) { records in
        var enrolled = try await Enrolled.courses(
          records, of: employee, folder: folder, storeName: storeName, notes: notes)
        if let course {
          enrolled = enrolled.filter { $0.id == course }
          if enrolled.isEmpty { throw NothingAsked.notStarted(course) }
        }
        if enrolled.isEmpty { throw NothingAsked.notEnrolled }
        missing = enrolled.contains { $0.course == nil }
        let found = enrolled.compactMap { entry in entry.course.map { (course: $0, history: entry.history) } }
        if found.isEmpty { throw NothingAsked.coursesMissing }
        return found
      }
    } catch let nothing as NothingAsked {
      console.restore()
      notes.print()
      switch nothing {
      case .notEnrolled:
        print("No courses to review yet: start one with coach learn.")
        return
      case .notStarted(let course):
        throw CourseArgument.usageError("\(employee.id) has not started a course with id '\(course)'")
      case .coursesMissing: throw ExitCode.failure
      }
    } catch {
      console.restore()
      notes.print()
      throw error
    }
    console.restore()
    notes.print()
    switch outcome {
    case .finished: break
    case .quit: console.write("progress saved\n")
    case .interrupted:
      let signal = console.stopSignal ?? SIGINT
      if signal != SIGHUP { console.write("\nprogress saved\n") }
      throw ExitCode(signal == SIGINT ? 130 : 128 + signal)
    case .failed(let message):
      printError("coach: \(message)")
      throw ExitCode.failure
    }
    if missing { throw ExitCode.failure }
  }

  /// Prints one question's review history.
  private func showHistory(
    of item: String, in found: [(course: Course, history: History)], employee: Employee, scheduler: FSRS,
    at date: Date
  ) throws {
    let matches = found.compactMap { entry -> QuestionMemory? in
      let standing = Standing(
        plan: CoursePlan(course: entry.course, role: employee.role), history: entry.history)
      return ReviewSchedule(standing, scheduler: scheduler).memory(of: item)
    }
    guard let memory = matches.first else {
      let ids = found.map(\.course.id).joined(separator: ", ")
      throw CourseArgument.usageError(
        "no drill question with id '\(item)' in "
          + (found.count == 1 ? "the course \(ids)" : "the courses \(employee.id) takes (\(ids))")
          + "; coach check --format json lists the ids")
    }
    guard matches.count == 1 else {
      throw CourseArgument.usageError(
        "the courses \(matches.map(\.courseID).joined(separator: ", ")) each have a question '\(item)': "
          + "pass --course ID")
    }
    let report = ReviewHistory(employee: employee.id, memory: memory, scheduler: scheduler, at: date)
    print(format == .json ? report.json() : report.table())
  }
}
