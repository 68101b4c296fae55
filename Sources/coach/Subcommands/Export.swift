import ArgumentParser

extension Coach {
  /// `coach export`: a course in formats other tools read.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Export for other tools: GIFT for Moodle, xAPI statements for a learning record store.",
      subcommands: [GIFT.self, XAPIStatements.self]
    )
  }
}
