import ArgumentParser

extension Coach {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not written yet.")
    func run() throws { throw ExitCode.failure }
  }
}
