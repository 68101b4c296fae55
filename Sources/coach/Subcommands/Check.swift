import ArgumentParser
import CourseModel
import CourseParser
import Foundation

extension Coach {
  /// `coach check`: reads courses and reports every problem, for trainers and CI.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check courses and report problems as path:line:column diagnostics.",
      discussion: """
        Each PATH is a course folder (it holds course.md), a folder of course folders, or a \
        course.md. Diagnostics go to standard error: on a terminal with the source line and a \
        caret, else (piped, or NO_COLOR set) one 'path:line:column: severity: message' line each. \
        Exit status: 0 without errors, 1 with errors (or, with --strict, with warnings).
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

    func run() throws {
      let result = CourseLoader.load(paths: paths.isEmpty ? ["courses"] : paths)
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
        writeAll(STDOUT_FILENO, Outline(result).jsonBytes())
        printError(printer.summary(summary, errors: errors, warnings: warnings))
      }
      keepUntilExit(result)
      if errors > 0 || (strict && warnings > 0) { throw ExitCode.failure }
    }
  }
}
