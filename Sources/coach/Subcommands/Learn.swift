import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import Terminal

extension Coach {
  struct Learn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "learn",
      abstract: "Take a course: lessons, drills, belief exercises and the creed.",
      discussion: """
        On a terminal, coach shows the course home and pages lessons; keys are shown at the bottom \
        of every screen. When standard input or output is not a terminal (a pipe, a script, a \
        screen reader), it runs in pipe mode: plain text, no paging, straight to the next \
        unfinished item; every question ends with a line starting "? " and reads one answer. \
        Every answer is saved the moment it is given: quit at any prompt and the next \
        `coach learn` starts at the same item. --plain gives the pipe-mode text on a terminal too, \
        for screen readers.
        """)

    @OptionGroup var employee: EmployeeOptions

    @Option(help: ArgumentHelp("Your full name (asked the first time).", valueName: "name"))
    var name: String?

    @Option(
      help: ArgumentHelp(
        "Your role, one of the roles the course names (asked the first time).", valueName: "role"))
    var role: String?

    @Option(help: ArgumentHelp("Your cohort (an orientation group, say).", valueName: "name"))
    var cohort: String?

    @Option(
      help: ArgumentHelp("The id of the course to take (asked when there are several).", valueName: "id"))
    var course: String?

    @OptionGroup var courses: CourseFolderOptions

    @OptionGroup var store: StoreOptions

    @Option(
      help: ArgumentHelp("Shuffle seed: the same seed gives the same order of choices.", valueName: "n"))
    var seed: UInt64?

    @Flag(
      help: ArgumentHelp(
        "Plain text even on a terminal: pipe mode, one line at a time, no colour, no screen drawing "
          + "(for screen readers and braille displays)."))
    var plain = false

    /// The longest name, role and cohort taken from the command line.
    static let limits = (name: 200, role: 100, cohort: 100)

    @OptionGroup var schedule: ScheduleOptions

    func validate() throws {
      if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--name cannot be empty")
      }
      try Self.check("--name", name, limit: Self.limits.name)
      try Self.check("--role", role, limit: Self.limits.role)
      try Self.check("--cohort", cohort, limit: Self.limits.cohort)
    }

    /// A name, role or cohort: at most `limit` characters, no control characters and no
    /// text-direction overrides (what a screen would show differently from what it is).
    static func check(_ option: String, _ value: String?, limit: Int) throws {
      guard let value else { return }
      if value.count > limit {
        throw ValidationError("\(option) is \(value.count) characters long; at most \(limit) are allowed")
      }
      if let bad = value.unicodeScalars.first(where: ShownText.isUnsafe) {
        let code = "U+" + String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)
        throw ValidationError(
          "\(option) holds the control character \(code) (\"\(ShownText.safe(String(value.prefix(40))))\"); "
            + "type it as plain text")
      }
    }

    func run() async throws {
      let available = try loadCourses()
      // A terminal that cannot move its cursor (TERM unset or dumb) gets the plain text.
      let drawable = !["dumb", nil].contains(ProcessInfo.processInfo.environment["TERM"])
      let console: any Console =
        !plain && drawable && isatty(0) == 1 && isatty(1) == 1
        ? TerminalConsole(usesColor: OutputStyle.usesColor(fileDescriptor: 1), controlsScreen: true)
        : PipeConsole()
      let opened = try await store.open()
      let runner = Runner(
        console: console, store: opened, options: Identity.runnerOptions(storeName: store.shownName),
        now: try schedule.clock(), scheduler: try schedule.scheduler())
      let outcome = await runner.learn(courses: available, identity: try identity(), seed: seed)
      console.restore()
      try finish(outcome, console: console)
    }
  }
}

