import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Printing

/// `coach report cohort`: one row per employee of a course (enrolled, or on the roster
/// and not started yet): when they started and were last active, the modules done of
/// those for their role, each drill's first and best score and its pass as recorded, the
/// creed, and whether they completed; then a totals line.
///
/// Rows are read from the store a page at a time and written as they come, so memory
/// holds one page, whatever the number of employees.
public struct CohortReport: Sendable {
  public struct Options: Sendable {
    public var cohort: String?
    public var since: Date?
    /// Employees read from the store at a time.
    public var pageSize: Int

    public init(cohort: String? = nil, since: Date? = nil, pageSize: Int = 500) {
      self.cohort = cohort
      self.since = since
      self.pageSize = pageSize
    }
  }

  public let layout: CourseLayout
  public let scope: ReportScope
  public let options: Options

  public init(course: Course, options: Options = Options()) {
    layout = CourseLayout(course: course)
    scope = ReportScope(course: course)
    self.options = options
  }

  /// Reads the store page by page and writes the report to `sink`.
  public func write(
    _ format: ReportFormat, color: Bool = false, from store: any ProgressStore, to sink: @escaping ReportSink
  ) async throws(ProgressStoreError) -> CohortTotals {
    var writer = CohortWriter(report: self, format: format, style: TableStyle(color: color), sink: sink)
    writer.begin()
    var after: EmployeeID?
    while true {
      let page = try await store.courseDigests(
        scope,
        DigestQuery(
          cohort: options.cohort, startedSince: options.since, after: after, limit: options.pageSize))
      for digest in page { writer.row(CohortRow(digest, layout: layout)) }
      guard page.count == options.pageSize, let last = page.last else { break }
      after = last.employee.id
    }
    writer.end()
    return writer.totals
  }

  var title: String { "Cohort report: \(layout.course.title)" }

  var subtitle: String {
    var parts = ["course \(layout.course.id)"]
    parts.append(options.cohort.map { "cohort \($0)" } ?? "every cohort")
    if let since = options.since { parts.append("started on or after \(StoredTime.day(since))") }
    return parts.joined(separator: ", ")
  }
}

/// One employee's row.
struct CohortRow: Encodable {
  struct DrillCell: Encodable {
    var module: String
    var section: String
    var title: String
    var forRole: Bool
    var answered: Int
    var questions: Int
    var first: Double?
    var best: Double?
    var passed: Bool
    var passedNow: Bool
    var recordedPass: PassCell?
    /// The pass in words: "passed at 80% on 2026-01-03", "not passed", ...
    var pass: String
  }

  struct PassCell: Encodable {
    var passMark: Int?
    var score: Double?
    var on: String?
    var currentVersion: Bool?
    var recorded: Bool
  }

  struct CreedCell: Encodable {
    var module: String
    var section: String
    var title: String
    var forRole: Bool
    /// "signed", "earlier-version", "not-signed" or "not-for-role".
    var status: String
    var signedOn: String?
  }

  var id: String
  var name: String
  var role: String?
  var cohort: String?
  var onRoster: Bool
  /// "not-started", "in-progress" or "completed".
  var status: String
  var started: String?
  var lastActive: String?
  var completed: String?
  var modulesDone: Int
  var modulesForRole: Int
  var drillsPassed: Int
  var drillsForRole: Int
  var passedEveryDrill: Bool
  var signed: Bool
  var drills: [DrillCell]
  var creeds: [CreedCell]

