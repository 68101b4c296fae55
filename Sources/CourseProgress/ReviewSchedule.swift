import CourseModel
import Foundation
import LearnerModel
import Review

/// What FSRS estimates of a learner's memory of one drill question, worked out afresh
/// from the question's answers.
///
/// Every answer that counts against the question as it is now (see ``AnswerVersion``)
/// feeds the scheduler in time order, drill answers (first answers and retries) and review
/// answers alike: a right answer is FSRS's Good, a wrong or partly right one is Again.
/// Answers to an earlier answer key stay in ``entries`` but feed nothing, so a question
/// whose answer key changed starts afresh with its first answer to the new key.
public struct QuestionMemory: Sendable, Hashable {
  /// One answer to the question and what it did to the schedule.
  public struct Entry: Sendable, Hashable {
    public var attempt: DrillAttempt
    /// How the answer compares with the question as it is now.
    public var version: AnswerVersion
    /// Right is Good; wrong or partly right is Again.
    public var rating: Rating
    /// The estimated chance of recall at the time of the answer, from the state before it;
    /// `nil` for the answer that started the schedule and for answers that feed nothing.
    public var recallBefore: Double?
    /// The memory state after the answer; `nil` for an answer to an earlier version of the
    /// question, which feeds nothing.
    public var state: MemoryState?

    /// Whether the answer fed the schedule.
    public var counts: Bool { state != nil }
  }

  public var courseID: String
  /// The module's index in the course.
  public var module: Int
  public var moduleID: String
  public var sectionID: String
  /// The question's index in its drill.
  public var index: Int
  public var question: Question
  /// Every answer to the question, oldest first (in time order).
  public var entries: [Entry]
  /// Whether the question is on the learner's review list: its module is finished.
  public var isListed: Bool

  /// The memory state after the latest answer that counts; `nil` before the first one.
  public var state: MemoryState? { entries.last { $0.state != nil }?.state }

  /// Whether the question is on the review list and due at `date`.
  public func isDue(at date: Date) -> Bool { isListed && state?.isDue(at: date) == true }
}

/// A learner's review schedule for one course: every drill question's memory, which of
/// them are due and when the next falls due. Pure, and never stored: it is derived from
/// the history each time, so it always agrees with the attempts recorded.
///
/// A question joins the review list when its module is finished (passed); questions of
/// modules still in progress, or not for the learner's role, have a memory (their answers
/// feed it) but are not asked in a review. Belief items have no right answer and are never
/// reviewed or scored.
public struct ReviewSchedule: Sendable {
  public let scheduler: FSRS
  /// Every drill question of the course, in course order.
  public let questions: [QuestionMemory]

  /// Works out the schedule of `standing`'s history against its course as it is now.
  public init(_ standing: Standing, scheduler: FSRS) {
    self.scheduler = scheduler
    let plan = standing.plan
    let ledger = standing.ledger
    var questions: [QuestionMemory] = []
    for (m, module) in plan.course.modules.enumerated() {
      let drills = module.sections.compactMap { section -> (Section, [Question])? in
        if case .drill(_, let items) = section.content { return (section, items) }
        return nil
      }
      guard !drills.isEmpty else { continue }
      let listed = standing.module(m).status == .passed
      for (section, items) in drills {
        for (index, question) in items.enumerated() {
          let answers = ledger.attempts[question.id] ?? []
          questions.append(
            QuestionMemory(
              courseID: plan.course.id, module: m, moduleID: module.id, sectionID: section.id, index: index,
              question: question, entries: Self.entries(answers, ledger: ledger, scheduler: scheduler),
              isListed: listed))
        }
      }
    }
    self.questions = questions
  }

  /// Replays a question's answers in time order (answers at the same moment in the order
  /// stored), feeding the scheduler those that count.
  static func entries(_ attempts: [DrillAttempt], ledger: Ledger, scheduler: FSRS) -> [QuestionMemory.Entry] {
    let ordered = attempts.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
    var state: MemoryState?
    return ordered.map { _, attempt in
      let version = ledger.version(of: attempt)
      let rating = Rating(correct: attempt.correct)
      guard version.counts else {
        return QuestionMemory.Entry(
          attempt: attempt, version: version, rating: rating, recallBefore: nil, state: nil)
      }
      let before = state.map { scheduler.retrievability($0, at: attempt.at) }
      state = scheduler.review(state, rating: rating, at: attempt.at)
      return QuestionMemory.Entry(
        attempt: attempt, version: version, rating: rating, recallBefore: before, state: state)
    }
  }

  /// The questions on the review list, each with a memory state.
  public var listed: [QuestionMemory] { questions.filter { $0.isListed && $0.state != nil } }

  /// The questions due at `date`, most overdue first (the earliest due date first; equal
  /// dates in course order).
  public func due(at date: Date) -> [QuestionMemory] {
    Self.mostOverdueFirst(questions.filter { $0.isDue(at: date) })
  }

  /// `questions` ordered most overdue first: the earliest due date first, equal dates in
  /// the order given.
  public static func mostOverdueFirst(_ questions: [QuestionMemory]) -> [QuestionMemory] {
    questions.enumerated().sorted {
      ($0.element.state?.due ?? .distantFuture, $0.offset) < (
        $1.element.state?.due ?? .distantFuture, $1.offset
      )
    }.map(\.element)
  }

  /// When the next question on the review list falls due after `date`; `nil` when none
  /// is listed, or every listed question is due already.
  public func nextDue(after date: Date) -> Date? {
    listed.compactMap { $0.state?.due }.filter { $0 > date }.min()
  }

  /// The estimated recall of module `m` at `date`: FSRS's retrievability, from 0 to 1,
  /// averaged over the module's questions that have a memory state; `nil` when none has.
  public func recall(module m: Int, at date: Date) -> Double? {
    let states = questions.filter { $0.module == m }.compactMap(\.state)
    guard !states.isEmpty else { return nil }
    return states.map { scheduler.retrievability($0, at: date) }.reduce(0, +) / Double(states.count)
  }

  /// The memory of the question with this id, if the course has it.
  public func memory(of itemID: String) -> QuestionMemory? {
    questions.first { $0.question.id == itemID }
  }
}
