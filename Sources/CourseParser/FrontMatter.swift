import CourseModel
import Yams

/// The YAML front matter of a course or module file, and the Markdown that follows it.
struct FrontMatter {
  /// Which file the settings belong to, and so which keys they may have.
  enum Settings {
    case course, module

    var keys: [String] {
      switch self {
      case .course: ["id", "title", "pass", "roles"]
      case .module: ["id", "audience", "pass"]
      }
    }

    var fileName: String {
      switch self {
      case .course: "course.md"
      case .module: "a module"
      }
    }
  }

  /// The Markdown after the front matter.
  var markdown: Substring
  /// How many lines the front matter takes: add it to a line of `markdown` to get the
  /// line in the file.
  var lineOffset = 0
  /// The top-level keys and their nodes; empty without front matter.
  var fields: [String: Yams.Node] = [:]
  /// Where each key stands.
  var keyLocations: [String: SourceLocation] = [:]
  /// Where the opening `---` stands.
  var location: SourceLocation
  /// Whether the front matter was opened and never closed: the file cannot be read further.
  var isUnclosed = false
  /// Whether the settings could not be read (YAML that does not parse, not a mapping):
  /// what depends on them must not be checked, or one mistake would be reported many times.
  var failed = false
  /// The front matter's lines (numbered as in the file), for columns inside a line.
  var lines: SourceLines?

  /// Splits front matter from a file's text.
  ///
  /// Front matter is YAML between a first line `---` and the next line `---`. Problems
  /// (never closed, YAML that does not parse, not a mapping, unknown keys, settings that
  /// start below line 1) are appended to `diagnostics`; the Markdown is still returned so
  /// the rest of the file is checked.
  static func split(
    _ source: SourceFile, settings: Settings = .module, into diagnostics: inout [Diagnostic]
  ) -> FrontMatter {
    let opening = SourceLocation(file: source.path, line: 1, column: 1)
    let text = source.text
    guard text.utf8.starts(with: "---".utf8) else {
      if let late = lateOpening(text, file: source.path) {
        diagnostics.append(late.diagnostic)
        return splitFence(
          text, skipping: late.skipped, source: source, settings: settings, into: &diagnostics)
      }
      return FrontMatter(markdown: text[...], location: opening)
    }
    return splitFence(text, skipping: 0, source: source, settings: settings, into: &diagnostics)
  }

