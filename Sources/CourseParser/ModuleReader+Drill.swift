import CourseModel

extension ModuleReader {
  /// A note that points at a question's heading, made only when a problem needs it.
  struct QuestionNote {
    var location: SourceLocation
    var related: [Diagnostic.Related] { [Diagnostic.Related(location, "the question")] }
  }

  /// The H3 kind words of a drill.
  private enum DrillKind: String, CaseIterable {
    case order, match
  }

  /// Reads a `## Drill:` section: an introduction and questions.
  mutating func readDrill(_ body: ArraySlice<Block>, heading: HeadingText) -> Section.Content {
    let (intro, entries) = items(in: body)
    // With no question, the error below names a squashed heading itself.
    checkShownText(intro, in: .drillIntroduction, reportSquashed: !entries.isEmpty)
    for block in intro { checkHintParagraph(block) }
    if entries.isEmpty {
      let deeper = intro.first { ($0.headingLevel ?? 0) > 3 }
      let squashed = intro.lazy.compactMap { SquashedHeading($0) }.first
      let why =
        deeper.flatMap { $0.location.map { " (the heading on line \($0.line) has more than three '#')" } }
        ?? squashed.map { " ('\($0.written)' on line \($0.location.line) needs a space after the '#' marks)" }
        ?? ""
      diagnostics.append(
        Diagnostic(
          .error, heading.location, "the drill has no questions: add '### ' questions with answers" + why))
    }
    var questions: [Question] = []
    questions.reserveCapacity(entries.count)
    for (heading, blocks) in entries {
      if let question = readQuestion(heading, blocks: blocks) { questions.append(question) }
    }
    return .drill(intro: intro, questions: questions)
  }

  private mutating func readQuestion(_ heading: HeadingText, blocks: ArraySlice<Block>) -> Question? {
    let kind = heading.kind(among: DrillKind.self)
    let prompt = kind == nil ? heading.fullTitle : heading.title
    let id = heading.id(slugOf: prompt, into: &diagnostics)
    if prompt.isEmpty {
      diagnostics.append(Diagnostic(.error, heading.location, "the question needs a prompt"))
    }
    checkStrayID(heading)
    // The question's heading, as a note on problems inside the question.
    let question = QuestionNote(location: heading.location)

    // Hints may stand anywhere; they are never the answer list or line.
    let hints = blocks.compactMap(Self.hintText)
    for block in blocks {
      guard case .blockQuote(let inner) = block.kind else { continue }
      if Self.hintText(block) != nil {
        // A learner who asks for a hint sees it before answering, as written.
        checkShownText(inner, in: .hint)
      } else {
        checkNearMissHint(inner)
      }
    }
    let bodies = blocks.indices.filter { index in
      let block = blocks[index]
      return block.listItems != nil || (kind == nil && Self.answerText(block) != nil)
    }
    guard let bodyIndex = bodies.first else {
      reportMissingBody(heading, kind: kind, blocks: blocks)
      return nil
    }
    if bodies.count > 1, let second = blocks[bodies[1]].location {
      // A squashed heading between the two (`###Order:`) is what joined them.
      if let squashed = blocks[blocks.index(after: bodies[0])..<bodies[1]].lazy.compactMap({
        SquashedHeading($0)
      })
      .first {
        diagnostics.append(
          Diagnostic(
            .error, squashed.location,
            "'\(squashed.written)' is read as text, not a question, so its list joins the question above: "
              + "put a space after the '#' marks", end: lines.lineEnd(from: squashed.location),
            fix: squashed.fix,
            related: question.related))
        return nil
      }
      let keep =
        kind == nil
        ? "keep one '- [x]' choice list or one 'Answer:' line"
        : "keep one list of \(kind == .order ? "items" : "pairs")"
      diagnostics.append(
        Diagnostic(
          .error, second,
          "a second answer list or 'Answer:' line in one question: \(keep), and put other text in paragraphs",
          related: blocks[bodyIndex].location.map { [Diagnostic.Related($0, "the first answers")] } ?? []))
      return nil
    }
    let after = blocks[(bodyIndex + 1)...].filter { !$0.isHTML && Self.hintText($0) == nil }
    if let stray = after.first(where: { !$0.isBlockQuote }) {
      reportStray(stray, question: question, fallback: heading.location)
      return nil
    }
    let context = blocks[..<bodyIndex].filter { Self.hintText($0) == nil }
    for block in context { checkHintParagraph(block) }
    checkShownText(context, in: .question)
    checkShownText(after, in: .question)
    let explanation = after
    let body: Question.Body?
    switch kind {
    case .order: body = readOrder(blocks[bodyIndex], question: question)
    case .match: body = readMatch(blocks[bodyIndex], question: question)
    case nil:
      if let answer = Self.answerText(blocks[bodyIndex]) {
        body = readShortAnswer(answer, at: blocks[bodyIndex].location ?? heading.location)
      } else {
        body = readChoices(blocks[bodyIndex], heading: heading, question: question)
      }
    }
    guard let id, let body else { return nil }
    if kind == nil, let word = heading.kindWord, ItemKindWord.section(of: word) == nil {
      let suggestion = nearest(to: word, among: ["Order", "Match"])
      if word.count >= 4, editDistance(word, suggestion) == 1 {
        let end = heading.location.movedRight(by: 4 + word.utf8.count + 1)
        diagnostics.append(
          Diagnostic(
            .warning, heading.location,
            "'\(word):' is not a question kind, so it is part of the prompt; did you mean '\(suggestion):'?",
            end: end,
            fix: "### \(suggestion):"))
      }
    }
    return Question(
      id: id, prompt: prompt, location: heading.location, context: context, hints: hints,
      explanation: explanation, body: body)
  }

