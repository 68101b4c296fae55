import CourseModel
import Foundation
import LearnerModel

/// What an employee did in a course, as the end-of-course summary shows it and as a
/// certificate of completion prints it: modules, each drill's first and best score, the
/// creed signed or not, and the time spent.
///
/// It holds no private text at all: no reflection, no creed note, no belief answer,
/// nothing an employee wrote; only names, titles, scores, dates and the creed's version.
public struct CourseSummary: Sendable, Hashable {
  /// One drill of a module.
  public struct Drill: Sendable, Hashable {
    public var module: Int
    public var sectionID: String
    public var title: String
    public var questions: Int
    /// The mean of each question's first score, once every question was answered.
    public var first: Double?
    /// The mean of each question's best score, once every question was answered.
    public var best: Double?
    public var passMark: Int
    public var passed: Bool
    /// Rounds taken: the most answers given to any one question.
    public var rounds: Int
  }

  /// One module of the course.
  public struct ModuleLine: Sendable, Hashable {
    public var index: Int
    public var id: String
    public var title: String
    public var status: ModuleProgress.Status
    public var drills: [Drill]
  }

  /// One creed of the course.
  public struct CreedLine: Sendable, Hashable {
    public var module: Int
    public var sectionID: String
    public var title: String
    /// The version of the creed as the course has it now (its content hash).
    public var version: String
    /// When this version was signed; `nil` when it was not.
    public var signedAt: Date?
    /// When an earlier version was last signed, if only an earlier one was.
    public var earlierVersionSignedAt: Date?

    public var signed: Bool { signedAt != nil }
  }

  public var employeeID: String
  public var employeeName: String
  public var role: String?
  public var courseID: String
  public var courseTitle: String
  /// When the employee enrolled.
  public var started: Date?
  /// When the course was completed, if it was.
  public var completed: Date?
  /// Whether every module for the employee's role is finished.
  public var isComplete: Bool
  /// Whether every drill for the employee's role is passed.
  public var allDrillsPassed: Bool
  /// Every module, those not for the role included (with that status).
  public var modules: [ModuleLine]
  public var creeds: [CreedLine]
  /// Active time: the time between records of one session, a gap of more than
  /// ``breakAfter`` counting as a break (nothing).
  public var timeSpent: TimeInterval
  /// Sessions with at least one record.
  public var sessions: Int

  /// A gap between two records longer than this is a break, not time spent.
  public static let breakAfter: TimeInterval = 30 * 60

  /// The drills passed, in course order: what a certificate lists.
  public var drillsPassed: [Drill] { modules.flatMap(\.drills).filter(\.passed) }
}

extension CourseSummary {
  /// The summary of what `standing` holds.
  /// - Parameters:
  ///   - standing: The employee's standing in the course (its ledger has every record).
  ///   - employee: Whose standing it is.
  ///   - started: When they enrolled.
  ///   - completed: When the course was completed, if it was.
  public init(standing: Standing, employee: Employee, started: Date?, completed: Date?) {
    let plan = standing.plan
    let course = plan.course
    var modules: [ModuleLine] = []
    var creeds: [CreedLine] = []
    let progress = standing.modules()
    for (m, module) in course.modules.enumerated() {
      var drills: [Drill] = []
      let forRole = !plan.moduleSteps[m].isEmpty
      for section in module.sections {
        switch section.content {
        case .drill(_, let questions) where forRole:
          let drill = Standing.standing(
            of: questions, pass: module.pass, ledger: standing.ledger, drill: (module.id, section.id))
          drills.append(
            Drill(
              module: m, sectionID: section.id, title: section.title, questions: questions.count,
              first: drill.first, best: drill.best, passMark: module.pass, passed: drill.passed,
              rounds: drill.rounds))
        case .creed(let creed) where forRole:
          let signatures = standing.ledger.signatures(module: module.id, section: section.id)
          let current = signatures.last { $0.creedHash == creed.contentHash }
          creeds.append(
            CreedLine(
              module: m, sectionID: section.id, title: section.title, version: creed.contentHash,
              signedAt: current?.at, earlierVersionSignedAt: current == nil ? signatures.last?.at : nil))
        default: break
        }
      }
      modules.append(
        ModuleLine(index: m, id: module.id, title: module.title, status: progress[m].status, drills: drills))
    }
    self.init(
      employeeID: employee.id.rawValue, employeeName: employee.name, role: employee.role,
      courseID: course.id, courseTitle: course.title, started: started, completed: completed,
      isComplete: progress.allSatisfy(\.status.isFinished),
      allDrillsPassed: modules.flatMap(\.drills).allSatisfy(\.passed), modules: modules, creeds: creeds,
      timeSpent: Self.activeTime(standing.ledger.activity).time,
      sessions: Self.activeTime(standing.ledger.activity).sessions)
  }

  /// The active time of records: within each session, the gaps between one record and
  /// the next, up to ``breakAfter`` each.
  public static func activeTime(_ activity: [Ledger.Activity]) -> (time: TimeInterval, sessions: Int) {
    let bySession = Dictionary(grouping: activity, by: \.session)
    var total: TimeInterval = 0
    for records in bySession.values {
      let times = records.map(\.at).sorted()
      for (earlier, later) in zip(times, times.dropFirst()) {
        let gap = later.timeIntervalSince(earlier)
        if gap <= breakAfter { total += gap }
      }
    }
    return (total, bySession.count)
  }
}
