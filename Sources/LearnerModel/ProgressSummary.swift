import Foundation

/// One employee's standing in one course: the row of a trainer's "who has done what".
public struct ProgressSummary: Sendable, Hashable {
  public var employee: EmployeeID
  public var name: String
  public var role: String?
  public var cohort: String?
  /// The enrolment in the course, if the employee enrolled.
  public var enrolment: Enrolment?
  /// Drill answers that count toward the course's questions as they are now, retries
  /// included (answers to an earlier version of a question, to a question no longer in
  /// the course, and spaced-review answers are left out).
  public var attempts: Int
  /// Questions of the course with an answer that counts.
  public var itemsAnswered: Int
  /// Questions of the course with an answer that counts and was right.
  public var itemsCorrect: Int
  /// The mean over answered questions of the best score that counts (0...1); 0 with none.
  public var meanBestScore: Double
  /// When the last drill answer in the course was given (any question, version or context).
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
  /// Every employee enrolled in, or with drill answers in, the scope's course, ordered by
  /// id; only answers that count toward its questions as they are now are counted.
  ///
  /// This default reads each employee's ``History``; stores that can, such as
  /// the SQLite store, answer with one query instead.
  public func summary(of scope: ReportScope) async throws(ProgressStoreError) -> [ProgressSummary] {
    let questions = Dictionary(
      scope.questions.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
    var rows: [ProgressSummary] = []
    for employee in try await allEmployees() {
      let history = try await history(of: employee.id, in: scope.courseID)
      if history.enrolment == nil && history.attempts.isEmpty { continue }
      var best: [String: (score: Double, correct: Bool)] = [:]
      var counted = 0
      for attempt in history.attempts where questions[attempt.item.itemID]?.counts(attempt) ?? false {
        counted += 1
        let previous = best[attempt.item.itemID] ?? (0, false)
        best[attempt.item.itemID] = (max(previous.score, attempt.score), previous.correct || attempt.correct)
      }
      rows.append(
        ProgressSummary(
          employee: employee.id, name: employee.name, role: employee.role, cohort: employee.cohort,
          enrolment: history.enrolment, attempts: counted, itemsAnswered: best.count,
          itemsCorrect: best.values.filter(\.correct).count,
          meanBestScore: best.isEmpty ? 0 : best.values.map(\.score).reduce(0, +) / Double(best.count),
          lastAnswer: history.attempts.map(\.at).max()))
    }
    return rows
  }
}
