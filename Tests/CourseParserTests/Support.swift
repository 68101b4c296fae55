import CourseModel
import Foundation

@testable import CourseParser

/// Paths of the test fixtures and golden files, found from this source file.
enum Paths {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixtures = tests.appendingPathComponent("Fixtures")
  static let golden = tests.appendingPathComponent("Golden")

  /// Compares `actual` with a golden file; `UPDATE_GOLDEN=1` rewrites the file instead.
  static func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
    let url = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
    }
    return try String(contentsOf: url, encoding: .utf8) == actual
  }
}

/// A course written to a temporary folder, file by file.
struct TemporaryCourse {
  let folder: String

  init(_ files: [String: String]) throws {
    folder = NSTemporaryDirectory() + "coach-test-" + UUID().uuidString
    for (name, text) in files {
      let path = folder + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
  }

  /// A course.md that lists `modules`, with optional front matter lines.
  static func courseFile(modules: [String], frontMatter: String? = nil) -> String {
    let matter = frontMatter.map { "---\n\($0)\n---\n\n" } ?? ""
    let list = modules.enumerated().map { "\($0.offset + 1). [Module](\($0.element))" }.joined(
      separator: "\n")
    return matter + "# Test course\n\n" + list + "\n"
  }

  /// A course with one module file `01-module.md`.
  init(module: String, courseFrontMatter: String? = "roles: [frontline, manager]") throws {
    try self.init([
      "course.md": Self.courseFile(modules: ["01-module.md"], frontMatter: courseFrontMatter),
      "01-module.md": module,
    ])
  }

  func load() -> LoadResult { CourseLoader.load(paths: [folder]) }

  /// The diagnostics with the folder prefix removed: `file:line:column: severity: message`.
  func diagnostics() -> [String] {
    load().diagnostics.map { portable($0.description) }
  }

  /// A line of output with the folder prefix removed.
  func portable(_ line: String) -> String { line.replacingOccurrences(of: folder + "/", with: "") }

  func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// A dump of blocks with `@line:column`, one node a line, for golden tests.
func dump(_ blocks: [Block], indent: String = "") -> String {
  blocks.map { dump($0, indent: indent) }.joined()
}

private func dump(_ block: Block, indent: String) -> String {
  let at = block.location.map { " @\($0.line):\($0.column)" } ?? ""
  switch block.kind {
  case .paragraph(let inlines): return "\(indent)paragraph\(at) \(dump(inlines))\n"
  case .heading(let level, let inlines): return "\(indent)heading(\(level))\(at) \(dump(inlines))\n"
  case .list(let ordered, let start, let tight, let items):
    var out = "\(indent)list(\(ordered ? "ordered from \(start)" : "bullet")\(tight ? ", tight" : ""))\(at)\n"
    for item in items { out += "\(indent)  item\n" + dump(item, indent: indent + "    ") }
    return out
  case .blockQuote(let children): return "\(indent)blockQuote\(at)\n" + dump(children, indent: indent + "  ")
  case .codeBlock(let info, let code): return "\(indent)codeBlock(\(info))\(at) \(code.debugDescription)\n"
  case .htmlBlock(let html): return "\(indent)html\(at) \(html.debugDescription)\n"
  case .thematicBreak: return "\(indent)thematicBreak\(at)\n"
  }
}

private func dump(_ inlines: [Inline]) -> String {
  inlines.map { inline in
    switch inline {
    case .text(let s): s.debugDescription
    case .code(let s): "code(\(s.debugDescription))"
    case .emphasis(let c): "emph[\(dump(c))]"
    case .strong(let c): "strong[\(dump(c))]"
    case .link(let d, _, let c): "link(\(d))[\(dump(c))]"
    case .image(let s, _, let c): "image(\(s))[\(dump(c))]"
    case .softBreak: "softBreak"
    case .lineBreak: "lineBreak"
    case .html(let h): "html(\(h.debugDescription))"
    }
  }.joined(separator: " ")
}
