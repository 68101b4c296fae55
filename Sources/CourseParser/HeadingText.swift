import CourseModel

/// A heading's text split into its parts: `Kind: Title {#id}`.
///
/// A class, read only once made: the reader hands each heading on to several checks, and
/// a copy of five strings at every step cost more than reading the heading.
final class HeadingText {
  /// The word before the colon, when the text starts with one word and a colon.
  let kindWord: String?
  /// The text after the kind word (or all of it), without `{#id}`, trimmed.
  let title: String
  /// The text without `{#id}`, kind word included.
  let fullTitle: String
  /// The `{#id}` given, if any.
  let explicitID: String?
  let location: SourceLocation
  /// The text of the heading's code spans (`` `{#id}` `` there is text, not an id).
  let codeTexts: [String]

  init(_ inlines: [Inline], at location: SourceLocation) {
    var plain = inlines.plainText
    self.location = location
    var codeTexts: [String] = []
    for inline in inlines { if case .code(let code) = inline { codeTexts.append(code) } }
    self.codeTexts = codeTexts
    // A `{#id}` inside a code span at the end (`` `{#vip}` ``) is text, not the id.
    let fullTitle: String
    let explicitID: String?
    if case .code(let code)? = inlines.last(where: {
      if case .text(let t) = $0 { !t.trimmed.isEmpty } else { true }
    }),
      code.trimmed.hasSuffix("}")
    {
      (fullTitle, explicitID) = (plain.trimmed, nil)
    } else if let parts = Self.splitASCIIEdges(&plain) {
      (self.fullTitle, self.explicitID, kindWord, title) = parts
      return
    } else {
      (fullTitle, explicitID) = Slug.splitExplicitID(plain)
    }
    self.fullTitle = fullTitle
    self.explicitID = explicitID
    (kindWord, title) = Self.splitKindWord(fullTitle).map { ($0.0, $0.1) } ?? (nil, fullTitle)
  }

  /// The parts of a heading's text, found in one pass over its bytes, as the slower
  /// path below finds them; `nil` when a part would start or end with a non-ASCII
  /// character (Unicode white space may need trimming there), so that path decides.
  private static func splitASCIIEdges(_ text: inout String)
    -> (fullTitle: String, explicitID: String?, kindWord: String?, title: String)?
  {
    typealias Span = (start: Int, end: Int)
    let spans: (full: Span, id: Span?, word: Span?, title: Span)? = text.withUTF8 { utf8 in
      func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
      /// The range without ASCII white space at either end, or `nil` when a non-ASCII
      /// byte is left at an end.
      func trim(_ start: Int, _ end: Int) -> (Int, Int)? {
        var (start, end) = (start, end)
        while start < end, isSpace(utf8[start]) { start += 1 }
        while start < end, isSpace(utf8[end - 1]) { end -= 1 }
        if start < end, utf8[start] >= 0x80 || utf8[end - 1] >= 0x80 { return nil }
        return (start, end)
      }
      guard var (start, end) = trim(0, utf8.count) else { return nil }
      // A trailing `{#id}`: the last `{` before the closing `}`, then `#`.
      var explicitID: Span?
      if end - start >= 3, utf8[end - 1] == UInt8(ascii: "}") {
        var open = end - 2
        while open >= start, utf8[open] != UInt8(ascii: "{") { open -= 1 }
        if open >= start, open + 1 < end - 1, utf8[open + 1] == UInt8(ascii: "#") {
          explicitID = (open + 2, end - 1)
          guard let text = trim(start, open) else { return nil }
          (start, end) = text
        }
      }
      // `Word: rest` where Word is ASCII letters only.
      var index = start
      while index < end, utf8[index] == UInt8(ascii: " ") { index += 1 }
      let wordStart = index
      while index < end, (utf8[index] | 0x20) >= UInt8(ascii: "a"), (utf8[index] | 0x20) <= UInt8(ascii: "z")
      {
        index += 1
      }
      let wordEnd = index
      while index < end, utf8[index] == UInt8(ascii: " ") { index += 1 }
      guard wordStart < wordEnd, index < end, utf8[index] == UInt8(ascii: ":") else {
        return ((start, end), explicitID, nil, (start, end))
      }
      guard let rest = trim(index + 1, end) else { return nil }
      return ((start, end), explicitID, (wordStart, wordEnd), rest)
    }
    guard let spans else { return nil }
    // The whole text, the most common title, is shared rather than copied.
    let count = text.utf8.count
    func part(_ span: Span) -> String {
      if span.start == 0 && span.end == count { return text }
      return text.withUTF8 {
        String(decoding: UnsafeBufferPointer(rebasing: $0[span.start..<span.end]), as: UTF8.self)
      }
    }
    let fullTitle = part(spans.full)
    return (
      fullTitle, spans.id.map(part), spans.word.map(part),
      spans.word == nil ? fullTitle : part(spans.title)
    )
  }

  /// `Word: rest` where Word is ASCII letters only.
  private static func splitKindWord(_ text: String) -> (String, String)? {
    var bytes = text
    let split: (start: Int, end: Int, rest: Int)? = bytes.withUTF8 { utf8 in
      var index = 0
      while index < utf8.count, utf8[index] == UInt8(ascii: " ") { index += 1 }
      let start = index
      while index < utf8.count, (utf8[index] | 0x20) >= UInt8(ascii: "a"),
        (utf8[index] | 0x20) <= UInt8(ascii: "z")
      {
        index += 1
      }
      let end = index
      while index < utf8.count, utf8[index] == UInt8(ascii: " ") { index += 1 }
      guard start < end, index < utf8.count, utf8[index] == UInt8(ascii: ":") else { return nil }
      return (start, end, index + 1)
    }
    guard let split else { return nil }
    let utf8 = text.utf8
    let index = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
    return (String(text[index(split.start)..<index(split.end)]), text[index(split.rest)...].trimmed)
  }

  /// The kind word, when it is one of `kinds` (case does not matter), else `nil`.
  func kind<K: RawRepresentable & CaseIterable>(among kinds: K.Type) -> K? where K.RawValue == String {
    guard let word = kindWord?.lowercased() else { return nil }
    return K.allCases.first { $0.rawValue == word }
  }

  /// The id: the explicit one when well formed, else the slug of `title`.
  /// An invalid explicit id or an empty slug is an error.
  func id(slugOf title: String? = nil, into diagnostics: inout [Diagnostic]) -> String? {
    if let explicitID {
      // `{#once }`: spaces inside the braces are a slip, not part of the id.
      let trimmed = explicitID.trimmed
      if trimmed != explicitID, Slug.isValidExplicitID(trimmed) {
        diagnostics.append(
          Diagnostic(
            .warning, location, "'{#\(explicitID)}' has a space inside the braces: write '{#\(trimmed)}'"))
        return trimmed
      }
      guard Slug.isValidExplicitID(explicitID) else {
        diagnostics.append(
          Diagnostic(
            .error, location,
            "invalid id '{#\(explicitID)}': use letters, digits, '-', '_', '.' or ':'"))
        return nil
      }
      return explicitID
    }
    let slug = Slug.of(title ?? self.title)
    guard !slug.isEmpty else {
      diagnostics.append(
        Diagnostic(
          .error, location,
          "'\(fullTitle)' gives no id (ids are made of the letters a-z and digits): "
            + "add one at the end, like {#my-id}"))
      return nil
    }
    return slug
  }
}
