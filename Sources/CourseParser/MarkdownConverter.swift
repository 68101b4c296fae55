import CCmark
import CParseArena
import CourseModel

/// Turns Markdown text into ``Block`` values with cmark.
///
/// This is the only code in coach that sees a cmark pointer: ``parse(_:file:lineOffset:)``
/// creates the tree, copies every node into Swift values and frees the tree before it
/// returns. Each kept container is filled by a call of its own, which walks its children
/// with cmark's sibling links; containers nested deeper than ``maximumDepth`` are flattened
/// into their nearest kept ancestor and walked in place (down through first children, up
/// through parents), so deep nesting cannot overflow the call stack. cmark's memory for a
/// parse comes from an arena (`CParseArena`), so the whole tree is freed at once.
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
    // cmark's memory comes from an arena of the thread's own, freed at once when the walk is over.
    guard let arena = coach_parse_arena_begin() else { return [] }
    defer { coach_parse_arena_end(arena) }  // frees the parser and the tree
    let memory = coach_parse_arena_memory().assumingMemoryBound(to: cmark_mem.self)
    guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory) else { return [] }
    var text = text
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
    }
    let root = cmark_parser_finish(parser)
    cmark_parser_free(parser)
    guard let root else { return [] }
    let walk = Walk(file: file, lineOffset: lineOffset)
    var document = Children()
    document.blocks.reserveCapacity(childCount(root))
    walk.fill(&document, from: root, depth: 1)
    return document.blocks
  }

  /// What the walk of one parse needs everywhere: where its blocks are.
  private struct Walk {
    let file: String
    let lineOffset: Int

    func location(_ node: OpaquePointer) -> SourceLocation {
      SourceLocation(
        file: file, line: Int(cmark_node_get_start_line(node)) + lineOffset,
        column: Int(cmark_node_get_start_column(node)))
    }

    /// Appends the children of `container` to `children`. `depth` counts the kept
    /// containers from the document down to `container`, both included.
    func fill(_ children: inout Children, from container: OpaquePointer, depth: Int) {
      let flattens = depth > MarkdownConverter.maximumDepth
      var next = cmark_node_first_child(container)
      while let node = next {
        let type = cmark_node_get_type(node)
        if !appendLeaf(node, type: type, to: &children) {
          if flattens && isFlattenable(type) {
            // Its children land here, walked in place rather than by another call.
            if let first = cmark_node_first_child(node) {
              next = first
              continue
            }
          } else {
            appendContainer(node, type: type, depth: depth, to: &children)
          }
        }
        // The next sibling, climbing out of flattened containers back towards `container`.
        var current = node
        next = cmark_node_next(current)
        while next == nil, let parent = cmark_node_parent(current), parent != container {
          current = parent
          next = cmark_node_next(parent)
        }
      }
    }

    /// Appends a node that has no children to its parent.
    /// - Returns: `false` for a container.
    private func appendLeaf(_ node: OpaquePointer, type: cmark_node_type, to parent: inout Children) -> Bool {
      switch type {
      case CMARK_NODE_TEXT: parent.inlines.append(.text(literal(node)))
      case CMARK_NODE_SOFTBREAK: parent.inlines.append(.softBreak)
      case CMARK_NODE_CODE: parent.inlines.append(.code(literal(node)))
      case CMARK_NODE_HTML_INLINE: parent.inlines.append(.html(literal(node)))
      case CMARK_NODE_LINEBREAK: parent.inlines.append(.lineBreak)
      case CMARK_NODE_CODE_BLOCK:
        parent.blocks.append(
          Block(
            .codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal(node)), at: location(node)
          )
        )
      case CMARK_NODE_HTML_BLOCK: parent.blocks.append(Block(.htmlBlock(literal(node)), at: location(node)))
      case CMARK_NODE_THEMATIC_BREAK: parent.blocks.append(Block(.thematicBreak, at: location(node)))
      default: return false
      }
      return true
    }

    /// Converts a container with a call of its own and hands the result to its parent:
    /// a block, an inline, or a list item.
    private func appendContainer(
      _ node: OpaquePointer, type: cmark_node_type, depth: Int, to parent: inout Children
    ) {
      switch type {
      case CMARK_NODE_PARAGRAPH:
        parent.blocks.append(Block(.paragraph(inlines(of: node, depth: depth)), at: location(node)))
      case CMARK_NODE_HEADING:
        let level = Int(cmark_node_get_heading_level(node))
        parent.blocks.append(
          Block(.heading(level: level, inlines(of: node, depth: depth)), at: location(node)))
      case CMARK_NODE_BLOCK_QUOTE:
        parent.blocks.append(Block(.blockQuote(blocks(of: node, depth: depth)), at: location(node)))
      case CMARK_NODE_ITEM:
        // An item outside a list only when its list was flattened: its blocks join the parent's.
        parent.blocks += blocks(of: node, depth: depth)
      case CMARK_NODE_LIST:
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        let start = Int(cmark_node_get_list_start(node))
        let tight = cmark_node_get_list_tight(node) != 0
        var children = Children()
        children.items.reserveCapacity(childCount(node))
        fillItems(&children, from: node, depth: depth + 1)
        parent.blocks.append(
          Block(
            .list(ordered: ordered, start: start, tight: tight, items: children.items), at: location(node)))
      case CMARK_NODE_EMPH: parent.inlines.append(.emphasis(inlines(of: node, depth: depth)))
      case CMARK_NODE_STRONG: parent.inlines.append(.strong(inlines(of: node, depth: depth)))
      case CMARK_NODE_LINK:
        let (url, title) = (string(cmark_node_get_url(node)), string(cmark_node_get_title(node)))
        parent.inlines.append(.link(destination: url, title: title, inlines(of: node, depth: depth)))
      case CMARK_NODE_IMAGE:
        let (url, title) = (string(cmark_node_get_url(node)), string(cmark_node_get_title(node)))
        parent.inlines.append(.image(source: url, title: title, inlines(of: node, depth: depth)))
      default:
        // Custom nodes, which cmark's parser never makes: their children are dropped.
        break
      }
    }

    /// A list's items, each as its blocks. Items nested too deeply are flattened into
    /// the list, which keeps only items: what they hold is dropped.
    private func fillItems(_ children: inout Children, from list: OpaquePointer, depth: Int) {
      guard depth <= MarkdownConverter.maximumDepth else {
        fill(&children, from: list, depth: depth)
        return
      }
      var next = cmark_node_first_child(list)
      while let item = next {
        next = cmark_node_next(item)
        // cmark gives a list no other children.
        if cmark_node_get_type(item) == CMARK_NODE_ITEM {
          children.items.append(blocks(of: item, depth: depth))
        }
      }
    }

    private func inlines(of node: OpaquePointer, depth: Int) -> [Inline] {
      children(of: node, depth: depth, holdingInlines: true).inlines
    }

    private func blocks(of node: OpaquePointer, depth: Int) -> [Block] {
      children(of: node, depth: depth, holdingInlines: false).blocks
    }

    /// A container's children, with room made for them in the array they go to.
    private func children(of node: OpaquePointer, depth: Int, holdingInlines: Bool) -> Children {
      var children = Children()
      let count = childCount(node)
      if count > 1 {
        if holdingInlines {
          children.inlines.reserveCapacity(count)
        } else {
          children.blocks.reserveCapacity(count)
        }
      }
      fill(&children, from: node, depth: depth + 1)
      return children
    }

    private func isFlattenable(_ type: cmark_node_type) -> Bool {
      switch type {
      case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
        CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
        true
      default: false
      }
    }
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

  /// What a container is filled with while its children are walked.
  private struct Children {
    var blocks: [Block] = []
    var inlines: [Inline] = []
    var items: [[Block]] = []
  }
}
