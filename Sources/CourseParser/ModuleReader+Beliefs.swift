import CourseModel

extension ModuleReader {
  /// Reads a `## Beliefs:` section: an introduction and belief items.
  mutating func readBeliefs(_ body: ArraySlice<Block>) -> Section.Content {
    let (intro, entries) = items(in: body)
    checkShownText(intro, in: .belief)
    var items: [BeliefItem] = []
    items.reserveCapacity(entries.count)
    for (heading, blocks) in entries {
      if let item = readBelief(heading, blocks: blocks) { items.append(item) }
    }
    return .beliefs(intro: intro, items: items)
  }

  private mutating func readBelief(_ heading: HeadingText, blocks: ArraySlice<Block>) -> BeliefItem? {
    checkStrayID(heading)
    guard let kind = heading.kind(among: BeliefItem.Kind.self) else {
      reportUnknownBelief(heading, blocks: blocks)
      return nil
    }
    let id = heading.id(into: &diagnostics)
    if let id, kind == .agree || kind == .rate {
      idPlaces.add(id, written: heading.explicitID, heading: heading.location)
    }
    if heading.title.isEmpty {
      diagnostics.append(
        Diagnostic(
          .error, heading.location, "the \(kind.rawValue.capitalized) item needs a statement after the colon")
      )
    }
    var item: [Diagnostic.Related] { [Diagnostic.Related(heading.location, "the item")] }
    checkShownText(blocks, in: .belief)
    checkDeeperItemHeadings(blocks)
    let listIndex = blocks.firstIndex { $0.listItems != nil }
    let list = listIndex.map { (blocks[$0].listItems ?? []).map { Self.itemText($0) } }
    var guidance = Array(blocks)
    let body: BeliefItem.Body?
    switch kind {
    case .agree: body = .agree
    case .reflect: body = .reflect
    case .rate:
      if let list, let listIndex {
        guidance.remove(at: listIndex - blocks.startIndex)
        let listBlock = blocks[listIndex]
        let at = listBlock.location ?? heading.location
        if let empty = list.firstIndex(where: \.isEmpty) {
          let label = listBlock.listItems![empty]
          diagnostics.append(
            Diagnostic(
              .error, label.first?.location ?? lines.listItem(empty, ofListAt: at) ?? at,
              "label \(empty + 1) of the Rate scale has no text",
              related: item))
          body = nil
        } else if (3...7).contains(list.count) {
          body = .rate(labels: list)
        } else {
          diagnostics.append(
            Diagnostic(
              .error, at, "a Rate scale needs 3 to 7 labels; this one has \(list.count)", related: item))
          body = nil
        }
      } else {
        body = .rate(labels: BeliefItem.defaultRateLabels)
      }
    case .rank:
      if let list, let listIndex, list.count >= 2, !list.contains(where: \.isEmpty) {
        guidance.remove(at: listIndex - blocks.startIndex)
        body = .rank(list)
      } else if let list, let listIndex, let empty = list.firstIndex(where: \.isEmpty),
        let at = blocks[listIndex].location
      {
        let entry = blocks[listIndex].listItems![empty]
        diagnostics.append(
          Diagnostic(
            .error, entry.first?.location ?? lines.listItem(empty, ofListAt: at) ?? at,
            "Rank item \(empty + 1) has no text", related: item))
        body = nil
      } else {
        diagnostics.append(
          Diagnostic(
            .error, listIndex.flatMap { blocks[$0].location } ?? heading.location,
            "a Rank item needs a list of at least two things to put in order",
            related: listIndex == nil ? [] : item))
        body = nil
      }
    }
    guard let id, let body, !heading.title.isEmpty else { return nil }
    return BeliefItem(
      id: id, prompt: heading.title, location: heading.location, guidance: guidance, body: body)
  }

