import ArgumentParser
import CourseModel
import CourseParser
import CourseProgress
import Foundation
import LearnerModel
import Reports

extension Coach {
  /// `coach certificate`: a printable certificate of completion of one course.
  struct Certificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "certificate",
      abstract: "Write a certificate of completion of a course as a printable HTML page.",
      discussion: """
        The file is one self-contained HTML page that prints on one sheet of A4 or US Letter \
        paper: the employee's name, the course, the day it was completed, the drills passed with \
        their best scores, and each creed signed (with its version) or not signed. It never holds \
        reflections, notes or belief answers. The store is only read.
        """)

    @OptionGroup var employee: EmployeeOptions

    @Option(help: ArgumentHelp("The id of the course completed.", valueName: "id"))
    var course: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    @OptionGroup var courses: CourseFolderOptions

    @OptionGroup var store: StoreOptions

    func validate() throws {
      guard employee.id != nil else {
        throw ValidationError("missing --employee ID: the employee whose certificate it is")
      }
    }

    func run() async throws {
      let path = store.resolvedPath
      // A server address is named without its password, before anything else is said.
      if let problem = StoreLocation.unsupported(path) {
        printError("coach: \(problem)")
        throw ExitCode.failure
      }
      guard StoreOptions.isURL(path) || FileManager.default.fileExists(atPath: path) else {
        printError(
          "coach: no progress store at \(path): nothing has been recorded there (check the path or --store)")
        throw ExitCode.failure
      }
      let opened = try await StoreOptions.openToRead(path, sharing: store.sharing)
      guard let id = employee.id else { throw ExitCode.validationFailure }
      do {
        guard let person = try await opened.employee(id: id) else {
          printError(ShownText.safe("coach: no employee '\(id)' in the progress store at \(store.shownName)"))
          throw ExitCode.failure
        }
        // One employee's records: on a store others use, only with their passphrase.
        try await Identity.proveIfNeeded(id, in: opened, sharing: store.sharing, storeName: store.shownName)
        let who = ShownText.safe("\(person.name) (\(person.id))")
        guard let enrolment = try await opened.enrolments(of: id).first(where: { $0.courseID == course })
        else {
          printError(
            ShownText.safe(
              "coach: \(who) has not started the course '\(course)' (in the progress store at \(store.shownName))"
            ))
          throw ExitCode.failure
        }
        let found = try loadCourse()
        let history = try await opened.history(of: id, in: course)
        let standing = Standing(plan: CoursePlan(course: found, role: person.role), history: history)
        let summary = CourseSummary(
          standing: standing, employee: person, started: enrolment.started, completed: enrolment.completed)
        let certificate: Reports.Certificate
        do {
          certificate = try Reports.Certificate(
            summary: summary, completed: enrolment.completed, courseVersion: enrolment.courseVersion)
        } catch .notCompleted(let finished, let modules) {
          printError(
            ShownText.safe(
              "coach: \(who) has not completed \(found.title) (\(course)): \(finished) of \(modules) modules "
                + "finished; no certificate until it is complete (coach progress --employee \(id) shows "
                + "what is left)"))
          throw ExitCode.failure
        }
        try CourseArgument.write(certificate.html, to: output)
        printError(ShownText.safe("coach: certificate of \(who) for \(found.title) written to \(output)"))
      } catch let error as ProgressStoreError {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }

    /// The course with the id asked for, from the courses folder.
    private func loadCourse() throws -> Course {
      let folder = courses.path
      let result = CourseLoader.load(paths: [folder])
      guard let found = result.courses.first(where: { $0.id == course }) else {
        printDiagnostics(result.diagnostics.filter { $0.severity == .error })
        let ids = result.courses.map(\.id)
        printError(
          ShownText.safe(
            "coach: the course '\(course)' is not in \(folder) (the courses folder from \(courses.origin))"
              + (ids.isEmpty ? ", which holds no courses" : ", which holds: \(ids.joined(separator: ", "))")
              + "; name the folder that holds it with --courses DIR or COACH_COURSES"))
        throw ExitCode.failure
      }
      return found
    }
  }
}
