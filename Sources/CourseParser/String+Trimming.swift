import CourseModel

extension String {
  /// The parts between `separator` bytes (an ASCII character), each trimmed; empty parts dropped.
  func trimmedParts(separatedBy separator: UInt8) -> [String] {
    self[...].trimmedParts(separatedBy: separator)
  }

  /// The text before and after the first `separator` (ASCII), or `nil` when there is none.
  func splitOnce(_ separator: String) -> (before: String, after: String)? { self[...].splitOnce(separator) }
}

extension Substring {
  /// The parts between `separator` bytes (an ASCII character), each trimmed; empty parts dropped.
  func trimmedParts(separatedBy separator: UInt8) -> [String] {
    let utf8 = self.utf8
    var parts: [String] = []
    var start = utf8.startIndex
    var index = start
    while true {
      if index == utf8.endIndex || utf8[index] == separator {
        let part = self[start..<index].trimmed
        if !part.isEmpty { parts.append(part) }
        if index == utf8.endIndex { break }
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    return parts
  }

  /// The text before and after the first `separator` (ASCII), or `nil` when there is none.
  func splitOnce(_ separator: String) -> (before: String, after: String)? {
    // On the bytes when they are contiguous (as they nearly always are).
    let contiguous = utf8.withContiguousStorageIfAvailable { bytes -> (before: String, after: String)? in
      var pattern = separator
      return pattern.withUTF8 { pattern in
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = 0
        while index + pattern.count <= bytes.count {
          if bytes[index] == first,
            UnsafeBufferPointer(rebasing: bytes[index..<index + pattern.count]).elementsEqual(pattern)
          {
            return (
              String(decoding: UnsafeBufferPointer(rebasing: bytes[..<index]), as: UTF8.self),
              String(
                decoding: UnsafeBufferPointer(rebasing: bytes[(index + pattern.count)...]), as: UTF8.self)
            )
          }
          index += 1
        }
        return nil
      }
    }
    if let contiguous { return contiguous }
    let text = self
    let utf8 = text.utf8
    let pattern = Array(separator.utf8)
    guard let first = pattern.first else { return nil }
    var index = utf8.startIndex
    while let found = utf8[index...].firstIndex(of: first) {
      var end = found
      var matched = true
      for byte in pattern {
        guard end < utf8.endIndex, utf8[end] == byte else {
          matched = false
          break
        }
        end = utf8.index(after: end)
      }
      if matched { return (String(text[..<found]), String(text[end...])) }
      index = utf8.index(after: found)
    }
    return nil
  }
}