  /// A `### ` heading in a belief section without Agree, Rate, Reflect or Rank: say what
  /// was meant, when it can be told.
  private mutating func reportUnknownBelief(_ heading: HeadingText, blocks: ArraySlice<Block>) {
    let words = BeliefItem.Kind.allCases.map { $0.rawValue.capitalized }
    let message: String
    var fix: String?
    var end: SourceLocation?
    if let word = heading.kindWord, ItemKindWord.section(of: word) == .drill {
      message =
        "'\(word):' questions have a right answer and go in a '## Drill:' section; "
        + "to ask for a personal order here, use 'Rank:'"
    } else if let (word, title) = heading.itemKindWithoutColon, ItemKindWord.section(of: word) == .beliefs {
      let meant = heading.written(level: 3, kind: word, title: title)
      message = "'\(word)' has no colon after it, so this is not read as a belief item: write '\(meant)'"
      fix = meant
      end = heading.location.movedRight(by: lines.bytes(ofLine: heading.location.line).count)
    } else if let found = AnswerSyntax.all(in: blocks).first {
      message =
        "a belief item starts with Agree:, Rate:, Reflect: or Rank:; this one has \(found.described) "
        + "(on line \(found.location.line)), and a question with right answers goes in a '## Drill:' section"
    } else if let word = heading.kindWord {
      let suggestion = nearest(to: word, among: words)
      message =
        "a belief item starts with Agree:, Rate:, Reflect: or Rank: ('\(word):' is not one; did you mean '\(suggestion):'?)"
      fix = "### \(suggestion):"
      end = heading.location.movedRight(by: 4 + word.utf8.count + 1)
    } else {
      message = "a belief item starts with Agree:, Rate:, Reflect: or Rank:"
    }
    diagnostics.append(Diagnostic(.error, heading.location, message, end: end, fix: fix))
  }

  /// A `#### Agree:` (one `#` too many) is read as part of the item above: say so.
  private mutating func checkDeeperItemHeadings(_ blocks: ArraySlice<Block>) {
    for block in blocks {
      guard case .heading(let level, let inlines) = block.kind, level > 3, let location = block.location,
        let word = HeadingText(inlines, at: location).kindWord, ItemKindWord.section(of: word) == .beliefs
      else { continue }
      diagnostics.append(
        Diagnostic(
          .warning, location,
          "'\(String(repeating: "#", count: level)) \(word):' is read as part of the item above: belief items are '### ' headings",
          end: location.movedRight(by: level), fix: "###"))
    }
  }

  /// Reads a `## Creed:` section: paragraphs that introduce it, its list of statements,
  /// and what follows the list.
  mutating func readCreed(_ body: ArraySlice<Block>, sectionID: String, heading: HeadingText)
    -> Section.Content
  {
    checkShownText(body, in: .creed)
    guard let listIndex = body.firstIndex(where: { $0.listItems != nil }),
      let items = body[listIndex].listItems,
      !items.isEmpty
    else {
      diagnostics.append(
        Diagnostic(.error, heading.location, "the creed has no statements: list them, one '- ' item each"))
      return .creed(Creed(intro: Array(body), statements: []))
    }
    var statements: [Creed.Statement] = []
    let listLocation = body[listIndex].location
    for (index, item) in items.enumerated() {
      // An item starts at its marker, in the list's column, on its first paragraph's line.
      let location =
        item.first?.location.map { first in
          SourceLocation(file: first.file, line: first.line, column: listLocation?.column ?? first.column)
        } ?? listLocation.flatMap { lines.listItem(index, ofListAt: $0) } ?? listLocation
      let text = item.first?.paragraphInlines?.plainText.trimmed ?? ""
      if text.isEmpty {
        diagnostics.append(
          Diagnostic(.error, location ?? heading.location, "creed statement \(index + 1) has no text"))
        continue
      }
      statements.append(
        Creed.Statement(
          id: "\(sectionID)-\(index + 1)", text: text, explanation: Array(item.dropFirst()),
          location: location))
    }
    return .creed(
      Creed(
        intro: Array(body[..<listIndex]), statements: statements, closing: Array(body[(listIndex + 1)...])))
  }
}
