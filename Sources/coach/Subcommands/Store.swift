import ArgumentParser
import Foundation
import LearnerModel

extension Coach {
  struct Store: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "store",
      abstract: "Set up a PostgreSQL store, or copy progress from one store to another.",
      subcommands: [Copy.self, Init.self])
  }
}

extension Coach.Store {
  struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "copy",
      abstract: "Copy every record from one progress store to another, in one transaction on the target.",
      discussion: """
        FROM and TO are SQLite files or PostgreSQL URLs (postgres://user@host:port/dbname), so an \
        organisation can move from SQLite to PostgreSQL and back. The target must be empty unless \
        --merge is given; with --merge, records the target has already (by their ids) are left out, \
        and attempts are numbered after the target's own. The row counts of every table are \
        printed for both stores, and the copy is undone if they do not add up.
        """)

    @Argument(help: ArgumentHelp("The store to copy from.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The store to copy into.", valueName: "to"))
    var to: String

    @Flag(help: "Add to a target that already holds progress.")
    var merge = false

    func validate() throws {
      if from == to { throw ValidationError("FROM and TO are the same store") }
      if !StoreOptions.isURL(from) && !FileManager.default.fileExists(atPath: from) {
        throw ValidationError("there is no progress store at \(from)")
      }
    }

    func run() async throws {
      do {
        let source = try await StoreOptions.open(from)
        let target = try await StoreOptions.open(to)
        let contents = try await source.contents()
        let counted = try await source.rowCounts()
        let (before, after) = try await target.load(contents, merge: merge)
        let now = try await target.rowCounts()
        let fromName = StoreOptions.shownName(from)
        let toName = StoreOptions.shownName(to)
        print("copied \(fromName) -> \(toName)\(merge ? " (merged)" : "")")
        let header = ["table", "from: rows", "from: read", "to: before", "to: after", "to: now"]
        var rows: [[String]] = []
        var problems: [String] = []
        for table in StoreContents.tables {
          let read = contents.counts[table, default: 0]
          rows.append(
            [table] + [counted[table], read, before[table], after[table], now[table]].map { String($0 ?? 0) })
          if counted[table] != read {
            problems.append("\(table): \(counted[table] ?? 0) rows in FROM, \(read) read")
          }
          if now[table] != after[table] {
            problems.append("\(table): \(after[table] ?? 0) rows when committed, \(now[table] ?? 0) now")
          }
          if !merge && after[table] != counted[table] {
            problems.append("\(table): \(counted[table] ?? 0) rows in FROM, \(after[table] ?? 0) in TO")
          }
        }
        print(Self.table(header, rows))
        if !problems.isEmpty {
          printError("coach: the row counts do not match: " + problems.joined(separator: "; "))
          throw ExitCode.failure
        }
        print(
          "every row count checked: \(merge ? "TO holds what it had and what it lacked of FROM" : "TO holds what FROM holds")"
        )
      } catch let error as ProgressStoreError {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
      let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
      func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
          i == 0
            ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            : String(repeating: " ", count: widths[i] - cell.count) + cell
        }.joined(separator: "  ")
      }
      return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
  }

  struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Make a PostgreSQL database ready for coach: the database, its tables, and two roles.",
      discussion: """
        Connect as a user who may create databases and roles (the database's owner to be). The \
        database is made when missing, then coach's tables, then two roles that sign-in users are \
        made members of: the trainers' role reads every table for reports (of belief responses only \
        those an employee shared); the learners' role reads and writes only the rows of the employee \
        whose id is the database user's name (row-level security). Running it again is safe. See \
        docs/deploy.md.
        """)

    @Argument(
      help: ArgumentHelp("The database: postgres://user@host:port/dbname?sslmode=…", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("The trainers' role.", valueName: "name"))
    var trainerRole = "coach_trainer"

    @Option(help: ArgumentHelp("The learners' role.", valueName: "name"))
    var learnerRole = "coach_learner"

    func validate() throws {
      if !StoreOptions.isURL(url) { throw ValidationError("\(url) is not a PostgreSQL URL (postgres://…)") }
      for role in [trainerRole, learnerRole] where role.isEmpty || role.utf8.count > 63 {
        throw ValidationError("a role name has 1 to 63 bytes: '\(role)'")
      }
    }

    func run() async throws {
      do {
        let done = try await StoreOptions.initialise(url, trainerRole: trainerRole, learnerRole: learnerRole)
        print("\(done.name): \(done.created ? "database created, " : "")schema up to date")
        print("roles: \(done.roles.0) (trainers: read everything but private belief answers), ")
        print("       \(done.roles.1) (learners: their own rows only; sign in as your employee id)")
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
    }
  }
}
