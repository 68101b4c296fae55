import CourseModel

/// Where text is shown to learners as written, for the messages that say so.
enum ShownRegion {
  case courseIntroduction, overview, lesson, drillIntroduction, question, hint, belief, creed

  /// `in a lesson`, `in the module overview`...
  var phrase: String {
    switch self {
    case .courseIntroduction: "in course.md, the course introduction,"
    case .overview: "in the module overview (before the first '## ' section)"
    case .lesson: "in a lesson"
    case .drillIntroduction: "in the drill's introduction (before its first '### ' question)"
    case .question: "in the question's text (its scenario or explanation)"
    case .hint: "in a hint (a learner who asks for it sees it before answering)"
    case .belief: "in a belief item"
    case .creed: "in a creed"
    }
  }

  /// What to do instead.
  var remedy: String {
    switch self {
    case .courseIntroduction: "questions go in a module file, under '### ' in a '## Drill:' section"
    case .overview, .lesson: "a question with answers goes under '### ' in a '## Drill:' section"
    case .drillIntroduction: "start the question with a '### ' heading above it"
    case .question: "only a question's own list or 'Answer:' line holds answers"
    case .hint: "a hint points the way; only the question's own list or 'Answer:' line holds answers"
    case .belief: "belief items have no right answer; a question with answers goes in a '## Drill:' section"
    case .creed: "creed statements have no marks; a question with answers goes in a '## Drill:' section"
    }
  }
}

extension ModuleReader {
  /// Checks text that learners see as written: answer syntax in it is an error (they
  /// would see the answer key), as is a `Facilitator:` paragraph (they would see the
  /// trainer's note); a heading written without a space after its `#` marks is a warning.
  /// - Parameter reportAnswers: `false` when the caller reports answer syntax itself.
  /// - Parameter reportSquashed: `false` when the caller names squashed headings itself.
  mutating func checkShownText(
    _ blocks: some Sequence<Block>, in region: ShownRegion, reportAnswers: Bool = true,
    reportSquashed: Bool = true
  ) {
    if reportAnswers {
      for found in AnswerSyntax.all(in: blocks) {
        diagnostics.append(
          Diagnostic(
            .error, found.location,
            "\(found.described) \(region.phrase) \(found.written == "Answer:" ? "is" : "are") shown to learners "
              + "as text: \(region.remedy)",
            end: found.location.movedRight(by: found.written.utf8.count)))
      }
    }
    for block in blocks {
      if case .blockQuote(let inner) = block.kind, let first = inner.first, let location = first.location,
        let inlines = first.paragraphInlines,
        let written = Self.nearMissWord("facilitator note", inlines)
          ?? Self.nearMissWord("facilitator", inlines)
      {
        diagnostics.append(
          Diagnostic(
            .error, location,
            "'\(written)' is not read as a facilitator note, so learners see this quote: write 'Facilitator:' "
              + "to keep it for the trainer", end: location.movedRight(by: written.utf8.count),
            fix: "Facilitator:"))
        continue
      }
      guard case .paragraph(let inlines) = block.kind, let location = block.location,
        let first = Self.firstByte(inlines), first == UInt8(ascii: "#") || first | 0x20 == UInt8(ascii: "f")
      else { continue }
      if let squashed = SquashedHeading(block) {
        guard reportSquashed else { continue }
        diagnostics.append(
          Diagnostic(
            .warning, location,
            "'\(squashed.written)' is read as text, not a heading: put a space after the '#' marks",
            end: lines.lineEnd(from: location), fix: squashed.fix))
      } else if Self.startsWord("facilitator:", inlines) {
        diagnostics.append(Self.facilitatorParagraph(at: location))
      }
    }
  }

  /// The first byte of a paragraph's text, looking into emphasis: a quick test before
  /// a slower one.
  static func firstByte(_ inlines: [Inline]) -> UInt8? {
    switch inlines.first {
    case .text(let text): text.utf8.first
    case .strong(let children), .emphasis(let children): firstByte(children)
    default: nil
    }
  }

