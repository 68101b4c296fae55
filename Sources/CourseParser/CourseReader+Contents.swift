import CourseModel
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One link of the contents list to a module file.
struct ModuleLink {
  /// The link target: a path relative to `course.md`, without `#fragment`, percent-decoded.
  var target: String
  /// The destination as cmark read it, for messages.
  var written: String
  var location: SourceLocation
  /// Where the destination ends, when it was found in its line.
  var end: SourceLocation?
  /// Why the destination cannot name a file (a bad percent-escape), if it cannot.
  var problem: String?
  /// Whether the target ends in `.md`; other local links only matter when `target.md` exists.
  var isMarkdown: Bool
}

extension CourseReader {
  /// The links to local files in a list block (nested lists included), in order. Empty
  /// for any other block.
  static func moduleLinks(in block: Block, lines: SourceLines?) -> [ModuleLink] {
    guard let items = block.listItems else { return [] }
    var links: [ModuleLink] = []
    for item in items {
      for child in item {
        if let inlines = child.paragraphInlines, let location = child.location {
          links += localLinks(in: inlines, at: location, lines: lines)
        } else if child.listItems != nil {
          links += moduleLinks(in: child, lines: lines)
        }
      }
    }
    return links
  }

  private static func localLinks(in inlines: [Inline], at location: SourceLocation, lines: SourceLines?)
    -> [ModuleLink]
  {
    var links: [ModuleLink] = []
    for inline in inlines {
      switch inline {
      case .link(let destination, _, _):
        guard var link = localTarget(destination, at: location) else { continue }
        // Point at the destination itself: it is what a trainer edits.
        if let lines {
          for line in location.line..<location.line + 3 {
            let from = line == location.line ? location.column : 1
            if let column = lines.column(of: "(" + destination, inLine: line, from: from) {
              link.location = lines.location(line: line, column: column + 1)
              link.end = link.location.movedRight(by: destination.utf8.count)
              break
            }
          }
        }
        links.append(link)
      case .emphasis(let children), .strong(let children):
        links += localLinks(in: children, at: location, lines: lines)
      default: break
      }
    }
    return links
  }

  /// The link to a local file, or `nil` for a web address, a mail link or a fragment.
  private static func localTarget(_ destination: String, at location: SourceLocation) -> ModuleLink? {
    var target = destination
    if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
    guard !target.isEmpty, !target.contains("://"), !target.lowercased().hasPrefix("mailto:") else {
      return nil
    }
    var problem: String?
    switch percentDecoded(target) {
    case .success(let decoded): target = decoded
    case .failure(let why): problem = why.message
    }
    if target.hasPrefix("./") { target.removeFirst(2) }
    return ModuleLink(
      target: target, written: destination, location: location, problem: problem,
      isMarkdown: target.lowercased().hasSuffix(".md"))
  }

  struct PercentProblem: Error {
    var message: String
  }

  /// A link path with its `%XX` escapes decoded. An escape that is not two hex digits,
  /// bytes that are not UTF-8, or a control character (a `%00` above all) is refused:
  /// a path must never hold a NUL, and a message must never print one.
  static func percentDecoded(_ text: String) -> Result<String, PercentProblem> {
    let bytes = Array(text.utf8)
    guard bytes.contains(UInt8(ascii: "%")) else { return .success(text) }
    var out: [UInt8] = []
    var index = 0
    func hex(_ byte: UInt8) -> UInt8? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
      default: nil
      }
    }
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "%") else {
        out.append(bytes[index])
        index += 1
        continue
      }
      guard index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2])
      else {
        let escape = String(decoding: bytes[index..<min(index + 3, bytes.count)], as: UTF8.self)
        return .failure(
          PercentProblem(
            message:
              "'\(escape)' in the link is not an escape ('%' and two hex digits): write '%25' for a '%', "
              + "'%20' for a space"))
      }
      let value = high << 4 | low
      if value < 0x20 || value == 0x7F {
        let escape = String(decoding: bytes[index...(index + 2)], as: UTF8.self)
        return .failure(
          PercentProblem(
            message: "'\(escape)' in the link stands for a control character "
              + "(\(UnsafeCharacter.describe(Unicode.Scalar(value)))), which no file name may hold: remove it"
          ))
      }
      out.append(value)
      index += 3
    }
    guard let decoded = String(validating: out, as: UTF8.self) else {
      return .failure(
        PercentProblem(
          message: "the '%' escapes in the link do not spell UTF-8 text: write the file name as it is"))
    }
    if let unsafe = decoded.unicodeScalars.first(where: UnsafeCharacter.isUnsafe) {
      return .failure(
        PercentProblem(
          message:
            "the link's escapes stand for a control character (\(UnsafeCharacter.describe(unsafe))): remove it"
        ))
    }
    return .success(decoded)
  }

  /// The real path of a file (symbolic links resolved), or `nil` when it cannot be found.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Whether `path` is `folder` or lies under it (both absolute, without `..`).
  static func isInside(_ path: String, _ folder: String) -> Bool {
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    return path == folder || path.hasPrefix(base)
  }

  /// The file a trainer most likely meant by a missing `target`: one in the same folder
  /// whose name differs only in case, or is one edit away.
  static func likelyFile(for target: String, in folder: String) -> String? {
    // Each folder on the way may be the one meant in another case, or one edit away.
    var parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard let name = parts.popLast() else { return nil }
    var directory = folder
    var prefix = ""
    for part in parts {
      if part.isEmpty || part == "." || part == ".." {
        directory = join(directory, part)
        prefix += part + "/"
        continue
      }
      var isDirectory: ObjCBool = false
      let exact = join(directory, part)
      if FileManager.default.fileExists(atPath: exact, isDirectory: &isDirectory), isDirectory.boolValue {
        directory = exact
        prefix += part + "/"
        continue
      }
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      let folders = entries.filter { entry in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: join(directory, entry), isDirectory: &isDirectory)
          && isDirectory.boolValue
      }
      guard let meant = closest(to: part, among: folders) else { return nil }
      directory = join(directory, meant)
      prefix += meant + "/"
    }
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
    let candidates = entries.filter { $0.lowercased().hasSuffix(".md") }
    guard let meant = closest(to: name, among: candidates) else { return nil }
    let found = prefix + meant
    return found == target ? nil : found
  }

  /// The one name among `names` that `name` was likely meant as: the same letters in
  /// another case, else the only one a letter away (added, dropped, changed, or two
  /// neighbours swapped).
  private static func closest(to name: String, among names: [String]) -> String? {
    let sorted = names.sorted()
    if let sameLetters = sorted.first(where: { $0.lowercased() == name.lowercased() }) { return sameLetters }
    let close = sorted.filter {
      abs($0.count - name.count) <= 1 && (editDistance($0, name) <= 1 || isSwap($0, name))
    }
    return close.count == 1 ? close[0] : nil
  }

  /// Whether `a` is `b` with two neighbouring characters swapped (`wlecome`, `welcome`).
  private static func isSwap(_ a: String, _ b: String) -> Bool {
    let a = Array(a.lowercased())
    let b = Array(b.lowercased())
    guard a.count == b.count else { return false }
    let differ = a.indices.filter { a[$0] != b[$0] }
    return differ.count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]]
      && a[differ[1]] == b[differ[0]]
  }
}
