import CourseModel

/// The machine-readable outline of `coach check --format json`: the parsed courses and
/// the diagnostics, with the field names of the course format contract, in its order.
public struct Outline: Sendable {
  private let result: LoadResult

  /// The outline of a load result.
  public init(_ result: LoadResult) {
    self.result = result
  }

  /// The outline as indented JSON, ending with a newline.
  public func json() -> String {
    JSONValue.object([
      ("courses", .array(result.courses.map(Self.course))),
      ("diagnostics", .array(result.diagnostics.map(Self.diagnostic))),
    ]).rendered() + "\n"
  }

  private static func course(_ course: Course) -> JSONValue {
    .object(
      [
        ("id", .string(course.id)), ("title", .string(course.title)), ("file", .string(course.file)),
        ("pass", .int(course.pass)), ("roles", strings(course.roles)),
      ] + notes(course.facilitator) + [("modules", .array(course.modules.map(module)))])
  }

  private static func module(_ module: Module) -> JSONValue {
    .object(
      [
        ("id", .string(module.id)), ("title", .string(module.title)), ("file", .string(module.file)),
        ("pass", .int(module.pass)), ("audience", strings(module.audience)),
      ] + notes(module.facilitator) + [("sections", .array(module.sections.map(section)))])
  }

  private static func section(_ section: Section) -> JSONValue {
    let items: [JSONValue] =
      switch section.content {
      case .lesson: []
      case .drill(_, let questions): questions.map(question)
      case .beliefs(_, let beliefs): beliefs.map(belief)
      case .creed(let creed): creed.statements.map(statement)
      }
    return .object(
      [
        ("kind", .string(section.kind.rawValue)), ("id", .string(section.id)),
        ("title", .string(section.title)),
        ("line", .int(section.location?.line ?? 0)),
      ] + notes(section.facilitator) + [("items", .array(items))])
  }

  private static func question(_ question: Question) -> JSONValue {
    var fields = item(
      question.kind.rawValue, question.id, question.location, question.prompt, question.context)
    switch question.body {
    case .choice(let choices):
      fields.append(("choices", strings(choices.map(\.text))))
      fields.append(("correct", .array(choices.indices.filter { choices[$0].isCorrect }.map(JSONValue.int))))
    case .short(let answers): fields.append(("answers", strings(answers)))
    case .order(let items): fields.append(("choices", strings(items)))
    case .match(let pairs): fields.append(("pairs", .array(pairs.map { strings([$0.left, $0.right]) })))
    }
    if case .choice(let choices) = question.body {
      fields.append(("feedback", strings(choices.map(\.feedback))))
    }
    let explanation = question.explanation.plainText
    if !explanation.isEmpty { fields.append(("explanation", .string(explanation))) }
    fields.append(("hints", strings(question.hints)))
    return .object(fields)
  }

  private static func belief(_ belief: BeliefItem) -> JSONValue {
    var fields = item(belief.kind.rawValue, belief.id, belief.location, belief.prompt, belief.guidance)
    switch belief.body {
    case .agree, .reflect: break
    case .rate(let labels): fields.append(("choices", strings(labels)))
    case .rank(let items): fields.append(("choices", strings(items)))
    }
    return .object(fields)
  }

  private static func statement(_ statement: Creed.Statement) -> JSONValue {
    .object(item("statement", statement.id, statement.location, statement.text, statement.explanation))
  }

  /// The fields every item has, then `context` when there is any.
  private static func item(
    _ kind: String, _ id: String, _ location: SourceLocation?, _ prompt: String, _ context: [Block]
  )
    -> [(String, JSONValue)]
  {
    var fields: [(String, JSONValue)] = [
      ("kind", .string(kind)), ("id", .string(id)), ("line", .int(location?.line ?? 0)),
      ("prompt", .string(prompt)),
    ]
    let text = context.plainText
    if !text.isEmpty { fields.append(("context", .string(text))) }
    return fields
  }

  private static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
    .object([
      ("file", .string(diagnostic.location.file)), ("line", .int(diagnostic.location.line)),
      ("column", .int(diagnostic.location.column)), ("severity", .string(diagnostic.severity.rawValue)),
      ("message", .string(diagnostic.message)),
    ])
  }

  private static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

  /// `facilitator`, where there are notes: the contract lists it on sections; courses and
  /// modules carry the notes of `course.md` and of a module's overview the same way.
  private static func notes(_ notes: [FacilitatorNote]) -> [(String, JSONValue)] {
    notes.isEmpty ? [] : [("facilitator", strings(notes.map(\.text)))]
  }
}
