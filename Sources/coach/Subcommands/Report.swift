import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import Reports

extension Coach {
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Trainer and HR reports over everyone in a progress store.",
      discussion: """
        Reports read the store without writing to it. docs/reports.md explains every column, \
        the anonymity rule of the beliefs report and each format.
        """,
      subcommands: [Cohort.self, Items.self, Beliefs.self])
  }
}

extension ReportFormat: ExpressibleByArgument {}

/// What every report takes: the course, where courses and the store are, the format.
struct ReportOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The id of the course to report on.", valueName: "id"))
  var course: String

  @OptionGroup var courses: CourseFolderOptions

  @OptionGroup var store: StoreOptions

  @Option(help: "Output format: table, csv, json or html (one self-contained page).")
  var format = ReportFormat.table

  /// The course with that id in the courses folder; problems end the command.
  func loadCourse() throws -> Course {
    let result = CourseLoader.load(paths: [courses.path])
    guard let found = result.courses.first(where: { $0.id == course }) else {
      let ids = result.courses.map(\.id)
      throw CourseArgument.usageError(
        "no course with id '\(course)' in \(courses.path) (the courses folder from \(courses.origin))"
          + (ids.isEmpty ? "" : "; courses: \(ids.joined(separator: ", "))")
          + "; name the folder that holds it with --courses DIR")
    }
    let folder = (found.file as NSString).deletingLastPathComponent + "/"
    let errors = result.diagnostics.filter { $0.severity == .error && $0.location.file.hasPrefix(folder) }
    if !errors.isEmpty {
      for diagnostic in errors { printError(diagnostic.description) }
      printError("coach: the course '\(course)' has errors; fix them (coach check \(folder)) and try again")
      throw ExitCode.failure
    }
    return found
  }

  var usesColor: Bool { format == .table && OutputStyle.usesColor(fileDescriptor: 1) }
}

/// Writes report text to standard output as it comes.
func writeOut(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

extension Coach.Report {
  struct Cohort: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cohort",
      abstract: "One row per employee: started, last active, modules, drills, creed, completed; then totals.")

    @OptionGroup var options: ReportOptions

    @Option(help: ArgumentHelp("Only employees of this cohort.", valueName: "name"))
    var cohort: String?

    @Option(
      help: ArgumentHelp(
        "Only employees who started on or after this day (YYYY-MM-DD, UTC).", valueName: "date"))
    var since: String?

    func validate() throws {
      if let since, ReportDate.parse(since) == nil {
        throw ValidationError(
          "--since: '\(since.prefix(40))' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01")
      }
    }

    func run() async throws {
      let course = try options.loadCourse()
      let store = try await options.store.openToReport()
      let report = CohortReport(
        course: course, options: CohortReport.Options(cohort: cohort, since: since.flatMap(ReportDate.parse)))
      do {
        _ = try await report.write(options.format, color: options.usesColor, from: store, to: writeOut)
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }

  struct Items: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "items",
      abstract: "Item analysis of the drill questions, hardest first (skills only).")

    @OptionGroup var options: ReportOptions

    func run() async throws {
      let course = try options.loadCourse()
      let store = try await options.store.openToReport()
      do {
        let statistics = try await store.questionStatistics(ReportScope(course: course))
        writeOut(
          ItemReport(course: course, statistics: statistics).render(options.format, color: options.usesColor))
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }

  struct Beliefs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "beliefs",
      abstract: "How belief items were answered, before and after; never scored, never one person's answer.")

    @OptionGroup var options: ReportOptions

    @Option(help: ArgumentHelp("Only employees of this cohort.", valueName: "name"))
    var cohort: String?

    @Option(
      name: .customLong("min-group"),
      help: ArgumentHelp("The fewest answers a figure is shown for (at least 3).", valueName: "n"))
    var minimumGroup = BeliefReport.defaultMinimumGroup

    func validate() throws {
      if minimumGroup < BeliefReport.lowestMinimumGroup {
        throw ValidationError(
          "--min-group: \(minimumGroup) is too small; figures are never shown for fewer than "
            + "\(BeliefReport.lowestMinimumGroup) answers, so nobody's own answer can be read off a report")
      }
    }

    func run() async throws {
      let course = try options.loadCourse()
      let store = try await options.store.openToReport()
      do {
        let statistics = try await store.beliefStatistics(ReportScope(course: course))
        let report = BeliefReport(
          course: course, statistics: statistics, cohort: cohort, minimumGroup: minimumGroup)
        writeOut(report.render(options.format, color: options.usesColor))
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }
}

/// Days as the command line takes them: `YYYY-MM-DD`, the start of that day in UTC.
enum ReportDate {
  static func parse(_ text: String) -> Date? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let components = DateComponents(year: year, month: month, day: day)
    guard let date = calendar.date(from: components) else { return nil }
    let back = calendar.dateComponents([.year, .month, .day], from: date)
    guard back.year == year, back.month == month, back.day == day else { return nil }
    return date
  }
}
