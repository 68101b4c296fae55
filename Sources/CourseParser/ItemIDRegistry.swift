import CourseModel

/// Checks that item ids are unique within a course, allowing an Agree or Rate statement
/// to be asked again later under the same id (the pre/post belief check).
struct ItemIDRegistry {
  /// An agree or rate statement, to compare with a repeat.
  private struct Statement: Equatable {
    var prompt: String
    var labels: [String]
  }

  private struct Entry {
    var kind: String
    var location: SourceLocation?
    var statement: Statement?
  }

  private var entries: [String: Entry]

  /// A registry with room for `capacity` ids.
  init(capacity: Int = 0) {
    entries = Dictionary(minimumCapacity: capacity)
  }

  /// Registers every item of a module, reporting duplicates into `diagnostics`.
  mutating func register(_ module: Module, into diagnostics: inout [Diagnostic]) {
    for section in module.sections {
      switch section.content {
      case .lesson: break
      case .drill(_, let questions):
        for question in questions {
          register(
            question.id, kind: question.kind.rawValue, at: question.location, statement: nil,
            into: &diagnostics)
        }
      case .beliefs(_, let items):
        for item in items {
          let statement: Statement? =
            switch item.body {
            case .agree: Statement(prompt: item.prompt, labels: [])
            case .rate(let labels): Statement(prompt: item.prompt, labels: labels)
            case .reflect, .rank: nil
            }
          register(
            item.id, kind: item.kind.rawValue, at: item.location, statement: statement, into: &diagnostics)
        }
      case .creed(let creed):
        for statement in creed.statements {
          register(
            statement.id, kind: "statement", at: statement.location, statement: nil, into: &diagnostics)
        }
      }
    }
  }

  private mutating func register(
    _ id: String, kind: String, at location: SourceLocation?, statement: Statement?,
    into diagnostics: inout [Diagnostic]
  ) {
    guard let earlier = entries[id] else {
      entries[id] = Entry(kind: kind, location: location, statement: statement)
      return
    }
    let here = location ?? SourceLocation(file: "", line: 1, column: 1)
    let whereEarlier = Self.describe(earlier.location, relativeTo: here)
    guard let earlierStatement = earlier.statement, let statement else {
      diagnostics.append(
        Diagnostic(
          .error, here, "duplicate item id '\(id)': first used at \(whereEarlier); give this one another id"))
      return
    }
    guard earlier.kind == kind else {
      diagnostics.append(
        Diagnostic(
          .error, here,
          "'\(id)' repeats the \(earlier.kind.capitalized) statement at \(whereEarlier) as a \(kind.capitalized): "
            + "a repeated belief statement must be of the same kind"))
      return
    }
    if earlierStatement.prompt != statement.prompt {
      diagnostics.append(
        Diagnostic(
          .warning, here,
          "'\(id)' repeats the statement at \(whereEarlier) with different text; answers will be compared as one statement"
        ))
    } else if earlierStatement != statement {
      diagnostics.append(
        Diagnostic(
          .warning, here,
          "'\(id)' repeats the statement at \(whereEarlier) with different scale labels; answers will be compared as one statement"
        ))
    }
  }

  /// `line 12`, or `line 12 of path` when in another file.
  static func describe(_ location: SourceLocation?, relativeTo here: SourceLocation) -> String {
    guard let location else { return "an earlier item" }
    return location.file == here.file ? "line \(location.line)" : "line \(location.line) of \(location.file)"
  }
}

extension Module {
  /// How many drill questions, belief items and creed statements the module has.
  var itemCount: Int {
    sections.reduce(0) { count, section in
      switch section.content {
      case .lesson: count
      case .drill(_, let questions): count + questions.count
      case .beliefs(_, let items): count + items.count
      case .creed(let creed): count + creed.statements.count
      }
    }
  }
}
