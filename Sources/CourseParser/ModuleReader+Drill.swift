import CourseModel

extension ModuleReader {
  /// The H3 kind words of a drill.
  private enum DrillKind: String, CaseIterable {
    case order, match
  }

  /// Reads a `## Drill:` section: an introduction and questions.
  mutating func readDrill(_ body: ArraySlice<Block>, heading: HeadingText) -> Section.Content {
    let (intro, entries) = items(in: body)
    if entries.isEmpty {
      diagnostics.append(
        Diagnostic(.error, heading.location, "the drill has no questions: add '### ' questions with answers"))
    }
    let questions = entries.compactMap { readQuestion($0.0, blocks: $0.1) }
    return .drill(intro: intro, questions: questions)
  }

  private mutating func readQuestion(_ heading: HeadingText, blocks: ArraySlice<Block>) -> Question? {
    let kind = heading.kind(among: DrillKind.self)
    let prompt = kind == nil ? heading.fullTitle : heading.title
    let id = heading.id(slugOf: prompt, into: &diagnostics)
    if prompt.isEmpty {
      diagnostics.append(Diagnostic(.error, heading.location, "the question needs a prompt"))
    }

    // Hints may stand anywhere; they are never the answer list or line.
    let hints = blocks.compactMap(Self.hintText)
    let bodies = blocks.indices.filter { index in
      let block = blocks[index]
      return block.listItems != nil || (kind == nil && Self.answerText(block) != nil)
    }
    guard let bodyIndex = bodies.first else {
      let expected =
        switch kind {
        case .order: "an Order question needs a list of items in the right order"
        case .match: "a Match question needs a list of 'left -> right' pairs"
        case nil: "the question has no answers: add a '- [x]' choice list or an 'Answer:' line"
        }
      diagnostics.append(Diagnostic(.error, heading.location, expected))
      return nil
    }
    if bodies.count > 1 {
      let lines = bodies.compactMap { blocks[$0].location.map { String($0.line) } }.joined(separator: ", ")
      let keep =
        kind == nil
        ? "keep one '- [x]' choice list or one 'Answer:' line"
        : "keep one list of \(kind == .order ? "items" : "pairs")"
      diagnostics.append(
        Diagnostic(
          .error, heading.location,
          "the question has \(bodies.count) answer lists or 'Answer:' lines (lines \(lines)): \(keep), "
            + "and put other text in paragraphs"))
      return nil
    }
    let after = blocks[(bodyIndex + 1)...].filter { !$0.isHTML && Self.hintText($0) == nil }
    if let stray = after.first(where: { !$0.isBlockQuote }) {
      diagnostics.append(
        Diagnostic(
          .error, heading.location,
          "only a '> ' block quote may follow the answers (it is the explanation); "
            + "the text at line \(stray.location?.line ?? heading.location.line) is not one: "
            + "quote it with '> ' or move it above the answers"))
      return nil
    }
    let context = blocks[..<bodyIndex].filter { Self.hintText($0) == nil }
    let explanation = after
    let body: Question.Body?
    switch kind {
    case .order: body = readOrder(blocks[bodyIndex], heading: heading)
    case .match: body = readMatch(blocks[bodyIndex], heading: heading)
    case nil:
      if let answer = Self.answerText(blocks[bodyIndex]) {
        body = readShortAnswer(answer, heading: heading)
      } else {
        body = readChoices(blocks[bodyIndex], heading: heading)
      }
    }
    guard let id, let body else { return nil }
    return Question(
      id: id, prompt: prompt, location: heading.location, context: context, hints: hints,
      explanation: explanation, body: body)
  }

  /// The text of a `> Hint: ...` block quote, without the word, or `nil`.
  private static func hintText(_ block: Block) -> String? {
    guard case .blockQuote(let inner) = block.kind else { return nil }
    let text = inner.plainText
    guard text.prefix(5).lowercased() == "hint:" else { return nil }
    return text.dropFirst(5).trimmed
  }

  /// The text after `Answer:` of a paragraph that starts with it, or `nil`.
  private static func answerText(_ block: Block) -> String? {
    guard let text = block.paragraphInlines?.plainText, text.prefix(7).lowercased() == "answer:" else {
      return nil
    }
    return String(text.dropFirst(7))
  }

  private mutating func readShortAnswer(_ text: String, heading: HeadingText) -> Question.Body? {
    let answers = text.trimmedParts(separatedBy: UInt8(ascii: "|"))
    guard !answers.isEmpty else {
      diagnostics.append(
        Diagnostic(
          .error, heading.location, "'Answer:' gives no accepted answer: write them as 'Answer: one | two'"))
      return nil
    }
    return .short(answers: answers)
  }

