import CourseModel
import Foundation
import LearnerModel

/// A course laid out once for the cohort report: its drills and creeds with the hashes
/// records are compared against, and the plan of each role, so that each employee's
/// digest is read against it without hashing the course again.
public struct CourseLayout: Sendable {
  public struct Drill: Sendable, Hashable {
    public var moduleIndex: Int
    public var moduleID: String
    public var sectionID: String
    public var title: String
    public var questions: Int
    public var passMark: Int
    /// ``ContentHash/drill(_:)`` of the drill as it is now.
    public var version: String
  }

  public struct Creed: Sendable, Hashable {
    public var moduleIndex: Int
    public var moduleID: String
    public var sectionID: String
    public var title: String
    public var contentHash: String
  }

  public let course: Course
  public let drills: [Drill]
  public let creeds: [Creed]
  private var plans: [String: CoursePlan] = [:]
  private let noRolePlan: CoursePlan

  public init(course: Course) {
    self.course = course
    var drills: [Drill] = []
    var creeds: [Creed] = []
    for (m, module) in course.modules.enumerated() {
      for section in module.sections {
        switch section.content {
        case .drill(_, let questions):
          drills.append(
            Drill(
              moduleIndex: m, moduleID: module.id, sectionID: section.id, title: section.title,
              questions: questions.count, passMark: module.pass, version: ContentHash.drill(questions)))
        case .creed(let creed):
          creeds.append(
            Creed(
              moduleIndex: m, moduleID: module.id, sectionID: section.id, title: section.title,
              contentHash: creed.contentHash))
        case .lesson, .beliefs: break
        }
      }
    }
    self.drills = drills
    self.creeds = creeds
    for role in course.roles { plans[role] = CoursePlan(course: course, role: role) }
    noRolePlan = CoursePlan(course: course, role: nil)
  }

  /// The plan of a role (a role the course does not name takes the modules for everyone).
  public func plan(for role: String?) -> CoursePlan {
    role.flatMap { plans[$0] } ?? noRolePlan
  }
}

/// Where one employee stands, worked out from their ``CourseDigest`` by the rules of
/// ``Standing``: a module is done when every step of it is (pages read to their end, items
/// answered, drills passed now or as recorded, creeds signed in any version or, signing
/// being optional, their statements all answered).
public struct DigestStanding: Sendable {
  public struct DrillResult: Sendable, Hashable {
    public var drill: CourseLayout.Drill
    /// Whether the drill is in a module for the employee's role.
    public var forRole: Bool
    /// Questions answered in their current version.
    public var answered: Int
    /// The mean first and best score, once every question was answered (0...1).
    public var first: Double?
    public var best: Double?
    /// Passed against its questions and pass mark now.
    public var passedNow: Bool
    /// The pass as recorded: the latest of this version, else of an earlier one, else one
    /// worked out from an enrolment completed as passed before passes were kept.
    public var recorded: RecordedPass?
    /// Whether any answer was given (in any version).
    public var attempted: Bool

    public var passed: Bool { passedNow || recorded != nil }
  }

  public struct CreedResult: Sendable, Hashable {
    public var creed: CourseLayout.Creed
    public var forRole: Bool
    /// When the creed as it is now was last signed.
    public var signedAt: Date?
    /// When an earlier version was last signed, if the current one is not.
    public var earlierSignedAt: Date?
  }

  public var modulesDone: Int
  public var modulesForRole: Int
  public var drills: [DrillResult]
  public var creeds: [CreedResult]

