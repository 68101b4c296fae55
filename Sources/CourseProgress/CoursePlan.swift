import CourseModel
import LearnerModel

/// One stop on the way through a course: a page to read or an item to answer.
public struct Step: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// The course introduction, before the first module.
    case introduction
    /// A module's title page and overview.
    case overview
    /// A lesson section (paged on a terminal).
    case lesson
    /// A drill question, by index in its section.
    case question(Int)
    /// A drill's score against its pass mark, and the retry of missed questions.
    case drillResult
    /// A belief item, by index in its section.
    case belief(Int)
    /// A creed statement, by index.
    case statement(Int)
    /// Signing a creed.
    case signature
  }

  /// The module's index in the course.
  public var module: Int
  /// The section's index in the module; `nil` for the introduction and overview.
  public var section: Int?
  public var kind: Kind

  /// Whether this step is prose to read rather than something to answer.
  public var isPage: Bool {
    switch kind {
    case .introduction, .overview, .lesson: true
    default: false
    }
  }
}

/// Where a bookmark points inside a step.
public enum StepDetail: Sendable, Hashable {
  case none
  /// A lesson page: where it opens.
  case page(PagePosition)
  /// A question asked again in a retry round.
  case retry
  /// A reflection written but not yet sent: the share question is pending.
  case share(String)
  /// A reflection begun: the lines typed so far.
  case draft(String)
}

/// A course laid out as steps for one role. Modules not for the role have no steps.
public struct CoursePlan: Sendable {
  public let course: Course
  public let role: String?
  public let steps: [Step]
  /// The step indices of each module (empty for a module not for the role).
  public let moduleSteps: [Range<Int>]
  /// The words a reader reads at each step (pages, and a question's scenario and
  /// prompt), counted once: reading estimates ask for them on every screen.
  public let words: [Int]

  public init(course: Course, role: String?) {
    self.course = course
    self.role = role
    var steps: [Step] = []
    var ranges: [Range<Int>] = []
    for (m, module) in course.modules.enumerated() {
      let start = steps.count
      if module.isFor(role: role) {
        if steps.isEmpty && !course.introduction.isEmpty {
          steps.append(Step(module: m, section: nil, kind: .introduction))
        }
        steps.append(Step(module: m, section: nil, kind: .overview))
        for (s, section) in module.sections.enumerated() {
          switch section.content {
          case .lesson:
            steps.append(Step(module: m, section: s, kind: .lesson))
          case .drill(_, let questions):
            steps += questions.indices.map { Step(module: m, section: s, kind: .question($0)) }
            steps.append(Step(module: m, section: s, kind: .drillResult))
          case .beliefs(_, let items):
            steps += items.indices.map { Step(module: m, section: s, kind: .belief($0)) }
          case .creed(let creed):
            steps += creed.statements.indices.map { Step(module: m, section: s, kind: .statement($0)) }
            steps.append(Step(module: m, section: s, kind: .signature))
          }
        }
      }
      ranges.append(start..<steps.count)
    }
    self.steps = steps
    self.moduleSteps = ranges
    words = steps.map { step in
      let module = course.modules[step.module]
      let section = step.section.map { module.sections[$0] }
      switch step.kind {
      case .introduction: return WordCount.of(course.introduction)
      case .overview: return WordCount.of(module.overview)
      case .lesson:
        if case .lesson(let blocks)? = section?.content { return WordCount.of(blocks) }
        return 0
      case .question(let q):
        guard case .drill(_, let questions)? = section?.content else { return 0 }
        return WordCount.of(questions[q].context) + questions[q].prompt.split(separator: " ").count
      default: return 0
      }
    }
  }

  // MARK: - Looking things up

  public func module(_ step: Step) -> Module { course.modules[step.module] }

  public func section(_ step: Step) -> Section? {
    step.section.map { course.modules[step.module].sections[$0] }
  }

  /// The question a `.question` step asks.
  public func question(_ step: Step) -> Question? {
    guard case .question(let i) = step.kind, case .drill(_, let questions)? = section(step)?.content else {
      return nil
    }
    return questions[i]
  }

  /// The questions of the drill a step belongs to.
  public func drillQuestions(_ step: Step) -> [Question] {
    if case .drill(_, let questions)? = section(step)?.content { return questions }
    return []
  }

  public func belief(_ step: Step) -> BeliefItem? {
    guard case .belief(let i) = step.kind, case .beliefs(_, let items)? = section(step)?.content else {
      return nil
    }
    return items[i]
  }

  public func creed(_ step: Step) -> Creed? {
    if case .creed(let creed)? = section(step)?.content { return creed }
    return nil
  }

  /// The step index of question `q` in the drill that `step` belongs to.
  public func index(ofQuestion q: Int, near step: Int) -> Int? {
    let s = steps[step]
    return steps.indices.first {
      steps[$0].module == s.module && steps[$0].section == s.section && steps[$0].kind == .question(q)
    }
  }

  /// The step indices of the statements of the creed that `step` belongs to.
  public func statementSteps(near step: Int) -> [Int] {
    let s = steps[step]
    return steps.indices.filter {
      guard steps[$0].module == s.module && steps[$0].section == s.section else { return false }
      if case .statement = steps[$0].kind { return true }
      return false
    }
  }

  /// The index of the drill result step of the drill that `step` belongs to.
  public func resultIndex(near step: Int) -> Int? {
    let s = steps[step]
    return steps.indices.first {
      steps[$0].module == s.module && steps[$0].section == s.section && steps[$0].kind == .drillResult
    }
  }
}