  private mutating func readChoices(_ list: Block, heading: HeadingText) -> Question.Body? {
    var choices: [Question.Choice] = []
    for (index, item) in (list.listItems ?? []).enumerated() {
      let firstLine = Self.firstLine(item)
      guard let marked = Self.taskMarker(firstLine) else {
        diagnostics.append(
          Diagnostic(
            .error, heading.location,
            "choice \(index + 1) ('\(firstLine.prefix(40))') needs '[ ]' or '[x]' at its start; every choice needs one"
          ))
        return nil
      }
      if marked.text.isEmpty {
        diagnostics.append(
          Diagnostic(.error, heading.location, "choice \(index + 1) has no text after its marker"))
        return nil
      }
      choices.append(
        Question.Choice(text: marked.text, isCorrect: marked.checked, feedback: Self.afterFirstLine(item)))
    }
    if !choices.contains(where: \.isCorrect) {
      diagnostics.append(
        Diagnostic(.error, heading.location, "no choice is marked right: mark the right one(s) with '[x]'"))
      return nil
    }
    return .choice(choices)
  }

  /// A list item's first line as plain text, trimmed.
  static func firstLine(_ item: [Block]) -> String {
    guard let inlines = item.first?.paragraphInlines else { return item.plainText.trimmed }
    let end = inlines.firstIndex { $0 == .softBreak || $0 == .lineBreak } ?? inlines.endIndex
    return Array(inlines[..<end]).plainText.trimmed
  }

  /// A list item's text: its first paragraph as plain text, a line that wraps joined by
  /// a space (Order and Match items, Rate labels, Rank items).
  static func itemText(_ item: [Block]) -> String {
    guard let inlines = item.first?.paragraphInlines else { return item.plainText.trimmed }
    return inlines.plainText.trimmed
  }

  /// The rest of a list item after its first line (continuation lines and nested blocks),
  /// as plain text: a choice's feedback.
  static func afterFirstLine(_ item: [Block]) -> String {
    guard let inlines = item.first?.paragraphInlines else { return "" }
    var rest: [String] = []
    if let lineBreak = inlines.firstIndex(where: { $0 == .softBreak || $0 == .lineBreak }) {
      rest.append(Array(inlines[(lineBreak + 1)...]).plainText.trimmed)
    }
    rest.append(Array(item.dropFirst()).plainText)
    return rest.filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  /// `[ ] text` or `[x] text`: whether it is checked, and the text.
  private static func taskMarker(_ line: String) -> (checked: Bool, text: String)? {
    let utf8 = line.utf8
    var index = utf8.startIndex
    func next() -> UInt8? {
      guard index < utf8.endIndex else { return nil }
      defer { index = utf8.index(after: index) }
      return utf8[index]
    }
    guard next() == UInt8(ascii: "["), let mark = next(), next() == UInt8(ascii: "]") else { return nil }
    let checked: Bool
    switch mark {
    case UInt8(ascii: " "): checked = false
    case UInt8(ascii: "x"), UInt8(ascii: "X"): checked = true
    default: return nil
    }
    return (checked, line[index...].trimmed)
  }

  private mutating func readOrder(_ list: Block, heading: HeadingText) -> Question.Body? {
    let items = (list.listItems ?? []).map { Self.itemText($0) }
    guard items.count >= 2, !items.contains(where: \.isEmpty) else {
      diagnostics.append(
        Diagnostic(.error, heading.location, "an Order question needs at least two items, each with text"))
      return nil
    }
    return .order(items)
  }

  private mutating func readMatch(_ list: Block, heading: HeadingText) -> Question.Body? {
    var pairs: [MatchPair] = []
    for (index, item) in (list.listItems ?? []).enumerated() {
      let text = Self.itemText(item)
      guard let (leftText, rightText) = text.splitOnce("->") else {
        diagnostics.append(
          Diagnostic(.error, heading.location, "match item \(index + 1) ('\(text.prefix(40))') has no '->'"))
        return nil
      }
      let left = leftText.trimmed
      let right = rightText.trimmed
      guard !left.isEmpty, !right.isEmpty else {
        diagnostics.append(
          Diagnostic(.error, heading.location, "match item \(index + 1) needs text on both sides of '->'"))
        return nil
      }
      pairs.append(MatchPair(left: left, right: right))
    }
    guard pairs.count >= 2 else {
      diagnostics.append(
        Diagnostic(.error, heading.location, "a Match question needs at least two 'left -> right' pairs"))
      return nil
    }
    return .match(pairs)
  }
}
