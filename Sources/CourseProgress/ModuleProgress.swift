import CourseModel
import LearnerModel

/// One module's progress for one employee: what the course home and `coach progress` show.
public struct ModuleProgress: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case passed
    /// A drill was finished below its pass mark: it needs another try.
    case retry
    /// A module with no drill whose items are all done.
    case completed
    case notForRole = "not-for-role"

    /// How the status reads on the screen.
    public var label: String {
      switch self {
      case .notStarted: "not started"
      case .inProgress: "in progress"
      case .passed: "passed"
      case .retry: "needs another try"
      case .completed: "completed"
      case .notForRole: "not for your role"
      }
    }

    /// Whether nothing is left to do in the module.
    public var isFinished: Bool { self == .passed || self == .completed || self == .notForRole }
  }

  public var index: Int
  public var id: String
  public var title: String
  public var status: Status
  public var hasDrill: Bool
  /// The module's questions together (every drill of it), against the module's pass mark.
  public var drill: DrillStanding?
  /// Each drill of the module on its own, with its pass as recorded.
  public var drills: [DrillProgress]
  public var beliefsAnswered: Int
  public var beliefsTotal: Int
  public var hasCreed: Bool
  /// Whether every creed of the module is signed as it is now.
  public var creedSigned: Bool
  /// When the creeds were signed, as they are now or in an earlier version.
  public var creed: CreedStanding?
  public var stepsDone: Int
  public var stepsTotal: Int
  public var minutesLeft: Int

  /// Done steps as a share of all steps, 0...1.
  public var fraction: Double { stepsTotal == 0 ? 0 : Double(stepsDone) / Double(stepsTotal) }
}

extension Standing {
  /// The progress of every module of the course, in order.
  public func modules() -> [ModuleProgress] {
    plan.course.modules.indices.map(module)
  }

  /// The progress of module `m`.
  public func module(_ m: Int) -> ModuleProgress {
    let module = plan.course.modules[m]
    let range = plan.moduleSteps[m]
    var questions: [Question] = []
    var beliefsTotal = 0
    var beliefsAnswered = 0
    var creeds: [(Section, Creed)] = []
    for section in module.sections {
      switch section.content {
      case .drill(_, let items): questions += items
      case .beliefs(_, let items):
        beliefsTotal += items.count
        beliefsAnswered +=
          items.filter {
            ledger.response(module: module.id, section: section.id, item: $0.id) != nil
          }.count
      case .creed(let creed): creeds.append((section, creed))
      case .lesson: break
      }
    }
    let hasDrill = !questions.isEmpty
    let signed =
      !creeds.isEmpty
      && creeds.allSatisfy { section, creed in
        ledger.hasSigned(module: module.id, section: section.id, hash: creed.contentHash)
      }
    let drillStanding =
      hasDrill ? Self.standing(of: questions, pass: module.pass, ledger: ledger, drill: nil) : nil
    var progress = ModuleProgress(
      index: m, id: module.id, title: module.title, status: .notStarted, hasDrill: hasDrill,
      drill: drillStanding, drills: drills(m),
      beliefsAnswered: beliefsAnswered, beliefsTotal: beliefsTotal, hasCreed: !creeds.isEmpty,
      creedSigned: signed, creed: creed(m), stepsDone: 0, stepsTotal: range.count, minutesLeft: 0)
    guard !range.isEmpty else {
      progress.status = .notForRole
      return progress
    }
    // A drill that counts as passed keeps its module passed while its new or changed
    // questions wait to be answered.
    let done = range.filter(isSettled)
    progress.stepsDone = done.count
    // The course introduction opens the first module's steps but belongs to the course:
    // the module's estimate is the same before and after it is read.
    progress.minutesLeft = Int(
      range.filter { !isDone($0) && plan.steps[$0].kind != .introduction }.map(minutes).reduce(0, +)
        .rounded(.up))
    let drillsFailed = range.contains { i in
      plan.steps[i].kind == .drillResult
        && {
          let d = drill(near: i); return d.firstPassDone && !d.passed
        }()
    }
    // Only records move a status: a page read, an item answered (whichever version of
    // the course it answered). Where the bookmark is says nothing, so statuses never
    // change as the employee looks around.
    let anyRecord = range.contains(where: hasAnyRecord)
    if done.count == range.count {
      progress.status = hasDrill ? .passed : .completed
    } else if drillsFailed {
      progress.status = .retry
    } else if anyRecord || !done.isEmpty {
      progress.status = .inProgress
    }
    return progress
  }
}
