import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// The employee's own view of their progress: what `coach progress` prints.
public struct ProgressReport: Sendable, Encodable {
  public struct Person: Sendable, Encodable {
    public var id: String
    public var name: String
    public var role: String?

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(name, forKey: .name)
      try container.encode(role, forKey: .role)
    }

    enum CodingKeys: String, CodingKey { case id, name, role }
  }

  public struct CourseEntry: Sendable, Encodable {
    public var id: String
    public var title: String
    public var modules: [ModuleEntry]
  }

  public struct ModuleEntry: Sendable, Encodable {
    public var id: String
    public var title: String
    public var status: ModuleProgress.Status
    public var drill: Drill
    public var beliefs: Beliefs
    public var creed: CreedEntry
  }

  public struct Drill: Sendable, Encodable {
    /// 0...1, or `nil` until every question was answered once.
    public var first: Double?
    /// 0...1, or `nil` before any answer.
    public var best: Double?
    /// Rounds taken.
    public var attempts: Int

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(first, forKey: .first)
      try container.encode(best, forKey: .best)
      try container.encode(attempts, forKey: .attempts)
    }

    enum CodingKeys: String, CodingKey { case first, best, attempts }
  }

  public struct Beliefs: Sendable, Encodable {
    public var answered: Int
    public var total: Int
  }

  public struct CreedEntry: Sendable, Encodable {
    public var signed: Bool
    /// Whether the module has a creed at all (the table says "not signed" only then).
    public var exists = false

    enum CodingKeys: String, CodingKey { case signed }
  }

  public var employee: Person
  public var courses: [CourseEntry]

  /// Builds the report from each course and the employee's history in it.
  /// - Parameter courses: For each enrolled course: its id, the course when it was
  ///   found, and the history.
  public init(employee: Employee, courses: [(id: String, course: Course?, history: History)]) {
    self.employee = Person(id: employee.id.rawValue, name: employee.name, role: employee.role)
    self.courses = courses.map { id, course, history in
      guard let course else { return CourseEntry(id: id, title: id, modules: []) }
      let standing = Standing(plan: CoursePlan(course: course, role: employee.role), history: history)
      return CourseEntry(id: course.id, title: course.title, modules: standing.modules().map(Self.entry))
    }
  }

  static func entry(_ module: ModuleProgress) -> ModuleEntry {
    func rounded(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }
    return ModuleEntry(
      id: module.id, title: module.title, status: module.status,
      drill: Drill(
        first: rounded(module.drill?.first), best: rounded(module.drill?.best),
        attempts: module.drill?.rounds ?? 0),
      beliefs: Beliefs(answered: module.beliefsAnswered, total: module.beliefsTotal),
      creed: CreedEntry(signed: module.creedSigned, exists: module.hasCreed))
  }

  /// The report as JSON, keys sorted, pretty-printed.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The report as a table for the terminal.
  public func table() -> String {
    var lines = ["\(employee.name) (\(employee.id)\(employee.role.map { ", \($0)" } ?? ""))"]
    if courses.isEmpty { lines += ["", "No courses started yet. Start one with: coach learn"] }
    func pad(_ text: String, _ width: Int) -> String {
      let shown = text.count > width - 1 ? String(text.prefix(width - 2)) + "~" : text
      return shown + String(repeating: " ", count: max(0, width - shown.count))
    }
    func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-" }
    for course in courses {
      lines += ["", course.title]
      if course.modules.isEmpty { lines.append("  (this course was not found in the courses folder)") }
      lines.append(
        "  " + pad("#", 4) + pad("Module", 36) + pad("Status", 19) + pad("Drill first/best", 20)
          + pad("Beliefs", 9) + "Creed")
      for (n, module) in course.modules.enumerated() {
        let drill =
          module.drill.attempts == 0 && module.drill.best == nil
          ? "-" : "\(percent(module.drill.first)) / \(percent(module.drill.best))"
        let beliefs =
          module.beliefs.total == 0 || module.status == .notForRole
          ? "-" : "\(module.beliefs.answered)/\(module.beliefs.total)"
        lines.append(
          "  " + pad("\(n + 1)", 4) + pad(module.title, 36) + pad(module.status.label, 19) + pad(drill, 20)
            + pad(beliefs, 9)
            + (module.creed.signed
              ? "signed"
              : module.creed.exists && ![.notForRole, .notStarted].contains(module.status)
                ? "not signed" : "-"))
      }
    }
    return lines.joined(separator: "\n")
  }
}
