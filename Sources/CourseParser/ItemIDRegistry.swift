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
  /// Where the ids of the module being registered are written.
  private var idPlaces = ItemIDPlaces()
  /// Their spans, found on the first diagnostic that needs one.
  private var idSpans: [String: ItemIDSpan]?
  /// The first Agree or Rate statement of each text, by a hash of ``comparable(_:)``.
  private var statementsByText: [UInt64: [(id: String, location: SourceLocation, prompt: String)]] = [:]

  /// A registry with room for `capacity` ids.
  init(capacity: Int = 0) {
    entries = Dictionary(minimumCapacity: capacity)
  }

  /// Registers every item of a module, reporting duplicates into `diagnostics`.
  /// - Parameter idPlaces: where each belief item's id is written, for fixes.
  mutating func register(
    _ module: Module, idPlaces: ItemIDPlaces = ItemIDPlaces(), into diagnostics: inout [Diagnostic]
  ) {
    self.idPlaces = idPlaces
    idSpans = nil
    for section in module.sections {
      switch section.content {
      case .lesson: break
      // Fields are read through the arrays (`questions[index].id`): a loop over the items
      // would copy each whole item first.
      case .drill(_, let questions):
        for index in questions.indices {
          register(
            questions[index].id, kind: questions[index].kind.rawValue, at: questions[index].location,
            statement: nil, into: &diagnostics)
        }
      case .beliefs(_, let items):
        for index in items.indices {
          let statement: Statement? =
            switch items[index].body {
            case .agree: Statement(prompt: items[index].prompt, labels: [])
            case .rate(let labels): Statement(prompt: items[index].prompt, labels: labels)
            case .reflect, .rank: nil
            }
          register(
            items[index].id, kind: items[index].kind.rawValue, at: items[index].location,
            statement: statement,
            into: &diagnostics)
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
    let here = location ?? SourceLocation(file: "", line: 1, column: 1)
    guard let earlier = entries[id] else {
      entries[id] = Entry(kind: kind, location: location, statement: statement)
      if let statement { checkLostRepeat(id, kind: kind, statement: statement, at: here, into: &diagnostics) }
      return
    }
    let whereEarlier = Self.describe(earlier.location, relativeTo: here)
    let firstUse = earlier.location.map { [Diagnostic.Related($0, "first used here")] } ?? []
    guard let earlierStatement = earlier.statement, let statement else {
      diagnostics.append(
        Diagnostic(
          .error, here, "duplicate item id '\(id)': first used at \(whereEarlier); give this one another id",
          related: firstUse))
      return
    }
    guard earlier.kind == kind else {
      diagnostics.append(
        Diagnostic(
          .error, here,
          "'\(id)' repeats the \(earlier.kind.capitalized) statement at \(whereEarlier) as a \(kind.capitalized): "
            + "a repeated belief statement must be of the same kind", related: firstUse))
      return
    }
    if earlierStatement.prompt != statement.prompt {
      diagnostics.append(
        Diagnostic(
          .warning, here,
          "'\(id)' repeats the statement at \(whereEarlier) with different text; answers will be compared as one statement",
          related: firstUse))
    } else if earlierStatement != statement {
      diagnostics.append(
        Diagnostic(
          .warning, here,
          "'\(id)' repeats the statement at \(whereEarlier) with different scale labels; answers will be compared as one statement",
          related: firstUse))
    }
  }

  /// A belief statement under a new id whose text is an earlier statement's: most likely
  /// a typo in the id of a before-and-after pair, which would lose the comparison.
  private mutating func checkLostRepeat(
    _ id: String, kind: String, statement: Statement, at here: SourceLocation,
    into diagnostics: inout [Diagnostic]
  ) {
    let key = Self.comparableHash(statement.prompt)
    guard let candidates = statementsByText[key] else {
      statementsByText[key] = [(id, here, statement.prompt)]
      return
    }
    // The same hash: compare the texts themselves (they nearly always match).
    let text = Self.comparable(statement.prompt)
    guard
      let (earlierID, earlierLocation, _) = candidates.first(where: { Self.comparable($0.prompt) == text })
    else {
      statementsByText[key, default: []].append((id, here, statement.prompt))
      return
    }
    guard let earlier = entries[earlierID], earlier.kind == kind else { return }
    if idSpans == nil { idSpans = idPlaces.spans() }
    let span = idSpans?[id]
    diagnostics.append(
      Diagnostic(
        .warning, span?.start ?? here,
        "'\(id)' is a new id, but the statement is the same as '\(earlierID)' at "
          + "\(Self.describe(earlierLocation, relativeTo: here)): to compare the answers before and after, "
          + "give it the same id, {#\(earlierID)}",
        end: span?.end, fix: span?.fix(earlierID) ?? "{#\(earlierID)}",
        related: [Diagnostic.Related(earlierLocation, "'\(earlierID)' is asked here")]
      ))
  }

  /// A statement's text with case set aside and each run of spaces and punctuation
  /// made one space, so "Complaints are gifts." matches "complaints are  gifts".
  /// A hash of ``comparable(_:)``, without building it for ASCII text.
  static func comparableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else {
        for byte in comparable(String(decoding: bytes, as: UTF8.self)).utf8 { mix(byte) }
        return hash
      }
      return asciiHash(bytes, hash)
    }
  }

  /// ``comparableHash(_:)`` of ASCII text, continuing from `start`.
  private static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: UInt64) -> UInt64 {
    var hash = start
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    var gap = false
    var started = false
    for byte in bytes {
      let kept: UInt8
      if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
        kept = byte | 0x20
      } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      {
        kept = byte
      } else {
        gap = true
        continue
      }
      if gap && started { mix(UInt8(ascii: " ")) }
      gap = false
      started = true
      mix(kept)
    }
    return hash
  }

  static func comparable(_ text: String) -> String {
    var kept: [UInt8] = []
    kept.reserveCapacity(text.utf8.count)
    var gap = false
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      for byte in text.utf8 {
        var byteKept: UInt8 = 0
        if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
          byteKept = byte | 0x20
        } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        {
          byteKept = byte
        }
        if byteKept == 0 {
          gap = true
          continue
        }
        if gap && !kept.isEmpty { kept.append(UInt8(ascii: " ")) }
        gap = false
        kept.append(byteKept)
      }
      return String(decoding: kept, as: UTF8.self)
    }
    for scalar in text.lowercased().unicodeScalars {
      guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
        gap = true
        continue
      }
      if gap && !kept.isEmpty { kept.append(UInt8(ascii: " ")) }
      gap = false
      kept.append(contentsOf: String(scalar).utf8)
    }
    return String(decoding: kept, as: UTF8.self)
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
