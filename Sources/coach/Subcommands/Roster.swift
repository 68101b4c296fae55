import ArgumentParser
import Foundation
import LearnerModel
import Reports
import Rosters

extension Coach {
  struct Roster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The roster of employees: import it from a CSV file, list it.",
      subcommands: [Import.self, List.self])
  }
}

extension Coach.Roster {
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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
      let opened = try store.open()
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
    static let configuration = CommandConfiguration(abstract: "List the employees on the roster.")

    @Option(help: ArgumentHelp("Only employees of this cohort.", valueName: "name"))
    var cohort: String?

    @Option(help: "Output format: table, csv, json or html.")
    var format = ReportFormat.table

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let opened = try store.openToReport()
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
}
