import ArgumentParser
import Exports

extension WorkbookWriter.Edition: ExpressibleByArgument {}

extension Coach {
  /// `coach workbook`: a printable workbook for an in-person session.
  struct Workbook: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "workbook",
      abstract: "Write a course as a printable HTML workbook, for learners or for the facilitator.",
      discussion: """
        COURSE is a course folder or its course.md. The file is one self-contained HTML page: open \
        it in a browser and print it (each module starts on a new page). The learner edition has \
        boxes to tick and lines to write, and no answers. The facilitator edition adds the answers, \
        feedback, explanations and the course's facilitator notes.
        """)

    @Argument(help: ArgumentHelp("A course folder or its course.md.", valueName: "course"))
    var course: String

    @Option(help: ArgumentHelp("Only the modules for this role (default: every module).", valueName: "role"))
    var role: String?

    @Option(help: "learner (no answers) or facilitator (answers and facilitator notes).")
    var edition: WorkbookWriter.Edition = .learner

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    func run() throws {
      let course = try CourseArgument.load(course)
      let writer = WorkbookWriter(edition: edition, role: role)
      let html: String
      let modules: Int
      do {
        modules = try writer.modules(of: course).count
        html = try writer.write(course)
      } catch {
        throw CourseArgument.usageError("--role \(role ?? ""): \(error.description)")
      }
      try CourseArgument.write(html, to: output)
      let plural = modules == 1 ? "module" : "modules"
      printError(
        "coach: \(edition.rawValue) workbook of \(course.id) (\(modules) \(plural)) written to \(output)")
    }
  }
}
