import Foundation

/// A reader of Moodle's GIFT format written from Moodle's published rules (the GIFT page
/// of Moodle's documentation and the behaviour of its importer), independent of coach's
/// writer: it shares no code with `Exports` and knows nothing of courses.
///
/// What it follows: questions are separated by blank lines; a line whose text starts with
/// `//` is a comment, and a comment's `[id:...]` is the question's ID number; a question
/// may start with `::name::` and a `[html]`, `[moodle]`, `[plain]` or `[markdown]` format
/// marker; the answers stand between the first `{` and `}`; `####` starts the general
/// feedback; the kind follows Moodle's order of tests (nothing between the braces: essay;
/// `#` first: numerical; any `~`: multiple choice, single when an `=` is present; `=` and
/// `->`: matching; T/F: true-false; otherwise short answer); a format marker may also start
/// an answer, a feedback or a match's left side; `%n%` is a weight in percent;
/// `#` starts an answer's feedback; a backslash makes `~ = # { } :` and itself plain
/// characters and `\n` a line break; `$CATEGORY:` sets the category, with `//` standing
/// for a `/` inside a name. Grades must be among Moodle's grade options, as the importer
/// demands; a select-all question's positive weights must add up to 100%, and a matching
/// question needs three pairs.
struct MoodleGIFTReader {
  enum Kind: Equatable {
    case multichoice(single: Bool)
    case shortanswer, match, truefalse, numerical, essay, description
  }

  struct Answer: Equatable {
    var text: String
    /// 1 for full credit, negative for a penalty.
    var fraction: Double
    var feedback: String
  }

  struct Question {
    var idNumber: String?
    var name: String?
    var category: [String]
    var format: String
    var text: String
    var kind: Kind
    var answers: [Answer] = []
    var pairs: [(left: String, right: String)] = []
    var generalFeedback: String = ""
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Moodle's grade options (`question_bank::fraction_options_full`), as fractions.
  static let gradeOptions: [Double] = [
    1, 0.9, 5.0 / 6, 0.8, 0.75, 0.7, 2.0 / 3, 0.6, 0.5, 0.4, 1.0 / 3, 0.3, 0.25, 0.2, 1.0 / 6, 1.0 / 7, 0.125,
    1.0 / 9, 0.1, 0.05, 0,
  ]

  /// Every question in `file`, with the category in force where it stands.
  static func read(_ file: String) throws -> [Question] {
    var questions: [Question] = []
    var category: [String] = []
    for chunk in chunks(file) {
      var comments: [String] = []
      var lines: [String] = []
      for line in chunk {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("//") { comments.append(trimmed) } else { lines.append(line) }
      }
      let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
      if text.isEmpty { continue }
      if text.hasPrefix("$CATEGORY:") {
        category = categoryPath(String(text.dropFirst("$CATEGORY:".count)))
        continue
      }
      var question = try readQuestion(Array(unescape(text)))
      question.category = category
      question.idNumber = idNumber(comments)
      questions.append(question)
    }
    return questions
  }

  /// Blank-line separated groups of lines.
  private static func chunks(_ file: String) -> [[String]] {
    var out: [[String]] = []
    var current: [String] = []
    for line in file.components(separatedBy: "\n") {
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        if !current.isEmpty { out.append(current) }
        current = []
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  private static func categoryPath(_ text: String) -> [String] {
    let marker = "\u{0}"
    return text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "//", with: marker)
      .components(separatedBy: "/").map {
        $0.replacingOccurrences(of: marker, with: "/").trimmingCharacters(in: .whitespaces)
      }
  }

  private static func idNumber(_ comments: [String]) -> String? {
    for comment in comments {
      guard let open = comment.range(of: "[id:") else { continue }
      var value = ""
      var index = open.upperBound
      while index < comment.endIndex {
        let character = comment[index]
        if character == "\\", comment.index(after: index) < comment.endIndex,
          comment[comment.index(after: index)] == "]"
        {
          value.append("]")
          index = comment.index(index, offsetBy: 2)
          continue
        }
        if character == "]" { return value.trimmingCharacters(in: .whitespaces) }
        value.append(character)
        index = comment.index(after: index)
      }
    }
    return nil
  }

  /// A character of the question, and whether a backslash made it plain.
  struct Unit: Equatable {
    var character: Character
    var escaped: Bool
  }

  private static func unescape(_ text: String) -> [Unit] {
    var units: [Unit] = []
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      if character == "\\", let next = characters.first {
        switch next {
        case "\\", "~", "=", "#", "{", "}", ":":
          units.append(Unit(character: next, escaped: true))
          characters.removeFirst()
          continue
        case "n":
          units.append(Unit(character: "\n", escaped: true))
          characters.removeFirst()
          continue
        default: break
        }
      }
      units.append(Unit(character: character, escaped: false))
    }
    return units
  }

