import CourseModel

/// Reads one module file into a ``Module``.
struct ModuleReader {
  /// What a module inherits from its course.
  struct CourseContext: Sendable {
    var pass: Int
    var roles: [String]
  }

  let file: String
  let course: CourseContext
  var diagnostics: [Diagnostic] = []
  /// Where the module's explicit `id:` stands, if it has one.
  var idLocation: SourceLocation?

  init(file: String, course: CourseContext) {
    self.file = file
    self.course = course
  }

  /// Reads the module, or returns `nil` when it has no H1 (after reporting why).
  mutating func read(_ source: SourceFile, defaultID: String) -> Module? {
    let matter = FrontMatter.split(source, into: &diagnostics)
    if matter.isUnclosed { return nil }
    let blocks = MarkdownConverter.parse(matter.markdown, file: file, lineOffset: matter.lineOffset)
    let id = matter.string("id", into: &diagnostics) ?? defaultID
    if matter.fields["id"] != nil { idLocation = matter.location(of: "id") }
    let pass = matter.pass(into: &diagnostics) ?? course.pass
    let audience = checkedAudience(matter)

    guard let h1 = blocks.firstIndex(where: { $0.headingLevel == 1 }),
      case .heading(_, let inlines) = blocks[h1].kind
    else {
      diagnostics.append(
        Diagnostic(
          .error, firstContentLocation(blocks), "a module needs a title: start it with a line '# Title'"))
      return nil
    }
    let titleLocation = blocks[h1].location ?? SourceLocation(file: file, line: 1, column: 1)
    let title = Slug.splitExplicitID(inlines.plainText).text
    if title.isEmpty { diagnostics.append(Diagnostic(.error, titleLocation, "the module title is empty")) }
    if let stray = blocks[..<h1].first(where: { !$0.isHTML }) {
      diagnostics.append(
        Diagnostic(
          .error, stray.location ?? titleLocation, "text before the module title: move it below the '# ' line"
        ))
    }

    var rest = blocks[(h1 + 1)...]
    let overviewBlocks = rest.prefix { $0.headingLevel != 1 && $0.headingLevel != 2 }
    rest = rest.dropFirst(overviewBlocks.count)
    let (overview, moduleNotes) = FacilitatorNotes.split(overviewBlocks)
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
            .error, location,
            "a module has one title ('# '); the title is on line \(titleLocation.line): use '## ' for a section"
          ))
        continue
      }
      let (kept, notes) = FacilitatorNotes.split(body)
      guard var section = readSection(HeadingText(inlines, at: location), body: kept) else { continue }
      section.facilitator = notes
      if let earlier = sectionLines[section.id] {
        diagnostics.append(
          Diagnostic(
            .error, location,
            "duplicate section id '\(section.id)': first used at line \(earlier.line); add {#another-id}"))
      } else {
        sectionLines[section.id] = location
      }
      sections.append(section)
    }
    return Module(
      id: id, title: title, file: file, pass: pass, audience: audience, overview: Array(overview),
      sections: sections, location: titleLocation, facilitator: moduleNotes)
  }

  private mutating func checkedAudience(_ matter: FrontMatter) -> [String] {
    guard let audience = matter.names("audience", into: &diagnostics) else { return [] }
    for role in audience where !course.roles.contains(role) {
      let declared =
        course.roles.isEmpty
        ? "the course declares no roles (add 'roles:' to course.md)"
        : "the course's roles are \(course.roles.joined(separator: ", "))"
      diagnostics.append(
        Diagnostic(
          .error, matter.location(ofName: role, in: "audience"),
          "audience role '\(role)' is not declared: \(declared)"))
    }
    return audience
  }

  private func firstContentLocation(_ blocks: [Block]) -> SourceLocation {
    blocks.first?.location ?? SourceLocation(file: file, line: 1, column: 1)
  }

  /// Reads one H2 section and its body. Bodies stay slices of the module's blocks until
  /// the model takes its own arrays, so each block is copied once.
  private mutating func readSection(_ heading: HeadingText, body: ArraySlice<Block>) -> Section? {
    let kind = heading.kind(among: Section.Kind.self)
    if kind == nil, let word = heading.kindWord {
      let suggestion = nearest(to: word, among: Section.Kind.allCases.map { $0.rawValue.capitalized })
      diagnostics.append(
        Diagnostic(
          .warning, heading.location,
          "'\(word):' is not a section kind; did you mean '\(suggestion):'? (read as a lesson titled '\(heading.fullTitle)')"
        ))
    }
    let title = kind == nil ? heading.fullTitle : heading.title
    let id = heading.id(slugOf: title, into: &diagnostics)
    if title.isEmpty {
      diagnostics.append(Diagnostic(.error, heading.location, "the section needs a title after the colon"))
    }
    let content: Section.Content
    switch kind ?? .lesson {
    case .lesson: content = .lesson(Array(body))
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