  /// A question without a list or an `Answer:` line: name what was written instead.
  private mutating func reportMissingBody(_ heading: HeadingText, kind: DrillKind?, blocks: ArraySlice<Block>)
  {
    if kind == nil, let word = heading.kindWord, ItemKindWord.section(of: word) == .beliefs {
      diagnostics.append(
        Diagnostic(
          .error, heading.location,
          "'\(word):' starts a belief item, which has no right answer: belief items go in a '## Beliefs:' section"
        ))
      return
    }
    for block in blocks {
      if case .blockQuote(let inner) = block.kind, let start = block.location,
        let found = AnswerSyntax.all(in: inner).first
      {
        diagnostics.append(
          Diagnostic(
            .error, start,
            "\(found.described) inside a '> ' quote \(found.written == "Answer:" ? "is" : "are") read as text, "
              + "so the question has no answers: take the '> ' off the answer lines",
            related: [Diagnostic.Related(heading.location, "the question")]))
        return
      }
      guard let inlines = block.paragraphInlines, let location = block.location else { continue }
      if AnswerSyntax.isSquashedTaskList(inlines) {
        diagnostics.append(
          Diagnostic(
            .error, location,
            "'\(inlines.plainTextPrefix(4).prefix(4))' is read as text: put a space after the '\(inlines.plainTextPrefix(1).prefix(1))' "
              + "to make a choice list", end: location.movedRight(by: 1), fix: "- "))
        return
      }
      if kind == nil, let written = Self.nearMissAnswer(inlines) {
        diagnostics.append(
          Diagnostic(
            .error, location,
            "'\(written)' is read as text: write 'Answer:' followed by the accepted answers",
            end: location.movedRight(by: written.utf8.count), fix: "Answer:"))
        return
      }
    }
    let expected =
      switch kind {
      case .order: "an Order question needs a list of items in the right order"
      case .match: "a Match question needs a list of 'left -> right' pairs"
      case nil: "the question has no answers: add a '- [x]' choice list or an 'Answer:' line"
      }
    diagnostics.append(Diagnostic(.error, heading.location, expected))
  }

  /// `Answer -`, `Answers:`, `Answer :`: an answer line not written `Answer:`.
  private static func nearMissAnswer(_ inlines: [Inline]) -> String? {
    let text = inlines.plainTextPrefix(12)
    guard text.hasPrefixIgnoringCase("answer") else { return nil }
    let rest = text.dropFirst(6).drop { $0 == "s" || $0 == "S" }
    let spaces = rest.prefix { $0 == " " }
    guard let mark = rest.dropFirst(spaces.count).first, ":-–—=.>".contains(mark) else { return nil }
    return String(text.prefix(text.count - rest.count + spaces.count + 1))
  }

