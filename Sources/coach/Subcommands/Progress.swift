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
      let store = try store.open()
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
        throw ValidationError("no employee '\(id)' in the progress store at \(self.store.resolvedPath)")
      }
      return found
    }
    let everyone = try await store.allEmployees()
    guard everyone.count == 1 else {
      throw ValidationError(
        everyone.isEmpty
          ? "the progress store at \(self.store.resolvedPath) has no employees yet; start with coach learn"
          : "the progress store has \(everyone.count) employees: pass --employee ID")
    }
    return everyone[0]
  }

  /// Each course the employee enrolled in, with the course (when found) and the history.
  /// Courses are found by id in the courses folder (`--courses`, else `$COACH_COURSES`,
  /// else `courses`), never by where they were taken: an enrolment keeps the course's
  /// id and version, not a path.
  private func enrolledCourses(_ store: any ProgressStore, of employee: Employee) async throws
    -> [(id: String, course: Course?, history: History)]
  {
    let folder = courses.path
    var available: [Course]?
    var entries: [(id: String, course: Course?, history: History)] = []
    for enrolment in try await store.enrolments(of: employee.id) {
      if available == nil {
        let result = CourseLoader.load(paths: [folder])
        printDiagnostics(result.diagnostics.filter { $0.severity == .error })
        available = result.courses
      }
      let course = available?.first { $0.id == enrolment.courseID }
      if course == nil {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        let ids = (available ?? []).map(\.id)
        printError(
          "coach: course '\(enrolment.courseID)' is not in \(absolute) (the courses folder from \(courses.origin))"
            + (ids.isEmpty ? ", which holds no courses" : ", which holds: \(ids.joined(separator: ", "))")
            + "; name the folder that holds it with --courses DIR or COACH_COURSES")
      }
      entries.append(
        (enrolment.courseID, course, try await store.history(of: employee.id, in: enrolment.courseID)))
    }
    return entries
  }
}
