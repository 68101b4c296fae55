import CourseModel

extension LoadResult {
  /// One line for a trainer: courses, modules, items by kind, errors and warnings.
  ///
  /// For example `1 course, 13 modules, 152 items (41 single, 9 multiple, ...), 0 errors, 0 warnings`.
  public var summary: String {
    var counts: [String: Int] = [:]
    var moduleCount = 0
    for module in courses.flatMap(\.modules) {
      moduleCount += 1
      for section in module.sections {
        switch section.content {
        case .lesson: break
        case .drill(_, let questions):
          for question in questions { counts[question.kind.rawValue, default: 0] += 1 }
        case .beliefs(_, let items): for item in items { counts[item.kind.rawValue, default: 0] += 1 }
        case .creed(let creed):
          if !creed.statements.isEmpty { counts["statement", default: 0] += creed.statements.count }
        }
      }
    }
    let order =
      Question.Kind.allCases.map(\.rawValue) + BeliefItem.Kind.allCases.map(\.rawValue) + ["statement"]
    let byKind = order.compactMap { kind in counts[kind].map { "\($0) \(kind)" } }
    let items = counts.values.reduce(0, +)
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    var parts = [
      Self.count(courses.count, "course"), Self.count(moduleCount, "module"),
      Self.count(items, "item") + (byKind.isEmpty ? "" : " (\(byKind.joined(separator: ", ")))"),
      Self.count(errors, "error"), Self.count(warnings, "warning"),
    ]
    if courses.isEmpty { parts.remove(at: 2) }
    return parts.joined(separator: ", ")
  }

  private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
