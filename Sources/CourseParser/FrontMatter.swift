import CourseModel
import Yams

/// The YAML front matter of a course or module file, and the Markdown that follows it.
struct FrontMatter {
  /// The Markdown after the front matter.
  var markdown: Substring
  /// How many lines the front matter takes: add it to a line of `markdown` to get the
  /// line in the file.
  var lineOffset = 0
  /// The top-level keys and their nodes; empty without front matter.
  var fields: [String: Yams.Node] = [:]
  /// Where the opening `---` stands.
  var location: SourceLocation
  /// Whether the front matter was opened and never closed: the file cannot be read further.
  var isUnclosed = false

  /// Splits front matter from a file's text.
  ///
  /// Front matter is YAML between a first line `---` and the next line `---`. Problems
  /// (never closed, YAML that does not parse, not a mapping) are appended to
  /// `diagnostics`; the Markdown is still returned so the rest of the file is checked.
  static func split(_ source: SourceFile, into diagnostics: inout [Diagnostic]) -> FrontMatter {
    let opening = SourceLocation(file: source.path, line: 1, column: 1)
    let text = source.text
    guard text.utf8.starts(with: "---".utf8) else {
      return FrontMatter(markdown: text[...], location: opening)
    }
    // Lines with their ends, scanned only as far as the closing fence.
    var lines: [Substring] = []
    var closed = false
    var rest = text[...]
    while !rest.isEmpty {
      // Bytes, not Characters: "\r\n" is one Character and would hide the "\n".
      let end =
        rest.utf8.firstIndex(of: UInt8(ascii: "\n")).map { rest.utf8.index(after: $0) } ?? rest.endIndex
      let line = rest[..<end]
      rest = rest[end...]
      if !lines.isEmpty && isFence(line) {
        lines.append(line)
        closed = true
        break
      }
      lines.append(line)
      if lines.count == 1 && !isFence(line) { return FrontMatter(markdown: text[...], location: opening) }
    }
    guard closed else {
      diagnostics.append(
        Diagnostic(.error, opening, "front matter opened by '---' on line 1 is never closed with '---'"))
      return FrontMatter(markdown: "", location: opening, isUnclosed: true)
    }
    // The Markdown is parsed from after the front matter, its lines shifted by the front
    // matter's; the YAML gets an empty first line so its lines match the file's too.
    let yaml = "\n" + lines.dropFirst().dropLast().joined()
    var matter = FrontMatter(markdown: rest, lineOffset: lines.count, location: opening)
    matter.readFields(yaml, file: source.path, into: &diagnostics)
    return matter
  }

  private static func isFence(_ line: Substring) -> Bool {
    var trimmed = line
    while let last = trimmed.last,
      last == " " || last == "\t" || last == "\r" || last == "\n" || last == "\r\n"
    {
      trimmed.removeLast()
    }
    return trimmed == "---"
  }

  private mutating func readFields(_ yaml: String, file: String, into diagnostics: inout [Diagnostic]) {
    let node: Yams.Node?
    do {
      node = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      diagnostics.append(Self.diagnostic(for: error, file: file, fallback: location))
      return
    } catch {
      diagnostics.append(Diagnostic(.error, location, "front matter is not valid YAML: \(error)"))
      return
    }
    guard let node else { return }
    guard let mapping = node.mapping else {
      diagnostics.append(
        Diagnostic(.error, location, "front matter must be YAML keys and values (like 'title: My course')"))
      return
    }
    for (key, value) in mapping {
      if let name = key.string { fields[name] = value }
    }
  }

  private static func diagnostic(for error: YamlError, file: String, fallback: SourceLocation) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
      let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
      return Diagnostic(
        .error, SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1)),
        "front matter is not valid YAML: \(what)")
    case .composer(let context, let problem, let mark, _):
      let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
      return Diagnostic(
        .error, SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1)),
        "front matter is not valid YAML: \(what)")
    default:
      return Diagnostic(.error, fallback, "front matter is not valid YAML: \(error)")
    }
  }

  /// Where a field's value stands, or the opening `---`.
  func location(of key: String) -> SourceLocation {
    guard let mark = fields[key]?.mark else { return location }
    return SourceLocation(file: location.file, line: mark.line, column: mark.column)
  }

  /// A string field; a value of another type is an error.
  func string(_ key: String, into diagnostics: inout [Diagnostic]) -> String? {
    guard let node = fields[key] else { return nil }
    guard let scalar = node.scalar, !scalar.string.trimmed.isEmpty else {
      diagnostics.append(Diagnostic(.error, location(of: key), "'\(key)' must be a line of text"))
      return nil
    }
    return scalar.string.trimmed
  }

  /// `pass`: a whole number from 1 to 100.
  func pass(into diagnostics: inout [Diagnostic]) -> Int? {
    guard let node = fields["pass"] else { return nil }
    if let text = node.scalar?.string, let value = Int(text.trimmed),
      (1...100).contains(value)
    {
      return value
    }
    let shown = node.scalar?.string ?? "a list or mapping"
    diagnostics.append(
      Diagnostic(.error, location(of: "pass"), "'pass' must be a whole number from 1 to 100, not '\(shown)'"))
    return nil
  }

  /// Where `name` stands in the list of names under `key`, else where the key's value is.
  func location(ofName name: String, in key: String) -> SourceLocation {
    let element = fields[key]?.sequence?.first { $0.scalar?.string.trimmed == name }
    guard let mark = element?.mark else { return location(of: key) }
    return SourceLocation(file: location.file, line: mark.line, column: mark.column)
  }

  /// A list of names (`[a, b]`, a block list, or one name alone).
  func names(_ key: String, into diagnostics: inout [Diagnostic]) -> [String]? {
    guard let node = fields[key] else { return nil }
    if let scalar = node.scalar {
      let value = scalar.string.trimmed
      return value.isEmpty ? [] : [value]
    }
    if let sequence = node.sequence {
      var names: [String] = []
      for element in sequence {
        guard let value = element.scalar?.string.trimmed, !value.isEmpty else {
          let mark = element.mark.map {
            SourceLocation(file: location.file, line: $0.line, column: $0.column)
          }
          diagnostics.append(Diagnostic(.error, mark ?? location(of: key), "'\(key)' must list names"))
          continue
        }
        names.append(value)
      }
      return names
    }
    diagnostics.append(
      Diagnostic(.error, location(of: key), "'\(key)' must be a list like [frontline, manager]"))
    return nil
  }
}