  /// `Facilitator:` written as a plain paragraph: learners see it.
  static func facilitatorParagraph(at location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .error, location,
      "a 'Facilitator:' paragraph is shown to learners: start the line with '> ' to make it a note for the trainer",
      end: location, fix: "> ")
  }

  /// Whether a paragraph's text starts with `word` (ASCII, any case).
  static func startsWord(_ word: String, _ inlines: [Inline]) -> Bool {
    guard let first = inlines.first else { return false }
    switch first {
    case .text(let text):
      guard let byte = text.utf8.first, byte | 0x20 == word.utf8.first! else { return false }
    case .strong, .emphasis: break
    default: return false
    }
    return inlines.plainTextPrefix(word.utf8.count).hasPrefixIgnoringCase(word)
  }

  /// Checks a section read as a lesson: answer syntax in it, a heading that is almost a
  /// section kind, item headings that belong in another section, ids on subheadings,
  /// and a length past 20 minutes of reading.
  mutating func checkLesson(_ body: ArraySlice<Block>, heading: HeadingText, readAsLesson: Bool) {
    let shown = AnswerSyntax.all(in: body)
    let nearMiss = readAsLesson ? sectionNearMiss(heading) : nil
    if let nearMiss, let first = shown.first {
      diagnostics.append(
        Diagnostic(
          .error, heading.location,
          "\(nearMiss.reason), so this section is read as a lesson and learners would see "
            + "\(first.described) on line \(first.location.line) as text: write '\(nearMiss.fix)'",
          end: heading.location.movedRight(by: lines.bytes(ofLine: heading.location.line).count),
          fix: nearMiss.fix,
          related: [Diagnostic.Related(first.location, "shown to learners as text")]))
    } else if let nearMiss, nearMiss.warnAlone || hasItemHeadings(body, for: nearMiss.kind) {
      diagnostics.append(
        Diagnostic(
          .warning, heading.location,
          "\(nearMiss.reason), so this section is read as a lesson; did you mean '\(nearMiss.fix)'?",
          end: heading.location.movedRight(by: lines.bytes(ofLine: heading.location.line).count),
          fix: nearMiss.fix))
    }
    checkShownText(body, in: .lesson, reportAnswers: nearMiss == nil || shown.isEmpty)
    guard nearMiss == nil else { return }
    checkSectionKindSubheadings(body, in: .lesson)
    for block in body {
      guard case .heading(let level, let inlines) = block.kind, let location = block.location else {
        continue
      }
      let text = HeadingText(inlines, at: location)
      checkStrayID(text, otherForms: false)
      if let id = text.explicitID {
        let (start, end) = lines.span(of: "{#\(id)}", inLine: location.line, fallback: location)
        diagnostics.append(
          Diagnostic(
            .warning, start,
            "'{#\(id)}' on a lesson subheading is shown to learners: ids belong on '## ' sections and on the items of drills and belief sections",
            end: end, fix: ""))
      }
      if level == 3, let word = text.kindWord, let section = ItemKindWord.section(of: word) {
        diagnostics.append(
          Diagnostic(
            .warning, location,
            "'\(word):' in a lesson is a subheading, not \(section == .beliefs ? "a belief item" : "a question"): "
              + "'\(ItemKindWord.shown(word)):' items go in a '## \(section == .beliefs ? "Beliefs" : "Drill"):' section",
            end: location.movedRight(by: 4 + word.utf8.count + 1)))
      }
    }
    checkLength(body, heading: heading)
  }

  /// A `### Drill:` (a section kind one `#` too deep) is read as a subheading of the text
  /// around it: name the `## ` heading meant.
  mutating func checkSectionKindSubheadings(_ blocks: some Sequence<Block>, in region: ShownRegion) {
    for block in blocks {
      guard case .heading(let level, let inlines) = block.kind, level > 2, let location = block.location
      else {
        continue
      }
      let text = HeadingText(inlines, at: location)
      guard let word = text.kindWord, let kind = Section.Kind(rawValue: word.lowercased()) else { continue }
      let meant = text.written(level: 2, kind: kind.rawValue.capitalized, title: text.title)
      let marks = String(repeating: "#", count: level)
      diagnostics.append(
        Diagnostic(
          .warning, location,
          "'\(marks) \(word):' is a subheading \(region.phrase), not a section: sections are '## ' headings; "
            + "write '\(meant)'", end: lines.lineEnd(from: location), fix: meant))
    }
  }

  /// Lessons past this many words take over 20 minutes at 200 words a minute, the
  /// reading speed coach's time estimates use.
  static let longLessonWords = 4_000

  private mutating func checkLength(_ body: ArraySlice<Block>, heading: HeadingText) {
    // A word takes at least two bytes with its space: most lessons are dismissed here.
    guard Self.textBytes(body) >= 2 * Self.longLessonWords else { return }
    let words = Array(body).wordCount
    guard words > Self.longLessonWords else { return }
    diagnostics.append(
      Diagnostic(
        .warning, heading.location,
        "this lesson has \(words) words, over 20 minutes of reading: split it into several '## ' sections "
          + "(with a drill or a reflection between them)"))
  }

  /// The bytes of text in some blocks, without flattening them.
  private static func textBytes(_ blocks: some Sequence<Block>) -> Int {
    var count = 0
    for block in blocks {
      switch block.kind {
      case .paragraph(let inlines), .heading(_, let inlines): count += textBytes(inlines)
      case .list(_, _, _, let items): for item in items { count += textBytes(item) }
      case .blockQuote(let inner): count += textBytes(inner)
      case .codeBlock(_, let code): count += code.utf8.count
      case .htmlBlock, .thematicBreak: break
      }
    }
    return count
  }

  private static func textBytes(_ inlines: [Inline]) -> Int {
    var count = 0
    for inline in inlines {
      switch inline {
      case .text(let s), .code(let s): count += s.utf8.count
      case .emphasis(let children), .strong(let children), .link(_, _, let children),
        .image(_, _, let children):
        count += textBytes(children)
      case .softBreak, .lineBreak: count += 1
      case .html: break
      }
    }
    return count
  }

  /// Whether a lesson body has `### ` headings that look like the items of `kind`.
  private func hasItemHeadings(_ body: ArraySlice<Block>, for kind: Section.Kind?) -> Bool {
    body.contains { block in
      guard case .heading(3, let inlines) = block.kind, let location = block.location else { return false }
      let word = HeadingText(inlines, at: location).kindWord
      return word.flatMap(ItemKindWord.section) == kind && word != nil
    }
  }

  /// A section heading that is almost a kind: why it is not one, and the heading meant.
  struct SectionNearMiss {
    var reason: String
    var fix: String
    var kind: Section.Kind?
    /// Whether it is worth a warning even when the section shows nothing of the kind.
    var warnAlone: Bool
  }

  func sectionNearMiss(_ heading: HeadingText) -> SectionNearMiss? {
    if let word = heading.kindWord {
      if let section = ItemKindWord.section(of: word) {
        let sectionWord = section == .beliefs ? "Beliefs" : "Drill"
        return SectionNearMiss(
          reason:
            "'\(word):' starts an item, not a section (items are '### ' headings in a '## \(sectionWord):' section)",
          fix: heading.written(level: 3, kind: ItemKindWord.shown(word), title: heading.title), kind: section,
          warnAlone: true)
      }
      let kinds = Section.Kind.allCases.map { $0.rawValue.capitalized }
      let suggestion = nearest(to: word, among: kinds)
      return SectionNearMiss(
        reason: "'\(word):' is not a section kind",
        fix: heading.written(level: 2, kind: suggestion, title: heading.title),
        kind: Section.Kind(rawValue: suggestion.lowercased()), warnAlone: true)
    }
    if let kind = heading.bareKind {
      let word = kind.rawValue.capitalized
      return SectionNearMiss(
        reason:
          "'\(heading.fullTitle.trimmed)' alone is a lesson's title, not a section kind (a kind is followed by "
          + "a colon and the section's title)",
        fix:
          "## \(word): \(word == "Drill" ? "Practice" : word == "Beliefs" ? "Where you stand" : "Our promise")",
        kind: kind, warnAlone: false)
    }
    if let (kind, title, punctuated) = heading.kindWithoutColon {
      let word = kind.rawValue.capitalized
      return SectionNearMiss(
        reason: heading.fullTitle.dropFirst(word.count).first.map { "：﹕".contains($0) } == true
          ? "'\(word)' is followed by a full-width colon, which is not read as ':'"
          : "'\(word)' has no colon after it", fix: heading.written(level: 2, kind: word, title: title),
        kind: kind,
        warnAlone: punctuated)
    }
    return nil
  }

  /// A `{#id}` learners would see: in the middle of a heading, or written with spaces.
  mutating func checkStrayID(_ heading: HeadingText, otherForms: Bool = true) {
    guard let stray = heading.strayID(otherForms: otherForms) else { return }
    let (start, end) = lines.span(of: stray, inLine: heading.location.line, fallback: heading.location)
    let id = stray.dropFirst().drop { $0 == " " || $0 == "#" || $0 == ":" }.dropLast().trimmed
    let atEnd = heading.fullTitle.hasSuffix(stray) && heading.explicitID == nil
    let problem =
      atEnd
      ? "is not read as an id (an id is written '{#' and the id and '}', with no spaces), so learners see it"
      : "is not at the end of the heading, so learners see it: an id is read only as the last thing on the line"
    diagnostics.append(
      Diagnostic(
        .warning, start, "'\(stray)' \(problem); write '{#\(id)}'" + (atEnd ? "" : " at the end"), end: end,
        // Moving it to the end is two edits, so only the spaces get a fix.
        fix: atEnd ? "{#\(id)}" : nil))
  }
}