extension Coach.Learn {
  /// The courses to offer: all of `--courses`, or the one `--course` names.
  ///
  /// A course with errors is left out, named on standard error with its problems, so one
  /// broken draft never keeps learners from the others. The command stops when the
  /// course asked for has errors, or when no course is left.
  private func loadCourses() throws -> [Course] {
    let loaded = CourseLoader.load(paths: [courses.path])
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    func problems(of course: Course) -> [Diagnostic] {
      let folder = (course.file as NSString).deletingLastPathComponent + "/"
      return errors.filter { $0.location.file.hasPrefix(folder) }
    }
    let broken = loaded.courses.filter { !problems(of: $0).isEmpty }
    let sound = loaded.courses.filter { problems(of: $0).isEmpty }
    // Problems that belong to no course read (a course.md that could not be read, say).
    let unplaced = errors.filter { error in !loaded.courses.contains { problems(of: $0).contains(error) } }

    if let course {
      if let match = sound.first(where: { $0.id == course }) { return [match] }
      let others = Self.offer(sound)
      if let bad = broken.first(where: { $0.id == course }) {
        printDiagnostics(problems(of: bad))
        printError(Self.refusal(bad) + others)
        throw ExitCode.failure
      }
      // A course whose settings could not be read has no id but its folder's name.
      let folder = "/" + course + "/"
      let unread = unplaced.filter { ("/" + $0.location.file).contains(folder) }
      if !unread.isEmpty {
        printDiagnostics(unread)
        let path = unread[0].location.file
        let where_ = String(path[..<(path.range(of: course + "/")?.upperBound ?? path.endIndex)])
        printError(
          ShownText.safe(
            "coach: the course in \(where_) cannot be read until the errors above are fixed (coach check \(where_))"
          ) + others)
        throw ExitCode.failure
      }
      printDiagnostics(unplaced)
      let ids = sound.map(\.id).joined(separator: ", ")
      throw ValidationError(
        ShownText.safe(
          "no course with id '\(course)' in \(courses.path)" + (ids.isEmpty ? "" : "; courses: \(ids)")))
    }
    printDiagnostics(unplaced)
    for bad in broken {
      printDiagnostics(problems(of: bad))
      printError(Self.refusal(bad) + (sound.isEmpty ? "" : "; the other courses are open"))
    }
    guard !sound.isEmpty else {
      printError(
        loaded.courses.isEmpty && unplaced.isEmpty
          ? "coach: no courses in \(courses.path)"
          : "coach: no course in \(courses.path) can be taken until its errors are fixed (coach check \(courses.path))"
      )
      throw ExitCode.failure
    }
    let roles = Set(sound.flatMap(\.roles))
    if let role, !roles.isEmpty, !roles.contains(role) {
      throw ValidationError(
        ShownText.safe("unknown role '\(role)'; the courses name: \(roles.sorted().joined(separator: ", "))"))
    }
    return sound
  }

  /// The courses that can be taken instead, for a message: `; the courses you can take:
  /// a, b (coach learn --course a)`, or nothing when there are none.
  private static func offer(_ sound: [Course]) -> String {
    guard let first = sound.first else { return "" }
    return ShownText.safe(
      "; the courses you can take: \(sound.map(\.id).joined(separator: ", ")) (coach learn --course \(first.id))"
    )
  }

  /// Why a course is not offered, and how to see all of its problems.
  private static func refusal(_ course: Course) -> String {
    let folder = (course.file as NSString).deletingLastPathComponent
    return "coach: the course '\(course.id)' (\(folder)) has errors and is not offered until they are fixed "
      + "(coach check \(folder))"
  }

  private func identity() throws -> Runner.Identity {
    Runner.Identity(
      id: employee.id,
      name: name?.trimmingCharacters(in: .whitespaces), role: role, cohort: cohort)
  }

  /// Ctrl-C exits 130 and quitting exits 0, both saying the progress is saved; a store
  /// failure exits 1.
  private func finish(_ outcome: Runner.Outcome, console: any Console) throws {
    switch outcome {
    case .finished:
      return
    case .quit:
      console.write("progress saved\n")
    case .interrupted:
      // Ctrl-C exits 130, SIGTERM and SIGHUP 128 + the signal, as a shell expects. After
      // a hang-up nobody reads the terminal.
      let signal = console.stopSignal ?? SIGINT
      if signal != SIGHUP { console.write("\nprogress saved\n") }
      throw ExitCode(signal == SIGINT ? 130 : 128 + signal)
    case .failed(let message):
      printError("coach: \(message)")
      throw ExitCode.failure
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
