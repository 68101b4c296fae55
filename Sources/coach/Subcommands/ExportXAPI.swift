import ArgumentParser
import CourseModel
import CourseParser
import Foundation
import LearnerModel
import XAPI

extension Coach.Export {
  /// `coach export xapi`: the progress recorded in a course as xAPI 1.0.3 statements,
  /// written as JSON lines and, with `--lrs`, sent to a learning record store.
  struct XAPIStatements: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "xapi",
      abstract: "Write the progress recorded in a course as xAPI statements, or send them to an LRS.",
      discussion: """
        One xAPI 1.0.3 statement per recorded event, one JSON object a line: drill answers, drill \
        passes and failed rounds, belief answers (a reflection's text only when the employee shared \
        it), creed signatures, pages read, modules and the course completed. The store is only read. \
        With --lrs the statements are POSTed to the LRS's statements resource in batches; sending \
        again never stores a second copy. Give the LRS's user and password in COACH_LRS_AUTH \
        (user:password) rather than with --auth, which anyone who can list processes can read.
        """)

    @Option(help: ArgumentHelp("The id of the course (found in the courses folder).", valueName: "id"))
    var course: String

    @OptionGroup var courses: CourseFolderOptions

    @Option(
      name: .customLong("store"),
      help: ArgumentHelp(
        "The progress store file (read only). Default: $COACH_STORE, else the usual place.", valueName: "path"
      ))
    var store: String?

    @Option(
      help: ArgumentHelp(
        "Only events from this day (YYYY-MM-DD, UTC) or time (2026-05-04T09:30:00Z) on.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only the employees of this cohort.", valueName: "cohort"))
    var cohort: String?

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "The file to write (default: standard output, unless --lrs is given).", valueName: "file"))
    var output: String?

    @Option(
      help: ArgumentHelp(
        "Send the statements to this LRS (its xAPI address, e.g. https://lrs.example.com/xAPI).",
        valueName: "url"))
    var lrs: String?

    @Option(
      help: ArgumentHelp(
        "The LRS's user and password, user:password. Better: set COACH_LRS_AUTH.", valueName: "user:password")
    )
    var auth: String?

    @Option(
      help: ArgumentHelp(
        "The home page of the system employee ids belong to. Default: $COACH_XAPI_HOME_PAGE, else \(XAPISettings.defaultHomePage).",
        valueName: "url"))
    var homePage: String?

    @Option(
      help: ArgumentHelp(
        "Where activity ids start. Default: $COACH_XAPI_ACTIVITY_BASE, else \(XAPISettings.defaultActivityBase).",
        valueName: "url"))
    var activityBase: String?

    @Option(help: ArgumentHelp("The language tag of the course's texts.", valueName: "tag"))
    var language = XAPISettings.defaultLanguage

    @Option(
      help: ArgumentHelp(
        "How learners are named to the LRS: account (home page and employee id) or email (when the roster has one).",
        valueName: "account|email"))
    var actor = XAPISettings.Identity.account

    @Flag(help: "Give each learner's name from the roster as well.")
    var names = false

    @Option(help: ArgumentHelp("Statements per POST (1 to 1000).", valueName: "n"))
    var batchSize = 100

    @Option(help: ArgumentHelp("Times a failed POST is sent again (0 to 20).", valueName: "n"))
    var retries = 5

    func validate() throws {
      if auth != nil && lrs == nil {
        throw ValidationError("--auth is for --lrs: give the LRS's address too")
      }
      if let since, Timestamp.parse(since) == nil {
        throw ValidationError(
          "--since \"\(since.prefix(64))\": give a day as YYYY-MM-DD or a time as 2026-05-04T09:30:00Z")
      }
    }

    func run() async throws {
      let environment = ProcessInfo.processInfo.environment
      let settings = try checked {
        try XAPISettings(
          homePage: Self.setting(homePage, environment["COACH_XAPI_HOME_PAGE"], XAPISettings.defaultHomePage),
          activityBase: Self.setting(
            activityBase, environment["COACH_XAPI_ACTIVITY_BASE"], XAPISettings.defaultActivityBase),
          language: language, identity: actor, includeNames: names)
      }
      let client = try lrs.map { url in try checked { try makeClient(url, environment: environment) } }
      let found = try findCourse()
      let source = try await StoreOptions.openToRead(store ?? "")
      let export: XAPIExport
      do {
        // The roster keeps no email addresses yet: once an employee record carries one,
        // pass them here (employee id to address) and --actor email uses them.
        export = try await XAPIExport.read(
          course: found, store: source, cohort: cohort, settings: settings, emails: [:],
          since: since.flatMap(Timestamp.parse))
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
      for note in export.notes { printError("coach: \(note)") }
      let text = JSONLines.text(export.statements)
      if let output {
        try CourseArgument.write(text, to: output)
      } else if client == nil {
        FileHandle.standardOutput.write(Data(text.utf8))
      }
      printError(
        "coach: \(export.summary(course: found.id, to: output ?? (client == nil ? "standard output" : nil)))")
      guard let client else { return }
      let report: LRSClient.Report
      do {
        report = try await client.send(export.statements)
      } catch {
        printError("coach: \(error.description)")
        throw ExitCode.failure
      }
      printError("coach: \(XAPIExport.describe(report, url: client.statementsURL.absoluteString))")
    }

    /// The command line's value, else the environment's, else the default.
    static func setting(_ given: String?, _ configured: String?, _ fallback: String) -> String {
      if let given, !given.isEmpty { return given }
      if let configured, !configured.isEmpty { return configured }
      return fallback
    }

    private func makeClient(_ url: String, environment: [String: String]) throws(XAPIError) -> LRSClient {
      var credentials: LRSCredentials?
      if let auth {
        printError(
          "coach: note: a password given with --auth can be read by anyone who can list this machine's "
            + "processes; set COACH_LRS_AUTH=user:password instead")
        credentials = try LRSCredentials(auth, source: "--auth")
      } else if let configured = environment["COACH_LRS_AUTH"], !configured.isEmpty {
        credentials = try LRSCredentials(configured, source: "$COACH_LRS_AUTH")
      }
      return try LRSClient(endpoint: url, credentials: credentials, batchSize: batchSize, retries: retries)
    }

    /// A setting that cannot be used is a usage error (exit 64), said in plain words.
    private func checked<T>(_ make: () throws -> T) throws -> T {
      do { return try make() } catch let error as XAPIError { throw ValidationError(error.description) }
    }

    /// The course with the id `--course` names, in the courses folder; one with errors is
    /// refused.
    private func findCourse() throws -> Course {
      let folder = courses.path
      let result = CourseLoader.load(paths: [folder])
      guard let found = result.courses.first(where: { $0.id == course }) else {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        let ids = result.courses.map(\.id)
        printError(
          "coach: course '\(course)' is not in \(absolute) (the courses folder from \(courses.origin))"
            + (ids.isEmpty ? ", which holds no courses" : ", which holds: \(ids.joined(separator: ", "))")
            + "; name the folder that holds it with --courses DIR or COACH_COURSES")
        throw ExitCode.failure
      }
      let courseFolder =
        URL(fileURLWithPath: found.file).deletingLastPathComponent().standardizedFileURL.path + "/"
      let errors = result.diagnostics.filter {
        $0.severity == .error
          && URL(fileURLWithPath: $0.location.file).standardizedFileURL.path.hasPrefix(courseFolder)
      }
      if !errors.isEmpty {
        for diagnostic in errors { printError(diagnostic.description) }
        printError(
          "coach: course '\(course)' has errors; fix them (coach check \(courseFolder)) and try again")
        throw ExitCode.failure
      }
      return found
    }
  }
}

extension XAPISettings.Identity: ExpressibleByArgument {}
