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
  public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

  /// The outline as indented JSON in UTF-8, ending with a newline.
  public func jsonBytes() -> [UInt8] {
    var out = JSONWriter(capacity: 1 << 16)
    write(to: &out)
    return out.bytes
  }

  /// Writes the outline as indented JSON in UTF-8, ending with a newline, handing it to
  /// `sink` a part at a time (64 KiB; more when a string holds a longer run of plain
  /// text): what `coach check` writes, without holding the whole outline in memory.
  public func writeJSON(to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      var out = JSONWriter(capacity: 1 << 16, sink: sink)
      write(to: &out)
      out.flush()
    }
  }

  private func write(to out: inout JSONWriter) {
    out.openObject()
    out.key("courses")
    out.openArray()
    for course in result.courses {
      out.element()
      Self.write(course, to: &out)
    }
    out.closeArray()
    out.key("diagnostics")
    out.openArray()
    for diagnostic in result.diagnostics {
      out.element()
      Self.write(diagnostic, to: &out)
    }
    out.closeArray()
    out.closeObject()
    out.newline()
  }

  private static func write(_ course: Course, to out: inout JSONWriter) {
    out.openObject()
    out.key("id")
    out.string(course.id)
    out.key("title")
    out.string(course.title)
    out.key("file")
    out.string(course.file)
    out.key("pass")
    out.int(course.pass)
    out.key("roles")
    out.strings(course.roles)
    notes(course.facilitator, to: &out)
    out.key("modules")
    out.openArray()
    for module in course.modules {
      out.element()
      write(module, to: &out)
    }
    out.closeArray()
    out.closeObject()
  }

  private static func write(_ module: Module, to out: inout JSONWriter) {
    out.openObject()
    out.key("id")
    out.string(module.id)
    out.key("title")
    out.string(module.title)
    out.key("file")
    out.string(module.file)
    out.key("pass")
    out.int(module.pass)
    out.key("audience")
    out.strings(module.audience)
    notes(module.facilitator, to: &out)
    out.key("sections")
    out.openArray()
    for section in module.sections {
      out.element()
      write(section, to: &out)
    }
    out.closeArray()
    out.closeObject()
  }

  private static func write(_ section: Section, to out: inout JSONWriter) {
    out.openObject()
    out.key("kind")
    out.string(section.kind.rawValue)
    out.key("id")
    out.string(section.id)
    out.key("title")
    out.string(section.title)
    out.key("line")
    out.int(section.location?.line ?? 0)
    notes(section.facilitator, to: &out)
    out.key("items")
    switch section.content {
    case .lesson: out.strings([])
    case .drill(_, let questions): items(questions, to: &out, write)
    case .beliefs(_, let beliefs): items(beliefs, to: &out, write)
    case .creed(let creed): items(creed.statements, to: &out, write)
    }
    out.closeObject()
  }

  private static func items<Item>(
    _ items: [Item], to out: inout JSONWriter, _ write: (Item, inout JSONWriter) -> Void
  ) {
    guard !items.isEmpty else { return out.strings([]) }
    out.openArray()
    for item in items {
      out.element()
      write(item, &out)
    }
    out.closeArray()
  }

  private static func write(_ question: Question, to out: inout JSONWriter) {
    out.openObject()
    item(question.kind.rawValue, question.id, question.location, question.prompt, question.context, to: &out)
    switch question.body {
    case .choice(let choices):
      out.key("choices")
      out.strings(choices.count) { choices[$0].text }
      out.key("correct")
      out.ints(choices.indices.filter { choices[$0].isCorrect })
      out.key("feedback")
      out.strings(choices.count) { choices[$0].feedback }
    case .short(let answers):
      out.key("answers")
      out.strings(answers)
    case .order(let items):
      out.key("choices")
      out.strings(items)
    case .match(let pairs):
      out.key("pairs")
      if pairs.isEmpty {
        out.strings([])
      } else {
        out.openArray()
        for pair in pairs {
          out.element()
          out.strings(2) { $0 == 0 ? pair.left : pair.right }
        }
        out.closeArray()
      }
    }
    let explanation = question.explanation.plainText
    if !explanation.isEmpty {
      out.key("explanation")
      out.string(explanation)
    }
    out.key("hints")
    out.strings(question.hints)
    out.closeObject()
  }

  private static func write(_ belief: BeliefItem, to out: inout JSONWriter) {
    out.openObject()
    item(belief.kind.rawValue, belief.id, belief.location, belief.prompt, belief.guidance, to: &out)
    switch belief.body {
    case .agree, .reflect: break
    case .rate(let labels):
      out.key("choices")
      out.strings(labels)
    case .rank(let items):
      out.key("choices")
      out.strings(items)
    }
    out.closeObject()
  }

  private static func write(_ statement: Creed.Statement, to out: inout JSONWriter) {
    out.openObject()
    item("statement", statement.id, statement.location, statement.text, statement.explanation, to: &out)
    out.closeObject()
  }

  /// The fields every item has, then `context` when there is any.
  private static func item(
    _ kind: String, _ id: String, _ location: SourceLocation?, _ prompt: String, _ context: [Block],
    to out: inout JSONWriter
  ) {
    out.key("kind")
    out.string(kind)
    out.key("id")
    out.string(id)
    out.key("line")
    out.int(location?.line ?? 0)
    out.key("prompt")
    out.string(prompt)
    guard !context.isEmpty else { return }
    let text = context.plainText
    if !text.isEmpty {
      out.key("context")
      out.string(text)
    }
  }

  /// A diagnostic: where, how serious, what; where it ends, the suggested text and the
  /// related places when there are any.
  private static func write(_ diagnostic: Diagnostic, to out: inout JSONWriter) {
    out.openObject()
    out.key("file")
    out.string(diagnostic.location.file)
    out.key("line")
    out.int(diagnostic.location.line)
    out.key("column")
    out.int(diagnostic.location.column)
    out.key("severity")
    out.string(diagnostic.severity.rawValue)
    out.key("message")
    out.string(diagnostic.message)
    if let end = diagnostic.end {
      out.key("endLine")
      out.int(end.line)
      out.key("endColumn")
      out.int(end.column)
    }
    if let fix = diagnostic.fix {
      out.key("fix")
      out.string(fix)
    }
    out.key("related")
    if diagnostic.related.isEmpty {
      out.strings([])
    } else {
      out.openArray()
      for related in diagnostic.related {
        out.element()
        out.openObject()
        out.key("file")
        out.string(related.location.file)
        out.key("line")
        out.int(related.location.line)
        out.key("column")
        out.int(related.location.column)
        out.key("message")
        out.string(related.message)
        out.closeObject()
      }
      out.closeArray()
    }
    out.closeObject()
  }

  /// `facilitator`, where there are notes: the contract lists it on sections; courses and
  /// modules carry the notes of `course.md` and of a module's overview the same way.
  private static func notes(_ notes: [FacilitatorNote], to out: inout JSONWriter) {
    guard !notes.isEmpty else { return }
    out.key("facilitator")
    out.strings(notes.map(\.text))
  }
}
