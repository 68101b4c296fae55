import CCmark
import CourseModel

/// Turns Markdown text into ``Block`` values with cmark.
///
/// This is the only code in coach that sees a cmark pointer: ``parse(_:file:)`` creates
/// the tree, walks it once with `cmark_iter`, copies every node into Swift values and
/// frees the tree before it returns. The walk keeps its own stack, so deep nesting cannot
/// overflow the call stack; containers nested deeper than ``maximumDepth`` are flattened
/// into their nearest kept ancestor.
enum MarkdownConverter {
  /// Block quotes, lists and inline wrappers deeper than this are flattened.
  static let maximumDepth = 48

  /// Parses CommonMark text. Parsing never fails: all text is Markdown.
  /// - Parameters:
  ///   - text: the Markdown source, after any front matter.
  ///   - file: the path recorded in every block's ``SourceLocation``.
  ///   - lineOffset: lines that came before `text` in the file (the front matter's).
  /// - Returns: the document's top-level blocks.
  static func parse(_ text: Substring, file: String, lineOffset: Int = 0) -> [Block] {
    var text = text
    let root: OpaquePointer? = text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT)
      }
    }
    guard let root else { return [] }
    defer { cmark_node_free(root) }
    guard let iterator = cmark_iter_new(root) else { return [] }
    defer { cmark_iter_free(iterator) }

    var stack = [Frame(kind: .document, location: nil)]
    stack[0].reserve(childCount(root))
    var skipped: [Bool] = [false]  // whether each entered container was flattened
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_DOCUMENT { continue }
      if event == CMARK_EVENT_EXIT {
        if skipped.removeLast() { continue }
        stack.removeLast().close(into: &stack[stack.count - 1])
        continue
      }
      // CMARK_EVENT_ENTER
      let location = SourceLocation(
        file: file, line: Int(cmark_node_get_start_line(node)) + lineOffset,
        column: Int(cmark_node_get_start_column(node)))
      if appendLeaf(node, type: type, location: location, to: &stack[stack.count - 1]) { continue }
      let flatten = stack.count > maximumDepth && Frame.isFlattenable(type)
      skipped.append(flatten)
      if !flatten {
        // Built in place: a copy would share the reserved buffers and force a reallocation.
        stack.append(Frame(node: node, type: type, location: location))
        stack[stack.count - 1].reserve(childCount(node))
      }
    }
    return stack.first?.blocks ?? []
  }

  /// Appends a node that has no children (and gets no exit event) to its parent.
  /// - Returns: `false` for a container, which the caller enters.
  private static func appendLeaf(
    _ node: OpaquePointer, type: cmark_node_type, location: SourceLocation, to parent: inout Frame
  ) -> Bool {
    switch type {
    case CMARK_NODE_TEXT: parent.inlines.append(.text(literal(node)))
    case CMARK_NODE_CODE: parent.inlines.append(.code(literal(node)))
    case CMARK_NODE_HTML_INLINE: parent.inlines.append(.html(literal(node)))
    case CMARK_NODE_SOFTBREAK: parent.inlines.append(.softBreak)
    case CMARK_NODE_LINEBREAK: parent.inlines.append(.lineBreak)
    case CMARK_NODE_CODE_BLOCK:
      parent.blocks.append(
        Block(.codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal(node)), at: location))
    case CMARK_NODE_HTML_BLOCK: parent.blocks.append(Block(.htmlBlock(literal(node)), at: location))
    case CMARK_NODE_THEMATIC_BREAK: parent.blocks.append(Block(.thematicBreak, at: location))
    default: return false
    }
    return true
  }

  /// How many children a node has, so arrays are allocated once at their final size.
  private static func childCount(_ node: OpaquePointer) -> Int {
    var count = 0
    var child = cmark_node_first_child(node)
    while let current = child {
      count += 1
      child = cmark_node_next(current)
    }
    return count
  }

  private static func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  /// A container being filled while the walk is inside it.
  private struct Frame {
    enum Kind {
      case document, paragraph, blockQuote, item, custom
      case heading(Int)
      case list(ordered: Bool, start: Int, tight: Bool)
      case emphasis, strong
      case link(String, String), image(String, String)
    }

    let kind: Kind
    let location: SourceLocation?
    var blocks: [Block] = []
    var inlines: [Inline] = []
    var items: [[Block]] = []

    init(kind: Kind, location: SourceLocation?) {
      self.kind = kind
      self.location = location
    }

    init(node: OpaquePointer, type: cmark_node_type, location: SourceLocation) {
      let kind: Kind =
        switch type {
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_HEADING: .heading(Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_LIST:
          .list(
            ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
            start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK:
          .link(
            MarkdownConverter.string(cmark_node_get_url(node)),
            MarkdownConverter.string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
          .image(
            MarkdownConverter.string(cmark_node_get_url(node)),
            MarkdownConverter.string(cmark_node_get_title(node)))
        default: .custom
        }
      self.init(kind: kind, location: location)
    }

    /// Containers that may be flattened when nested too deeply.
    static func isFlattenable(_ type: cmark_node_type) -> Bool {
      switch type {
      case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
        CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
        true
      default: false
      }
    }

    /// Reserves room for `count` children in the array this kind of frame fills.
    mutating func reserve(_ count: Int) {
      guard count > 1 else { return }
      switch kind {
      case .document, .blockQuote, .item, .custom: blocks.reserveCapacity(count)
      case .list: items.reserveCapacity(count)
      case .paragraph, .heading, .emphasis, .strong, .link, .image: inlines.reserveCapacity(count)
      }
    }

    /// Hands the finished node to its parent: a block, an inline, or a list item.
    /// Children of a flattened container land in the nearest kept ancestor.
    consuming func close(into parent: inout Frame) {
      switch kind {
      case .document, .custom: break
      case .paragraph: parent.blocks.append(Block(.paragraph(inlines), at: location))
      case .heading(let level): parent.blocks.append(Block(.heading(level: level, inlines), at: location))
      case .blockQuote: parent.blocks.append(Block(.blockQuote(blocks), at: location))
      case .item:
        if case .list = parent.kind { parent.items.append(blocks) } else { parent.blocks += blocks }
      case .list(let ordered, let start, let tight):
        parent.blocks.append(
          Block(.list(ordered: ordered, start: start, tight: tight, items: items), at: location))
      case .emphasis: parent.inlines.append(.emphasis(inlines))
      case .strong: parent.inlines.append(.strong(inlines))
      case .link(let url, let title): parent.inlines.append(.link(destination: url, title: title, inlines))
      case .image(let url, let title): parent.inlines.append(.image(source: url, title: title, inlines))
      }
    }
  }
}