  /// Text after a question's answers that is not a block quote.
  private mutating func reportStray(_ stray: Block, question: QuestionNote, fallback: SourceLocation) {
    let location = stray.location ?? fallback
    let message: String
    var fix: String?
    var end: SourceLocation?
    if let squashed = SquashedHeading(stray) {
      message = "'\(squashed.written)' is read as text after the answers: put a space after the '#' marks"
      fix = squashed.fix
      end = lines.lineEnd(from: location)
    } else if let level = stray.headingLevel, level > 3 {
      message =
        "a '\(String(repeating: "#", count: level)) ' heading is read as part of the question above: questions are '### ' headings"
      fix = "### "
      end = location.movedRight(by: level + 1)
    } else if let inlines = stray.paragraphInlines, Self.startsWord("hint:", inlines) {
      message = "a 'Hint:' after the answers must be a block quote: start the line with '> '"
      fix = "> "
      end = location
    } else if let inlines = stray.paragraphInlines, Self.startsWord("facilitator:", inlines) {
      diagnostics.append(Self.facilitatorParagraph(at: location))
      return
    } else {
      message =
        "only a '> ' block quote may follow the answers (it is the explanation): "
        + "quote this with '> ' or move it above the answers"
    }
    diagnostics.append(Diagnostic(.error, location, message, end: end, fix: fix, related: question.related))
  }

  /// A `Hint:` written as a plain paragraph: every learner sees it with the question.
  private mutating func checkHintParagraph(_ block: Block) {
    guard let inlines = block.paragraphInlines, let location = block.location,
      Self.startsWord("hint:", inlines)
    else { return }
    diagnostics.append(
      Diagnostic(
        .warning, location,
        "a 'Hint:' written as a plain paragraph is shown to every learner with the question: "
          + "start the line with '> ' to make it a hint they ask for", end: location, fix: "> "))
  }

  /// A quote that is almost a hint (`> Hint -`, `> Hints:`): it is read as the
  /// question's text, so every learner sees it.
  private mutating func checkNearMissHint(_ inner: [Block]) {
    guard let first = inner.first, let inlines = first.paragraphInlines, let location = first.location,
      let written = Self.nearMissWord("hint", inlines)
    else { return }
    diagnostics.append(
      Diagnostic(
        .warning, location,
        "'\(written)' is not read as a hint, so this quote is shown to every learner (before the answers as the "
          + "question's text, after them as its explanation): write 'Hint:' to make it a hint they ask for",
        end: location.movedRight(by: written.utf8.count), fix: "Hint:"))
  }

  /// `Hint -`, `Hints:`, `Hint :`, `Facilitator -`: `word` followed by a mark other than
  /// the one colon that makes it what it is. Returns the text as written, up to the mark.
  static func nearMissWord(_ word: String, _ inlines: [Inline]) -> String? {
    // Most paragraphs start with another letter: say so before building any text.
    if case .text(let start) = inlines.first, let byte = start.utf8.first,
      byte | 0x20 != word.utf8.first! | 0x20
    {
      return nil
    }
    let text = inlines.plainTextPrefix(word.count + 8)
    guard text.hasPrefixIgnoringCase(word) else { return nil }
    // `Facilitator note:` is a near-miss even with its colon.
    let colonIsWrong = word.contains(" ")
    let afterWord = text.dropFirst(word.count)
    let plural = afterWord.first == "s" || afterWord.first == "S"
    let rest = plural ? afterWord.dropFirst() : afterWord
    let spaces = rest.prefix { $0 == " " }
    let fromMark = rest.dropFirst(spaces.count)
    guard let mark = fromMark.first, ":-–—=.>;：".contains(mark) else { return nil }
    if mark == ":" && !plural && spaces.isEmpty && !colonIsWrong { return nil }
    // `Facilitator-led`, `Hint-free`: a mark glued to a word is a compound, not a near-miss.
    if mark != ":", spaces.isEmpty, let next = fromMark.dropFirst().first, next.isLetter || next.isNumber {
      return nil
    }
    return String(text.prefix(word.count + (plural ? 1 : 0) + spaces.count + 1))
  }

  /// The text of a `> Hint: ...` block quote, without the word, or `nil`.
  private static func hintText(_ block: Block) -> String? {
    guard case .blockQuote(let inner) = block.kind, let first = inner.first?.paragraphInlines,
      startsWord("hint:", first)
    else { return nil }
    return inner.plainText.dropFirst(5).trimmed
  }

