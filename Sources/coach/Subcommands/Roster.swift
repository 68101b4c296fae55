import ArgumentParser
import Foundation
import LearnerModel
import Reports
import Rosters

extension Coach {
  /// `coach roster`: the employees of a store, for trainers.
  struct Roster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "roster",
      abstract:
        "The roster of employees: import it from a CSV file, list it, reset an employee who lost their passphrase.",
      subcommands: [Import.self, List.self, Reset.self])
  }
}

extension Coach.Roster {
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import a roster (CSV with the columns id,name,role,cohort and any others) into the store.",
      discussion: """
        The file's first line names its columns: at least id, name, role and cohort, in any \
        order; other columns (email, manager, ...) are kept with each employee. UTF-8, with or \
        without a byte order mark; quoted fields may hold commas, quotes ("") and line breaks. \
        New employees are added and known ones updated, all in one transaction: a file with a \
        problem is refused whole, the line and column named. An employee on the roster takes \
        the roster's role and cohort in coach learn.
        """)

    @Argument(help: ArgumentHelp("The roster file.", valueName: "file.csv"))
    var file: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        printError("coach: cannot read \(file): \(error.localizedDescription)")
        throw ExitCode.failure
      }
      let employees: [Employee]
      do {
        employees = try RosterFile.read(data, file: file)
      } catch {
        printError(error.description)
        printError("coach: nothing was imported; fix the roster and import it again")
        throw ExitCode.failure
      }
      let opened = try await store.open()
      do {
        let result = try await opened.importRoster(employees, at: Date())
        print(
          "\(file): \(employees.count) employee\(employees.count == 1 ? "" : "s"): \(result.added) added, "
            + "\(result.updated) updated, \(result.unchanged) unchanged")
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the employees on the roster.")

    @Option(help: ArgumentHelp("Only employees of this cohort.", valueName: "name"))
    var cohort: String?

    @Option(help: "Output format: table, csv, json or html.")
    var format = ReportFormat.table

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let opened = try await store.openToReport()
      do {
        try await RosterListing(cohort: cohort).write(
          format, color: format == .table && OutputStyle.usesColor(fileDescriptor: 1), from: opened,
          to: writeOut)
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }

  /// `coach roster reset ID`: for an employee who lost their passphrase.
  struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reset",
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
      let opened = try await store.open()
      guard try await opened.employee(id: employee) != nil else {
        printError("coach: no employee '\(employee)' in the progress store at \(store.shownName)")
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
