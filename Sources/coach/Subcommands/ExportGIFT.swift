import ArgumentParser
import Exports
import Foundation

extension Coach.Export {
  /// `coach export gift`: the course's drill questions for Moodle's question bank.
  struct GIFT: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "gift",
      abstract: "Write a course's drill questions in Moodle's GIFT format.",
      discussion: """
        COURSE is a course folder or its course.md. Every skills drill question is written, one \
        question category per module; belief exercises and the creed are not questions and are \
        never exported. Order questions have no GIFT form: each one left out is named on standard \
        error. In Moodle: Question bank, Import, format GIFT, with "Get category from file" ticked.
        """)

    @Argument(help: ArgumentHelp("A course folder or its course.md.", valueName: "course"))
    var course: String

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp("The file to write (default: standard output).", valueName: "file"))
    var output: String?

    func run() throws {
      let course = try CourseArgument.load(course)
      let export = GIFTWriter().write(course)
      for note in export.skipped + export.warnings { printError(note.description) }
      if let output {
        try CourseArgument.write(export.text, to: output)
      } else {
        FileHandle.standardOutput.write(Data(export.text.utf8))
      }
      let left = export.skipped.isEmpty ? "" : " (\(export.skipped.count) left out)"
      printError(
        "coach: wrote \(export.questionCount) questions of \(course.id) to \(output ?? "standard output")\(left)"
      )
    }
  }
}
