extension String {
  /// The text without leading and trailing white space (newlines included).
  @inlinable public var trimmed: String {
    // Most text has nothing to trim: keep it as it is, without a copy.
    if let first = utf8.first, let last = utf8.last, !first.isASCIIWhitespace, !last.isASCIIWhitespace,
      first < 0x80, last < 0x80
    {
      return self
    }
    return self[...].trimmed
  }
}

extension Substring {
  /// The text without leading and trailing white space (newlines included).
  ///
  /// Pure Swift: Foundation's `trimmingCharacters(in:)` goes through NSString on Linux
  /// and was a quarter of `coach check`'s time.
  @inlinable public var trimmed: String {
    // The common case, on the bytes: ASCII at both ends once white space is dropped.
    let ascii: String?? = utf8.withContiguousStorageIfAvailable { bytes in
      var start = 0
      var end = bytes.count
      while start < end, bytes[start].isASCIIWhitespace { start += 1 }
      while start < end, bytes[end - 1].isASCIIWhitespace { end -= 1 }
      if start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
    if let ascii, let ascii { return ascii }
    let utf8 = self.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, utf8[start].isASCIIWhitespace { start = utf8.index(after: start) }
    while start < end, utf8[utf8.index(before: end)].isASCIIWhitespace { end = utf8.index(before: end) }
    // Only text that starts or ends with a non-ASCII character can have Unicode space there.
    if start < end, utf8[start] >= 0x80 || utf8[utf8.index(before: end)] >= 0x80 {
      let scalars = String(self[start..<end]).unicodeScalars
      guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
      else { return "" }
      return String(Substring(scalars[first...last]))
    }
    return String(self[start..<end])
  }
}

extension UInt8 {
  /// Space, tab, line feed, vertical tab, form feed or carriage return.
  @usableFromInline var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}
