extension StringProtocol {
  /// The text without leading and trailing white space (newlines included).
  ///
  /// Pure Swift: Foundation's `trimmingCharacters(in:)` goes through NSString on Linux
  /// and was a quarter of `coach check`'s time.
  var trimmed: String {
    let text = String(self)
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
      return text
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(Substring(scalars[first...last]))
  }

  /// The text before and after the first `separator`, or `nil` when there is none.
  func splitOnce(_ separator: String) -> (before: String, after: String)? {
    let text = String(self)
    let bytes = Array(text.utf8)
    let pattern = Array(separator.utf8)
    guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
    for start in 0...(bytes.count - pattern.count)
    where bytes[start..<start + pattern.count].elementsEqual(pattern) {
      return (
        String(decoding: bytes[..<start], as: UTF8.self),
        String(decoding: bytes[(start + pattern.count)...], as: UTF8.self)
      )
    }
    return nil
  }
}