  init(_ digest: CourseDigest, layout: CourseLayout) {
    let standing = DigestStanding(digest, layout: layout)
    let employee = digest.employee
    id = employee.id.rawValue
    name = employee.name
    role = employee.role
    cohort = employee.cohort
    onRoster = employee.isOnRoster
    started = digest.enrolment.map { StoredTime.day($0.started) }
    completed = digest.enrolment?.completed.map(StoredTime.day)
    status = digest.enrolment == nil ? "not-started" : completed == nil ? "in-progress" : "completed"
    lastActive = digest.lastActive.map(StoredTime.day)
    modulesDone = standing.modulesDone
    modulesForRole = standing.modulesForRole
    drills = standing.drills.map { result in
      let recorded = result.recorded.map {
        PassCell(
          passMark: $0.passMark, score: $0.score, on: $0.at.map(StoredTime.day),
          currentVersion: $0.isCurrentVersion,
          recorded: $0.isRecorded)
      }
      return DrillCell(
        module: result.drill.moduleID, section: result.drill.sectionID, title: result.drill.title,
        forRole: result.forRole, answered: result.answered, questions: result.drill.questions,
        first: result.first,
        best: result.best, passed: result.passed, passedNow: result.passedNow, recordedPass: recorded,
        pass: Self.describe(result))
    }
    let ours = drills.filter(\.forRole)
    drillsForRole = ours.count
    drillsPassed = ours.filter(\.passed).count
    passedEveryDrill = !ours.isEmpty && ours.allSatisfy(\.passed)
    creeds = standing.creeds.map { result in
      let status =
        !result.forRole
        ? "not-for-role"
        : result.signedAt != nil ? "signed" : result.earlierSignedAt != nil ? "earlier-version" : "not-signed"
      return CreedCell(
        module: result.creed.moduleID, section: result.creed.sectionID, title: result.creed.title,
        forRole: result.forRole, status: status,
        signedOn: (result.signedAt ?? result.earlierSignedAt).map(StoredTime.day))
    }
    let ourCreeds = creeds.filter(\.forRole)
    signed = !ourCreeds.isEmpty && ourCreeds.allSatisfy { $0.status == "signed" }
  }

  /// A drill's pass as the report says it.
  static func describe(_ result: DigestStanding.DrillResult) -> String {
    if !result.forRole { return "not for role" }
    if let pass = result.recorded {
      guard pass.isRecorded else {
        return "passed on \(Shown.day(pass.at)) (recorded before coach kept passes)"
      }
      var text = "passed"
      if pass.isCurrentVersion == false { text += " an earlier version" }
      if let mark = pass.passMark { text += " at \(mark)%" }
      if let at = pass.at { text += " on \(StoredTime.day(at))" }
      return text
    }
    if result.passedNow { return "passed" }
    if !result.attempted { return "not started" }
    if result.best != nil { return "below the pass mark" }
    return "\(result.answered) of \(result.drill.questions) answered"
  }

  /// The creed in one word or two, for the table.
  var creedSummary: String {
    let ours = creeds.filter(\.forRole)
    if ours.isEmpty { return "-" }
    if ours.allSatisfy({ $0.status == "signed" }) { return "signed" }
    if ours.contains(where: { $0.status == "earlier-version" }) { return "earlier" }
    return "no"
  }
}

/// The totals line: how many employees are listed, started, in progress, completed,
/// passed every drill of their role, and signed every creed of their role as it is now.
public struct CohortTotals: Sendable, Hashable, Encodable {
  public struct Drill: Sendable, Hashable, Encodable {
    public var module: String
    public var section: String
    public var title: String
    /// Employees enrolled whose role takes the drill.
    public var enrolled: Int
    public var passed: Int
  }

  public var listed = 0
  public var enrolled = 0
  public var notStarted = 0
  public var inProgress = 0
  public var completed = 0
  public var passedEveryDrill = 0
  public var signed = 0
  public var signedEarlierVersion = 0
  public var drills: [Drill] = []

  mutating func add(_ row: CohortRow) {
    listed += 1
    switch row.status {
    case "not-started": notStarted += 1
    case "completed": completed += 1
    default: inProgress += 1
    }
    if row.status != "not-started" { enrolled += 1 }
    if row.passedEveryDrill { passedEveryDrill += 1 }
    if row.signed {
      signed += 1
    } else if row.creeds.contains(where: { $0.status == "earlier-version" }) {
      signedEarlierVersion += 1
    }
    if drills.isEmpty {
      drills = row.drills.map {
        Drill(module: $0.module, section: $0.section, title: $0.title, enrolled: 0, passed: 0)
      }
    }
    for (i, cell) in row.drills.enumerated() where cell.forRole && i < drills.count {
      if row.status != "not-started" { drills[i].enrolled += 1 }
      if cell.passed { drills[i].passed += 1 }
    }
  }
}