  private static func plain(_ units: ArraySlice<Unit>) -> String {
    String(units.map(\.character)).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The first place where `pattern` stands as plain (unescaped) characters.
  private static func find(_ pattern: String, in units: ArraySlice<Unit>, last: Bool = false) -> Int? {
    let wanted = Array(pattern)
    guard units.count >= wanted.count else { return nil }
    let starts = Array(units.startIndex...(units.endIndex - wanted.count))
    for start in last ? starts.reversed() : starts {
      if (0..<wanted.count).allSatisfy({
        !units[start + $0].escaped && units[start + $0].character == wanted[$0]
      }) {
        return start
      }
    }
    return nil
  }

  /// Splits `units` before every plain character in `separators`, keeping the separator.
  private static func split(_ units: ArraySlice<Unit>, before separators: Set<Character>) -> [ArraySlice<
    Unit
  >] {
    var parts: [ArraySlice<Unit>] = []
    var start = units.startIndex
    for index in units.indices where !units[index].escaped && separators.contains(units[index].character) {
      if index > start { parts.append(units[start..<index]) }
      start = index
    }
    if start < units.endIndex { parts.append(units[start..<units.endIndex]) }
    return parts.filter { !plain($0).isEmpty }
  }

  private static func readQuestion(_ all: [Unit]) throws -> Question {
    var units = all[...]
    var name: String?
    if find("::", in: units) == units.startIndex, let end = find("::", in: units[(units.startIndex + 2)...]) {
      name = plain(units[(units.startIndex + 2)..<end])
      units = units[(end + 2)...]
    }
    guard let open = find("{", in: units) else {
      guard find("}", in: units) == nil else {
        throw Failure(description: "a '}' without '{' in \(plain(units))")
      }
      let (format, text) = formatAndText(plain(units))
      return Question(name: name, category: [], format: format, text: text, kind: .description)
    }
    guard let close = find("}", in: units[open...]) else {
      throw Failure(description: "no '}' after '{' in \(plain(units))")
    }
    let after = plain(units[(close + 1)...])
    guard after.isEmpty else {
      throw Failure(
        description: "text after the answers ('\(after)'): Moodle would read a missing-word question")
    }
    let (format, text) = formatAndText(plain(units[..<open]))
    var answers = units[(open + 1)..<close]
    var question = Question(name: name, category: [], format: format, text: text, kind: .essay)
    if let feedback = find("####", in: answers, last: true) {
      question.generalFeedback = plain(answers[(feedback + 4)...])
      answers = answers[..<feedback]
    }
    let body = plain(answers)
    if body.isEmpty { return question }
    if body.hasPrefix("#") {
      question.kind = .numerical
    } else if find("~", in: answers) != nil {
      question.kind = .multichoice(single: find("=", in: answers) != nil)
      question.answers = try split(answers, before: ["~", "="]).map(choice)
      try checkChoices(question)
    } else if find("=", in: answers) != nil, body.contains("->") {
      question.kind = .match
      question.pairs = try split(answers, before: ["="]).map(pair)
      guard question.pairs.count >= 3 else {
        throw Failure(
          description: "'\(name ?? text)': a matching question needs three pairs, not \(question.pairs.count)"
        )
      }
    } else if ["T", "TRUE", "F", "FALSE"].contains(plain(answers).components(separatedBy: "#")[0]) {
      question.kind = .truefalse
    } else {
      question.kind = .shortanswer
      question.answers = try split(answers, before: ["="]).map(shortAnswer)
    }
    return question
  }

  private static func formatAndText(_ text: String) -> (String, String) {
    for format in ["html", "moodle", "plain", "markdown"] where text.hasPrefix("[\(format)]") {
      return (
        format, String(text.dropFirst(format.count + 2)).trimmingCharacters(in: .whitespacesAndNewlines)
      )
    }
    return ("moodle", text)
  }

  /// `~text#feedback`, `=text#feedback` or `~%50%text#feedback`.
  private static func choice(_ part: ArraySlice<Unit>) throws -> Answer {
    try expect(part, startsWith: ["~", "="])
    var rest = part.dropFirst()
    var fraction: Double = part.first?.character == "=" ? 1 : 0
    if part.first?.character == "~", let weight = try weight(&rest) { fraction = weight }
    return splitFeedback(rest, fraction: fraction)
  }

  private static func shortAnswer(_ part: ArraySlice<Unit>) throws -> Answer {
    try expect(part, startsWith: ["="])
    var rest = part.dropFirst()
    return splitFeedback(rest, fraction: try weight(&rest) ?? 1)
  }

  /// Text before the first answer mark is an answer without a mark: refused here.
  private static func expect(_ part: ArraySlice<Unit>, startsWith marks: Set<Character>) throws {
    guard let first = part.first, !first.escaped, marks.contains(first.character) else {
      throw Failure(description: "an answer without a mark: '\(plain(part))'")
    }
  }

  private static func splitFeedback(_ units: ArraySlice<Unit>, fraction: Double) -> Answer {
    // Moodle reads a format marker at the start of an answer and of its feedback too.
    guard let hash = find("#", in: units) else {
      return Answer(text: formatAndText(plain(units)).1, fraction: fraction, feedback: "")
    }
    return Answer(
      text: formatAndText(plain(units[..<hash])).1, fraction: fraction,
      feedback: formatAndText(plain(units[(hash + 1)...])).1)
  }

  /// A leading `%n%`, as a fraction; the units after it are left in `units`.
  private static func weight(_ units: inout ArraySlice<Unit>) throws -> Double? {
    let text = String(units.map(\.character))
    guard text.hasPrefix("%"), let end = text.dropFirst().firstIndex(of: "%") else { return nil }
    let number = String(text[text.index(after: text.startIndex)..<end])
    guard let percent = Double(number) else {
      throw Failure(description: "a weight '%\(number)%' that is not a number")
    }
    let fraction = percent / 100
    guard gradeOptions.contains(where: { abs(abs(fraction) - $0) < 0.00001 }) else {
      throw Failure(description: "the weight \(number)% is not one of Moodle's grades")
    }
    units = units.dropFirst(text.distance(from: text.startIndex, to: end) + 1)
    return fraction
  }

  private static func pair(_ part: ArraySlice<Unit>) throws -> (left: String, right: String) {
    try expect(part, startsWith: ["="])
    let rest = part.dropFirst()
    guard let arrow = find("->", in: rest) else {
      throw Failure(description: "a match item without '->': \(plain(part))")
    }
    return (formatAndText(plain(rest[..<arrow])).1, plain(rest[(arrow + 2)...]))
  }

  private static func checkChoices(_ question: Question) throws {
    let label = question.name ?? question.text
    guard question.answers.count >= 2 else {
      throw Failure(description: "'\(label)': fewer than two choices")
    }
    if case .multichoice(single: false) = question.kind {
      let total = question.answers.map(\.fraction).filter { $0 > 0 }.reduce(0, +)
      guard (total * 100).rounded() == 100 else {
        throw Failure(description: "'\(label)': the right choices add up to \(total * 100)%, not 100%")
      }
    }
  }
}

/// The text a browser shows for Moodle's HTML fields: tags dropped (a block's edge as a
/// space, inline tags as nothing), entities decoded, runs of white space as one space.
func visibleText(_ html: String) -> String {
  let blockTags: Set<String> = [
    "p", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "div",
  ]
  var out = ""
  var tag: String?
  var entity: String?
  for character in html {
    if let name = tag {
      if character == ">" {
        let bare = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        if blockTags.contains(bare) { out.append(" ") }
        tag = nil
      } else {
        tag = name + String(character)
      }
      continue
    }
    if var name = entity {
      if character == ";" {
        out += decodeEntity(name)
        entity = nil
      } else {
        name.append(character)
        entity = name
      }
      continue
    }
    switch character {
    case "<": tag = ""
    case "&": entity = ""
    default: out.append(character)
    }
  }
  return squeezed(out)
}

private func decodeEntity(_ name: String) -> String {
  switch name {
  case "amp": return "&"
  case "lt": return "<"
  case "gt": return ">"
  case "quot": return "\""
  case "apos": return "'"
  default:
    if name.hasPrefix("#x"), let code = UInt32(name.dropFirst(2), radix: 16),
      let scalar = Unicode.Scalar(code)
    {
      return String(Character(scalar))
    }
    if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
      return String(Character(scalar))
    }
    return "&" + name + ";"
  }
}

/// Runs of white space as one space, trimmed.
func squeezed(_ text: String) -> String {
  text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
