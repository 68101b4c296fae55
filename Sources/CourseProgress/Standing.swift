import CourseModel
import Foundation
import LearnerModel

/// How one drill stands: scores and whether it is passed.
///
/// Scores count only the answers to each question as it is now (see ``AnswerVersion``);
/// a pass recorded earlier stands whatever changed in the course since.
public struct DrillStanding: Sendable, Hashable {
  /// The mean of each question's first score, once every question has been answered.
  public var first: Double?
  /// The mean of each question's best score, once every question has been answered.
  public var best: Double?
  /// Rounds taken: the most answers given to any one question.
  public var rounds: Int
  /// Whether every question has been answered at least once.
  public var firstPassDone: Bool
  /// Whether the drill counts as passed: against its questions and pass mark as they are
  /// now, or by a pass recorded earlier (of an earlier version, or at another pass mark).
  public var passed: Bool
  /// Whether the drill is passed against its questions and pass mark as they are now.
  public var passedNow: Bool
  /// Indices of questions whose best score is below full marks (unanswered ones too).
  public var missed: [Int]
  public var questionCount: Int
  /// Indices of questions with no answer that counts: new ones, and ones asked again
  /// because their answer key changed.
  public var pending: [Int]
  /// The pass mark now, in percent.
  public var passMark: Int
  /// The pass as recorded: the latest pass of the drill as it is now, else the latest of
  /// an earlier version; `nil` when none was recorded.
  public var recordedPass: RecordedPass?
}

/// A drill pass as it was recorded.
public struct RecordedPass: Sendable, Hashable {
  /// The pass mark then; `nil` when it is not known (see ``isRecorded``).
  public var passMark: Int?
  /// The drill's score then; `nil` when it is not known.
  public var score: Double?
  /// When the drill was passed.
  public var at: Date?
  /// Whether it passed the drill as it is now (the same questions and answer keys);
  /// `nil` when it is not known.
  public var isCurrentVersion: Bool?
  /// `false` for a pass worked out from an enrolment completed as passed by a coach that
  /// did not yet record passes: the date is the enrolment's, mark and score are unknown.
  public var isRecorded: Bool

