import CourseModel
import Yams

/// libyaml's errors ("while parsing a flow sequence ... did not find expected ',' or ']'",
/// reported at the closing `---`) said in a trainer's words, at the line of the mistake.
enum YAMLProblem {
  static func diagnostic(for error: YamlError, yaml: String, lines: SourceLines?, fallback: SourceLocation)
    -> Diagnostic
  {
    let file = fallback.file
    let yamlLines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func text(_ line: Int) -> String { line >= 1 && line <= yamlLines.count ? yamlLines[line - 1] : "" }
    func at(_ mark: Mark) -> SourceLocation {
      let line = max(mark.line, 1)
      let column =
        lines?.byteColumn(ofCharacterColumn: max(mark.column, 1), inLine: line) ?? max(mark.column, 1)
      return SourceLocation(file: file, line: line, column: column)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return explain(
        context: context?.text ?? "", contextMark: context.map { at($0.mark) }, problem: problem,
        mark: at(mark),
        text: text)
    case .duplicatedKeysInMapping(let duplicates, _):
      let key = duplicates.first ?? "?"
      let uses = yamlLines.indices.filter { isKeyLine(yamlLines[$0], key) }.map { $0 + 1 }
      let second = uses.dropFirst().first ?? fallback.line
      let related = uses.first.map {
        [Diagnostic.Related(SourceLocation(file: file, line: $0, column: 1), "first set here")]
      }
      return Diagnostic(
        .error, SourceLocation(file: file, line: second, column: 1),
        "'\(key)' is set twice: keep one of the two lines",
        end: SourceLocation(file: file, line: second, column: key.utf8.count + 1), related: related ?? [])
    default:
      return Diagnostic(.error, fallback, "the settings are not valid YAML: \(error)")
    }
  }

  private static func isKeyLine(_ line: String, _ key: String) -> Bool {
    line.hasPrefix(key) && line.dropFirst(key.count).drop { $0 == " " }.first == ":"
  }

  private static func explain(
    context: String, contextMark: SourceLocation?, problem: String, mark: SourceLocation,
    text: (Int) -> String
  ) -> Diagnostic {
    let line = text(mark.line)
    let column = mark.column
    let characterThere = line.utf8.dropFirst(column - 1).first.map { Character(Unicode.Scalar($0)) }
    if context.contains("flow node"), problem.contains("did not find expected node content") {
      // `[desk, , manager]`, `[desk,]`: a comma with nothing after it.
      return Diagnostic(
        .error, mark,
        "the list has an empty place here (a comma with no name after it): remove the extra comma",
        end: mark.movedRight(by: 1))
    }
    if context.contains("flow sequence"), let start = contextMark {
      return Diagnostic(
        .error, start,
        "the list that starts with '[' here is not closed: end it with ']' on the same line, "
          + "like [frontline, manager]", end: start.movedRight(by: 1))
    }
    if context.contains("flow mapping"), let start = contextMark {
      return Diagnostic(
        .error, start,
        "'{' starts a YAML mapping that is not closed with '}': to write text that starts with '{', put it in quotes",
        end: start.movedRight(by: 1))
    }
    if context.contains("quoted scalar"), let start = contextMark {
      let quote = text(start.line).utf8.dropFirst(start.column - 1).first == UInt8(ascii: "'") ? "'" : "\""
      return Diagnostic(
        .error, start,
        "the quote \(quote) that starts this value is never closed: end the value with \(quote) on the same line",
        end: start.movedRight(by: 1))
    }
    if problem.contains("tab") || characterThere == "\t" {
      let tab = line.utf8.firstIndex(of: UInt8(ascii: "\t")).map {
        line.utf8.distance(from: line.utf8.startIndex, to: $0) + 1
      }
      let at = mark.at(column: tab ?? 1)
      // A tab that starts the line goes (a space there would indent the setting); one
      // after the text becomes a space.
      let leading =
        line.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count >= (tab ?? 1)
      return Diagnostic(
        .error, at, "a tab in the settings: YAML is indented with spaces, never tabs",
        end: at.movedRight(by: 1),
        fix: leading ? "" : " ")
    }
    if problem.contains("could not find expected ':'"), let start = contextMark {
      let written = text(start.line).trimmed
      return Diagnostic(
        .error, start,
        "'\(written.prefix(40))' is not a setting: write each one as 'name: value' (a '#' starts a comment)")
    }
    if problem.contains("mapping values are not allowed") {
      if line.first == " " {
        let at = mark.at(column: 1)
        return Diagnostic(
          .error, at,
          "this setting is indented: settings start at the beginning of the line (only list items under a name are indented)",
          end: at.movedRight(by: line.prefix { $0 == " " }.utf8.count), fix: "")
      }
      if let (name, value) = line.splitOnce(":") {
        let quoted = "\"\(value.trimmed.replacingOccurrences(of: "\"", with: "\\\""))\""
        // The fix replaces the value: from its first character to the end of the line.
        let valueStart = name.utf8.count + 1 + value.utf8.prefix { $0 == UInt8(ascii: " ") }.count + 1
        let start = mark.at(column: valueStart)
        return Diagnostic(
          .error, start,
          "a ': ' inside the value of '\(name.trimmed)': put the value in quotes, like \(name.trimmed): \(quoted)",
          end: mark.at(column: line.utf8.count + 1), fix: quoted)
      }
    }
    if problem.contains("cannot start any token") || problem.contains("undefined alias"),
      let first = characterThere
    {
      return Diagnostic(
        .error, mark,
        "a value cannot start with '\(first)' in YAML: put it in quotes, like \"\(first)...\"",
        end: mark.movedRight(by: 1))
    }
    if problem.contains("did not find expected key") || problem.contains("expected <document start>") {
      let closing = line.utf8.prefix(column - 1).last.map { Character(Unicode.Scalar($0)) }
      if closing == "'" || closing == "\"" || line.contains("'") {
        return Diagnostic(
          .error, mark,
          "text after the closing quote: to put ' inside a value, write it twice ('it''s') or quote the value with \"",
          end: mark.movedRight(by: 1))
      }
      return Diagnostic(
        .error, mark, "this line does not read as 'name: value': check its brackets and quotes",
        end: mark.movedRight(by: 1))
    }
    let words = [context, problem].filter { !$0.isEmpty }.joined(separator: ", ")
    return Diagnostic(.error, mark, "the settings are not valid YAML: \(words)")
  }
}
