import ArgumentParser

extension Coach {
  struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not written yet.")
    func run() throws { throw ExitCode.failure }
  }
}
