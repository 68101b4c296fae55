import Foundation

/// One employee's standing in one course: the row of a trainer's "who has done what".
public struct ProgressSummary: Sendable, Hashable {
  public var employee: EmployeeID
  public var name: String
  public var role: String?
  public var cohort: String?
  /// The enrolment in the course, if the employee enrolled.
  public var enrolment: Enrolment?
  /// Every drill attempt, retries and review answers included.
  public var attempts: Int
  /// Distinct drill items answered at least once.
  public var itemsAnswered: Int
  /// Distinct drill items answered correctly at least once.
  public var itemsCorrect: Int
  /// The mean over answered items of the best score reached (0...1); 0 with no answers.
  public var meanBestScore: Double
  /// When the last drill answer was given.
  public var lastAnswer: Date?

  public init(
    employee: EmployeeID, name: String, role: String? = nil, cohort: String? = nil,
    enrolment: Enrolment? = nil, attempts: Int = 0, itemsAnswered: Int = 0, itemsCorrect: Int = 0,
    meanBestScore: Double = 0, lastAnswer: Date? = nil
  ) {
    self.employee = employee
    self.name = name
    self.role = role
    self.cohort = cohort
    self.enrolment = enrolment
    self.attempts = attempts
    self.itemsAnswered = itemsAnswered
    self.itemsCorrect = itemsCorrect
    self.meanBestScore = meanBestScore
    self.lastAnswer = lastAnswer
  }
}

extension ProgressStore {
  /// Every employee enrolled in, or with answers in, a course, ordered by id.
  ///
  /// This default reads each employee's ``History``; stores that can, such as
  /// the SQLite store, answer with one query instead.
  public func summary(of courseID: String) async throws(ProgressStoreError) -> [ProgressSummary] {
    var rows: [ProgressSummary] = []
    for employee in try await allEmployees() {
      let history = try await history(of: employee.id, in: courseID)
      if history.enrolment == nil && history.attempts.isEmpty { continue }
      var best: [String: (score: Double, correct: Bool)] = [:]
      for attempt in history.attempts {
        let previous = best[attempt.item.itemID] ?? (0, false)
        best[attempt.item.itemID] = (max(previous.score, attempt.score), previous.correct || attempt.correct)
      }
      rows.append(
        ProgressSummary(
          employee: employee.id, name: employee.name, role: employee.role, cohort: employee.cohort,
          enrolment: history.enrolment, attempts: history.attempts.count, itemsAnswered: best.count,
          itemsCorrect: best.values.filter(\.correct).count,
          meanBestScore: best.isEmpty ? 0 : best.values.map(\.score).reduce(0, +) / Double(best.count),
          lastAnswer: history.attempts.map(\.at).max()))
    }
    return rows
  }
}
