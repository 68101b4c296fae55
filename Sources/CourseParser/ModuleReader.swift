import CourseModel

/// Reads one module file into a ``Module``.
struct ModuleReader {
  /// What a module inherits from its course.
  struct CourseContext: Sendable {
    var pass: Int
    /// The roles the course declares; `nil` when its settings could not be read, so that
    /// audiences are not checked against a list that is not known.
    var roles: [String]?
    /// Whether the module's parsed blocks are handed back in ``ModuleReader/parsed`` rather than freed.
    var keepsParseTrees = false
  }

  let file: String
  let course: CourseContext
  var diagnostics: [Diagnostic] = []
  /// Where the module's explicit `id:` stands, if it has one.
  var idLocation: SourceLocation?
  /// Where each Agree and Rate item's id is written (its `{#id}`), or where one would go
  /// (the end of its heading), for a fix that gives the item another id.
  var idPlaces = ItemIDPlaces()
  /// The file's lines, for diagnostics that point inside a line.
  var lines: SourceLines
  /// Whether the module's settings could not be read, so its id is not known.
  var settingsFailed = false
  /// The blocks the file was parsed into, when ``CourseContext/keepsParseTrees`` asks.
  var parsed: [Block]?

  init(file: String, course: CourseContext) {
    self.file = file
    self.course = course
    lines = SourceLines(file: file, text: "")
  }

  /// Reads the module, or returns `nil` when it has no H1 (after reporting why).
  mutating func read(_ source: SourceFile, defaultID: String) -> Module? {
    lines = SourceLines(source)
    idPlaces = ItemIDPlaces(source)
    diagnostics += source.unsafeCharacterDiagnostics()
    let matter = FrontMatter.split(source, settings: .module, into: &diagnostics)
    settingsFailed = matter.failed
    if matter.isUnclosed { return nil }
    let blocks = MarkdownConverter.parse(matter.markdown, file: file, lineOffset: matter.lineOffset)
    if course.keepsParseTrees { parsed = blocks }
    let id = matter.string("id", into: &diagnostics) ?? defaultID
    if matter.fields["id"] != nil { idLocation = matter.location(of: "id") }
    let pass = matter.pass(into: &diagnostics) ?? course.pass
    let audience = checkedAudience(matter)

    guard let h1 = blocks.firstIndex(where: { $0.headingLevel == 1 }),
      case .heading(_, let inlines) = blocks[h1].kind
    else {
      reportMissingTitle(blocks)
      return nil
    }
    let titleLocation = blocks[h1].location ?? SourceLocation(file: file, line: 1, column: 1)
    let titleText = HeadingText(inlines, at: titleLocation)
    let title = titleText.fullTitle
    if title.isEmpty { diagnostics.append(Diagnostic(.error, titleLocation, "the module title is empty")) }
    if let explicitID = titleText.explicitID {
      let (start, end) = lines.span(
        of: "{#\(explicitID)}", inLine: titleLocation.line, fallback: titleLocation)
      diagnostics.append(
        Diagnostic(
          .warning, start,
          "'{#\(explicitID)}' on the module title is not read as the module's id: "
            + "set it in the settings at the top, 'id: \(explicitID)'", end: end))
    }
    checkStrayID(titleText)
    if let stray = blocks[..<h1].first(where: { !$0.isHTML }) {
      diagnostics.append(
        Diagnostic(
          .error, stray.location ?? titleLocation,
          "text before the module title: move it below the '# ' line",
          related: [Diagnostic.Related(titleLocation, "the title")]))
    }

    var rest = blocks[(h1 + 1)...]
    let overviewBlocks = rest.prefix { $0.headingLevel != 1 && $0.headingLevel != 2 }
    rest = rest.dropFirst(overviewBlocks.count)
    let (overview, moduleNotes) = FacilitatorNotes.split(overviewBlocks)
    checkShownText(overview, in: .overview)
    checkSectionKindSubheadings(overview, in: .overview)
    var sections: [Section] = []
    var sectionLines: [String: SourceLocation] = [:]
    while let heading = rest.first {
      rest = rest.dropFirst()
      let body = rest.prefix { $0.headingLevel != 1 && $0.headingLevel != 2 }
      rest = rest.dropFirst(body.count)
      guard case .heading(let level, let inlines) = heading.kind, let location = heading.location else {
        continue
      }
      if level == 1 {
        diagnostics.append(
          Diagnostic(
            .error, location, "a module has one title ('# '): use '## ' for a section",
            related: [Diagnostic.Related(titleLocation, "the module's title")]))
        continue
      }
      let (kept, notes) = FacilitatorNotes.split(body)
      guard var section = readSection(HeadingText(inlines, at: location), body: kept) else { continue }
      section.facilitator = notes
      if let earlier = sectionLines[section.id] {
        diagnostics.append(
          Diagnostic(
            .error, location, "duplicate section id '\(section.id)': add {#another-id} to one of the two",
            related: [Diagnostic.Related(earlier, "first used here")]))
      } else {
        sectionLines[section.id] = location
      }
      sections.append(section)
    }
    return Module(
      id: id, title: title, file: file, pass: pass, audience: audience, overview: Array(overview),
      sections: sections, location: titleLocation, facilitator: moduleNotes)
  }

  /// A module without a `# ` line: say so, and name a title written without its space.
  private mutating func reportMissingTitle(_ blocks: [Block]) {
    // A first line like '#Welcome' (a hashtag anywhere else) was meant as the title.
    if let first = blocks.first(where: { !$0.isHTML }),
      let squashed = SquashedHeading(first, allowingHashtag: true),
      squashed.level == 1
    {
      diagnostics.append(
        Diagnostic(
          .error, squashed.location,
          "'\(squashed.written)' is read as text: put a space after '#' to make it the module title",
          end: lines.lineEnd(from: squashed.location), fix: squashed.fix))
      return
    }
    diagnostics.append(
      Diagnostic(
        .error, blocks.first?.location ?? SourceLocation(file: file, line: 1, column: 1),
        "a module needs a title: start it with a line '# Title'"))
  }