  /// The text after `Answer:` of a paragraph that starts with it, or `nil`.
  private static func answerText(_ block: Block) -> String? {
    guard let inlines = block.paragraphInlines, startsWord("answer:", inlines) else { return nil }
    return String(inlines.plainText.dropFirst(7))
  }

  private mutating func readShortAnswer(_ text: String, at location: SourceLocation) -> Question.Body? {
    let answers = text.trimmedParts(separatedBy: UInt8(ascii: "|"))
    guard !answers.isEmpty else {
      diagnostics.append(
        Diagnostic(
          .error, location, "'Answer:' gives no accepted answer: write them as 'Answer: one | two'",
          end: location.movedRight(by: lines.bytes(ofLine: location.line).count - location.column + 1)))
      return nil
    }
    return .short(answers: answers)
  }

  /// Where a list item's text starts: its first block, else the list.
  private static func location(of item: [Block], in list: Block) -> SourceLocation? {
    item.first?.location ?? list.location
  }

  private mutating func readChoices(_ list: Block, heading: HeadingText, question: QuestionNote)
    -> Question.Body?
  {
    let items = list.listItems ?? []
    var choices: [Question.Choice] = []
    var locations: [SourceLocation] = []
    choices.reserveCapacity(items.count)
    locations.reserveCapacity(items.count)
    let fallback = list.location ?? heading.location
    for (index, item) in items.enumerated() {
      let at = Self.location(of: item, in: list) ?? fallback
      guard let marked = Self.markedChoice(item) ?? Self.taskMarker(Self.firstLine(item)) else {
        reportUnmarkedChoice(index, Self.firstLine(item), at: at, heading: heading, question: question)
        return nil
      }
      if marked.text.isEmpty {
        diagnostics.append(
          Diagnostic(
            .error, at, "choice \(index + 1) has no text after its marker", related: question.related))
        return nil
      }
      choices.append(
        Question.Choice(text: marked.text, isCorrect: marked.checked, feedback: Self.afterFirstLine(item)))
      locations.append(at)
    }
    if !choices.contains(where: \.isCorrect) {
      diagnostics.append(
        Diagnostic(
          .error, fallback, "no choice is marked right: mark the right one(s) with '[x]'",
          related: question.related))
      return nil
    }
    adviseOnChoices(choices, locations: locations, list: fallback)
    return .choice(choices)
  }

  /// A choice without `[ ]` or `[x]`: say what was written, and whether an `Order:` or
  /// `Match:` was meant.
  private mutating func reportUnmarkedChoice(
    _ index: Int, _ firstLine: String, at location: SourceLocation, heading: HeadingText,
    question: QuestionNote
  ) {
    if let word = heading.kindWord, ItemKindWord.section(of: word) == nil {
      let suggestion = nearest(to: word, among: ["Order", "Match"])
      if editDistance(word, suggestion) <= 2 || word.lowercased().hasPrefix(suggestion.lowercased()) {
        diagnostics.append(
          Diagnostic(
            .error, heading.location,
            "'\(word):' is not a question kind, so the list is read as choices without marks: "
              + "write '### \(suggestion): \(heading.title)'",
            end: heading.location.movedRight(by: 4 + word.utf8.count + 1), fix: "### \(suggestion):"))
        return
      }
    }
    if let (word, title) = heading.itemKindWithoutColon, ItemKindWord.section(of: word) == .drill {
      let meant = heading.written(level: 3, kind: word, title: title)
      diagnostics.append(
        Diagnostic(
          .error, heading.location,
          "'\(word)' has no colon after it, so this is read as a choice question and its list as choices "
            + "without marks: write '\(meant)'",
          end: heading.location.movedRight(by: lines.bytes(ofLine: heading.location.line).count), fix: meant))
      return
    }
    if let close = Self.bracketMark(firstLine) {
      diagnostics.append(
        Diagnostic(
          .error, location,
          "'\(close)' is not a choice mark: write '[x]' for a right choice or '[ ]' for a wrong one, nothing else in the brackets",
          end: location.movedRight(by: close.utf8.count),
          fix: close.contains("x") || close.contains("X") ? "[x]" : "[ ]",
          related: question.related))
      return
    }
    diagnostics.append(
      Diagnostic(
        .error, location,
        "choice \(index + 1) ('\(firstLine.prefix(40))') needs '[ ]' or '[x]' at its start; every choice needs one",
        related: question.related))
  }

