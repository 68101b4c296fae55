import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import ProgressStore
import Session

extension Coach {
  struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show your own progress: each module's status, drill scores, beliefs and creed.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @Option(
      help: ArgumentHelp(
        "Your employee number or login (needed when the store has several).", valueName: "id"))
    var employee: String?

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A folder of course folders.", valueName: "dir"))
    var courses = "courses"

    @Option(help: "Output format: table or json.")
    var format = Format.table

    func validate() throws {
      if let employee {
        do { _ = try EmployeeID(employee) } catch {
          throw ValidationError("--employee: \(error.description)")
        }
      }
    }

    func run() throws {
      let store = try store.open()
      let person = try findEmployee(in: store)
      let report = ProgressReport(employee: person, courses: try enrolledCourses(store, of: person))
      print(format == .json ? report.json() : report.table())
    }
  }
}

extension Coach.Progress {
  private var person: EmployeeID? { employee.flatMap { try? EmployeeID($0) } }

  /// `--employee`, or the only employee in the store.
  private func findEmployee(in store: SQLiteProgressStore) throws -> Employee {
    if let id = person {
      guard let found = try store.employee(id: id) else {
        throw ValidationError("no employee '\(id)' in the progress store at \(self.store.resolvedPath)")
      }
      return found
    }
    let everyone = try store.allEmployees()
    guard everyone.count == 1 else {
      throw ValidationError(
        everyone.isEmpty
          ? "the progress store at \(self.store.resolvedPath) has no employees yet; start with coach learn"
          : "the progress store has \(everyone.count) employees: pass --employee ID")
    }
    return everyone[0]
  }

  /// Each course the employee enrolled in, with the course (when found) and the history.
  private func enrolledCourses(_ store: SQLiteProgressStore, of employee: Employee) throws
    -> [(id: String, course: Course?, history: History)]
  {
    let loaded = CourseLoader.load(paths: [courses])
    for diagnostic in loaded.diagnostics where diagnostic.severity == .error {
      printError(diagnostic.description)
    }
    return try store.enrolments(of: employee.id).map { enrolment in
      let course = loaded.courses.first { $0.id == enrolment.courseID }
      if course == nil { printError("coach: course '\(enrolment.courseID)' is not in \(courses)") }
      return (enrolment.courseID, course, try store.history(of: employee.id, in: enrolment.courseID))
    }
  }
}