extension ModuleReader {
  /// The problems of course.md's introduction: learners see all of it as text, so a
  /// `## Drill:`, `## Beliefs:` or `## Creed:` section written there is an error (it
  /// belongs in a module file), and so is answer syntax anywhere in it.
  static func courseIntroductionDiagnostics(_ blocks: [Block], lines: SourceLines) -> [Diagnostic] {
    var reader = ModuleReader(file: lines.file, course: CourseContext(pass: 80, roles: nil))
    reader.lines = lines
    var rest = blocks[...]
    while !rest.isEmpty {
      let start = rest.first!
      let headed = start.headingLevel == 2 ? rest.dropFirst() : rest
      let chunk = headed.prefix { $0.headingLevel != 2 }
      rest = headed.dropFirst(chunk.count)
      guard case .heading(2, let inlines) = start.kind, let location = start.location,
        let kind = HeadingText(inlines, at: location).kind(among: Section.Kind.self), kind != .lesson
      else {
        reader.checkShownText(chunk, in: .courseIntroduction)
        continue
      }
      let shown = AnswerSyntax.all(in: chunk).first
      reader.checkShownText(chunk, in: .courseIntroduction, reportAnswers: false)
      let word = kind.rawValue.capitalized
      reader.diagnostics.append(
        Diagnostic(
          .error, location,
          "a '## \(word):' section in course.md is shown as text in the course introduction"
            + (shown.map { ", \($0.described) included" } ?? "")
            + ": move it into a module file and list that file in the contents",
          related: shown.map { [Diagnostic.Related($0.location, "shown to learners as text")] } ?? []))
    }
    return reader.diagnostics
  }
}
