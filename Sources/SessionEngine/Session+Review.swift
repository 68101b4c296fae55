import CourseProgress
import Foundation
import LearnerModel

/// What is due for review in a course: the line of the course home.
public struct ReviewDue: Sendable, Hashable {
  /// Questions due now.
  public var count: Int
  /// When the next question that is not due yet falls due; `nil` when none is waiting.
  public var next: Date?

  public init(count: Int, next: Date?) {
    self.count = count
    self.next = next
  }

  /// "3 questions due for review (coach review); next due 2026-03-09.", or for none due,
  /// "No questions due for review; the next on 2026-03-09."
  public var line: String {
    let next = self.next.map(StoredTime.day)
    guard count > 0 else {
      return "No questions due for review" + (next.map { "; the next on \($0)." } ?? ".")
    }
    let questions = count == 1 ? "1 question" : "\(count) questions"
    return "\(questions) due for review (coach review)" + (next.map { "; next due \($0)." } ?? ".")
  }
}

extension Session {
  /// The course's review schedule as the records stand now.
  public var reviewSchedule: ReviewSchedule { ReviewSchedule(standing, scheduler: options.scheduler) }

  /// What is due for review at ``clock``; `nil` when the session was not told the time,
  /// or no question is on the review list yet (no module with a drill is finished).
  public var reviewDue: ReviewDue? {
    guard let clock else { return nil }
    let schedule = reviewSchedule
    guard !schedule.listed.isEmpty else { return nil }
    return ReviewDue(count: schedule.due(at: clock).count, next: schedule.nextDue(after: clock))
  }

  /// The course home's review line, if there is one.
  func reviewParts() -> [Screen.Part] {
    guard let due = reviewDue else { return [] }
    return [.text(due.line, due.count > 0 ? .accent : .dim)]
  }
}
