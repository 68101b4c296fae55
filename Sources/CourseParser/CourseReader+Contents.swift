import CourseModel
import Foundation

/// One link of the contents list to a module file.
struct ModuleLink {
  /// The link target: a path relative to `course.md`, without `#fragment`, percent-decoded.
  var target: String
  var location: SourceLocation
}

extension CourseReader {
  /// The links to local `.md` files in a list block (nested lists included), in order.
  /// Empty for any other block.
  static func moduleLinks(in block: Block) -> [ModuleLink] {
    guard let items = block.listItems else { return [] }
    var links: [ModuleLink] = []
    for item in items {
      for child in item {
        if let inlines = child.paragraphInlines, let location = child.location {
          links += localLinks(in: inlines, at: location)
        } else if child.listItems != nil {
          links += moduleLinks(in: child)
        }
      }
    }
    return links
  }

  private static func localLinks(in inlines: [Inline], at location: SourceLocation) -> [ModuleLink] {
    var links: [ModuleLink] = []
    for inline in inlines {
      switch inline {
      case .link(let destination, _, _):
        if let target = localMarkdownTarget(destination) {
          links.append(ModuleLink(target: target, location: location))
        }
      case .emphasis(let children), .strong(let children):
        links += localLinks(in: children, at: location)
      default: break
      }
    }
    return links
  }

  /// The path of a link to a local `.md` file, or `nil` for anything else.
  private static func localMarkdownTarget(_ destination: String) -> String? {
    var target = destination
    if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
    target = target.removingPercentEncoding ?? target
    if target.hasPrefix("./") { target.removeFirst(2) }
    guard target.lowercased().hasSuffix(".md"), !target.contains("://"), !target.hasPrefix("/"),
      !target.lowercased().hasPrefix("mailto:")
    else { return nil }
    return target
  }
}
