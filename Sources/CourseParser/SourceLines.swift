import CourseModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lines of a course file, split on first use, so a diagnostic can point at a column
/// inside a line (a `{#id}`, a link target, a front-matter key) rather than at the start
/// of the block that holds it.
///
/// Lines end as CommonMark ends them: at `\n`, `\r\n` or a lone `\r`. Columns are 1-based
/// UTF-8 byte offsets, as cmark counts them.
final class SourceLines {
  let file: String
  private let text: String
  /// The file's bytes, copied once on first use.
  private lazy var bytes: [UInt8] = Array(text.utf8)
  /// The byte offset where each line starts; built on first use.
  private lazy var starts: [Int] = bytes.withUnsafeBufferPointer(Self.lineStarts)

  init(_ source: SourceFile) {
    file = source.path
    text = source.text
  }

  init(file: String, text: String) {
    self.file = file
    self.text = text
  }

  /// Where the list item `index` (0-based) of the list that starts at `list` begins: the
  /// line of its marker, in the list's column. cmark keeps no position for an item with
  /// nothing in it, so the markers are counted: a line whose text at the list's column
  /// is `-`, `*`, `+` or digits and `.` or `)`, followed by a space or the line's end.
  func listItem(_ index: Int, ofListAt list: SourceLocation) -> SourceLocation? {
    var found = 0
    var line = list.line
    let column = list.column - 1
    while line <= starts.count, line < list.line + 2_000 {
      let text = bytes(ofLine: line)
      let start = text.startIndex + column
      if start < text.endIndex, Self.isListMarker(text[start...]) {
        if found == index { return SourceLocation(file: list.file, line: line, column: list.column) }
        found += 1
      }
      line += 1
    }
    return nil
  }

  private static func isListMarker(_ text: ArraySlice<UInt8>) -> Bool {
    guard let first = text.first else { return false }
    var rest = text.dropFirst()
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
      // A bullet.
    } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
      rest = rest.drop { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
      guard rest.first == UInt8(ascii: ".") || rest.first == UInt8(ascii: ")") else { return false }
      rest = rest.dropFirst()
    } else {
      return false
    }
    return rest.first.map { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ?? true
  }

  /// The end of `location`'s line (just past its last byte): the end of a fix that
  /// rewrites the rest of the line.
  func lineEnd(from location: SourceLocation) -> SourceLocation {
    location.at(column: max(bytes(ofLine: location.line).count + 1, location.column))
  }

  /// The bytes of a 1-based line, without its line ending; empty past the end.
  func bytes(ofLine line: Int) -> ArraySlice<UInt8> {
    guard line >= 1, line <= starts.count else { return [] }
    let start = starts[line - 1]
    var end = line < starts.count ? starts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return bytes[start..<end]
  }

  /// The text of a 1-based line, without its line ending.
  func text(ofLine line: Int) -> String { String(decoding: bytes(ofLine: line), as: UTF8.self) }

  /// The column where `needle` first occurs in `line` at or after `column`, or `nil`.
  func column(of needle: String, inLine line: Int, from column: Int = 1) -> Int? {
    let haystack = bytes(ofLine: line)
    var needle = needle
    return needle.withUTF8 { pattern -> Int? in
      guard let first = pattern.first, haystack.count >= pattern.count else { return nil }
      return haystack.withUnsafeBufferPointer { text -> Int? in
        guard let base = text.baseAddress else { return nil }
        var index = max(column - 1, 0)
        // memchr finds each candidate first byte; memcmp checks the rest.
        while index + pattern.count <= text.count {
          guard let hit = memchr(base + index, Int32(first), text.count - pattern.count + 1 - index) else {
            return nil
          }
          let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
          if memcmp(base + offset, pattern.baseAddress!, pattern.count) == 0 { return offset + 1 }
          index = offset + 1
        }
        return nil
      }
    }
  }

  /// A location in this file.
  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  /// The location of `needle` in `line` (from `column`), and where it ends; the start of
  /// the line's text at `fallback` when it is not there.
  func span(of needle: String, inLine line: Int, from column: Int = 1, fallback: SourceLocation)
    -> (start: SourceLocation, end: SourceLocation?)
  {
    guard let found = self.column(of: needle, inLine: line, from: column) else { return (fallback, nil) }
    return (location(line: line, column: found), location(line: line, column: found + needle.utf8.count))
  }

  /// The byte column of a character column (libyaml counts characters, cmark bytes).
  func byteColumn(ofCharacterColumn column: Int, inLine line: Int) -> Int {
    let lineBytes = bytes(ofLine: line)
    var characters = 1
    var index = lineBytes.startIndex
    while characters < column, index < lineBytes.endIndex {
      index += 1
      while index < lineBytes.endIndex, lineBytes[index] & 0xC0 == 0x80 { index += 1 }
      characters += 1
    }
    return index - lineBytes.startIndex + 1 + max(0, column - characters)
  }

  /// Where each line starts. `\r` is rare, so one memchr finds it is absent and the
  /// `\n` are then found with memchr too.
  private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var starts = [0]
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return starts }
    let count = bytes.count
    if memchr(base, Int32(UInt8(ascii: "\r")), count) == nil {
      starts.reserveCapacity(count / 40)
      var index = 0
      while index < count, let hit = memchr(base + index, Int32(UInt8(ascii: "\n")), count - index) {
        index = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        starts.append(index)
      }
    } else {
      var index = 0
      while index < count {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
          starts.append(index)
        } else if byte == UInt8(ascii: "\r") {
          if index < count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
          starts.append(index)
        }
      }
    }
    if starts.count > 1, starts.last == count { starts.removeLast() }
    return starts
  }
}
