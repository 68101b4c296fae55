import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import Reports

extension Coach {
  struct Progress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "progress",
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
      // A server address is named without its password, before anything else is said.
      if let problem = StoreLocation.unsupported(path) {
        printError("coach: \(problem)")
        throw ExitCode.failure
      }
      guard StoreOptions.isURL(path) || FileManager.default.fileExists(atPath: path) else {
        printError(
          "coach: no progress store at \(path): nothing has been recorded there (check the path; "
            + "coach learn creates the store)")
        throw ExitCode.failure
      }
      // Read-only: progress never creates, upgrades or writes a store.
      let store = try await self.store.open(.readOnly)
      let person = try await Enrolled.employee(employee.id, in: store, storePath: self.store.shownName)
      try await Identity.proveIfNeeded(
        person.id, in: store, sharing: self.store.sharing, storeName: self.store.shownName)
      let enrolled = try await Enrolled.courses(
        store, of: person, folder: courses, storeName: self.store.shownName)
      let report = ProgressReport(
        employee: person, courses: enrolled, at: try schedule.clock()(), scheduler: try schedule.scheduler())
      print(format == .json ? report.json() : ShownText.safe(report.table(), keepingNewlines: true))
      if enrolled.contains(where: { $0.course == nil }) { throw ExitCode.failure }
    }
  }
}
