import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import Reports

extension Coach {
  /// `coach check`: reads courses and reports every problem, for trainers and CI; with
  /// `--store`, previews what the courses as they are now do to the progress recorded.
  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check courses and report problems as path:line:column diagnostics.",
      discussion: """
        Each PATH is a course folder (it holds course.md), a folder of course folders, or a \
        course.md. Diagnostics go to standard error. With --store, coach also lists what the \
        courses as they are now do to the progress already recorded in that store (answers to \
        changed questions, passes at another pass mark, creeds signed in an earlier version, \
        retired items), and how many employees each touches; the store is only read. Exit \
        status: 0 without errors, 1 with errors (the preview is information, never an error).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @Argument(help: "Course folders, folders of courses, or course.md files (default: courses).")
    var paths: [String] = []

    @Option(help: "Output format: text (a summary) or json (the course outline on standard output).")
    var format: Format = .text

    @Option(
      help: ArgumentHelp(
        "A progress store to preview the change against (read only; nothing is written to it).",
        valueName: "path"))
    var store: String?

    func run() async throws {
      let result = CourseLoader.load(paths: paths.isEmpty ? ["courses"] : paths)
      let color = OutputStyle.usesColor(fileDescriptor: STDERR_FILENO)
      for diagnostic in result.diagnostics { printError(Self.render(diagnostic, color: color)) }
      switch format {
      case .text: print(result.summary)
      case .json:
        print(Outline(result).json(), terminator: "")
        printError(result.summary)
      }
      let failed = result.diagnostics.hasErrors
      if let store {
        if failed {
          printError(
            "coach: fix the errors above first; then --store previews what the change does to progress")
        } else {
          let preview = try await Self.preview(result.courses, store: store)
          if format == .json { printError(preview) } else { print(preview) }
        }
      }
      keepUntilExit(result)
      if failed { throw ExitCode.failure }
    }

    /// What each course does to the records in the store at `path`, opened to read only.
    static func preview(_ courses: [Course], store path: String) async throws -> String {
      let store = try StoreOptions.openToRead(path)
      do {
        let employees = try await store.allEmployees()
        var lines = ["Progress store \(path): what the courses as they are now do to the progress recorded"]
        for course in courses {
          var records: [(employee: Employee, history: History)] = []
          for employee in employees {
            records.append((employee, try await store.history(of: employee.id, in: course.id)))
          }
          lines.append(ChangePreview(course: course, records: records).text)
        }
        return lines.joined(separator: "\n")
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }

    private static func render(_ diagnostic: Diagnostic, color: Bool) -> String {
      guard color else { return diagnostic.description }
      let paint = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
      return "\u{1B}[1m\(diagnostic.location):\u{1B}[0m \(paint)\(diagnostic.severity.rawValue):\u{1B}[0m "
        + diagnostic.message
    }
  }
}
