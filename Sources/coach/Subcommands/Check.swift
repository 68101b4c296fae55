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
      commandName: "check",
      abstract: "Check courses and report problems as path:line:column diagnostics.",
      discussion: """
        Each PATH is a course folder (it holds course.md), a folder of course folders, or a \
        course.md. Diagnostics go to standard error: on a terminal with the source line and a \
        caret, else (piped, or NO_COLOR set) one 'path:line:column: severity: message' line each. \
        With --store, coach also lists what the courses as they are now do to the progress \
        already recorded in that store (answers to changed questions, passes at another pass \
        mark, creeds signed in an earlier version, retired items), and how many employees each \
        touches; the store is only read. Exit status: 0 without errors, 1 with errors (or, with \
        --strict, with warnings); the preview is information, never an error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @Argument(help: "Course folders, folders of courses, or course.md files (default: courses).")
    var paths: [String] = []

    @Option(help: "Output format: text (a summary) or json (the course outline on standard output).")
    var format: Format = .text

    @Flag(help: "Fail (exit 1) on warnings too, for CI.")
    var strict = false

    @Option(
      help: ArgumentHelp(
        "A progress store to preview the change against (read only; nothing is written to it).",
        valueName: "path"))
    var store: String?

    func run() async throws {
      let result = CourseLoader.load(paths: paths.isEmpty ? ["courses"] : paths, keepingParseTrees: true)
      let printer = DiagnosticPrinter.forFiles(rich: OutputStyle.usesColor(fileDescriptor: STDERR_FILENO))
      var report = ""
      for diagnostic in result.diagnostics { report += printer.render(diagnostic) }
      writeAll(STDERR_FILENO, Array(report.utf8))
      let errors = result.diagnostics.filter { $0.severity == .error }.count
      let warnings = result.diagnostics.count - errors
      var summary = result.summary
      if strict && warnings > 0 && errors == 0 { summary += " (--strict: warnings fail)" }
      switch format {
      case .text:
        print(
          DiagnosticPrinter.forFiles(rich: OutputStyle.usesColor(fileDescriptor: STDOUT_FILENO)).summary(
            summary, errors: errors, warnings: warnings))
      case .json:
        Outline(result).writeJSON { writeAll(STDOUT_FILENO, UnsafeRawBufferPointer($0)) }
        printError(printer.summary(summary, errors: errors, warnings: warnings))
      }
      let failed = errors > 0
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
      if failed || (strict && warnings > 0) { throw ExitCode.failure }
    }

    /// What each course does to the records in the store at `path`, opened to read only.
    static func preview(_ courses: [Course], store path: String) async throws -> String {
      let store = try await StoreOptions.openToRead(path)
      do {
        let employees = try await store.allEmployees()
        var lines = [
          "Progress store \(StoreOptions.shownName(path)): what the courses as they are now do to the progress recorded"
        ]
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
  }
}
