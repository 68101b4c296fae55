import Foundation

/// One drill question's answers across everyone, for item analysis: only answers that
/// count toward the question as it is now (``ScopeQuestion/counts(_:)``).
public struct QuestionStatistics: Sendable, Hashable, Codable {
  public var itemID: String
  /// Employees with at least one answer that counts.
  public var learners: Int
  /// Of those, how many had their first such answer fully right (a score of 100%).
  public var firstRight: Int
  /// Answers that count, retries included.
  public var answers: Int
  /// The answers that were not fully right, grouped by their text (ignoring case and
  /// surrounding spaces), most frequent first; at most ``wrongAnswerLimit``.
  public var wrongAnswers: [AnswerCount]
  /// Sums for the item-rest correlation, over employees who answered every question of
  /// the drill: x is the first score on this question, y the sum of the first scores on
  /// the drill's other questions.
  public var rest: RestSums

  public static let wrongAnswerLimit = 64

  public init(
    itemID: String, learners: Int = 0, firstRight: Int = 0, answers: Int = 0,
    wrongAnswers: [AnswerCount] = [],
    rest: RestSums = RestSums()
  ) {
    self.itemID = itemID
    self.learners = learners
    self.firstRight = firstRight
    self.answers = answers
    self.wrongAnswers = wrongAnswers
    self.rest = rest
  }
}

/// How often one answer was given.
public struct AnswerCount: Sendable, Hashable, Codable {
  public var response: String
  public var count: Int

  public init(response: String, count: Int) {
    self.response = response
    self.count = count
  }
}

/// Running sums of pairs (x, y), enough for their correlation.
public struct RestSums: Sendable, Hashable, Codable {
  public var n: Int = 0
  public var x: Double = 0
  public var y: Double = 0
  public var xx: Double = 0
  public var yy: Double = 0
  public var xy: Double = 0

  public init(n: Int = 0, x: Double = 0, y: Double = 0, xx: Double = 0, yy: Double = 0, xy: Double = 0) {
    self.n = n
    self.x = x
    self.y = y
    self.xx = xx
    self.yy = yy
    self.xy = xy
  }

  public mutating func add(x: Double, y: Double) {
    n += 1
    self.x += x
    self.y += y
    xx += x * x
    yy += y * y
    xy += x * y
  }

  /// Pearson's correlation of x and y; `nil` with fewer than two pairs or when either
  /// does not vary.
  public var correlation: Double? {
    guard n >= 2 else { return nil }
    let count = Double(n)
    let sxx = xx - x * x / count
    let syy = yy - y * y / count
    let sxy = xy - x * y / count
    guard sxx > 1e-12, syy > 1e-12 else { return nil }
    return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
  }
}

/// One belief item's answers from one cohort (or from employees with no cohort), never
/// scored: counts only, each employee counted once. Only answers on the item's scale as
/// it is now count (``ScopeBelief/counts(_:)``). Figures of several cohorts add up.
public struct BeliefStatistics: Sendable, Hashable, Codable {
  public var itemID: String
  /// `nil` for employees without a cohort.
  public var cohort: String?
  /// Employees with an answer that counts.
  public var respondents: Int
  /// Each employee's latest point (agree, rate): how many gave each point.
  public var points: [PointCount]
  /// For an item asked in two places: each employee's first point and their latest
  /// point given in another place, counted by pair. Only employees who answered both.
  public var changes: [PointChange]
  /// For a rank: each employee's latest ranking, counted by option and position (1-based).
  public var positions: [RankPosition]
  /// For a reflection: employees whose latest reflection is not empty.
  public var written: Int
  /// For a reflection: the latest reflections their writers chose to share, sorted.
  public var shared: [String]

  public init(
    itemID: String, cohort: String?, respondents: Int = 0, points: [PointCount] = [],
    changes: [PointChange] = [], positions: [RankPosition] = [], written: Int = 0, shared: [String] = []
  ) {
    self.itemID = itemID
    self.cohort = cohort
    self.respondents = respondents
    self.points = points
    self.changes = changes
    self.positions = positions
    self.written = written
    self.shared = shared
  }
}

public struct PointCount: Sendable, Hashable, Codable {
  public var point: Int
  public var count: Int

  public init(point: Int, count: Int) {
    self.point = point
    self.count = count
  }
}

public struct PointChange: Sendable, Hashable, Codable {
  public var before: Int
  public var after: Int
  public var count: Int

  public init(before: Int, after: Int, count: Int) {
    self.before = before
    self.after = after
    self.count = count
  }
}

public struct RankPosition: Sendable, Hashable, Codable {
  public var option: String
  public var position: Int
  public var count: Int

  public init(option: String, position: Int, count: Int) {
    self.option = option
    self.position = position
    self.count = count
  }
}
