import CourseModel

extension ModuleReader {
  /// Reads a `## Beliefs:` section: an introduction and belief items.
  mutating func readBeliefs(_ body: ArraySlice<Block>) -> Section.Content {
    let (intro, entries) = items(in: body)
    let items = entries.compactMap { readBelief($0.0, blocks: $0.1) }
    return .beliefs(intro: intro, items: items)
  }

  private mutating func readBelief(_ heading: HeadingText, blocks: ArraySlice<Block>) -> BeliefItem? {
    guard let kind = heading.kind(among: BeliefItem.Kind.self) else {
      let words = BeliefItem.Kind.allCases.map { $0.rawValue.capitalized }
      let hint =
        heading.kindWord.map { " ('\($0):' is not one; did you mean '\(nearest(to: $0, among: words)):'?)" }
        ?? ""
      diagnostics.append(
        Diagnostic(
          .error, heading.location,
          "a belief item starts with Agree:, Rate:, Reflect: or Rank:\(hint)"))
      return nil
    }
    let id = heading.id(into: &diagnostics)
    if heading.title.isEmpty {
      diagnostics.append(
        Diagnostic(
          .error, heading.location, "the \(kind.rawValue.capitalized) item needs a statement after the colon")
      )
    }
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
        if let empty = list.firstIndex(where: \.isEmpty) {
          diagnostics.append(
            Diagnostic(.error, heading.location, "label \(empty + 1) of the Rate scale has no text"))
          body = nil
        } else if (3...7).contains(list.count) {
          body = .rate(labels: list)
        } else {
          diagnostics.append(
            Diagnostic(
              .error, heading.location, "a Rate scale needs 3 to 7 labels; this one has \(list.count)"))
          body = nil
        }
      } else {
        body = .rate(labels: BeliefItem.defaultRateLabels)
      }
    case .rank:
      if let list, let listIndex, list.count >= 2, !list.contains(where: \.isEmpty) {
        guidance.remove(at: listIndex - blocks.startIndex)
        body = .rank(list)
      } else {
        diagnostics.append(
          Diagnostic(
            .error, heading.location, "a Rank item needs a list of at least two things to put in order"))
        body = nil
      }
    }
    guard let id, let body, !heading.title.isEmpty else { return nil }
    return BeliefItem(
      id: id, prompt: heading.title, location: heading.location, guidance: guidance, body: body)
  }

  /// Reads a `## Creed:` section: paragraphs that introduce it, its list of statements,
  /// and what follows the list.
  mutating func readCreed(_ body: ArraySlice<Block>, sectionID: String, heading: HeadingText)
    -> Section.Content
  {
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
        } ?? listLocation
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
