import CourseModel

extension HeadingText {
  /// A `{#id}` that is not where an id is read (the end of the heading), as written:
  /// `{#id}` in the middle, or `{ #id }` with spaces anywhere. Learners see it.
  ///
  /// At the end of a heading, ids written in other ways are stray too: `{: #id}` (another
  /// Markdown tool's form), `{id}` (no `#`) and `[#id]` (square brackets).
  /// - Parameter otherForms: whether `{id}` and `[#id]` count (not on a lesson's
  ///   subheadings, whose braces and brackets are as likely to be text).
  func strayID(otherForms: Bool = true) -> String? {
    guard let stray = findStrayID(otherForms: otherForms) else { return nil }
    return codeTexts.contains { $0.contains(stray) } ? nil : stray
  }

  private func findStrayID(otherForms: Bool) -> String? {
    if fullTitle.containsByte(UInt8(ascii: "{")) {
      let utf8 = fullTitle.utf8
      var index = utf8.startIndex
      while let open = utf8[index...].firstIndex(of: UInt8(ascii: "{")) {
        var cursor = utf8.index(after: open)
        while cursor < utf8.endIndex, utf8[cursor] == UInt8(ascii: " ") || utf8[cursor] == UInt8(ascii: ":") {
          cursor = utf8.index(after: cursor)
        }
        if cursor < utf8.endIndex, utf8[cursor] == UInt8(ascii: "#"),
          let close = utf8[cursor...].firstIndex(of: UInt8(ascii: "}"))
        {
          return String(fullTitle[open...close])
        }
        index = utf8.index(after: open)
      }
    }
    guard otherForms, explicitID == nil, let last = fullTitle.last, last == "}" || last == "]" else {
      return nil
    }
    let open: Character = last == "}" ? "{" : "["
    guard let start = fullTitle.lastIndex(of: open) else { return nil }
    let inside = fullTitle[fullTitle.index(after: start)..<fullTitle.index(before: fullTitle.endIndex)]
    let name = open == "[" && inside.first == "#" ? inside.dropFirst() : inside
    // Lowercase, digits and dashes: a slug-like name, not text in braces.
    guard open == "{" || inside.first == "#", name.contains("-") || name.count <= 24,
      Slug.isValidExplicitID(String(name)), name.allSatisfy({ !$0.isUppercase })
    else { return nil }
    return String(fullTitle[start...])
  }

  /// The first word, when it is a section kind written without its colon
  /// (`Drill Policy check`, `Drill - Policy check`): the kind, the title meant, and
  /// whether punctuation stood where the colon belongs (a stronger sign).
  var kindWithoutColon: (kind: Section.Kind, title: String, punctuated: Bool)? {
    guard let (word, title, punctuated) = wordWithoutColon else { return nil }
    let lowered = word.lowercased()
    guard
      let kind: Section.Kind = lowered == "belief" ? .beliefs : Section.Kind(rawValue: lowered),
      kind != .lesson
    else { return nil }
    return (kind, title, punctuated)
  }

  /// The first word, when it is an item kind written without its colon (`Order Steps`,
  /// `Agree - Service matters`): the kind word as it should be written, and the title meant.
  var itemKindWithoutColon: (word: String, title: String)? {
    guard let (word, title, _) = wordWithoutColon, ItemKindWord.section(of: word) != nil else { return nil }
    return (ItemKindWord.shown(word), title)
  }

  /// The first word and the title after it, when no colon follows the word (a space or
  /// a stand-in for the colon does), and whether a stand-in stood there.
  private var wordWithoutColon: (word: String, title: String, punctuated: Bool)? {
    guard kindWord == nil else { return nil }
    let word = fullTitle.prefix { $0.isLetter }
    let after = fullTitle.dropFirst(word.count)
    guard !word.isEmpty, let next = after.first, next == " " || Self.colonStandIns.contains(next) else {
      return nil
    }
    let trimmed = after.drop { $0 == " " }
    let punctuated = trimmed.first.map(Self.colonStandIns.contains) ?? false
    let title = (punctuated ? trimmed.dropFirst() : trimmed).trimmed
    guard !title.isEmpty else { return nil }
    return (String(word), title, punctuated)
  }

  /// Punctuation that trainers write where the kind's colon belongs.
  private static let colonStandIns: Set<Character> = [
    "-", "–", "—", ".", ",", ";", "|", "/", "=", ">", "：", "﹕",
  ]

  /// The heading is a section kind and nothing else (`## Drill`), which reads as a lesson
  /// titled with the word.
  var bareKind: Section.Kind? {
    guard kindWord == nil else { return nil }
    let word = fullTitle.trimmed.lowercased()
    let kind: Section.Kind? = word == "belief" ? .beliefs : Section.Kind(rawValue: word)
    return kind == .lesson ? nil : kind
  }

  /// The heading written as `<marks> Kind: title {#id}`.
  func written(level: Int, kind: String, title: String) -> String {
    String(repeating: "#", count: level) + " \(kind): \(title)" + (explicitID.map { " {#\($0)}" } ?? "")
  }
}

/// The item kinds a heading can start with, by the section they belong in.
enum ItemKindWord {
  static let belief = ["agree", "rate", "reflect", "rank"]
  static let drill = ["order", "match"]

  /// `Agree` for `agree`.
  static func shown(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst().lowercased() }

  /// The section a kind word's items belong in, if it is an item kind word.
  static func section(of word: String) -> Section.Kind? {
    let lowered = word.lowercased()
    if belief.contains(lowered) { return .beliefs }
    if drill.contains(lowered) { return .drill }
    return nil
  }
}
