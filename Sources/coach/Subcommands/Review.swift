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
      let opened = try await store.open()
      let person = try await Enrolled.employee(employee.id, in: opened, storePath: store.shownName)
      var enrolled = try await Enrolled.courses(opened, of: person, folder: courses)
      if let course {
        enrolled = enrolled.filter { $0.id == course }
        guard !enrolled.isEmpty else {
          throw CourseArgument.usageError("\(person.id) has not started a course with id '\(course)'")
        }
      }
      let missing = enrolled.contains { $0.course == nil }
      let found = enrolled.compactMap { entry in entry.course.map { (course: $0, history: entry.history) } }
      let clock = try schedule.clock()
      let scheduler = try schedule.scheduler()
      if let history {
        try showHistory(of: history, in: found, employee: person, scheduler: scheduler, at: clock())
      } else if enrolled.isEmpty {
        print("No courses to review yet: start one with coach learn.")
      } else if !found.isEmpty {
        try await ask(found, employee: person, store: opened, clock: clock, scheduler: scheduler)
      }
      if missing { throw ExitCode.failure }
    }
  }
}

extension Coach.Review {
  /// Asks the due questions on the terminal, or in pipe mode when standard input or output
  /// is not a terminal.
  private func ask(
    _ found: [(course: Course, history: History)], employee: Employee, store: any ProgressStore,
    clock: @escaping @Sendable () -> Date, scheduler: FSRS
  ) async throws {
    let console: any Console =
      isatty(0) == 1 && isatty(1) == 1
      ? TerminalConsole(
        usesColor: OutputStyle.usesColor(fileDescriptor: 1),
        controlsScreen: !["dumb", nil].contains(ProcessInfo.processInfo.environment["TERM"]))
      : PipeConsole()
    let runner = Runner(console: console, store: store, now: clock, scheduler: scheduler)
    let outcome = await runner.review(courses: found, employee: employee, seed: seed, limit: limit)
    console.restore()
    switch outcome {
    case .finished: return
    case .quit: console.write("progress saved\n")
    case .interrupted:
      let signal = console.stopSignal ?? SIGINT
      if signal != SIGHUP { console.write("\nprogress saved\n") }
      throw ExitCode(signal == SIGINT ? 130 : 128 + signal)
    case .failed(let message):
      printError("coach: \(message)")
      throw ExitCode.failure
    }
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
