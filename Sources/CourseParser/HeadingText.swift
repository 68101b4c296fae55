import CourseModel

/// A heading's text split into its parts: `Kind: Title {#id}`.
struct HeadingText {
  /// The word before the colon, when the text starts with one word and a colon.
  var kindWord: String?
  /// The text after the kind word (or all of it), without `{#id}`, trimmed.
  var title: String
  /// The text without `{#id}`, kind word included.
  var fullTitle: String
  /// The `{#id}` given, if any.
  var explicitID: String?
  var location: SourceLocation

  init(_ inlines: [Inline], at location: SourceLocation) {
    let (text, id) = Slug.splitExplicitID(inlines.plainText)
    self.fullTitle = text
    self.explicitID = id
    self.location = location
    if let (word, rest) = Self.splitKindWord(text) {
      kindWord = word
      title = rest
    } else {
      kindWord = nil
      title = text
    }
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
