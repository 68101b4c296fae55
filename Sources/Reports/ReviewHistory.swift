import CourseProgress
import Foundation
import LearnerModel
import Review

/// One drill question's review history (`coach review --history ITEM`): every answer with
/// its time and rating and the memory state after it (what Anki's card info shows), and
/// the state now.
public struct ReviewHistory: Sendable, Encodable {
  /// One answer and the state after it.
  public struct Entry: Sendable, Encodable {
    /// When (ISO 8601, UTC, to the millisecond).
    public var at: String
    /// `drill` (a first answer or a retry) or `review`.
    public var context: DrillAttempt.Context
    /// How the answer compares with the question as it is now (`current`, `reworded`,
    /// `answer-key-changed`, `changed`).
    public var version: AnswerVersion
    public var score: Double
    /// `good` (right) or `again` (wrong or partly right).
    public var rating: String
    /// Whether the answer fed the schedule: answers to an earlier answer key do not.
    public var counts: Bool
    /// The estimated chance of recall just before the answer; `nil` for the first answer
    /// that counts and for answers that do not.
    public var recallBefore: Double?
    /// The state after the answer; `nil` for answers that do not count.
    public var stability: Double?
    public var difficulty: Double?
    /// When the question was next due after this answer (ISO 8601, UTC).
    public var due: String?
    /// Whole days from the answer to `due`.
    public var intervalDays: Int?

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(at, forKey: .at)
      try container.encode(context, forKey: .context)
      try container.encode(version, forKey: .version)
      try container.encode(score, forKey: .score)
      try container.encode(rating, forKey: .rating)
      try container.encode(counts, forKey: .counts)
      try container.encode(recallBefore, forKey: .recallBefore)
      try container.encode(stability, forKey: .stability)
      try container.encode(difficulty, forKey: .difficulty)
      try container.encode(due, forKey: .due)
      try container.encode(intervalDays, forKey: .intervalDays)
    }

    enum CodingKeys: String, CodingKey {
      case at, context, version, score, rating, counts, recallBefore, stability, difficulty, due, intervalDays
    }
  }

  /// The question's state at the time of the report.
  public struct Now: Sendable, Encodable {
    public var at: String
    public var stability: Double
    public var difficulty: Double
    public var due: String
    /// Whether a review would ask it now (it is on the review list and due).
    public var isDue: Bool
    /// The estimated chance of answering it right now.
    public var recall: Double
    /// Answers that fed the schedule, and how many of those after the first were wrong.
    public var reps: Int
    public var lapses: Int
  }

  public var employee: String
  public var course: String
  public var module: String
  public var section: String
  public var item: String
  public var prompt: String
  /// Whether the question is on the review list (its module is finished).
  public var onReviewList: Bool
  /// The chance of recall at which a question falls due.
  public var retention: Double
  public var attempts: [Entry]
  /// `nil` before the first answer that counts.
  public var state: Now?

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(employee, forKey: .employee)
    try container.encode(course, forKey: .course)
    try container.encode(module, forKey: .module)
    try container.encode(section, forKey: .section)
    try container.encode(item, forKey: .item)
    try container.encode(prompt, forKey: .prompt)
    try container.encode(onReviewList, forKey: .onReviewList)
    try container.encode(retention, forKey: .retention)
    try container.encode(attempts, forKey: .attempts)
    try container.encode(state, forKey: .state)
  }

  enum CodingKeys: String, CodingKey {
    case employee, course, module, section, item, prompt, onReviewList, retention, attempts, state
  }

  /// The history of one question's memory, at `date`.
  public init(employee: EmployeeID, memory: QuestionMemory, scheduler: FSRS, at date: Date) {
    self.employee = employee.rawValue
    course = memory.courseID
    module = memory.moduleID
    section = memory.sectionID
    item = memory.question.id
    prompt = memory.question.prompt
    onReviewList = memory.isListed
    retention = scheduler.parameters.desiredRetention
    attempts = memory.entries.map { entry in
      Entry(
        at: ProgressReport.time(entry.attempt.at), context: entry.attempt.context, version: entry.version,
        score: entry.attempt.score, rating: entry.rating == .good ? "good" : "again", counts: entry.counts,
        recallBefore: entry.recallBefore, stability: entry.state?.stability,
        difficulty: entry.state?.difficulty, due: entry.state.map { ProgressReport.time($0.due) },
        intervalDays: entry.state?.intervalDays)
    }
    state = memory.state.map { state in
      Now(
        at: ProgressReport.time(date), stability: state.stability, difficulty: state.difficulty,
        due: ProgressReport.time(state.due), isDue: memory.isDue(at: date),
        recall: scheduler.retrievability(state, at: date), reps: state.reps, lapses: state.lapses)
    }
  }

  /// The history as JSON, keys sorted, pretty-printed.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The history as a table: one line per answer.
  public func table() -> String {
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(1, width - text.count))
    }
    func fixed(_ value: Double?, _ digits: Int) -> String {
      value.map { String(format: "%.\(digits)f", $0) } ?? "-"
    }
    var lines = [
      "\(item) (\(course), module \(module)): \(prompt)",
      onReviewList
        ? "On your review list. Due when the estimated recall falls to \(Int((retention * 100).rounded()))%."
        : "Not on your review list yet: it joins when you finish its module.",
      "",
      "  " + pad("When (UTC)", 18) + pad("Answer", 8) + pad("Rating", 8) + pad("Recall", 8)
        + pad("Stability", 11)
        + pad("Difficulty", 12) + "Due",
    ]
    for entry in attempts {
      let when = String(entry.at.prefix(16)).replacingOccurrences(of: "T", with: " ")
      let recall = entry.recallBefore.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
      let due = entry.due.map { String($0.prefix(10)) } ?? "(an earlier version: starts afresh)"
      lines.append(
        "  " + pad(when, 18) + pad(entry.context.rawValue, 8) + pad(entry.rating, 8) + pad(recall, 8)
          + pad(fixed(entry.stability, 2), 11) + pad(fixed(entry.difficulty, 2), 12) + due)
    }
    if attempts.isEmpty { lines.append("  (not answered yet)") }
    if let state {
      lines += [
        "",
        "Now: estimated recall \(Int((state.recall * 100).rounded()))%"
          + (state.isDue
            ? "; due for review (coach review asks it)."
            : onReviewList ? "; next due \(state.due.prefix(10))." : "."),
      ]
    }
    return lines.joined(separator: "\n")
  }
}