  public init(passMark: Int?, score: Double?, at: Date?, isCurrentVersion: Bool?, isRecorded: Bool) {
    self.passMark = passMark
    self.score = score
    self.at = at
    self.isCurrentVersion = isCurrentVersion
    self.isRecorded = isRecorded
  }
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
    self.init(plan: plan, ledger: Ledger(history, course: plan.course), bookmarkIndex: bookmark)
  }

  // MARK: - Steps

  /// Whether the step is finished: a page read, an item answered (a question in its
  /// current version), a drill passed (now, or as recorded). A creed's signature is an
  /// invitation, never a condition: it is finished once signed (in any version), and also
  /// once every statement has its note (the employee may sign later, or not).
  public func isDone(_ index: Int) -> Bool {
    let step = plan.steps[index]
    switch step.kind {
    case .introduction, .overview, .lesson: return isPageDone(index)
    case .drillResult: return drill(near: index).passed
    case .signature:
      return !signatures(index).isEmpty || plan.statementSteps(near: index).allSatisfy(hasRecord)
    default: return hasRecord(index)
    }
  }

  /// Whether nothing at the step keeps its module from being passed or completed: it is
  /// done, or it is a question of a drill that counts as passed (a new question, or one
  /// whose answer key changed, is asked, but the pass as recorded stands).
  public func isSettled(_ index: Int) -> Bool {
    if isDone(index) { return true }
    guard case .question = plan.steps[index].kind else { return false }
    return drill(near: index).passed
  }

  /// Whether a finished step asks to be visited again: a creed signed only in an earlier
  /// version, whose new version the employee is invited (not required) to sign.
  public func invitesAgain(_ index: Int) -> Bool {
    guard plan.steps[index].kind == .signature else { return false }
    return !signatures(index).isEmpty && !hasRecord(index)
  }

  /// The signatures of the creed at a signature step, oldest first, of any version.
  public func signatures(_ index: Int) -> [CreedSignature] {
    let step = plan.steps[index]
    return ledger.signatures(module: plan.module(step).id, section: plan.section(step)?.id ?? "")
  }

  /// Whether an item step has a record in the item's current version: a drill question
  /// answered in its current version (see ``AnswerVersion/counts``), a belief item or
  /// statement answered, the creed as it is now signed.
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

  /// Whether an item step has any record, of this version of the item or an earlier one.
  public func hasAnyRecord(_ index: Int) -> Bool {
    let step = plan.steps[index]
    switch step.kind {
    case .question: return !(ledger.attempts[plan.question(step)?.id ?? ""]?.isEmpty ?? true)
    case .signature: return !signatures(index).isEmpty
    default: return hasRecord(index)
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
    let module = plan.module(step)
    return Self.standing(
      of: plan.drillQuestions(step), pass: module.pass, ledger: ledger,
      drill: (module.id, plan.section(step)?.id ?? ""))
  }

  /// How a drill's questions stand; `drill` names the drill section whose recorded passes
  /// count (none for the questions of several drills together).
  static func standing(
    of questions: [Question], pass: Int, ledger: Ledger, drill: (module: String, section: String)?
  ) -> DrillStanding {
    let scores = questions.map { ledger.scores[$0.id] ?? [] }
    let answered = scores.filter { !$0.isEmpty }.count
    let firstPassDone = !questions.isEmpty && answered == questions.count
    let count = Double(max(questions.count, 1))
    let best = scores.map { $0.max() ?? 0 }
    let bestMean = best.reduce(0, +) / count
    let passedNow = firstPassDone && bestMean * 100 >= Double(pass) - 1e-9
    let recorded = drill.flatMap { drill in recordedPass(of: questions, drill: drill, ledger: ledger) }
    return DrillStanding(
      first: firstPassDone ? scores.map { $0[0] }.reduce(0, +) / count : nil,
      best: firstPassDone ? bestMean : nil,
      rounds: scores.map(\.count).max() ?? 0,
      firstPassDone: firstPassDone, passed: passedNow || recorded != nil, passedNow: passedNow,
      missed: best.indices.filter { best[$0] < 1 - 1e-9 },
      questionCount: questions.count,
      pending: scores.indices.filter { scores[$0].isEmpty }, passMark: pass, recordedPass: recorded)
  }

  /// The latest pass recorded of this version of the drill, else of an earlier one; for
  /// a store from before passes were recorded, a pass worked out from the enrolment.
  static func recordedPass(
    of questions: [Question], drill: (module: String, section: String), ledger: Ledger
  ) -> RecordedPass? {
    let passes = ledger.passes(module: drill.module, section: drill.section)
    if !passes.isEmpty {
      let version = ContentHash.drill(
        ids: questions.map(\.id), keys: questions.map { ledger.questions[$0.id]?.keyHash ?? $0.answerKeyHash }
      )
      let pass = passes.last { $0.drillHash == version } ?? passes[passes.count - 1]
      return RecordedPass(
        passMark: pass.passMark, score: pass.score, at: pass.at, isCurrentVersion: pass.drillHash == version,
        isRecorded: true)
    }
    // Before passes were recorded, only a completed enrolment says a drill was passed:
    // every drill the employee answered before completing it.
    guard let enrolment = ledger.enrolment, enrolment.passed, let completed = enrolment.completed
    else { return nil }
    let answeredThen = ledger.attempts.values.contains { attempts in
      attempts.contains {
        $0.item.moduleID == drill.module && $0.item.sectionID == drill.section && $0.at <= completed
      }
    }
    guard answeredThen else { return nil }
    return RecordedPass(passMark: nil, score: nil, at: completed, isCurrentVersion: nil, isRecorded: false)
  }

  // MARK: - Finding the way

  /// The first unfinished step of the course for which `include` holds, if any.
  /// (A creed signed only in an earlier version counts as unfinished here: see
  /// ``invitesAgain(_:)``.)
  public func firstUnfinished(in range: Range<Int>? = nil, where include: (Int) -> Bool = { _ in true })
    -> Int?
  {
    (range ?? plan.steps.indices).first { (!isDone($0) || invitesAgain($0)) && include($0) }
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
