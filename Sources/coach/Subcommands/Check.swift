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
      for diagnostic in result.diagnostics { printErrorStyled(Self.render(diagnostic, color: color)) }
      switch format {
      case .text: print(ShownText.safe(result.summary, keepingNewlines: true))
      case .json:
        print(Outline(result).json(), terminator: "")
        printError(result.summary)
      }
      let failed = result.diagnostics.hasErrors
      keepUntilExit(result)
      if failed { throw ExitCode.failure }
    }

    /// A diagnostic as a line; its message quotes the course, so its control
    /// characters are shown, never sent (coach's own colours are added after).
    private static func render(_ diagnostic: Diagnostic, color: Bool) -> String {
      let location = ShownText.safe("\(diagnostic.location)")
      let message = ShownText.safe(diagnostic.message, keepingNewlines: true)
      guard color else { return "\(location): \(diagnostic.severity.rawValue): \(message)" }
      let paint = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
      return "\u{1B}[1m\(location):\u{1B}[0m \(paint)\(diagnostic.severity.rawValue):\u{1B}[0m " + message
    }
  }
}
