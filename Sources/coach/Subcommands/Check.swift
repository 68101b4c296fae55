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
        course.md. Diagnostics go to standard error. Exit status: 0 without errors, 1 with errors.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @Argument(help: "Course folders, folders of courses, or course.md files (default: courses).")
    var paths: [String] = []

    @Option(help: "Output format: text (a summary) or json (the course outline on standard output).")
    var format: Format = .text

    func run() throws {
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
      keepUntilExit(result)
      if failed { throw ExitCode.failure }
    }

    private static func render(_ diagnostic: Diagnostic, color: Bool) -> String {
      guard color else { return diagnostic.description }
      let paint = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
      return "\u{1B}[1m\(diagnostic.location):\u{1B}[0m \(paint)\(diagnostic.severity.rawValue):\u{1B}[0m "
        + diagnostic.message
    }
  }
}
