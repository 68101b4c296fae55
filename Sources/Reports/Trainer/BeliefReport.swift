import CourseModel
import Foundation
import LearnerModel
import Printing

/// `coach report beliefs`: how a course's belief items were answered, never scored.
///
/// Anonymity: a group of fewer than ``minimumGroup`` respondents (5 unless the trainer
/// says otherwise, never fewer than 3) shows "too few answers to show" instead of its
/// figures. With a cohort filter, a cohort's figures are shown only when every cohort
/// (and the employees with none) has at least that many respondents to the item:
/// otherwise the course's figures minus the other cohorts' would give away the small
/// one's.
public struct BeliefReport: Sendable {
  public static let defaultMinimumGroup = 5
  public static let lowestMinimumGroup = 3

  public struct Item: Sendable, Hashable, Encodable {
    public var id: String
    public var kind: String
    public var prompt: String
    /// The scale's labels (agree, rate) or the options (rank).
    public var labels: [String]
    /// Whether the item is asked before and after (in two places).
    public var beforeAndAfter: Bool
    /// Respondents in the group (for a before-and-after item: those who answered both).
    public var respondents: Int
    /// Whether the figures are shown; when not, `hidden` says why.
    public var shown: Bool
    public var hidden: String?
    /// Before and after: counts per point (index 0 is point 1).
    public var before: [Int]?
    public var after: [Int]?
    public var meanShift: Double?
    public var movedUp: Int?
    public var movedDown: Int?
    public var unchanged: Int?
    /// Asked once (agree, rate): counts per point of each respondent's latest answer.
    public var distribution: [Int]?
    /// Rank: per option, how many put it at each position (index 0 is first).
    public var positions: [Position]?
    /// Reflect: how many wrote one, and the ones their writers shared.
    public var written: Int?
    public var shared: [String]?
  }

  public struct Position: Sendable, Hashable, Encodable {
    public var option: String
    public var counts: [Int]
    public var meanPosition: Double?
  }

  public static let hiddenText = "too few answers to show"

  public let course: Course
  public let cohort: String?
  public let minimumGroup: Int
  public let items: [Item]

  /// The report from the store's figures (one entry per item and cohort).
  public init(course: Course, statistics: [BeliefStatistics], cohort: String? = nil, minimumGroup: Int = 5) {
    self.course = course
    self.cohort = cohort
    self.minimumGroup = max(minimumGroup, Self.lowestMinimumGroup)
    let scope = ReportScope(course: course)
    var firstItems: [String: BeliefItem] = [:]
    for section in course.modules.flatMap(\.sections) {
      if case .beliefs(_, let items) = section.content {
        for item in items where firstItems[item.id] == nil { firstItems[item.id] = item }
      }
    }
    items = scope.beliefs.compactMap { belief in
      guard let item = firstItems[belief.itemID] else { return nil }
      let groups = statistics.filter { $0.itemID == belief.itemID }
      return Self.item(item, belief: belief, groups: groups, cohort: cohort, minimum: max(minimumGroup, 3))
    }
  }

  static func item(
    _ item: BeliefItem, belief: ScopeBelief, groups: [BeliefStatistics], cohort: String?, minimum: Int
  ) -> Item {
    let labels: [String] =
      switch item.body {
      case .rank(let options): options
      default: item.scale
      }
    func size(_ group: BeliefStatistics) -> Int {
      belief.repeated && item.kind != .reflect ? group.changes.map(\.count).reduce(0, +) : group.respondents
    }
    let chosen = cohort.map { c in groups.filter { $0.cohort == c } } ?? groups
    var result = Item(
      id: item.id, kind: item.kind.rawValue, prompt: item.prompt, labels: labels,
      beforeAndAfter: belief.repeated, respondents: chosen.map(size).reduce(0, +), shown: true)
    if item.kind == .reflect {
      result.respondents = chosen.map(\.respondents).reduce(0, +)
      result.written = chosen.map(\.written).reduce(0, +)
      result.shared = chosen.flatMap(\.shared).sorted()
      return result
    }
    if result.respondents < minimum {
      result.shown = false
      result.hidden = hiddenText
      return result
    }
    if cohort != nil, groups.contains(where: { size($0) < minimum && size($0) > 0 }) {
      result.shown = false
      result.hidden =
        hiddenText + " by cohort (another cohort has fewer than \(minimum) answers, so one cohort's figures "
        + "would give that one's away); the whole course's figures can be shown"
      return result
    }
    let points = labels.count
    func counts(_ pairs: [(Int, Int)]) -> [Int] {
      var out = Array(repeating: 0, count: points)
      for (point, n) in pairs where (1...points).contains(point) { out[point - 1] += n }
      return out
    }
    switch item.body {
    case .agree, .rate:
      if belief.repeated {
        let changes = chosen.flatMap(\.changes)
        result.before = counts(changes.map { ($0.before, $0.count) })
        result.after = counts(changes.map { ($0.after, $0.count) })
        let total = changes.map(\.count).reduce(0, +)
        let shift = changes.map { Double(($0.after - $0.before) * $0.count) }.reduce(0, +)
        result.meanShift = total > 0 ? shift / Double(total) : nil
        result.movedUp = changes.filter { $0.after > $0.before }.map(\.count).reduce(0, +)
        result.movedDown = changes.filter { $0.after < $0.before }.map(\.count).reduce(0, +)
        result.unchanged = changes.filter { $0.after == $0.before }.map(\.count).reduce(0, +)
      } else {
        result.distribution = counts(chosen.flatMap(\.points).map { ($0.point, $0.count) })
      }
    case .rank(let options):
      let all = chosen.flatMap(\.positions)
      result.positions = options.map { option in
        var counts = Array(repeating: 0, count: options.count)
        for p in all where p.option == option && (1...options.count).contains(p.position) {
          counts[p.position - 1] += p.count
        }
        let n = counts.reduce(0, +)
        let sum = counts.enumerated().map { Double(($0.offset + 1) * $0.element) }.reduce(0, +)
        return Position(option: option, counts: counts, meanPosition: n > 0 ? sum / Double(n) : nil)
      }
    case .reflect:
      break
    }
    return result
  }
}
