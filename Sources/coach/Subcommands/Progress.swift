import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import Reports

extension Coach {
  struct Progress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show your own progress: each module's status, drill scores, beliefs and creed.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @OptionGroup var employee: EmployeeOptions

    @OptionGroup var store: StoreOptions

    @OptionGroup var courses: CourseFolderOptions

    @Option(help: "Output format: table or json.")
    var format = Format.table

    func run() async throws {
      let store = try await store.open()
      let person = try await findEmployee(in: store)
      let enrolled = try await enrolledCourses(store, of: person)
      let report = ProgressReport(employee: person, courses: enrolled)
      print(format == .json ? report.json() : report.table())
      if enrolled.contains(where: { $0.course == nil }) { throw ExitCode.failure }
    }
  }
}

extension Coach.Progress {
  /// `--employee`, or the only employee in the store.
  private func findEmployee(in store: any ProgressStore) async throws -> Employee {
    if let id = employee.id {
      guard let found = try await store.employee(id: id) else {
        throw ValidationError("no employee '\(id)' in the progress store at \(self.store.shownName)")
      }
      return found
    }
    let everyone = try await store.allEmployees()
    guard everyone.count == 1 else {
      throw ValidationError(
        everyone.isEmpty
          ? "the progress store at \(self.store.shownName) has no employees yet; start with coach learn"
          : "the progress store has \(everyone.count) employees: pass --employee ID")
    }
    return everyone[0]
  }

  /// Each course the employee enrolled in, with the course (when found) and the history.
  /// A course is read from `--courses` when given, else from the folder it was taken
  /// from (kept with the enrolment), else from `courses`.
  private func enrolledCourses(_ store: any ProgressStore, of employee: Employee) async throws
    -> [(id: String, course: Course?, history: History)]
  {
    var loaded: [String: [Course]] = [:]
    func courses(in folder: String) -> [Course] {
      if let known = loaded[folder] { return known }
      let result = CourseLoader.load(paths: [folder])
      for diagnostic in result.diagnostics where diagnostic.severity == .error {
        printError(diagnostic.description)
      }
      loaded[folder] = result.courses
      return result.courses
    }
    var entries: [(id: String, course: Course?, history: History)] = []
    for enrolment in try await store.enrolments(of: employee.id) {
      let taken = enrolment.source.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
      let folder = self.courses.given ?? taken ?? self.courses.path
      let course = courses(in: folder).first { $0.id == enrolment.courseID }
      if course == nil {
        printError(
          "coach: course '\(enrolment.courseID)' is not in \(folder); name its folder with --courses")
      }
      entries.append(
        (enrolment.courseID, course, try await store.history(of: employee.id, in: enrolment.courseID)))
    }
    return entries
  }
}
