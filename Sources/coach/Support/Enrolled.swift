import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel

/// Who an employee command is about, and the courses they enrolled in.
enum Enrolled {
  /// `--employee`, or the only employee in the store.
  static func employee(_ id: EmployeeID?, in store: any ProgressStore, storePath: String) async throws
    -> Employee
  {
    if let id {
      guard let found = try await store.employee(id: id) else {
        throw ValidationError("no employee '\(id)' in the progress store at \(storePath)")
      }
      return found
    }
    let everyone = try await store.allEmployees()
    guard everyone.count == 1 else {
      throw ValidationError(
        everyone.isEmpty
          ? "the progress store at \(storePath) has no employees yet; start with coach learn"
          : "the progress store has \(everyone.count) employees: pass --employee ID")
    }
    return everyone[0]
  }

  /// What reading the enrolled courses has to say on standard error (problems in the
  /// courses folder, courses not found, records that could not be read), kept to be
  /// printed once a console has given the screen back.
  final class Notes {
    var diagnostics: [Diagnostic] = []
    var lines: [String] = []

    /// Prints what was kept, and forgets it.
    func print() {
      printDiagnostics(diagnostics)
      for line in lines { printError(line) }
      (diagnostics, lines) = ([], [])
    }
  }

  /// Each course the employee enrolled in, with the course (when found) and the history.
  /// Courses are found by id in the courses folder (`--courses`, else `$COACH_COURSES`,
  /// else `courses`), never by where they were taken: an enrolment keeps the course's
  /// id and version, not a path. A course not found, and a stored record that cannot be
  /// read, are named on standard error, or in `notes` when given.
  static func courses(
    _ store: any ProgressStore, of employee: Employee, folder options: CourseFolderOptions, storeName: String,
    notes: Notes? = nil
  ) async throws -> [(id: String, course: Course?, history: History)] {
    let folder = options.path
    var available: [Course]?
    var entries: [(id: String, course: Course?, history: History)] = []
    for enrolment in try await store.enrolments(of: employee.id) {
      if available == nil {
        let result = CourseLoader.load(paths: [folder])
        let errors = result.diagnostics.filter { $0.severity == .error }
        if let notes { notes.diagnostics += errors } else { printDiagnostics(errors) }
        available = result.courses
      }
      let course = available?.first { $0.id == enrolment.courseID }
      if course == nil {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        let ids = (available ?? []).map(\.id)
        let line =
          "coach: course '\(enrolment.courseID)' is not in \(absolute) (the courses folder from \(options.origin))"
          + (ids.isEmpty ? ", which holds no courses" : ", which holds: \(ids.joined(separator: ", "))")
          + "; name the folder that holds it with --courses DIR or COACH_COURSES"
        if let notes { notes.lines.append(line) } else { printError(line) }
      }
      entries.append(
        (enrolment.courseID, course, try await store.history(of: employee.id, in: enrolment.courseID)))
    }
    for entry in entries {
      for problem in entry.history.unreadable {
        let line = "coach: \(storeName): skipped a stored record that cannot be read: \(problem)"
        if let notes { notes.lines.append(line) } else { printError(line) }
      }
    }
    return entries
  }
}
