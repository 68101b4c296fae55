import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import Reports

extension Coach {
  struct Progress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show your own progress: each module's status, drill scores, estimated recall, beliefs and creed.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @OptionGroup var employee: EmployeeOptions

    @OptionGroup var store: StoreOptions

    @OptionGroup var courses: CourseFolderOptions

    @Option(help: "Output format: table or json.")
    var format = Format.table

    @OptionGroup var schedule: ScheduleOptions

    func run() async throws {
      // Reading progress never makes a store: a path with nothing there is a mistake.
      let path = self.store.resolvedPath
      guard StoreOptions.isURL(path) || FileManager.default.fileExists(atPath: path) else {
        printError(
          "coach: no progress store at \(path): nothing has been recorded there (check the path; "
            + "coach learn creates the store)")
        throw ExitCode.failure
      }
      let store = try await store.open()
      let person = try await Enrolled.employee(employee.id, in: store, storePath: self.store.shownName)
      let enrolled = try await Enrolled.courses(store, of: person, folder: courses)
      let report = ProgressReport(
        employee: person, courses: enrolled, at: try schedule.clock()(), scheduler: try schedule.scheduler())
      print(format == .json ? report.json() : ShownText.safe(report.table(), keepingNewlines: true))
      if enrolled.contains(where: { $0.course == nil }) { throw ExitCode.failure }
    }
  }
}