  private static func splitFence(
    _ text: String, skipping skipped: Int, source: SourceFile, settings: Settings,
    into diagnostics: inout [Diagnostic]
  ) -> FrontMatter {
    let opening = SourceLocation(file: source.path, line: skipped + 1, column: 1)
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
      if lines.count > skipped && isFence(line) {
        lines.append(line)
        closed = true
        break
      }
      lines.append(line)
      if lines.count == skipped + 1 && !isFence(line) {
        return FrontMatter(markdown: text[...], location: opening)
      }
    }
    guard closed else {
      let dots = lines.dropFirst(skipped + 1).contains { $0.trimmed == "..." }
      diagnostics.append(
        Diagnostic(
          .error, opening,
          "front matter opened by '---' on line \(opening.line) is never closed: end the settings with a line '---'"
            + (dots ? " (not '...')" : "")))
      return FrontMatter(markdown: "", location: opening, isUnclosed: true)
    }
    // The Markdown is parsed from after the front matter, its lines shifted by the front
    // matter's; the YAML gets empty lines for the fence (and anything above it) so its
    // lines match the file's too.
    let yaml = String(repeating: "\n", count: skipped + 1) + lines.dropFirst(skipped + 1).dropLast().joined()
    // Its own lines: columns are looked up there, never in the (long) rest of the file.
    let yamlLines = SourceLines(file: source.path, text: yaml)
    var matter = FrontMatter(markdown: rest, lineOffset: lines.count, location: opening, lines: yamlLines)
    matter.readFields(yaml, settings: settings, into: &diagnostics)
    return matter
  }

  /// Settings whose `---` stands below blank lines: an error, but read as front matter, so
  /// the settings do not show up as a heading and a paragraph.
  private static func lateOpening(_ text: String, file: String) -> (skipped: Int, diagnostic: Diagnostic)? {
    var skipped = 0
    let lines = text.split(separator: "\n", maxSplits: 20, omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmed
      if trimmed.isEmpty {
        skipped += 1
        continue
      }
      // A thematic break below a blank line is Markdown; settings follow with 'name:'.
      guard isFence(line), skipped > 0, index + 1 < lines.count, looksLikeSetting(lines[index + 1]) else {
        return nil
      }
      return (
        skipped,
        Diagnostic(
          .error, SourceLocation(file: file, line: skipped + 1, column: 1),
          "settings ('---') must start on the first line of the file: remove the \(skipped) blank line"
            + (skipped == 1 ? "" : "s") + " above")
      )
    }
    return nil
  }

  /// `name:` at the start of a line, as a setting is written.
  private static func looksLikeSetting(_ line: Substring) -> Bool {
    let name = line.prefix { $0.isLetter || $0 == "_" || $0 == "-" }
    return !name.isEmpty && line.dropFirst(name.count).drop { $0 == " " }.first == ":"
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

  private mutating func readFields(_ yaml: String, settings: Settings, into diagnostics: inout [Diagnostic]) {
    let node: Yams.Node?
    do {
      // Values are read as written (scalar.string), so no tag is resolved: the basic resolver
      // spares every run the compiling of the default one's regular expressions.
      node = try Yams.compose(yaml: yaml, .basic)
    } catch let error as YamlError {
      failed = true
      diagnostics.append(YAMLProblem.diagnostic(for: error, yaml: yaml, lines: lines, fallback: location))
      return
    } catch {
      failed = true
      diagnostics.append(Diagnostic(.error, location, "the settings are not valid YAML: \(error)"))
      return
    }
    guard let node else { return }
    guard let mapping = node.mapping else {
      failed = true
      diagnostics.append(
        Diagnostic(
          .error, nodeLocation(node) ?? location,
          "the settings must be names and values, one a line (like 'title: My course')"))
      return
    }
    for (key, value) in mapping {
      guard let name = key.string else { continue }
      fields[name] = value
      let at = nodeLocation(key) ?? location
      keyLocations[name] = at
      if !settings.keys.contains(name) {
        diagnostics.append(Self.unknownKey(name, at: at, settings: settings))
      }
      checkUnsafeCharacters(in: value, key: name, into: &diagnostics)
    }
  }

  /// A warning for a key the file does not use, with the nearest known one.
  private static func unknownKey(_ name: String, at location: SourceLocation, settings: Settings)
    -> Diagnostic
  {
    let end = location.movedRight(by: name.utf8.count)
    let known = settings.keys
    switch (settings, name.lowercased()) {
    case (.module, "title"):
      return Diagnostic(
        .warning, location, "'title' is not a module setting: a module's title is its '# ' line", end: end)
    case (.module, "roles"):
      return Diagnostic(
        .warning, location, "'roles' is set in course.md; a module names its roles with 'audience'", end: end,
        fix: "audience")
    case (.course, "audience"):
      return Diagnostic(
        .warning, location,
        "'audience' is a module setting: set it in each module file that is not for everyone", end: end)
    default: break
    }
    let suggestion = nearest(to: name, among: known)
    if editDistance(name.lowercased(), suggestion) <= max(2, name.count / 3) {
      return Diagnostic(
        .warning, location, "'\(name)' is not a setting; did you mean '\(suggestion)'? (it is ignored)",
        end: end,
        fix: suggestion)
    }
    let list = known.dropLast().joined(separator: ", ") + " and " + known.last!
    return Diagnostic(
      .warning, location,
      "'\(name)' is not a setting of \(settings.fileName) (it is ignored): the settings are \(list)",
      end: end)
  }

  /// Errors for control characters that a quoted YAML value spells with escapes (`"\e"`);
  /// raw ones are reported with the rest of the file.
  private func checkUnsafeCharacters(in node: Yams.Node, key: String, into diagnostics: inout [Diagnostic]) {
    switch node {
    case .scalar(let scalar):
      guard let unsafe = scalar.string.unicodeScalars.first(where: UnsafeCharacter.isUnsafe) else { return }
      let at = nodeLocation(node) ?? location
      let raw = lines?.text(ofLine: at.line).unicodeScalars.contains(where: UnsafeCharacter.isUnsafe) ?? false
      guard !raw else { return }
      diagnostics.append(
        Diagnostic(
          .error, at,
          "'\(key)' holds a control character (\(UnsafeCharacter.describe(unsafe))) written as an escape: "
            + "a terminal would act on it, so remove it"))
    case .sequence(let sequence):
      for element in sequence { checkUnsafeCharacters(in: element, key: key, into: &diagnostics) }
    case .mapping(let mapping):
      for (_, value) in mapping { checkUnsafeCharacters(in: value, key: key, into: &diagnostics) }
    case .alias: break
    }
  }

  /// Where a YAML node stands, as a byte column.
  func nodeLocation(_ node: Yams.Node) -> SourceLocation? {
    guard let mark = node.mark else { return nil }
    let column = lines?.byteColumn(ofCharacterColumn: mark.column, inLine: mark.line) ?? mark.column
    return SourceLocation(file: location.file, line: mark.line, column: max(column, 1))
  }

  /// Where a field's value stands, or the opening `---`.
  func location(of key: String) -> SourceLocation {
    fields[key].flatMap(nodeLocation) ?? location
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
    let written = shown.trimmed
    var fix: String?
    if written.hasSuffix("%"), let value = Int(written.dropLast().trimmed), (1...100).contains(value) {
      fix = String(value)
    }
    let at = location(of: "pass")
    diagnostics.append(
      Diagnostic(
        .error, at,
        "'pass' must be a whole number from 1 to 100, not '\(shown)'"
          + (fix.map { ": write \($0), without '%'" } ?? ""),
        end: node.scalar == nil ? nil : at.movedRight(by: shown.utf8.count), fix: fix))
    return nil
  }

  /// What trainers put between names when they do not write a list.
  private static let nameSeparators: Set<Character> = [",", ";", "|", "/"]

  /// The names in one piece of text: split at commas, semicolons, bars and slashes, else
  /// (with `onSpaces`) at spaces.
  private static func splitNames(_ text: String, onSpaces: Bool = true) -> [String] {
    if text.contains(where: { nameSeparators.contains($0) }) {
      return text.split(whereSeparator: { nameSeparators.contains($0) }).map { $0.trimmed }.filter {
        !$0.isEmpty
      }
    }
    guard onSpaces else { return [text] }
    // `desk and manager`: the joining word is not a name.
    return text.split(whereSeparator: \.isWhitespace).map(String.init).filter {
      $0.lowercased() != "and" && $0 != "&"
    }
  }

  /// Where `name` stands in the list of names under `key`, else where the key's value is.
  func location(ofName name: String, in key: String) -> SourceLocation {
    let element = fields[key]?.sequence?.first { $0.scalar?.string.trimmed == name }
    return element.flatMap(nodeLocation) ?? location(of: key)
  }

  /// A list of names (`[a, b]`, a block list, or one name alone).
  ///
  /// One line of text that reads as several names (`roles: desk, supervisor`,
  /// `roles: desk manager`, `roles: desk; manager`) is one error that says how to write
  /// a list; the names are still read, so nothing else reports them. A name with a space
  /// in it is written inside a list: `roles: [front desk]`.
  func names(_ key: String, into diagnostics: inout [Diagnostic]) -> [String]? {
    guard let node = fields[key] else { return nil }
    if let scalar = node.scalar {
      let value = scalar.string.trimmed
      let names = Self.splitNames(value)
      if names.count > 1 {
        let list = "[" + names.joined(separator: ", ") + "]"
        let at = location(of: key)
        let spaced = !value.contains(where: { Self.nameSeparators.contains($0) })
        diagnostics.append(
          Diagnostic(
            .error, at,
            "'\(key): \(value)' is one piece of text, not a list: write \(key): \(list)"
              + (spaced ? " (or \(key): [\(value)] for one name with spaces in it)" : ""),
            end: at.movedRight(
              by: scalar.string.utf8.count
                + (scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 2 : 0)),
            fix: list))
        return names
      }
      return value.isEmpty ? [] : [value]
    }
    if let sequence = node.sequence {
      var names: [String] = []
      for element in sequence {
        guard let value = element.scalar?.string.trimmed, !value.isEmpty else {
          diagnostics.append(
            Diagnostic(.error, nodeLocation(element) ?? location(of: key), "'\(key)' must list names"))
          continue
        }
        // `[desk; manager]`: names kept apart by something other than a comma.
        if value.contains(where: { Self.nameSeparators.contains($0) && $0 != "," }) {
          let parts = Self.splitNames(value, onSpaces: false)
          let at = nodeLocation(element) ?? location(of: key)
          diagnostics.append(
            Diagnostic(
              .error, at,
              "'\(value)' is read as one name: names in a list are kept apart by commas, "
                + "so write \(parts.joined(separator: ", "))",
              end: at.movedRight(by: value.utf8.count), fix: parts.joined(separator: ", ")))
          names += parts
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