  public init(_ digest: CourseDigest, layout: CourseLayout) {
    let plan = layout.plan(for: digest.employee.role)
    let course = layout.course
    var drills: [DrillResult] = []
    var drillIndex: [String: Int] = [:]
    for drill in layout.drills {
      let sums = digest.drills.first { $0.moduleID == drill.moduleID && $0.sectionID == drill.sectionID }
      let answered = sums?.answered ?? 0
      let complete = drill.questions > 0 && answered == drill.questions
      let count = Double(max(drill.questions, 1))
      let best = (sums?.bestSum ?? 0) / count
      let passes = digest.passes.filter { $0.moduleID == drill.moduleID && $0.sectionID == drill.sectionID }
      var recorded: RecordedPass?
      if let pass = passes.last(where: { $0.drillHash == drill.version }) ?? passes.last {
        recorded = RecordedPass(
          passMark: pass.passMark, score: pass.score, at: pass.at,
          isCurrentVersion: pass.drillHash == drill.version,
          isRecorded: true)
      } else if let enrolment = digest.enrolment, enrolment.passed, let completed = enrolment.completed,
        digest.firstAnswers.contains(where: {
          $0.moduleID == drill.moduleID && $0.sectionID == drill.sectionID && $0.at <= completed
        })
      {
        recorded = RecordedPass(
          passMark: nil, score: nil, at: completed, isCurrentVersion: nil, isRecorded: false)
      }
      drillIndex[drill.moduleID + "\u{1F}" + drill.sectionID] = drills.count
      drills.append(
        DrillResult(
          drill: drill, forRole: !plan.moduleSteps[drill.moduleIndex].isEmpty, answered: answered,
          first: complete ? (sums?.firstSum ?? 0) / count : nil, best: complete ? best : nil,
          passedNow: complete && best * 100 >= Double(drill.passMark) - 1e-9, recorded: recorded,
          attempted: sums != nil))
    }
    var creeds: [CreedResult] = []
    for creed in layout.creeds {
      let signatures = digest.signatures.filter {
        $0.moduleID == creed.moduleID && $0.sectionID == creed.sectionID
      }
      let current = signatures.last { $0.creedHash == creed.contentHash }
      creeds.append(
        CreedResult(
          creed: creed, forRole: !plan.moduleSteps[creed.moduleIndex].isEmpty, signedAt: current?.at,
          earlierSignedAt: current == nil ? signatures.last?.at : nil))
    }
    self.drills = drills
    self.creeds = creeds

    // Steps, as Standing settles them.
    let read = Set(digest.pagesRead.map { [$0.moduleID, $0.sectionID, $0.page.rawValue] })
    func drill(_ step: Step) -> DrillResult? {
      guard let section = plan.section(step) else { return nil }
      return drillIndex[course.modules[step.module].id + "\u{1F}" + section.id].map { drills[$0] }
    }
    func place(_ step: Step, _ item: String) -> ItemPlace {
      ItemPlace(
        moduleID: course.modules[step.module].id, sectionID: plan.section(step)?.id ?? "", itemID: item)
    }
    func signed(_ step: Step) -> Bool {
      let module = course.modules[step.module].id
      let section = plan.section(step)?.id ?? ""
      return digest.signatures.contains { $0.moduleID == module && $0.sectionID == section }
    }
    /// Any record at an item step, of any version (Standing.hasAnyRecord).
    func anyRecord(_ step: Step) -> Bool {
      switch step.kind {
      case .question: return drill(step)?.attempted ?? false
      case .signature: return signed(step)
      case .belief: return digest.answered.contains(place(step, plan.belief(step)?.id ?? ""))
      case .statement(let i):
        return digest.answered.contains(place(step, plan.creed(step)?.statements[i].id ?? ""))
      case .introduction, .overview, .lesson, .drillResult: return false
      }
    }
    var done = 0
    var forRole = 0
    for range in plan.moduleSteps where !range.isEmpty {
      forRole += 1
      var settled = true
      for index in range {
        let step = plan.steps[index]
        let ok: Bool
        switch step.kind {
        case .introduction, .overview, .lesson:
          // A page is done only when it was read to its end.
          let key = plan.pageKey(index).map { [$0.module, $0.section, $0.page.rawValue] } ?? []
          ok = read.contains(key)
        case .question:
          // Which questions were answered is not in a digest: a drill not passed with
          // every question answered still has its result step to settle.
          let result = drill(step)
          ok = (result?.passed ?? false) || (result.map { $0.answered == $0.drill.questions } ?? false)
        case .drillResult: ok = drill(step)?.passed ?? false
        case .belief, .statement: ok = anyRecord(step)
        case .signature:
          // Signing is optional: a creed whose statements were all answered is done.
          ok = signed(step) || plan.statementSteps(near: index).allSatisfy { anyRecord(plan.steps[$0]) }
        }
        if !ok { settled = false }
      }
      if settled { done += 1 }
    }
    modulesDone = done
    modulesForRole = forRole
  }
}
