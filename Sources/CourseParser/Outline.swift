import CourseModel

/// The machine-readable outline of `coach check --format json`: the parsed courses and
/// the diagnostics, with the field names of the course format contract.
public struct Outline: Sendable {
  struct CourseEntry {
    var id, title, file: String
    var pass: Int
    var roles: [String]
    var modules: [ModuleEntry]
  }

  struct ModuleEntry {
    var id, title, file: String
    var pass: Int
    var audience: [String]
    var sections: [SectionEntry]
  }

  struct SectionEntry {
    var kind, id, title: String
    var line: Int
    var items: [ItemEntry]
  }

  struct ItemEntry {
    var kind, id: String
    var line: Int
    var prompt: String
    var context: String?
    var choices: [String]?
    var correct: [Int]?
    var answers: [String]?
    var pairs: [[String]]?
    var feedback: [String]?
    var explanation: String?
    var hints: [String]?
  }

  struct DiagnosticEntry {
    var file: String
    var line, column: Int
    var severity, message: String
  }

  var courses: [CourseEntry]
  var diagnostics: [DiagnosticEntry]

  /// The outline of a load result.
  public init(_ result: LoadResult) {
    courses = result.courses.map(CourseEntry.init)
    diagnostics = result.diagnostics.map {
      DiagnosticEntry(
        file: $0.location.file, line: $0.location.line, column: $0.location.column,
        severity: $0.severity.rawValue, message: $0.message)
    }
  }

  /// The outline as indented JSON, keys in the contract's order, ending with a newline.
  public func json() -> String {
    JSONValue.object([
      ("courses", .array(courses.map(\.json))),
      ("diagnostics", .array(diagnostics.map(\.json))),
    ]).rendered() + "\n"
  }
}

extension Outline.CourseEntry {
  var json: JSONValue {
    .object([
      ("id", .string(id)), ("title", .string(title)), ("file", .string(file)), ("pass", .int(pass)),
      ("roles", .array(roles.map(JSONValue.string))), ("modules", .array(modules.map(\.json))),
    ])
  }
}

extension Outline.ModuleEntry {
  var json: JSONValue {
    .object([
      ("id", .string(id)), ("title", .string(title)), ("file", .string(file)), ("pass", .int(pass)),
      ("audience", .array(audience.map(JSONValue.string))), ("sections", .array(sections.map(\.json))),
    ])
  }
}

extension Outline.SectionEntry {
  var json: JSONValue {
    .object([
      ("kind", .string(kind)), ("id", .string(id)), ("title", .string(title)), ("line", .int(line)),
      ("items", .array(items.map(\.json))),
    ])
  }
}

extension Outline.ItemEntry {
  var json: JSONValue {
    var fields: [(String, JSONValue)] = [
      ("kind", .string(kind)), ("id", .string(id)), ("line", .int(line)), ("prompt", .string(prompt)),
    ]
    func add(_ key: String, _ value: JSONValue?) { if let value { fields.append((key, value)) } }
    add("context", context.map(JSONValue.string))
    add("choices", choices.map { .array($0.map(JSONValue.string)) })
    add("correct", correct.map { .array($0.map(JSONValue.int)) })
    add("answers", answers.map { .array($0.map(JSONValue.string)) })
    add("pairs", pairs.map { .array($0.map { .array($0.map(JSONValue.string)) }) })
    add("feedback", feedback.map { .array($0.map(JSONValue.string)) })
    add("explanation", explanation.map(JSONValue.string))
    add("hints", hints.map { .array($0.map(JSONValue.string)) })
    return .object(fields)
  }
}

extension Outline.DiagnosticEntry {
  var json: JSONValue {
    .object([
      ("file", .string(file)), ("line", .int(line)), ("column", .int(column)),
      ("severity", .string(severity)),
      ("message", .string(message)),
    ])
  }
}

extension Outline.CourseEntry {
  init(_ course: Course) {
    self.init(
      id: course.id, title: course.title, file: course.file, pass: course.pass, roles: course.roles,
      modules: course.modules.map(Outline.ModuleEntry.init))
  }
}

extension Outline.ModuleEntry {
  init(_ module: Module) {
    self.init(
      id: module.id, title: module.title, file: module.file, pass: module.pass, audience: module.audience,
      sections: module.sections.map(Outline.SectionEntry.init))
  }
}

extension Outline.SectionEntry {
  init(_ section: Section) {
    let items: [Outline.ItemEntry] =
      switch section.content {
      case .lesson: []
      case .drill(_, let questions): questions.map(Outline.ItemEntry.init)
      case .beliefs(_, let beliefs): beliefs.map(Outline.ItemEntry.init)
      case .creed(let creed): creed.statements.map(Outline.ItemEntry.init)
      }
    self.init(
      kind: section.kind.rawValue, id: section.id, title: section.title, line: section.location?.line ?? 0,
      items: items)
  }
}

extension Outline.ItemEntry {
  init(_ question: Question) {
    self.init(
      kind: question.kind.rawValue, id: question.id, line: question.location?.line ?? 0,
      prompt: question.prompt,
      context: question.context.plainText.nonEmpty, explanation: question.explanation.plainText.nonEmpty,
      hints: question.hints)
    switch question.body {
    case .choice(let choices):
      self.choices = choices.map(\.text)
      correct = choices.indices.filter { choices[$0].isCorrect }
      feedback = choices.map(\.feedback)
    case .short(let accepted): answers = accepted
    case .order(let items): choices = items
    case .match(let matched): pairs = matched.map { [$0.left, $0.right] }
    }
  }

  init(_ item: BeliefItem) {
    self.init(
      kind: item.kind.rawValue, id: item.id, line: item.location?.line ?? 0, prompt: item.prompt,
      context: item.guidance.plainText.nonEmpty)
    switch item.body {
    case .agree, .reflect: break
    case .rate(let labels): choices = labels
    case .rank(let items): choices = items
    }
  }

  init(_ statement: Creed.Statement) {
    self.init(
      kind: "statement", id: statement.id, line: statement.location?.line ?? 0, prompt: statement.text,
      context: statement.explanation.plainText.nonEmpty)
  }
}

extension String {
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