  /// `[ x ]`, `[v]`, `[]`, `(x)`: a mark in brackets that is not `[ ]` or `[x]`.
  private static func bracketMark(_ line: String) -> String? {
    guard let open = line.first, open == "[" || open == "(" else { return nil }
    let close: Character = open == "[" ? "]" : ")"
    guard let end = line.prefix(6).firstIndex(of: close) else { return nil }
    return String(line[...end])
  }

  /// Warnings for what the guide advises against: a wrong choice without feedback, a
  /// choice like "All of the above" (choices are shuffled), every choice marked right.
  private mutating func adviseOnChoices(
    _ choices: [Question.Choice], locations: [SourceLocation], list: SourceLocation
  ) {
    for (choice, location) in zip(choices, locations) {
      if let phrase = Self.aboveLikePhrase(choice.text) {
        diagnostics.append(
          Diagnostic(
            .warning, location,
            "'\(phrase)' does not work: choices are shuffled for each learner, so there is no 'above'; "
              + "make it a select-all question (mark every right choice '[x]') or name the choices"))
      } else if !choice.isCorrect && choice.feedback.isEmpty {
        diagnostics.append(
          Diagnostic(
            .warning, location,
            "this wrong choice has no feedback: add a line under it (indented) that says why it is wrong"))
      }
    }
    if choices.allSatisfy(\.isCorrect) {
      diagnostics.append(
        Diagnostic(
          .warning, list,
          "every choice is marked right, so picking them all always passes: add a wrong choice, or mark it '[ ]'"
        ))
    }
  }

  /// "all of the above", "none of these"...: the phrase as written, if the text has one.
  private static func aboveLikePhrase(_ text: String) -> String? {
    // Every phrase ends "above" or "these": most choices are dismissed here.
    guard text.containsIgnoringCase("above", or: "these") else { return nil }
    for phrase in [
      "all of the above", "none of the above", "both of the above", "all the above", "all of these",
      "none of these",
      "any of the above", "neither of the above",
    ] {
      if let range = text.utf8.firstRange(ofIgnoringCase: phrase) {
        return String(decoding: text.utf8[range], as: UTF8.self)
      }
    }
    return nil
  }

  /// A list item's first line as plain text, trimmed.
  static func firstLine(_ item: [Block]) -> String {
    guard let inlines = item.first?.paragraphInlines else { return item.plainText.trimmed }
    return firstLine(of: inlines)
  }

  /// A paragraph's first line as plain text, trimmed.
  static func firstLine(of inlines: [Inline]) -> String {
    var out = ""
    for inline in inlines {
      if inline == .softBreak || inline == .lineBreak { break }
      inline.appendPlainText(to: &out)
    }
    return out.trimmed
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
    // One line of one text, as most choices are: nothing after it.
    if item.count == 1 && inlines.count == 1, case .text = inlines[0] { return "" }
    var out = ""
    if let lineBreak = inlines.firstIndex(where: { $0 == .softBreak || $0 == .lineBreak }) {
      for inline in inlines[(lineBreak + 1)...] { inline.appendPlainText(to: &out) }
      out = out.trimmed
    }
    guard item.count > 1 else { return out }
    var nested = ""
    item.dropFirst().appendPlainText(to: &nested)
    guard !nested.isEmpty else { return out }
    return out.isEmpty ? nested : out + "\n\n" + nested
  }

  /// A choice whose first paragraph starts with its mark in plain text (as nearly all do):
  /// whether it is checked and its first line, read without flattening it twice.
  private static func markedChoice(_ item: [Block]) -> (checked: Bool, text: String)? {
    guard let inlines = item.first?.paragraphInlines, case .text(let start)? = inlines.first else {
      return nil
    }
    let bytes = start.utf8
    guard bytes.count >= 3, bytes.first == UInt8(ascii: "[") else { return nil }
    let mark = bytes[bytes.index(after: bytes.startIndex)]
    guard bytes[bytes.index(bytes.startIndex, offsetBy: 2)] == UInt8(ascii: "]") else { return nil }
    let checked: Bool
    switch mark {
    case UInt8(ascii: " "): checked = false
    case UInt8(ascii: "x"), UInt8(ascii: "X"): checked = true
    default: return nil
    }
    // A first line of one text (as nearly all are): trimmed straight from its bytes.
    if inlines.count == 1 || inlines[1] == .softBreak || inlines[1] == .lineBreak {
      var native = start
      if let fast = native.withUTF8({ Self.trimmedASCII(UnsafeBufferPointer(rebasing: $0[3...])) }) {
        return (checked, fast)
      }
      return (checked, String(start[bytes.index(bytes.startIndex, offsetBy: 3)...]).trimmed)
    }
    var text = String(start[bytes.index(bytes.startIndex, offsetBy: 3)...])
    for inline in inlines.dropFirst() {
      if inline == .softBreak || inline == .lineBreak { break }
      inline.appendPlainText(to: &text)
    }
    return (checked, text.trimmed)
  }

