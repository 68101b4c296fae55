import CourseModel
import Foundation
import LearnerModel
import SessionEngine

/// `coach review`: the questions due for review, on the same screens as the drills.
extension Runner {
  /// `coach review`: opens the employee's records as `learn` does (their passphrase first,
  /// then their session lease, released at the end), reads what to review from them, and
  /// reviews it.
  /// - Parameters:
  ///   - employee: Whose review it is (as the store knows them).
  ///   - seed: `--seed`; by default a seed derived from the employee id.
  ///   - limit: Ask at most this many questions.
  ///   - courses: Reads, from the employee's opened records, each course to review with
  ///     their history in it. An error it throws (other than the store's) is thrown on,
  ///     after the lease is released.
  public func review(
    _ employee: Employee, seed: UInt64?, limit: Int?,
    courses: (any ProgressStore) async throws -> [(course: Course, history: History)]
  ) async throws -> Outcome {
    try await withRecords(of: employee.id, given: Identity(id: employee.id)) { _ in
      let found = try await courses(self.store)
      return await self.review(courses: found, employee: employee, seed: seed, limit: limit)
    }
  }

  /// Reviews the questions due in `courses` at the runner's clock, most overdue first.
  /// - Parameters:
  ///   - courses: Each course to review with the employee's history in it.
  ///   - employee: Whose review it is.
  ///   - seed: `--seed`; by default a seed derived from the employee id.
  ///   - limit: Ask at most this many questions.
  public func review(
    courses: [(course: Course, history: History)], employee: Employee, seed: UInt64?, limit: Int?
  ) async -> Outcome {
    let options = Session.Options(
      seed: seed ?? Shuffle.seed(from: employee.id.rawValue), sessionID: UUID().uuidString,
      interactive: console.isInteractive, scheduler: scheduler)
    var session = ReviewSession(
      courses: courses, employee: employee, options: options, limit: limit, at: now())
    return await run(&session)
  }

  /// Runs a review until its end or until the employee quits. Every answer is written, in
  /// a transaction of its own, before the next screen is shown; while the store cannot be
  /// reached, the answer is kept and written when it is back, as as while learning.
  public func run(_ session: inout ReviewSession) async -> Outcome {
    while !session.isFinished {
      let screen = session.screen
      let read = console.isInteractive ? await terminalEvent(screen) : await pipeEvent(screen)
      let effects = session.handle(read ?? .quit, at: now())
      for effect in effects {
        guard case .recordReview(let attempt) = effect else { continue }
        if let failure = await apply([effect], employee: session.employee.id, courseID: attempt.item.courseID)
        {
          return .failed(failure)
        }
      }
      if read == nil { return .interrupted }
    }
    return session.endedByQuit ? .quit : .finished
  }
}
