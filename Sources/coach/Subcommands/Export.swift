import ArgumentParser

extension Coach {
  /// `coach export`: a course in formats other tools read.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export a course for other tools: GIFT for Moodle.",
      subcommands: [GIFT.self]
    )
  }
}