  /// Bytes without white space at either end, as ``Swift/String/trimmed`` gives them, or
  /// `nil` when a non-ASCII byte is left at an end (Unicode white space may be there).
  static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while start < end, isSpace(bytes[end - 1]) { end -= 1 }
    if start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 { return nil }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
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

  /// An error for a `[x]` mark on an Order, Match, Rate or Rank item: learners would see it.
  /// - Returns: whether there was one.
  mutating func reportMarkedItems(_ list: Block, kind: String, why: String = "") -> Bool {
    for item in list.listItems ?? [] {
      guard let mark = AnswerSyntax.taskMark(item), let at = item.first?.location else { continue }
      diagnostics.append(
        Diagnostic(
          .error, at,
          "\(kind) items take no '\(mark)' marks\(why), and learners would see them as text: remove them",
          end: at.movedRight(by: 3), fix: ""))
      return true
    }
    return false
  }

  private mutating func readOrder(_ list: Block, question: QuestionNote) -> Question.Body? {
    if reportMarkedItems(list, kind: "Order", why: " (the list is written in the right order)") { return nil }
    let items = (list.listItems ?? []).map { Self.itemText($0) }
    let at = list.location ?? question.location
    if let empty = items.firstIndex(where: \.isEmpty) {
      let item = list.listItems![empty]
      diagnostics.append(
        Diagnostic(
          .error, item.first?.location ?? lines.listItem(empty, ofListAt: at) ?? at,
          "Order item \(empty + 1) has no text",
          related: question.related))
      return nil
    }
    guard items.count >= 2 else {
      diagnostics.append(
        Diagnostic(
          .error, at, "an Order question needs at least two items, in the right order",
          related: question.related))
      return nil
    }
    return .order(items)
  }

  private mutating func readMatch(_ list: Block, question: QuestionNote) -> Question.Body? {
    if reportMarkedItems(list, kind: "Match") { return nil }
    var pairs: [MatchPair] = []
    let listLocation = list.location ?? question.location
    for (index, item) in (list.listItems ?? []).enumerated() {
      let text = Self.itemText(item)
      let at = item.first?.location ?? lines.listItem(index, ofListAt: listLocation) ?? listLocation
      if text.trimmed.isEmpty {
        diagnostics.append(
          Diagnostic(
            .error, at, "match item \(index + 1) has no text: write 'left -> right'",
            related: question.related))
        return nil
      }
      guard let (leftText, rightText) = text.splitOnce("->") else {
        let lookAlike = ["=>", "→", "—>", "–>", "- >", "=", ":"].first { text.contains($0) }
        let hint =
          lookAlike.map { ": write '->' (a hyphen and '>') where '\($0)' is" } ?? ": write 'left -> right'"
        // The look-alike itself is what to replace.
        let span = lookAlike.map { lines.span(of: $0, inLine: at.line, from: at.column, fallback: at) }
        diagnostics.append(
          Diagnostic(
            .error, span?.end == nil ? at : span!.start,
            "match item \(index + 1) ('\(text.prefix(40))') has no '->'\(hint)",
            end: span?.end, fix: span?.end == nil ? nil : "->", related: question.related))
        return nil
      }
      let left = leftText.trimmed
      let right = rightText.trimmed
      guard !left.isEmpty, !right.isEmpty else {
        diagnostics.append(
          Diagnostic(
            .error, at, "match item \(index + 1) needs text on both sides of '->'", related: question.related)
        )
        return nil
      }
      pairs.append(MatchPair(left: left, right: right))
    }
    guard pairs.count >= 2 else {
      diagnostics.append(
        Diagnostic(
          .error, listLocation, "a Match question needs at least two 'left -> right' pairs",
          related: question.related
        ))
      return nil
    }
    return .match(pairs)
  }
}