  private mutating func checkedAudience(_ matter: FrontMatter) -> [String] {
    guard let audience = matter.names("audience", into: &diagnostics) else { return [] }
    // The course's settings could not be read: its error says so once.
    guard let roles = course.roles else { return audience }
    for role in audience where !roles.contains(role) {
      let declared =
        roles.isEmpty
        ? "the course declares no roles (add 'roles:' to course.md)"
        : "the course's roles are \(roles.joined(separator: ", "))"
      let at = matter.location(ofName: role, in: "audience")
      let near = roles.isEmpty ? nil : nearest(to: role, among: roles)
      let suggestion = near.flatMap { editDistance(role, $0) <= 2 ? $0 : nil }
      diagnostics.append(
        Diagnostic(
          .error, at,
          "audience role '\(role)' is not declared: \(declared)"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
          end: at.movedRight(by: role.utf8.count), fix: suggestion))
    }
    return audience
  }

  /// Reads one H2 section and its body. Bodies stay slices of the module's blocks until
  /// the model takes its own arrays, so each block is copied once.
  private mutating func readSection(_ heading: HeadingText, body: ArraySlice<Block>) -> Section? {
    let kind = heading.kind(among: Section.Kind.self)
    let title = kind == nil ? heading.fullTitle : heading.title
    let id = heading.id(slugOf: title, into: &diagnostics)
    if title.isEmpty {
      diagnostics.append(Diagnostic(.error, heading.location, "the section needs a title after the colon"))
    }
    checkStrayID(heading)
    let content: Section.Content
    switch kind ?? .lesson {
    case .lesson:
      checkLesson(body, heading: heading, readAsLesson: kind == nil)
      content = .lesson(Array(body))
    case .drill: content = readDrill(body, heading: heading)
    case .beliefs: content = readBeliefs(body)
    case .creed: content = readCreed(body, sectionID: id ?? "creed", heading: heading)
    }
    guard let id else { return nil }
    return Section(id: id, title: title, location: heading.location, content: content)
  }

  /// Splits a section body at its H3 headings: the blocks before the first, then each
  /// heading with its blocks.
  func items(in body: ArraySlice<Block>) -> (intro: [Block], items: [(HeadingText, ArraySlice<Block>)]) {
    let intro = Array(body.prefix { $0.headingLevel != 3 })
    var rest = body.dropFirst(intro.count)
    var items: [(HeadingText, ArraySlice<Block>)] = []
    items.reserveCapacity(rest.lazy.filter { $0.headingLevel == 3 }.count)
    while let heading = rest.first, case .heading(_, let inlines) = heading.kind,
      let location = heading.location
    {
      rest = rest.dropFirst()
      let blocks = rest.prefix { $0.headingLevel != 3 }
      rest = rest.dropFirst(blocks.count)
      items.append((HeadingText(inlines, at: location), blocks))
    }
    return (intro, items)
  }
}

extension Block {
  /// The level of a heading block, or `nil`.
  var headingLevel: Int? {
    if case .heading(let level, _) = kind { return level }
    return nil
  }

  var isHTML: Bool {
    if case .htmlBlock = kind { return true }
    return false
  }

  var isBlockQuote: Bool {
    if case .blockQuote = kind { return true }
    return false
  }

  /// The inlines of a paragraph, or `nil`.
  var paragraphInlines: [Inline]? {
    if case .paragraph(let inlines) = kind { return inlines }
    return nil
  }

  /// The items of a list, or `nil`.
  var listItems: [[Block]]? {
    if case .list(_, _, _, let items) = kind { return items }
    return nil
  }
}

/// The headings of a module's Agree and Rate items, whose id spans (``ItemIDSpan``) are
/// found in the file's lines only when a diagnostic asks for one: a course without such
/// a problem never splits its files into lines.
struct ItemIDPlaces: Sendable {
  private struct Place: Sendable {
    var id: String
    /// The `{#id}` as written in the heading, if it has one.
    var written: String?
    var heading: SourceLocation
  }

  private var source: SourceFile?
  private var places: [Place] = []

  init(_ source: SourceFile? = nil) { self.source = source }

  mutating func add(_ id: String, written: String?, heading: SourceLocation) {
    places.append(Place(id: id, written: written, heading: heading))
  }

  /// Each item's span, by id: its `{#id}`, or the end of its heading line (where one
  /// would be added); an id written where it cannot be found has none.
  func spans() -> [String: ItemIDSpan] {
    guard let source, !places.isEmpty else { return [:] }
    let lines = SourceLines(source)
    var spans: [String: ItemIDSpan] = [:]
    for place in places {
      if let written = place.written {
        let (start, end) = lines.span(
          of: "{#\(written)}", inLine: place.heading.line, fallback: place.heading)
        if let end { spans[place.id] = ItemIDSpan(start: start, end: end, written: true) }
      } else {
        let end = lines.lineEnd(from: place.heading)
        spans[place.id] = ItemIDSpan(start: end, end: end, written: false)
      }
    }
    return spans
  }
}

/// Where an item's `{#id}` is written, or where one would be added.
struct ItemIDSpan: Sendable, Hashable {
  var start: SourceLocation
  var end: SourceLocation
  /// Whether the heading has a `{#id}` (replaced by a fix) or not (a fix adds one).
  var written: Bool

  /// The fix that gives the item the id `id`.
  func fix(_ id: String) -> String { written ? "{#\(id)}" : " {#\(id)}" }
}
