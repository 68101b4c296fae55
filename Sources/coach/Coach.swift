import ArgumentParser
// Linked for its start-up settings of the allocator (mimalloc, 2 MiB pages); nothing calls it.
import CAllocator

/// The `coach` command: check courses, take them, and see progress.
@main
struct Coach: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coach",
    abstract:
      "A training engine for Markdown courses: check them, take them, review them, track progress, report, export and print them.",
    subcommands: [
      Check.self, Learn.self, Review.self, Progress.self, Certificate.self, Roster.self, Report.self,
      Export.self, Workbook.self, Store.self,
    ]
  )
}
