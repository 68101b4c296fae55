import CourseModel
import LearnerModel

/// How one drill stands: scores and whether it is passed.
public struct DrillStanding: Sendable, Hashable {
  /// The mean of each question's first score, once every question has been answered.
  public var first: Double?
  /// The mean of each question's best score, once every question has been answered.
  public var best: Double?
  /// Rounds taken: the most answers given to any one question.
  public var rounds: Int
  /// Whether every question has been answered at least once.
  public var firstPassDone: Bool
  public var passed: Bool
  /// Indices of questions whose best score is below full marks.
  public var missed: [Int]
  public var questionCount: Int
}

/// Where an employee stands in a course: what is done, what is left. Pure: computed from
/// the plan, the ledger of records and the bookmark.
public struct Standing: Sendable {
  public let plan: CoursePlan
  public var ledger: Ledger
  /// The step the stored bookmark points at.
  public var bookmarkIndex: Int?

  public init(plan: CoursePlan, ledger: Ledger, bookmarkIndex: Int? = nil) {
    self.plan = plan
    self.ledger = ledger
    self.bookmarkIndex = bookmarkIndex
  }

  public init(plan: CoursePlan, history: History) {
    let bookmark = history.bookmark.flatMap { plan.locate($0)?.index }
    self.init(plan: plan, ledger: Ledger(history), bookmarkIndex: bookmark)
  }

  // MARK: - Steps

  /// Whether the step is finished: a page read, an item answered, a drill passed. A
  /// creed's signature is an invitation, never a condition: it is finished once signed,
  /// and also once every statement has its note (the employee may sign later, or not).
  public func isDone(_ index: Int) -> Bool {
    let step = plan.steps[index]
    switch step.kind {
    case .introduction, .overview, .lesson: return isPageDone(index)
    case .drillResult: return drill(near: index).passed
    case .signature:
      return hasRecord(index) || plan.statementSteps(near: index).allSatisfy(hasRecord)
    default: return hasRecord(index)
    }
  }

  /// Whether an item step has a record (a drill question answered at least once).
  public func hasRecord(_ index: Int) -> Bool {
    let step = plan.steps[index]
    let module = plan.module(step).id
    let section = plan.section(step)?.id ?? ""
    switch step.kind {
    case .question: return !(ledger.scores[plan.question(step)?.id ?? ""]?.isEmpty ?? true)
    case .belief:
      return ledger.response(module: module, section: section, item: plan.belief(step)?.id ?? "") != nil
    case .statement(let i):
      let id = plan.creed(step)?.statements[i].id ?? ""
      return ledger.response(module: module, section: section, item: id) != nil
    case .signature:
      guard let creed = plan.creed(step) else { return false }
      return ledger.hasSigned(module: module, section: section, hash: creed.contentHash)
    case .introduction, .overview, .lesson, .drillResult: return false
    }
  }

  /// A page counts as read when it was read to its end, in this session or an earlier
  /// one, and only then: opening a later module, moving the bookmark past a page or
  /// answering what follows it marks nothing as read.
  public func isPageDone(_ index: Int) -> Bool {
    guard let (module, section, page) = plan.pageKey(index) else { return false }
    return ledger.hasRead(module: module, section: section, page: page)
  }

  /// How the drill that step `index` belongs to stands.
  public func drill(near index: Int) -> DrillStanding {
    let step = plan.steps[index]
    let questions = plan.drillQuestions(step)
    let pass = plan.module(step).pass
    return Self.standing(of: questions, pass: pass, ledger: ledger)
  }

  static func standing(of questions: [Question], pass: Int, ledger: Ledger) -> DrillStanding {
    let scores = questions.map { ledger.scores[$0.id] ?? [] }
    let answered = scores.filter { !$0.isEmpty }.count
    let firstPassDone = !questions.isEmpty && answered == questions.count
    let count = Double(max(questions.count, 1))
    let best = scores.map { $0.max() ?? 0 }
    let bestMean = best.reduce(0, +) / count
    let passed = firstPassDone && bestMean * 100 >= Double(pass) - 1e-9
    return DrillStanding(
      first: firstPassDone ? scores.map { $0[0] }.reduce(0, +) / count : nil,
      best: firstPassDone ? bestMean : nil,
      rounds: scores.map(\.count).max() ?? 0,
      firstPassDone: firstPassDone, passed: passed,
      missed: best.indices.filter { best[$0] < 1 - 1e-9 },
      questionCount: questions.count)
  }

  // MARK: - Finding the way

  /// The first unfinished step of the course for which `include` holds, if any.
  public func firstUnfinished(in range: Range<Int>? = nil, where include: (Int) -> Bool = { _ in true })
    -> Int?
  {
    (range ?? plan.steps.indices).first { !isDone($0) && include($0) }
  }

  /// Estimated minutes to finish the step: reading at 200 words a minute, plus time to
  /// answer.
  public func minutes(_ index: Int) -> Double {
    let step = plan.steps[index]
    let reading = 200.0
    switch step.kind {
    case .introduction, .overview, .lesson: return Double(plan.words[index]) / reading
    case .question: return 0.5 + Double(plan.words[index]) / reading
    case .drillResult: return 0
    case .belief: return plan.belief(step)?.kind == .reflect ? 2 : 0.5
    case .statement: return 0.5
    case .signature: return 0.25
    }
  }
}
