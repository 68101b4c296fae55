import ArgumentParser
import Foundation
import LearnerModel

extension Coach {
  /// `coach roster`: the employees of a store, for trainers.
  struct Roster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Manage the employees of a progress store (for trainers).",
      subcommands: [Reset.self])
  }
}

extension Coach.Roster {
  /// `coach roster reset ID`: for an employee who lost their passphrase.
  struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Reset an employee who lost their passphrase.",
      discussion: """
        Their key is forgotten, so their private text (reflections, creed notes, drafts that were \
        never shared) can never be read again, by anyone. Their scores, belief points, rankings, \
        signatures and shared reflections are kept, and what they answered still counts as \
        answered. They choose a new passphrase at their next coach learn. Nobody learns the text.
        """)

    @Argument(help: ArgumentHelp("The employee's id.", valueName: "id"))
    var id: String

    @Flag(help: "Do not ask to confirm (for scripts).")
    var yes = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
      do { _ = try EmployeeID(id) } catch {
        throw ValidationError("invalid employee id \"\(id.prefix(64))\": \(error.reason)")
      }
    }

    func run() async throws {
      let employee = try EmployeeID(id)
      let opened = try store.open()
      guard try await opened.employee(id: employee) != nil else {
        printError("coach: no employee '\(employee)' in the progress store at \(opened.path)")
        throw ExitCode.failure
      }
      if !yes {
        guard isatty(0) == 1 else {
          printError("coach: resetting \(employee) loses their private text for good; pass --yes to confirm")
          throw ExitCode.failure
        }
        FileHandle.standardError.write(
          Data("Their private text is lost for good. Type \(employee) to reset them: ".utf8))
        guard readLine() == employee.rawValue else {
          printError("coach: not reset")
          throw ExitCode.failure
        }
      }
      let hadKey = try await reset(employee, in: opened)
      print(
        hadKey
          ? "reset \(employee): their private text can no longer be opened; scores, points and signatures "
            + "are kept. They choose a new passphrase at their next coach learn."
          : "reset \(employee): they had no passphrase yet; any draft was cleared, nothing else changed.")
    }

    private func reset(_ employee: EmployeeID, in store: any ProgressStore) async throws -> Bool {
      do {
        return try await store.resetEmployee(employee)
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }
}
