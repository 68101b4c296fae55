import ArgumentParser

/// The `coach` command: check courses, take them, and see progress.
@main
struct Coach: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coach",
    abstract: "A training engine for Markdown courses: check them, take them, track progress.",
    subcommands: [Check.self, Learn.self, Progress.self, Store.self]
  )
}
