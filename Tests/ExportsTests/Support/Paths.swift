import CourseModel
import CourseParser
import Foundation

/// Fixtures, golden files and the shipped course, found from this source file.
enum Paths {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = tests.appendingPathComponent("Fixtures")
  static let golden = tests.appendingPathComponent("Golden")
  static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
  static let shippedCourse = root.appendingPathComponent("courses/legendary-service")

  /// Compares `actual` with a golden file; `UPDATE_GOLDEN=1` rewrites the file instead.
  static func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
    let url = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
    }
    return try String(contentsOf: url, encoding: .utf8) == actual
  }

  /// The one course in `folder`, which must load without errors.
  static func course(_ folder: URL) throws -> Course {
    let result = CourseLoader.load(paths: [folder.path])
    guard !result.diagnostics.hasErrors, result.courses.count == 1, let course = result.courses.first else {
      throw LoadFailure(description: result.diagnostics.map(\.description).joined(separator: "\n"))
    }
    return course
  }

  static var specials: Course { get throws { try course(fixtures.appendingPathComponent("specials")) } }
  static var shipped: Course { get throws { try course(shippedCourse) } }

  struct LoadFailure: Error, CustomStringConvertible {
    var description: String
  }
}

extension Course {
  /// Every drill question, in course order.
  var drillQuestions: [Question] {
    modules.flatMap(\.sections).flatMap { section -> [Question] in
      if case .drill(_, let questions) = section.content { return questions }
      return []
    }
  }
}
