import CourseModel

extension LoadResult {
  /// One line for a trainer: courses, modules, items by kind, errors and warnings.
  ///
  /// For example `1 course, 13 modules, 152 items (41 single, 9 multiple, ...), 0 errors, 0 warnings`.
  public var summary: String {
    // Counted by kind in fixed arrays: hashing each item's kind name cost more than the rest.
    let questionKinds = Array(Question.Kind.allCases)
    let beliefKinds = Array(BeliefItem.Kind.allCases)
    var questionCounts = [Int](repeating: 0, count: questionKinds.count)
    var beliefCounts = [Int](repeating: 0, count: beliefKinds.count)
    var statements = 0
    var moduleCount = 0
    for course in courses {
      for module in course.modules {
        moduleCount += 1
        for section in module.sections {
          switch section.content {
          case .lesson: break
          case .drill(_, let questions):
            for question in questions { questionCounts[questionKinds.firstIndex(of: question.kind)!] += 1 }
          case .beliefs(_, let items):
            for item in items { beliefCounts[beliefKinds.firstIndex(of: item.kind)!] += 1 }
          case .creed(let creed): statements += creed.statements.count
          }
        }
      }
    }
    let counted: [(kind: String, count: Int)] =
      Array(zip(questionKinds.map(\.rawValue), questionCounts))
      + Array(zip(beliefKinds.map(\.rawValue), beliefCounts)) + [("statement", statements)]
    let byKind = counted.filter { $0.count > 0 }.map { "\($0.count) \($0.kind)" }
    let items = counted.reduce(0) { $0 + $1.count }
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
